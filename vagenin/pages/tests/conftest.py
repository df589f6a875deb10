"""Fixtures for the pages tests: clean rate limits, Swedish as the starting language, fast hashing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def _clear_rate_limits() -> Iterator[None]:
    """Rate-limit counters live in the cache; no test may inherit another's hits."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """The personas' passwords are never checked here; hashing them properly only costs time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _swedish_between_tests() -> Iterator[None]:
    """A request to /en/ leaves English active in the thread, which would make the next reverse() English."""
    with translation.override(settings.LANGUAGE_CODE):
        yield
