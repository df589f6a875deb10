"""axe-core WCAG 2.1 AA checks of the pages app's pages in Chromium, as the accessibility statement promises."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from testsupport.personas import Personas
from vagenin.pages.tests.builders import make_agreement, make_contact, make_feedback

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = "/usr/bin/chromium"
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def browser_page(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """A Chromium page; Playwright's sync API runs an event loop that Django would otherwise refuse."""
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        # axe is injected from the test, which the site's nonce-based CSP would rightly block.
        context = browser.new_context(bypass_csp=True)
        yield context.new_page()
        browser.close()


def axe_violations(page: Any) -> list[str]:
    """The WCAG 2.1 A/AA violations axe finds on the page as it is now, one line per element."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=WCAG_21_AA).response
    assert results["passes"], "axe checked nothing"
    return [f"{found['id']}: {node['target']}" for found in results["violations"] for node in found["nodes"]]


def violations(page: Any, url: str) -> list[str]:
    page.goto(url)
    assert page.url == url, f"redirected to {page.url}"
    return axe_violations(page)


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_public_pages_have_no_axe_violations(live_server: Any, browser_page: Any, prefix: str) -> None:
    make_agreement()
    for name in ("pages:home", "pages:contact", "pages:contact_sent", "pages:accessibility", "pages:privacy"):
        url = live_server.url + prefix + reverse(name)
        assert violations(browser_page, url) == [], url


def test_form_error_states_have_no_axe_violations(live_server: Any, browser_page: Any) -> None:
    browser_page.goto(live_server.url + reverse("pages:contact"))
    browser_page.click("text=Skicka meddelandet")
    assert browser_page.locator(".error-summary").count() == 1
    assert axe_violations(browser_page) == []

    browser_page.goto(live_server.url + reverse("pages:privacy"))
    browser_page.click("text=Skicka svar")
    assert browser_page.locator(".error-summary").count() == 1
    assert axe_violations(browser_page) == []


def test_inbox_pages_have_no_axe_violations(live_server: Any, browser_page: Any, personas: Personas) -> None:
    message = make_contact(body="En fråga om nätverksträffen.")
    make_feedback("/kontakt/", useful=False, body="Svår att hitta.")
    client = Client()
    client.force_login(personas.coordinator)
    browser_page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    for url in (
        reverse("pages:inbox"),
        reverse("pages:feedback_stats"),
        reverse("pages:message", kwargs={"message": message.uuid}),
        reverse("pages:message_delete", kwargs={"message": message.uuid}),
    ):
        assert violations(browser_page, live_server.url + url) == [], url
