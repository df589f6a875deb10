"""Mail to participants: a text and an HTML part, with the event as an .ics attachment, in their language."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from vagenin.common.mail import render_text
from vagenin.meetings import ical
from vagenin.meetings.links import absolute_link
from vagenin.meetings.models import Event, Registration


def calendar_event(event: Event) -> ical.CalendarEvent:
    """The event as the calendar shows it; the UID is stable for the event's whole life."""
    location = ", ".join(
        part
        for part in (event.venue, event.address, event.municipality.short_name if event.municipality else "")
        if part
    )
    return ical.CalendarEvent(
        uid=f"{event.uuid}@vagenin",
        summary=event.title,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        stamp=event.updated_at,
        url=f"{settings.SITE_URL.rstrip('/')}{event.get_absolute_url()}",
        description=event.summary,
        location=location,
        cancelled=event.cancelled_at is not None,
        sequence=event.calendar_sequence,
    )


def build_message(*, template: str, registration: Registration, attach_calendar: bool) -> EmailMultiAlternatives:
    """Render `<template>_subject.txt`, `_body.txt` and `_body.html` in the registration's language."""
    event = registration.event
    with translation.override(registration.language):
        context: dict[str, Any] = {
            "registration": registration,
            "event": event,
            "site_url": settings.SITE_URL.rstrip("/"),
            "event_url": f"{settings.SITE_URL.rstrip('/')}{event.get_absolute_url()}",
            "manage_url": absolute_link(registration.uuid, "manage"),
            "evaluate_url": absolute_link(registration.uuid, "evaluate"),
        }
        subject = " ".join(render_text(f"meetings/email/{template}_subject.txt", context).split())
        text = render_text(f"meetings/email/{template}_body.txt", context)
        html = render_to_string(f"meetings/email/{template}_body.html", context)
        message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [registration.email])
        message.attach_alternative(html, "text/html")
        if attach_calendar:
            body = ical.calendar([calendar_event(event)], method="PUBLISH")
            message.attach("event.ics", body, "text/calendar; charset=utf-8; method=PUBLISH")
    return message


def send_on_commit(*, template: str, registration: Registration, attach_calendar: bool = False) -> None:
    """Send the mail once the surrounding transaction commits (never for a registration that rolled back)."""

    def send() -> None:
        build_message(template=template, registration=registration, attach_calendar=attach_calendar).send()

    transaction.on_commit(send)
