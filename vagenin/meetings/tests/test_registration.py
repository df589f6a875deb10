"""Registration: seats, the waitlist and its promotion, duplicates, limits, approval, and the mails."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from email import message_from_string
from typing import Any

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.utils import timezone

from testsupport.personas import Personas
from vagenin.meetings import services
from vagenin.meetings.models import Event, Registration, RegistrationStatus
from vagenin.meetings.tests.builders import guest, make_event

pytestmark = pytest.mark.django_db


Call = Callable[..., Any]


def _register(call: Call, event: Event, number: int, **fields: Any) -> Registration:
    return call(
        services.register,
        actor=None,
        event=event,
        data=guest(f"Gäst {number}", f"gast{number}@example.org", **fields),
        language="sv",
    )


def test_registrations_fill_the_seats_then_the_waitlist(personas: Personas, call: Call) -> None:
    event = make_event(personas.org_a, capacity=2)
    statuses = [_register(call, event, n).status for n in range(4)]
    assert statuses == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    assert event.registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 2


def test_cancellation_promotes_the_first_in_line_and_mails_them(personas: Personas, call: Call) -> None:
    event = make_event(personas.org_a, capacity=1)
    first = _register(call, event, 1)
    second = _register(call, event, 2)
    third = _register(call, event, 3)
    mail.outbox.clear()
    promoted = call(services.cancel_registration, actor=None, registration=first)
    assert [r.pk for r in promoted] == [second.pk]
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.status, third.status) == ("confirmed", "waitlisted")
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert "avbokad" in subjects["gast1@example.org"]
    assert subjects["gast2@example.org"].startswith("Du har fått en plats")
    promoted_mail = next(m for m in mail.outbox if m.to == ["gast2@example.org"])
    assert promoted_mail.attachments[0][0] == "event.ics"


def test_a_duplicate_registration_gets_a_clear_message_and_no_second_seat(personas: Personas, call: Call) -> None:
    event = make_event(personas.org_a, capacity=5)
    _register(call, event, 1)
    with pytest.raises(services.TransitionError, match="redan anmäld"):
        call(services.register, actor=None, event=event, data=guest("Annan", "GAST1@example.org"), language="sv")
    assert event.registrations.count() == 1


def test_the_database_refuses_a_second_active_registration_with_the_same_address(
    personas: Personas, call: Call
) -> None:
    event = make_event(personas.org_a)
    Registration.objects.create(event=event, name="A", email="a@example.org", status="confirmed")
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(event=event, name="A", email="A@example.org", status="waitlisted")


def test_after_cancelling_one_may_register_again(personas: Personas, call: Call) -> None:
    event = make_event(personas.org_a)
    registration = _register(call, event, 1)
    call(services.cancel_registration, actor=None, registration=registration)
    assert _register(call, event, 1).status == "confirmed"


def test_cancelling_twice_is_refused(personas: Personas, call: Call) -> None:
    event = make_event(personas.org_a)
    registration = _register(call, event, 1)
    call(services.cancel_registration, actor=None, registration=registration)
    with pytest.raises(services.TransitionError):
        call(services.cancel_registration, actor=None, registration=registration)


def test_the_per_organisation_limit(personas: Personas, call: Call) -> None:
    event = make_event(personas.org_a, per_organisation_limit=1)
    _register(call, event, 1, organisation=personas.org_b)
    with pytest.raises(services.TransitionError, match="högsta antalet"):
        _register(call, event, 2, organisation=personas.org_b)
    assert _register(call, event, 3, organisation=personas.org_a).status == "confirmed"


def test_registration_outside_its_window_is_refused(personas: Personas, call: Call) -> None:
    now = timezone.now()
    later = make_event(personas.org_a, registration_opens_at=now + datetime.timedelta(days=1))
    closed = make_event(personas.org_a, registration_closes_at=now - datetime.timedelta(hours=1))
    for event in (later, closed):
        with pytest.raises(services.TransitionError, match="inte öppen"):
            _register(call, event, 1)


def test_seats_reserved_for_the_body_are_kept_for_its_members(personas: Personas, call: Call) -> None:
    from vagenin.actionplan.tests.builders import make_period
    from vagenin.agreement.models import Body, BodyKind, BodyMembership
    from vagenin.organisations.models import Person

    body = Body.objects.create(period=make_period(), slug="radslag", kind=BodyKind.COUNCIL, name_sv="Rådslag")
    BodyMembership.objects.create(
        body=body,
        person=Person.objects.create(first_name="Ada", last_name="Ledamot"),
        organisation=personas.org_a,
        starts_on=datetime.date(2020, 1, 1),
    )
    event = make_event(personas.org_a, capacity=2, reserved_seats=1, body=body)
    assert _register(call, event, 1).status == "confirmed"
    assert _register(call, event, 2).status == "waitlisted"  # the last seat is the body's
    member = call(
        services.register,
        actor=personas.editor_a,
        event=event,
        data=guest("Ada", personas.editor_a.email),
        language="sv",
    )
    assert member.status == "confirmed"


def test_approval_by_the_organiser(personas: Personas, call: Call) -> None:
    event = make_event(personas.org_a, capacity=1, requires_approval=True)
    pending = _register(call, event, 1)
    assert pending.status == "pending"
    assert _register(call, event, 2).status == "waitlisted"  # a pending registration holds its seat
    mail.outbox.clear()
    call(services.approve_registration, actor=personas.editor_a, registration=pending)
    pending.refresh_from_db()
    assert pending.status == "confirmed"
    assert mail.outbox[0].subject.startswith("Du är anmäld")
    with pytest.raises(services.TransitionError):
        call(services.approve_registration, actor=personas.editor_a, registration=pending)


def test_declining_gives_the_seat_to_the_waitlist(personas: Personas, call: Call) -> None:
    event = make_event(personas.org_a, capacity=1, requires_approval=True)
    pending = _register(call, event, 1)
    waiting = _register(call, event, 2)
    call(services.decline_registration, actor=personas.editor_a, registration=pending)
    waiting.refresh_from_db()
    assert waiting.status == "pending"


def test_attendance_only_for_confirmed(personas: Personas, call: Call) -> None:
    event = make_event(personas.org_a, capacity=1)
    confirmed = _register(call, event, 1)
    waiting = _register(call, event, 2)
    call(services.set_attendance, actor=personas.editor_a, registration=confirmed, attended=True)
    confirmed.refresh_from_db()
    assert confirmed.attended
    with pytest.raises(services.TransitionError):
        call(services.set_attendance, actor=personas.editor_a, registration=waiting, attended=True)


def test_the_confirmation_has_text_html_and_the_event_as_ics(personas: Personas, call: Call) -> None:
    event = make_event(personas.org_a, title_en="Process day", online_link="https://video.example.org/x")
    mail.outbox.clear()
    call(services.register, actor=None, event=event, data=guest(), language="en")
    (message,) = mail.outbox
    assert isinstance(message, EmailMultiAlternatives)
    assert message.subject == "You are registered: Process day"
    assert "Change or cancel your registration" in message.body
    assert "/en/moten/anmalan/?t=" in message.body
    assert "https://video.example.org/x" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and isinstance(html, str)
    assert "<a href=" in html and "Process day" in html
    name, body, mimetype = message.attachments[0]
    assert name == "event.ics" and mimetype.startswith("text/calendar")
    assert f"UID:{event.uuid}@vagenin" in body
    assert "DTSTART;TZID=Europe/Stockholm:" in body
    # The whole message is well-formed MIME with three parts.
    parsed = message_from_string(message.message().as_string())
    types = [part.get_content_type() for part in parsed.walk()]
    assert {"text/plain", "text/html", "text/calendar"} <= set(types)


def test_a_waitlisted_person_gets_no_calendar_and_no_online_link(personas: Personas, call: Call) -> None:
    event = make_event(personas.org_a, capacity=0, online_link="https://video.example.org/secret")
    mail.outbox.clear()
    _register(call, event, 1)
    (message,) = mail.outbox
    assert isinstance(message, EmailMultiAlternatives)
    assert message.subject.startswith("Du står på väntelistan")
    assert not message.attachments
    assert "secret" not in message.body


def test_mail_is_in_the_language_the_guest_used(personas: Personas, call: Call) -> None:
    event = make_event(personas.org_a, title_en="Network meeting")
    mail.outbox.clear()
    call(services.register, actor=None, event=event, data=guest(), language="sv")
    assert mail.outbox[0].subject == "Du är anmäld: Processdag"


def test_cancelling_a_registration_already_checked_in(personas: Personas, call: Call) -> None:
    """Found by the benchmark: a checked-in registration cancelled before the end must not break a constraint."""
    event = make_event(personas.org_a, capacity=1)
    first = _register(call, event, 1)
    second = _register(call, event, 2)
    call(services.set_attendance, actor=personas.editor_a, registration=first, attended=True)
    call(services.cancel_registration, actor=None, registration=first)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.attended, second.status) == ("cancelled", False, "confirmed")
