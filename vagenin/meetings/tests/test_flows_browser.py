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


def test_a_private_meeting_is_hidden_from_outsiders_and_open_to_the_bodys_members(site: dict[str, Any]) -> None:
    """A meeting for the invited members of a body: a guest and an outside partner get a 404; a member's user
    registers with the account and then sees the online link."""
    import datetime

    from django.test import Client

    from vagenin.actionplan.tests.builders import make_period
    from vagenin.agreement.models import Body, BodyKind, BodyMembership
    from vagenin.meetings.models import EventVisibility
    from vagenin.organisations.models import Person

    personas = make_personas()
    body = Body.objects.create(period=make_period(), slug="temagrupp", kind=BodyKind.THEME_GROUP, name_sv="Temagrupp")
    BodyMembership.objects.create(
        body=body,
        person=Person.objects.create(first_name="Ada", last_name="Ledamot"),
        organisation=personas.org_a,
        starts_on=datetime.date(2020, 1, 1),
    )
    event = make_event(
        personas.org_b,
        "Temagruppens möte",
        visibility=EventVisibility.BODY,
        body=body,
        format="hybrid",
        online_link="https://video.example.org/temagrupp",
    )
    outsider = site["page"]()
    response = outsider.goto(f"/moten/{event.uuid}/")
    assert response is not None and response.status == 404
    assert "Temagruppens möte" not in outsider.content()
    outsider.goto("/moten/")
    assert "Temagruppens möte" not in outsider.locator("main").inner_text()

    member = Client()
    member.force_login(personas.editor_a)
    page = site["page"](member)
    page.goto("/moten/")
    with page.expect_navigation():
        page.get_by_role("link", name="Temagruppens möte").click()
    assert "video.example.org" not in page.locator("main").inner_text()
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("Anmäl")).first.click()
    assert not axe_violations(page)
    assert page.get_by_label(re.compile(r"^e-postadress", re.IGNORECASE)).is_disabled()
    with page.expect_navigation():
        page.get_by_role("button", name="Skicka anmälan").click()
    assert "Du är anmäld" in page.locator("main").inner_text()
    registration = Registration.objects.get(event=event)
    assert registration.user == personas.editor_a and registration.status == RegistrationStatus.CONFIRMED
    page.goto(f"/moten/{event.uuid}/")
    assert "https://video.example.org/temagrupp" in page.locator("main").inner_text()


def test_the_organiser_cancels_the_event_and_reinstates_it(site: dict[str, Any]) -> None:
    """The organiser calls the meeting off with a reason: the guest is mailed, the public page says so and
    takes no registrations; reinstating it opens registration again."""
    from django.test import Client

    from vagenin.meetings import services

    personas = make_personas()
    event = make_event(personas.org_a, "Nätverksträff i Mora")
    services.register(actor=None, event=event, data={"name": "Gunnel Gäst", "email": "g@example.org"}, language="sv")
    mail.outbox.clear()
    client = Client()
    client.force_login(personas.editor_a)
    organiser = site["page"](client)
    organiser.goto(f"/moten/{event.uuid}/arrangera/")
    with organiser.expect_navigation():
        organiser.get_by_role("link", name="Ställ in mötet").click()
    assert not axe_violations(organiser)
    organiser.locator("#id_reason_sv").fill("Föreläsaren är sjuk.")
    with organiser.expect_navigation():
        organiser.get_by_role("button", name="Ställ in mötet och meddela alla").click()
    assert "Mötet är inställt. 1 anmäld har fått besked." in organiser.locator("main").inner_text()
    (message,) = mail.outbox
    assert message.to == ["g@example.org"] and "Föreläsaren är sjuk." in str(message.body)
    assert "STATUS:CANCELLED" in message.attachments[0][1]

    cache.clear()
    visitor = site["page"]()
    visitor.goto(f"/moten/{event.uuid}/")
    text = visitor.locator("main").inner_text()
    assert "Mötet är inställt." in text and "Föreläsaren är sjuk." in text
    assert visitor.get_by_role("link", name=re.compile("^Anmäl")).count() == 0
    assert not axe_violations(visitor)

    with organiser.expect_navigation():
        organiser.get_by_role("link", name="Återuppta mötet").click()
    with organiser.expect_navigation():
        organiser.get_by_role("button", name="Återuppta mötet").click()
    assert "Mötet blir av igen." in organiser.locator("main").inner_text()
    cache.clear()
    visitor.goto(f"/moten/{event.uuid}/")
    assert visitor.get_by_role("link", name=re.compile("^Anmäl")).count() == 1
