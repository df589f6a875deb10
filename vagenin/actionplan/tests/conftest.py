"""The browser fixtures of the site-wide browser tests, for the action plan's own browser tests; each test its
own MEDIA_ROOT, so that documents built (overview/builds.py) and uploads kept by one test are not seen by the next."""

from pathlib import Path
from typing import Any

import pytest

from testsupport.browser import browser, browser_settings

__all__ = ["browser", "browser_settings"]


@pytest.fixture(autouse=True)
def _own_media_root(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
