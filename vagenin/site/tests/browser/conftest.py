"""The shared browser fixtures (testsupport/browser.py) for the site-wide browser tests."""

from testsupport.browser import browser, browser_settings

__all__ = ["browser", "browser_settings"]
