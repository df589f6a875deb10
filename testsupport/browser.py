"""Playwright fixtures for the browser tests: one Chromium per module, one context per persona."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request, Response, sync_playwright

CHROMIUM = "/usr/bin/chromium"
# Headless, sandbox-free (containers), and nothing that phones home.
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
DESKTOP = {"width": 1280, "height": 800}
# WCAG 2.1 level A and AA: what the accessibility statement promises.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    # One Chromium per test module, not per session: while Playwright's sync API runs, its event loop
    # sits in this thread, and other apps' browser tests could not start their own Playwright.
    # Django refuses database access from the test code while that loop exists unless told that this
    # is safe, which it is: nothing here is async.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            yield chromium
            chromium.close()


@pytest.fixture
def browser_settings(settings: Any) -> Any:
    """Settings for browser tests: logins stay fresh for allauth's sensitive pages throughout a sweep,
    a TOTP period may end between reading a code and sending it, and the many logins from one address
    meet no rate limit (the limits are tested by accounts)."""
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 3600
    settings.MFA_TOTP_TOLERANCE = 1
    settings.ACCOUNT_RATE_LIMITS = False
    return settings


def new_context(browser: Browser, base_url: str, client: Client | None = None) -> BrowserContext:
    """A browser context at desktop size; with a logged-in Django test client, its session is taken over."""
    context = browser.new_context(viewport=DESKTOP, base_url=base_url)  # type: ignore[arg-type]
    if client is not None:
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}])
    return context


def axe_violations(page: Page) -> list[str]:
    """axe's WCAG 2.1 A/AA violations on the page as it is now: rule, impact, element and what to do."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)  # through the DevTools protocol, so the page's CSP does not apply
    results = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    return [
        f"axe {violation['id']} ({violation['impact']}) at {', '.join(map(str, node['target']))}: {violation['help']}"
        for violation in results["violations"]
        for node in violation["nodes"]
    ]


class PageWatch:
    """Collects what went wrong while a page loaded: console errors, CSP refusals, failed requests."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.problems: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"JavaScript error: {error}"))
        page.on("requestfailed", self._request_failed)
        page.on("response", self._response)

    def _console(self, message: ConsoleMessage) -> None:
        # Chrome logs an error page's own status (404, 403) too; the test checks that status itself.
        if message.text.startswith("Failed to load resource") and message.location.get("url") == self.page.url:
            return
        if message.type == "error" or "Content Security Policy" in message.text:
            self.problems.append(f"console {message.type}: {message.text}")

    def _request_failed(self, request: Request) -> None:
        self.problems.append(f"request failed: {request.method} {request.url} ({request.failure})")

    def _response(self, response: Response) -> None:
        # The page's own status is checked by the test; this catches its style sheets, images and scripts.
        if response.status >= 400 and response.request.resource_type != "document":
            self.problems.append(f"{response.status} for {response.request.resource_type} {response.url}")

    def take(self) -> list[str]:
        problems, self.problems = self.problems, []
        return problems
