"""The browser fixtures of the site-wide browser tests, for the action plan's own browser tests."""

from testsupport.browser import browser, browser_settings

__all__ = ["browser", "browser_settings"]
