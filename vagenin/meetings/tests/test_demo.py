"""The demo data: a year of the secretariat's rhythm, idempotent, with a waitlist."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db.models import Count

from vagenin.meetings.models import Decision, Event, EventKind, Registration, RegistrationStatus

pytestmark = pytest.mark.django_db


def test_the_demo_year_loads_twice_without_duplicates(settings: object) -> None:
    call_command("load_reference", stdout=io.StringIO())
    call_command("load_demo_data", force=True, stdout=io.StringIO())
    counts = dict(Event.objects.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    assert counts[EventKind.COUNCIL] == 2
    assert counts[EventKind.PROCESS_DAY] >= 3
    assert counts[EventKind.NETWORK] >= 2 and counts[EventKind.CONFERENCE] == 1
    assert counts[EventKind.MUNICIPALITY_VISIT] >= 2
    assert {event.starts_at.year for event in Event.objects.all()} <= {2026, 2027}
    assert Registration.objects.filter(status=RegistrationStatus.WAITLISTED).exists()
    assert Decision.objects.filter(initiatives__isnull=False).exists()
    before = (Event.objects.count(), Registration.objects.count())
    call_command("load_demo_data", force=True, stdout=io.StringIO())
    assert (Event.objects.count(), Registration.objects.count()) == before
    assert not Event.objects.filter(title_sv__contains="2015").exists()
