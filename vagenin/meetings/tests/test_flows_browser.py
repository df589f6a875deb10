"""The registration flow end to end in Chromium, as a guest sees it: register for the last seat, get the
mail, cancel through the link in it; the person on the waiting list is promoted and told by mail. Then
the organiser checks a participant in on a phone-sized screen."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache
from playwright.sync_api import Browser, Page

from testsupport.browser import PHONE, PageWatch, axe_violations, new_context
from testsupport.personas import make_personas
from vagenin.meetings.models import Registration, RegistrationStatus
from vagenin.meetings.tests.builders import make_event

pytestmark = pytest.mark.browser
TIMEOUT_MS = 15_000


@pytest.fixture
def site(live_server: Any, browser: Browser, browser_settings: Any) -> Iterator[dict[str, Any]]:
    browser_settings.SITE_URL = live_server.url
    cache.clear()
    watches: list[PageWatch] = []
    contexts = []

    def page(client: Any = None, viewport: dict[str, int] | None = None) -> Page:
        context = new_context(browser, live_server.url, client)
        if viewport:
            context.close()
            context = browser.new_context(viewport=viewport, base_url=live_server.url)  # type: ignore[arg-type]
            if client is not None:
                from django.conf import settings

                cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
                context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        new = context.new_page()
        watches.append(PageWatch(new))
        return new

    yield {"url": live_server.url, "page": page}
    for context in contexts:
        context.close()
    problems = [problem for watch in watches for problem in watch.take()]
    assert not problems, "\n".join(problems)


def _register(page: Page, event: Any, name: str, email: str) -> None:
    page.goto(f"/moten/{event.uuid}/")
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("Anmäl")).first.click()
    assert not axe_violations(page)
    page.get_by_label(re.compile(r"^namn", re.IGNORECASE)).fill(name)
    page.get_by_label(re.compile(r"^e-postadress", re.IGNORECASE)).fill(email)
    page.get_by_label(re.compile("Mitt namn och min organisation")).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Skicka anmälan").click()


def test_guest_registers_cancels_by_the_link_and_the_waitlist_moves_up(site: dict[str, Any]) -> None:
    personas = make_personas()
    event = make_event(personas.org_a, "Processdag i Falun", capacity=1)
    guest = site["page"]()
    _register(guest, event, "Gunnel Gäst", "gunnel@example.org")
    assert guest.locator("h1").inner_text() == "Tack för din anmälan"
    assert "Du är anmäld" in guest.locator("main").inner_text()
    (confirmation,) = mail.outbox
    assert confirmation.attachments[0][0] == "event.ics"
    link = re.search(re.escape(site["url"]) + r"/moten/anmalan/\?t=\S+", str(confirmation.body))
    assert link

    waiting = site["page"]()
    _register(waiting, event, "Wilma Väntar", "wilma@example.org")
    assert "väntelistan" in waiting.locator("main").inner_text()
    assert Registration.objects.get(email="wilma@example.org").status == RegistrationStatus.WAITLISTED

    guest.goto(link.group(0))
    assert guest.locator("h1").inner_text() == "Din anmälan"
    assert not axe_violations(guest)
    with guest.expect_navigation():
        guest.get_by_role("button", name="Avboka min anmälan").click()
    assert "Din anmälan är avbokad" in guest.locator("main").inner_text()
    assert Registration.objects.get(email="wilma@example.org").status == RegistrationStatus.CONFIRMED
    promoted = [message for message in mail.outbox if message.to == ["wilma@example.org"]]
    assert promoted[-1].subject == "Du har fått en plats: Processdag i Falun"


def test_the_organiser_checks_in_on_a_phone(site: dict[str, Any]) -> None:
    from django.test import Client

    from vagenin.meetings import services

    personas = make_personas()
    event = make_event(personas.org_a, "Nätverksträff")
    services.register(actor=None, event=event, data={"name": "Gunnel Gäst", "email": "g@example.org"}, language="sv")
    client = Client()
    client.force_login(personas.editor_a)
    phone = site["page"](client, viewport=PHONE)
    phone.goto(f"/moten/{event.uuid}/narvaro/")
    assert not axe_violations(phone)
    with phone.expect_navigation():
        phone.get_by_role("button", name="Gunnel Gäst är här").click()
    assert "1 av 1 närvarande." in phone.locator("main").inner_text()
    assert Registration.objects.get().attended
