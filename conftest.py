"""Suite-wide fixtures: no network, personas, and the browser-test switch."""

from __future__ import annotations

import ipaddress
import os
import shutil
import socket
from typing import Any

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from testsupport.personas import Personas, make_personas

# Property tests check properties, not speed: on a busy machine (CI beside other work, two xdist workers) their
# input generation and examples run slower, which must not fail a run. Speed is the benchmark's business.
hypothesis_settings.register_profile("vagenin", deadline=None, suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.load_profile("vagenin")

_real_connect = socket.socket.connect


def _guarded_connect(self: socket.socket, address: Any) -> Any:
    """Allow only loopback and Unix sockets: tests must never touch the network."""
    if isinstance(address, tuple):
        host = address[0]
        try:
            loopback = ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = host == "localhost"
        if not loopback:
            raise RuntimeError(f"Tests must not touch the network (tried {address!r}).")
    return _real_connect(self, address)


CHROMIUM = "/usr/bin/chromium"


def pytest_configure(config: pytest.Config) -> None:
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]  # network guard for the whole run
    # Here rather than at collection, so that under xdist it is one clear usage error, not an INTERNALERROR.
    if os.environ.get("REQUIRE_BROWSER_TESTS") == "1" and not shutil.which(CHROMIUM):
        raise pytest.UsageError(f"Browser tests are required (REQUIRE_BROWSER_TESTS=1) but {CHROMIUM} is missing.")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    browser_items = [item for item in items if "browser" in item.keywords]
    if not browser_items or shutil.which(CHROMIUM):
        return
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM}: browser tests skipped")
    for item in browser_items:
        item.add_marker(skip)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not shutil.which(CHROMIUM):
        terminalreporter.write_line(
            f"NOTE: browser tests were SKIPPED because {CHROMIUM} is missing (apt-get install -y chromium).",
            yellow=True,
        )


@pytest.fixture(autouse=True)
def _swedish_by_default() -> Any:
    """A request to /en/ leaves English active in the thread; every test starts in Swedish again."""
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True, scope="session")
def _media_in_a_temporary_folder(tmp_path_factory: Any) -> Any:
    """Uploads made by tests (and by demo data loaded in tests) never land in var/media."""
    from django.test import override_settings

    override = override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media")))
    override.enable()
    yield
    override.disable()


@pytest.fixture(autouse=True)
def _empty_cache() -> Any:
    """Rate-limit counters (per client, per recipient) live in the cache: no test inherits another's."""
    from django.core.cache import cache

    from vagenin.common.pagecache import forget_generation

    cache.clear()
    forget_generation()
    yield


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """Hashing with PBKDF2 costs seconds per persona on this machine; tests don't need its strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_page_cache(settings: Any) -> None:
    """Tests see what the view renders; vagenin/common/tests/test_pagecache.py turns the page cache on."""
    settings.PAGE_CACHE_SECONDS = 0
    # Where a test turns the cache on, each request reads the generation from the shared cache, as if every
    # request came from another process (test_pagecache.py tests the process's copy on its own).
    settings.PAGE_CACHE_GENERATION_SECONDS = 0


@pytest.fixture
def personas(db: None) -> Personas:
    return make_personas()
