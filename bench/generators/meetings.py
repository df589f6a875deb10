"""Benchmark data: meetings and events with programmes and registrations, at national volume (about 5,000
events and 100,000 registrations at scale 1.0).

Run by `python -m bench` after the organisations and agreement generators; never by the application itself.
"""

from __future__ import annotations

import datetime
import random
import uuid
from zoneinfo import ZoneInfo

from bench.rows import bulk_insert
from vagenin.agreement.models import Area, Body
from vagenin.meetings.models import (
    Event,
    EventFormat,
    EventKind,
    EventVisibility,
    ProgrammeItem,
    Registration,
    RegistrationStatus,
)
from vagenin.organisations.models import Municipality, Organisation

NATIONAL_EVENTS = 5_000
REGISTRATIONS_PER_EVENT = 20  # on average: 100,000 at scale 1.0
PUBLIC_SHARE = 0.7
FIRST_DAY = datetime.date(2025, 1, 1)
DAYS = 3 * 365
STOCKHOLM = ZoneInfo("Europe/Stockholm")
# The event bench/pages.py loads: public, with a programme and registrations.
SHOWCASE_UUID = uuid.UUID("0b5563a8-361b-4f1b-8c7d-000000000001")
TITLES = {
    EventKind.COUNCIL: "Rådslag",
    EventKind.PROCESS_DAY: "Processdag",
    EventKind.NETWORK: "Nätverksträff",
    EventKind.THEME_GROUP: "Temagruppsmöte",
    EventKind.SEMINAR: "Lärseminarium",
    EventKind.CONFERENCE: "Konferens",
    EventKind.TRAINING: "Utbildning",
    EventKind.DIALOGUE: "Dialogmöte",
    EventKind.MUNICIPALITY_VISIT: "Kommunbesök",
    EventKind.REFERENCE_GROUP: "Referensgrupp",
    EventKind.OTHER: "Möte",
}


def generate(rng: random.Random, scale: float) -> dict[str, int]:
    organisations = list(Organisation.objects.order_by("pk"))
    municipalities = list(Municipality.objects.order_by("pk"))
    areas = list(Area.objects.order_by("pk"))
    bodies = list(Body.objects.order_by("pk"))
    events: list[Event] = []
    for number in range(round(NATIONAL_EVENTS * scale)):
        kind = rng.choice(list(TITLES))
        municipality = rng.choice(municipalities)
        day = FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS))
        starts = datetime.datetime.combine(day, datetime.time(rng.choice((9, 10, 13))), tzinfo=STOCKHOLM)
        public = rng.random() < PUBLIC_SHARE
        body = rng.choice(bodies) if bodies and rng.random() < 0.3 else None
        visibility = EventVisibility.PUBLIC if public else EventVisibility.PARTNERS
        events.append(
            Event(
                kind=kind,
                title_sv=f"{TITLES[kind]} i {municipality.short_name} {number}",
                summary_sv=f"{TITLES[kind]} för parterna i {municipality.short_name}.",
                organiser=rng.choice(organisations),
                body=body,
                format=rng.choice(EventFormat.values),
                venue="Kommunhuset",
                municipality=municipality,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=rng.choice((2, 3, 6))),
                visibility=visibility,
                capacity=rng.choice((None, 20, 40, 60, 150)),
            )
        )
    showcase = events[0]
    showcase.visibility = EventVisibility.PUBLIC
    bulk_insert(Event, events, rng)
    Event.objects.filter(pk=showcase.pk).update(uuid=SHOWCASE_UUID)
    through = Event.areas.through
    through.objects.bulk_create(
        [through(event_id=event.pk, area_id=rng.choice(areas).pk) for event in events if areas], batch_size=2000
    )
    programme = [
        ProgrammeItem(event=event, starts_at=event.starts_at + datetime.timedelta(hours=hour), title_sv=title)
        for event in events[: max(1, len(events) // 4)]
        for hour, title in ((0, "Välkommen"), (1, "Samtal i grupper"), (2, "Avslutning"))
    ]
    bulk_insert(ProgrammeItem, programme, rng)
    registrations: list[Registration] = []
    total = round(NATIONAL_EVENTS * REGISTRATIONS_PER_EVENT * scale)
    per_event = max(1, total // max(1, len(events)))
    for event in events:
        for index in range(rng.randrange(per_event // 2, per_event * 3 // 2 + 1)):
            organisation = rng.choice(organisations)
            full = event.capacity is not None and index >= event.capacity
            registrations.append(
                Registration(
                    event=event,
                    name=f"Deltagare {index}",
                    email=f"deltagare{index}.{event.pk}@example.org",
                    organisation=organisation,
                    municipality_id=organisation.municipality_id,
                    status=RegistrationStatus.WAITLISTED if full else RegistrationStatus.CONFIRMED,
                    list_consent=rng.random() < 0.5,
                    attended=not full and rng.random() < 0.6,
                )
            )
    bulk_insert(Registration, registrations, rng)
    return {"events": len(events), "programme items": len(programme), "registrations": len(registrations)}
