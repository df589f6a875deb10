"""Calling an event off and reinstating it: the reason, the mails in each person's language with the calendar
entry marked cancelled, the public page and the feeds, registration closed, and the undo before the start."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from email import message_from_string
from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.test import Client
from django.utils import timezone

from testsupport.personas import Personas
from vagenin.common.models import AuditEntry
from vagenin.meetings import services
from vagenin.meetings.models import Event, Registration, RegistrationStatus
from vagenin.meetings.tests import icalparse
from vagenin.meetings.tests.builders import guest, make_event

pytestmark = pytest.mark.django_db
Call = Callable[..., Any]


def _full_event(personas: Personas, call: Call) -> tuple[Event, list[Registration]]:
    """An event with one seat: a Swedish guest holds it, an English guest waits."""
    event = make_event(personas.org_a, "Processdag i Falun", title_en="Process day in Falun", capacity=1)
    first = call(services.register, actor=None, event=event, data=guest("Siv Svensk", "siv@example.org"), language="sv")
    second = call(
        services.register, actor=None, event=event, data=guest("Emma English", "emma@example.org"), language="en"
    )
    assert (first.status, second.status) == ("confirmed", "waitlisted")
    mail.outbox.clear()
    return event, [first, second]


def _cancel(call: Call, personas: Personas, event: Event) -> int:
    return int(
        call(
            services.cancel_event,
            actor=personas.editor_a,
            event=event,
            reason_sv="Lokalen är inte tillgänglig.",
            reason_en="The venue is not available.",
        )
    )


def test_cancelling_tells_registrants_and_the_waitlist_in_their_language(personas: Personas, call: Call) -> None:
    event, _registrations = _full_event(personas, call)
    assert _cancel(call, personas, event) == 2
    event.refresh_from_db()
    assert event.is_cancelled and event.cancellation_reason_sv == "Lokalen är inte tillgänglig."
    assert event.calendar_sequence == 1
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"siv@example.org", "emma@example.org"}

    swedish = by_address["siv@example.org"]
    assert isinstance(swedish, EmailMultiAlternatives)
    assert swedish.subject == "Mötet är inställt: Processdag i Falun"
    assert "Lokalen är inte tillgänglig." in swedish.body
    html, mimetype = swedish.alternatives[0]
    assert mimetype == "text/html" and isinstance(html, str)
    assert "Lokalen är inte tillgänglig." in html and 'lang="sv"' in html
    name, body, calendar_type = swedish.attachments[0]
    assert name == "event.ics" and calendar_type.startswith("text/calendar")
    (vevent,) = icalparse.parse(body.encode()).components("VEVENT")
    assert vevent.text("STATUS") == "CANCELLED"
    assert vevent.text("SEQUENCE") == "1"
    assert vevent.text("UID") == f"{event.uuid}@vagenin"
    parts = {part.get_content_type() for part in message_from_string(swedish.message().as_string()).walk()}
    assert {"text/plain", "text/html", "text/calendar"} <= parts

    english = by_address["emma@example.org"]
    assert isinstance(english, EmailMultiAlternatives)
    assert english.subject == "The meeting is cancelled: Process day in Falun"
    assert "The venue is not available." in english.body
    assert "The venue is not available." in str(english.alternatives[0][0])
    assert not english.attachments  # the waitlist had no calendar entry to take away

    # Nothing happened to the registrations themselves: reinstating gives everyone their place back.
    assert sorted(Registration.objects.values_list("status", flat=True)) == ["confirmed", "waitlisted"]
    assert AuditEntry.objects.filter(action="meetings.event_cancelled").exists()


def test_a_cancelled_event_closes_registration_and_sends_no_reminders(personas: Personas, call: Call) -> None:
    event, _registrations = _full_event(personas, call)
    _cancel(call, personas, event)
    event.refresh_from_db()
    assert not services.registration_is_open(event)
    with pytest.raises(services.TransitionError):
        call(services.register, actor=None, event=event, data=guest("Ny", "ny@example.org"), language="sv")
    mail.outbox.clear()
    assert services.send_reminders(now=event.starts_at - datetime.timedelta(days=1)) == 0


def test_the_public_page_list_and_feeds_show_it_cancelled(personas: Personas, call: Call, client: Client) -> None:
    event, _registrations = _full_event(personas, call)
    cache.clear()
    _cancel(call, personas, event)
    cache.clear()
    page = client.get(f"/moten/{event.uuid}/").content.decode()
    assert "Mötet är inställt." in page and "Lokalen är inte tillgänglig." in page
    assert "Anmälan är stängd eftersom mötet är inställt." in page
    assert "Inställt" in client.get("/moten/").content.decode()
    english = client.get(f"/en/moten/{event.uuid}/").content.decode()
    assert "The venue is not available." in english
    for url in ("/moten/kalender.ics", f"/moten/{event.uuid}/kalender.ics"):
        (vevent,) = icalparse.parse(client.get(url).content).components("VEVENT")
        assert vevent.text("STATUS") == "CANCELLED", url
        assert vevent.text("SEQUENCE") == "1", url


def test_reinstating_before_the_start_restores_everything_and_tells_everyone(personas: Personas, call: Call) -> None:
    event, _registrations = _full_event(personas, call)
    _cancel(call, personas, event)
    mail.outbox.clear()
    assert call(services.reinstate_event, actor=personas.editor_a, event=event) == 2
    event.refresh_from_db()
    assert not event.is_cancelled and event.cancellation_reason_sv == "" and event.calendar_sequence == 2
    assert services.registration_is_open(event)
    by_address = {message.to[0]: message for message in mail.outbox}
    assert by_address["siv@example.org"].subject == "Mötet blir av ändå: Processdag i Falun"
    (vevent,) = icalparse.parse(by_address["siv@example.org"].attachments[0][1].encode()).components("VEVENT")
    assert (vevent.text("STATUS"), vevent.text("SEQUENCE")) == ("CONFIRMED", "2")
    assert "waiting list" in by_address["emma@example.org"].body
    assert sorted(Registration.objects.values_list("status", flat=True)) == ["confirmed", "waitlisted"]


def test_what_cannot_be_cancelled_or_reinstated(personas: Personas, call: Call) -> None:
    event = make_event(personas.org_a)
    with pytest.raises(services.TransitionError):
        call(services.cancel_event, actor=personas.editor_a, event=event, reason_sv="  ")
    with pytest.raises(services.TransitionError):
        call(services.reinstate_event, actor=personas.editor_a, event=event)
    _cancel(call, personas, event)
    with pytest.raises(services.TransitionError):
        _cancel(call, personas, event)
    started = make_event(personas.org_a, "Pågår", starts_at=timezone.now() - datetime.timedelta(hours=1))
    with pytest.raises(services.TransitionError):
        _cancel(call, personas, started)
    # Cancelled, then the start passed: too late to reinstate.
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=1), ends_at=timezone.now() + datetime.timedelta(hours=1)
    )
    with pytest.raises(services.TransitionError):
        call(services.reinstate_event, actor=personas.editor_a, event=event)


def test_the_organiser_cancels_and_reinstates_through_the_page(personas: Personas) -> None:
    event = make_event(personas.org_a, "Nätverksträff")
    services.register(actor=None, event=event, data=guest(), language="sv")
    client = personas.client("editor_a")
    url = f"/moten/{event.uuid}/installa/"
    page = client.get(url)
    assert page.status_code == 200 and "Ställ in mötet och meddela alla" in page.content.decode()
    refused = client.post(url, {"action": "cancel", "reason_sv": ""})
    assert refused.status_code == 400
    response = client.post(url, {"action": "cancel", "reason_sv": "För få anmälda.", "reason_en": ""})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.is_cancelled and event.cancellation_reason == "För få anmälda."
    assert "Återuppta mötet" in client.get(url).content.decode()
    assert client.post(url, {"action": "reinstate"}).status_code == 302
    event.refresh_from_db()
    assert not event.is_cancelled


def test_nobody_moves_up_while_cancelled_and_reinstating_fills_the_freed_seat(personas: Personas, call: Call) -> None:
    event, (first, second) = _full_event(personas, call)
    _cancel(call, personas, event)
    assert call(services.cancel_registration, actor=None, registration=first) == []
    second.refresh_from_db()
    assert second.status == RegistrationStatus.WAITLISTED
    mail.outbox.clear()
    assert call(services.reinstate_event, actor=personas.editor_a, event=event) == 1
    second.refresh_from_db()
    assert second.status == RegistrationStatus.CONFIRMED
    (message,) = mail.outbox
    assert message.to == ["emma@example.org"] and message.subject == "You have a seat: Process day in Falun"
