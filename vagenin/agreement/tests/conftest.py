"""Fixtures for the agreement's tests."""

from __future__ import annotations

import pytest

from testsupport.personas import Personas
from vagenin.agreement.tests.builders import Sample, make_sample


@pytest.fixture
def sample(personas: Personas) -> Sample:
    return make_sample(personas)
