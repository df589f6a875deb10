"""The public lists of the meetings module keep a constant number of queries as events and registrations grow."""

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
from vagenin.meetings.models import Decision, Event, Registration

MAX_QUERIES = 15
PAGES = ("/moten/", "/moten/?tid=tidigare", "/moten/?slag=network&kommun=2080", "/moten/beslut/", "/moten/kalender.ics")


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
            Registration(event=event, name=f"D {n}", email=f"d{n}@example.org", status="confirmed") for n in range(5)
        )
        Decision.objects.create(event=event, text_sv=f"Beslut {number}").initiatives.set([initiative])


def _count(client: Client) -> dict[str, int]:
    counted = {}
    for url in PAGES:
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
    few = _count(client)
    _grow(personas, 5, 60)
    many = _count(client)
    assert few == many
    assert max(many.values()) <= MAX_QUERIES, many
