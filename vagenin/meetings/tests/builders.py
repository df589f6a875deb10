"""Small builders for the meetings tests."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from vagenin.meetings.models import Event, EventKind
from vagenin.organisations.models import Organisation


def make_event(organiser: Organisation, title: str = "Processdag", **fields: Any) -> Event:
    starts = fields.pop("starts_at", (timezone.now() + datetime.timedelta(days=20)).replace(second=0, microsecond=0))
    fields.setdefault("ends_at", starts + datetime.timedelta(hours=6))
    fields.setdefault("kind", EventKind.PROCESS_DAY)
    areas = fields.pop("areas", ())
    event = Event.objects.create(organiser=organiser, title_sv=title, starts_at=starts, **fields)
    if areas:
        event.areas.set(areas)
    return event


def guest(name: str = "Gunnel Gäst", email: str = "gunnel.gast@example.org", **fields: Any) -> dict[str, Any]:
    return {"name": name, "email": email, **fields}
