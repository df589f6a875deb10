"""/api/v1/events/: public meetings with their programme; never private events, never participants."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from testsupport.personas import make_municipality, make_organisation
from vagenin.agreement.models import Area
from vagenin.api.tests.conftest import count_queries, get_json, make_period
from vagenin.meetings import services
from vagenin.meetings.models import Event, EventVisibility, ProgrammeItem
from vagenin.organisations.models import Organisation

EVENTS = reverse("api:events-list")


def _event(title: str, days: int, organiser: Organisation | None = None, **fields: Any) -> Event:
    organiser = organiser or make_organisation(f"arr-{title.lower().replace(' ', '-')}")
    starts = timezone.now() + datetime.timedelta(days=days)
    return Event.objects.create(
        title_sv=title,
        kind="network",
        organiser=organiser,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        **fields,
    )


@pytest.mark.django_db
def test_public_events_are_listed_private_ones_never() -> None:
    area = Area.objects.create(period=make_period(), number=1, slug="arbete", name_sv="Arbete", short_name_sv="A")
    public = _event("Nätverksträff", 5, municipality=make_municipality())
    public.areas.set([area])
    ProgrammeItem.objects.create(event=public, starts_at=public.starts_at, title_sv="Välkommen", title_en="Welcome")
    _event("Parternas möte", 6, visibility=EventVisibility.PARTNERS)
    past = _event("Förra mötet", -30)
    services.register(actor=None, event=public, data={"name": "Gunnel Gäst", "email": "g@example.org"}, language="sv")
    rows = get_json(EVENTS)["results"]
    assert [row["title_sv"] for row in rows] == ["Förra mötet", "Nätverksträff"]
    row = rows[1]
    assert row["uuid"] == str(public.uuid)
    assert (row["kind"], row["kind_label_en"], row["areas"], row["municipality"]) == (
        "network",
        "Network meeting",
        ["arbete"],
        "2080",
    )
    assert row["programme"][0]["title_en"] == "Welcome"
    assert row["url"] == f"http://testserver/moten/{public.uuid}/"
    assert "g@example.org" not in str(rows) and "Gunnel" not in str(rows)
    assert [r["title_sv"] for r in get_json(EVENTS, upcoming="true")["results"]] == ["Nätverksträff"]
    assert [r["title_sv"] for r in get_json(EVENTS, area="arbete")["results"]] == ["Nätverksträff"]
    assert get_json(reverse("api:events-detail", args=[past.uuid]))["title_sv"] == "Förra mötet"


@pytest.mark.django_db
def test_a_private_event_is_not_found() -> None:
    private = _event("Temagrupp", 3, visibility=EventVisibility.PARTNERS)
    assert Client().get(reverse("api:events-detail", args=[private.uuid])).status_code == 404


@pytest.mark.django_db
def test_the_event_list_keeps_its_query_budget() -> None:
    organiser = make_organisation("arrangor")
    area = Area.objects.create(period=make_period(), number=1, slug="arbete", name_sv="Arbete", short_name_sv="A")
    for number in range(3):
        _event(f"Möte {number}", number + 1, organiser=organiser).areas.set([area])
    few = count_queries(EVENTS)
    for number in range(3, 60):
        event = _event(f"Möte {number}", number + 1, organiser=organiser)
        event.areas.set([area])
        ProgrammeItem.objects.create(event=event, starts_at=event.starts_at, title_sv="Start")
    assert count_queries(EVENTS) == few <= 15
