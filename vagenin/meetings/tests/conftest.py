"""The browser fixtures of the site-wide browser tests, for the meetings module's own browser tests."""

from collections.abc import Callable
from typing import Any

import pytest

from testsupport.browser import browser, browser_settings

__all__ = ["browser", "browser_settings", "call"]


@pytest.fixture
def call(django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """`call(services.x, **kwargs)`: call a service and run what it queued for after its commit (the mails),
    as a real commit would; the test's own transaction never commits."""

    def run(function: Callable[..., Any], /, **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return function(**kwargs)

    return run
