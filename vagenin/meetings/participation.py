"""Participation statistics: participants and organisations per kind, municipality and organisation type,
and month by month, drawn with the action plan's accessible charts."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import Coalesce, TruncMonth
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from vagenin.actionplan import charts
from vagenin.meetings.models import Event, EventKind, Registration, RegistrationStatus
from vagenin.organisations.models import Municipality, OrganisationType


@dataclass(frozen=True)
class Row:
    label: str
    events: int
    participants: int
    organisations: int


def _svg(markup: str) -> SafeString:
    # charts.py escapes every text and attribute it writes.
    return mark_safe(markup)


def build(year: int) -> dict[str, Any]:
    """Everything the statistics page shows for events starting in `year`."""
    events = Event.objects.filter(starts_at__year=year, cancelled_at__isnull=True)
    participants = Registration.objects.filter(event__in=events, status=RegistrationStatus.CONFIRMED)
    kind_labels = dict(EventKind.choices)
    per_kind_raw: dict[str, Any] = {
        row["event__kind"]: row
        for row in participants.values("event__kind").annotate(
            people=Count("pk"), organisations=Count("organisation", distinct=True)
        )
    }
    event_counts = dict(events.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    per_kind = [
        Row(
            str(kind_labels[kind]),
            event_counts.get(kind, 0),
            per_kind_raw.get(kind, {}).get("people", 0),
            per_kind_raw.get(kind, {}).get("organisations", 0),
        )
        for kind in EventKind.values
        if event_counts.get(kind)
    ]
    municipality_names = dict(Municipality.objects.values_list("pk", "short_name"))
    per_municipality_raw = (
        participants.annotate(place=Coalesce("municipality", "organisation__municipality"))
        .values("place")
        .annotate(
            people=Count("pk"), organisations=Count("organisation", distinct=True), events=Count("event", distinct=True)
        )
        .order_by("-people")
    )
    per_municipality = [
        Row(
            municipality_names.get(row["place"], _("Ingen kommun angiven")),
            row["events"],
            row["people"],
            row["organisations"],
        )
        for row in per_municipality_raw
    ]
    type_labels = dict(OrganisationType.choices)
    per_type = [
        Row(
            str(type_labels.get(row["organisation__type"], _("Organisation inte i registret"))),
            row["events"],
            row["people"],
            row["organisations"],
        )
        for row in participants.values("organisation__type")
        .annotate(
            people=Count("pk"), organisations=Count("organisation", distinct=True), events=Count("event", distinct=True)
        )
        .order_by("-people")
    ]
    per_month = list(
        participants.annotate(month=TruncMonth("event__starts_at"))
        .values("month")
        .annotate(people=Count("pk"), organisations=Count("organisation", distinct=True))
        .order_by("month")
    )
    process_day_municipalities = (
        participants.filter(event__kind=EventKind.PROCESS_DAY)
        .filter(Q(municipality__isnull=False) | Q(organisation__municipality__isnull=False))
        .annotate(place=Coalesce("municipality", "organisation__municipality"))
        .values("place")
        .distinct()
        .count()
    )
    total_people = participants.count()
    kind_summary = _("%(year)s: %(events)s möten med %(people)s deltagare.") % {
        "year": year,
        "events": events.count(),
        "people": total_people,
    }
    month_points = [
        charts.Point(
            row["month"].date() if isinstance(row["month"], datetime.datetime) else row["month"], row["people"]
        )
        for row in per_month
    ]
    return {
        "per_kind": per_kind,
        "per_municipality": per_municipality,
        "per_type": per_type,
        "per_month": per_month,
        "process_day_municipalities": process_day_municipalities,
        "kind_summary": kind_summary,
        "kind_chart": _svg(
            charts.bar_chart(
                chart_id="chart-kinds",
                title=_("Deltagare per slag av möte"),
                description=kind_summary,
                bars=[charts.Bar(row.label, row.participants) for row in per_kind],
            )
        ),
        "municipality_chart": _svg(
            charts.bar_chart(
                chart_id="chart-municipalities",
                title=_("Deltagare per kommun"),
                description=_("Deltagarnas kommun, eller organisationens kommun om deltagaren inte angav någon."),
                bars=[charts.Bar(row.label, row.participants) for row in per_municipality],
            )
        ),
        "month_chart": _svg(
            charts.line_chart(
                chart_id="chart-months",
                title=_("Deltagare per månad"),
                description=kind_summary,
                series=[charts.Series(_("Deltagare"), month_points)],
            )
        ),
    }
