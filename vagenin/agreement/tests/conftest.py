"""Fixtures for the agreement's tests."""

from __future__ import annotations

import pytest

from vagenin.agreement.tests.builders import Sample, make_sample
from vagenin.common.testing import Personas


@pytest.fixture
def sample(personas: Personas) -> Sample:
    return make_sample(personas)
