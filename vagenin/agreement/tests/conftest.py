"""Fixtures for the agreement's tests."""

from __future__ import annotations

import pytest
from django.test import override_settings

from vagenin.agreement.tests.builders import Sample, make_sample
from vagenin.common.testing import Personas, make_personas


@pytest.fixture
def personas(db: None) -> Personas:
    """The suite's personas, made with a fast password hasher.

    Test clients log in with force_login and never check a password, so the default hasher's deliberate
    slowness (about a second per user) buys nothing here and would dominate the run time.
    """
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        return make_personas()


@pytest.fixture
def sample(personas: Personas) -> Sample:
    return make_sample(personas)
