"""The browser fixtures of the site-wide browser tests, for settlement's own browser test."""

from testsupport.browser import browser, browser_settings

__all__ = ["browser", "browser_settings"]
