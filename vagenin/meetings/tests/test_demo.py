"""The demo data: the secretariat's documented year as the seeds state it, a few upcoming meetings with a
waitlist, idempotent, and nothing presenting the ended 2015–2020 period as current."""

from __future__ import annotations

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db.models import Count, Q
from django.utils import timezone

from vagenin.meetings.models import (
    Decision,
    DecisionStatus,
    Event,
    EventKind,
    Registration,
    RegistrationStatus,
)

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")
# Seed 003: "Processdag 1, 2018-06-05 … Processdag 5, 2019-01-09 och [2019]-01-10"; 25–40 present at each.
PROCESS_DAYS = [
    datetime.date(2018, 6, 5),
    datetime.date(2018, 8, 30),
    datetime.date(2018, 10, 11),
    datetime.date(2018, 11, 15),
    datetime.date(2019, 1, 9),
]


def test_the_demo_year_follows_the_seeds_and_loads_twice_without_duplicates() -> None:
    call_command("load_reference", stdout=io.StringIO())
    call_command("load_demo_data", force=True, stdout=io.StringIO())
    now = timezone.now()
    past = Event.objects.filter(ends_at__lt=now)
    counts = dict(past.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    assert counts[EventKind.COUNCIL] == 2
    assert counts[EventKind.CONFERENCE] == 1
    assert counts[EventKind.NETWORK] >= 2 and counts[EventKind.MUNICIPALITY_VISIT] >= 2

    process_days = list(Event.objects.filter(kind=EventKind.PROCESS_DAY).order_by("starts_at"))
    assert [event.starts_at.astimezone(STOCKHOLM).date() for event in process_days] == PROCESS_DAYS
    last = process_days[-1]
    assert last.ends_at.astimezone(STOCKHOLM).date() == datetime.date(2019, 1, 10)
    for event in process_days:
        present = event.registrations.filter(attended=True).count()
        assert 25 <= present <= 40, (event, present)
        assert event.documents.exists()

    # The documented year: June 2018 to May 2019, inside the 2015–2020 period its bodies belong to.
    documented = past.filter(starts_at__year__lte=2019)
    assert {event.starts_at.astimezone(STOCKHOLM).date().isoformat()[:7] for event in documented} <= {
        f"{year}-{month:02d}" for year, month in [(2018, m) for m in range(6, 13)] + [(2019, m) for m in range(1, 6)]
    }
    for event in Event.objects.filter(body__isnull=False).select_related("body__period"):
        period = event.body.period  # type: ignore[union-attr]
        assert period.starts_on <= event.starts_at.date(), event
        assert period.ends_on is None or event.starts_at.date() <= period.ends_on, event
    # Nothing of the ended period is open any more.
    assert not Decision.objects.exclude(status=DecisionStatus.DONE).exists()
    assert Decision.objects.filter(initiatives__isnull=False).exists()

    upcoming = Event.objects.filter(starts_at__gt=now)
    assert upcoming.exists() and not upcoming.filter(body__isnull=False).exists()
    assert Registration.objects.filter(status=RegistrationStatus.WAITLISTED, event__in=upcoming).exists()
    # Guests' personal data of meetings long past are erased, as the privacy notice says; the counts stay.
    old = Registration.objects.filter(event__ends_at__lt=now - datetime.timedelta(days=365))
    assert old.exists() and not old.filter(user__isnull=True).exclude(name="").exists()
    stale = Q(title_sv__contains="2026") | Q(summary_sv__icontains="överenskommelseperiod")
    assert not Event.objects.filter(stale).exists()

    before = (Event.objects.count(), Registration.objects.count())
    call_command("load_demo_data", force=True, stdout=io.StringIO())
    assert (Event.objects.count(), Registration.objects.count()) == before
