"""Scheduled work: reminders, evaluation requests and the purge of guests' personal data."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from testsupport.personas import Personas
from vagenin.meetings import services, tasks
from vagenin.meetings.models import Registration, RegistrationStatus
from vagenin.meetings.tests.builders import guest, make_event

pytestmark = pytest.mark.django_db


def test_reminders_go_once_to_confirmed_participants_shortly_before(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    soon = make_event(personas.org_a, "Snart", starts_at=timezone.now() + datetime.timedelta(days=1), capacity=1)
    make_event(personas.org_a, "Senare", starts_at=timezone.now() + datetime.timedelta(days=10))
    services.register(actor=None, event=soon, data=guest(), language="sv")
    services.register(actor=None, event=soon, data=guest("Wilma", "wilma@example.org"), language="sv")  # waitlisted
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_reminders.delay().get() == 1
    (message,) = mail.outbox
    assert isinstance(message, EmailMultiAlternatives)
    assert message.subject == "Påminnelse: Snart" and message.to == ["gunnel.gast@example.org"]
    assert message.attachments and message.alternatives
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_reminders.delay().get() == 0  # safe to retry: nobody is reminded twice


def test_evaluation_requests_go_after_the_event(personas: Personas, django_capture_on_commit_callbacks: Any) -> None:
    event = make_event(personas.org_a, "Dagen")
    registration = services.register(actor=None, event=event, data=guest(), language="en")
    later = event.ends_at + datetime.timedelta(hours=3)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_evaluations(now=later) == 1
        assert services.send_evaluations(now=later) == 0
    (message,) = mail.outbox
    assert isinstance(message, EmailMultiAlternatives)
    assert message.subject == "What did you think of Dagen?"
    assert "/en/moten/utvardering/?t=" in message.body
    registration.refresh_from_db()
    assert registration.evaluation_sent_at == later


def test_guests_personal_data_are_removed_after_the_retention_period_counts_kept(
    personas: Personas, settings: Any
) -> None:
    settings.MEETINGS_GUEST_RETENTION_DAYS = 90
    event = make_event(personas.org_a)
    services.register(actor=None, event=event, data=guest(dietary_needs="Vegansk"), language="sv")
    services.register(actor=personas.editor_a, event=event, data=guest("Ada", personas.editor_a.email), language="sv")
    assert services.purge_guest_data(now=event.ends_at + datetime.timedelta(days=89)).anonymised == 0
    assert services.purge_guest_data(now=event.ends_at + datetime.timedelta(days=91)).anonymised == 1
    guest_row = Registration.objects.get(user__isnull=True)
    assert (guest_row.name, guest_row.email, guest_row.dietary_needs) == ("", "", "")
    assert guest_row.status == RegistrationStatus.CONFIRMED and guest_row.anonymised_at is not None
    assert Registration.objects.get(user=personas.editor_a).email == personas.editor_a.email
    assert event.registrations.count() == 2
    assert tasks.purge_guest_data.delay().get() == 0


def test_the_privacy_notice_states_the_retention(client: Any, settings: Any) -> None:
    settings.MEETINGS_GUEST_RETENTION_DAYS = 90
    page = client.get("/personuppgifter/").content.decode()
    assert "Anmälningar utan konto: 90 dagar efter mötet" in page
