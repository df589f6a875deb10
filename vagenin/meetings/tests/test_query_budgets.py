"""The public lists of the meetings module and the events API keep a constant number of queries as events and
registrations grow (a small version of the national volume, 5,000 events and 100,000 registrations, which
`python -m bench` and `python -m bench.meetings` measure)."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from testsupport.personas import Personas, make_municipality
from vagenin.actionplan.tests.builders import make_initiative, make_period
from vagenin.agreement.models import Area
from vagenin.meetings.models import Decision, Event, ProgrammeItem, Registration

MAX_QUERIES = 15
PAGES = (
    "/moten/",
    "/moten/?tid=tidigare",
    "/moten/?slag=network&kommun=2080",
    "/moten/?omrade=arbete",
    "/moten/beslut/",
    "/moten/kalender.ics",
    "/moten/kalender/2015-2020/omrade/arbete.ics",
    "/api/v1/events/",
    "/api/v1/events/?area=arbete&upcoming=true",
    "/api/v1/events/?kind=network&municipality=2080&upcoming=false",
)
REGISTRATIONS_PER_EVENT = 20


def _grow(personas: Personas, start: int, count: int) -> None:
    area = Area.objects.get(slug="arbete")
    municipality = make_municipality()
    initiative = make_initiative(personas.org_a, f"Insats {start}")
    for number in range(start, start + count):
        starts = timezone.now() + datetime.timedelta(days=number - count // 2)
        event = Event.objects.create(
            kind="network",
            title_sv=f"Möte {number}",
            organiser=personas.org_a if number % 2 else personas.org_b,
            municipality=municipality,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
        )
        event.areas.set([area])
        Registration.objects.bulk_create(
            Registration(
                event=event,
                name=f"D {n}",
                email=f"d{n}@example.org",
                organisation=personas.org_b if n % 2 else None,
                status="confirmed" if n < REGISTRATIONS_PER_EVENT - 3 else "waitlisted",
                list_consent=n % 2 == 0,
            )
            for n in range(REGISTRATIONS_PER_EVENT)
        )
        ProgrammeItem.objects.create(event=event, starts_at=starts, title_sv="Välkommen")
        Decision.objects.create(event=event, text_sv=f"Beslut {number}").initiatives.set([initiative])


def _count(client: Client, extra: tuple[str, ...] = ()) -> dict[str, int]:
    counted = {}
    for url in PAGES + extra:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counted[url] = len(queries)
    return counted


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["anonymous", "editor_a"])
def test_meeting_lists_keep_their_query_budget(personas: Personas, persona: str) -> None:
    make_period()
    _grow(personas, 0, 5)
    client = personas.client(persona)
    # One event's own pages, with its registrations growing too.
    showcase = Event.objects.order_by("pk").first()
    assert showcase is not None
    own = (f"/moten/{showcase.uuid}/", f"/moten/{showcase.uuid}/anmal/", f"/api/v1/events/{showcase.uuid}/")
    few = _count(client, own)
    _grow(personas, 5, 60)
    Registration.objects.bulk_create(
        Registration(event=showcase, name=f"E {n}", email=f"e{n}@example.org", status="waitlisted", list_consent=True)
        for n in range(100)
    )
    many = _count(client, own)
    assert few == many
    assert max(many.values()) <= MAX_QUERIES, many
