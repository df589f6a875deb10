"""Action-plan initiatives' indicators that follow an official series, with each series' latest figure."""

from __future__ import annotations

import csv
import datetime
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.db.models import Q
from django.utils.translation import gettext as _

from vagenin.indicators import figures
from vagenin.indicators.models import IndicatorDefinition, InitiativeSeries, Observation, Status

GEO = Path(__file__).resolve().parent / "fixtures" / "geo"


@dataclass(frozen=True)
class Followed:
    """One initiative indicator and the official series it follows, for a geography."""

    link: InitiativeSeries
    place_name: str
    period: str  # the latest period with a figure or a withheld one ("" when there is none)
    period_start: datetime.date | None
    display: str  # the figure as a table shows it ("skyddad" when withheld)

    @property
    def series(self) -> IndicatorDefinition:
        return self.link.series


@functools.cache
def _geo_names() -> dict[str, str]:
    """Every county's and municipality's official name by code, from the shipped reference file (no query)."""
    names: dict[str, str] = {}
    with (GEO / "counties.csv").open(encoding="utf-8") as file:
        names |= {row["county_code"]: row["county_name"] for row in csv.DictReader(file)}
    with (GEO / "municipalities.csv").open(encoding="utf-8") as file:
        names |= {row["municipality_code"]: row["municipality_name_short"] for row in csv.DictReader(file)}
    return names


def place_name(code: str) -> str:
    """A geography's name: "Riket"/"Sweden", "Dalarnas län", "Falun"."""
    return _("Riket") if code == figures.SWEDEN else _geo_names().get(code, code)


def followed_series(*, initiative_ids: Iterable[int]) -> dict[int, list[Followed]]:
    """Initiative id → its indicators' followed series, ordered by indicator name; one query when none."""
    links = list(
        InitiativeSeries.objects.filter(indicator__initiative_id__in=list(initiative_ids))
        .select_related("indicator", "series")
        .order_by("indicator__name_sv", "indicator_id")
    )
    result: dict[int, list[Followed]] = {}
    for followed in links_followed(links):
        result.setdefault(followed.link.indicator.initiative_id, []).append(followed)
    return result


def links_followed(links: list[InitiativeSeries]) -> list[Followed]:
    """The links with their series' latest figures; one query (none without links). Each link's `indicator`
    and `series` must be loaded with it."""
    if not links:
        return []
    condition = Q()
    for link in links:
        condition |= Q(indicator_id=link.series_id, geo_code=link.geo_code, breakdown_key=link.series.headline_key)
    latest: dict[tuple[int, str], tuple[str, datetime.date | None, str]] = {}
    rows = (
        Observation.objects.filter(condition)
        .exclude(status=Status.MISSING)
        .order_by("-period_start", "-period_end")
        .values_list("indicator_id", "geo_code", "period_code", "period_start", "value", "status")
    )
    series = {link.series_id: link.series for link in links}
    for indicator_id, geo, period, start, value, status in rows:
        if (indicator_id, geo) not in latest:
            latest[(indicator_id, geo)] = (period, start, figures.format_value(series[indicator_id], value, status))
    result = []
    for link in links:
        period, first_day, display = latest.get((link.series_id, link.geo_code), ("", None, ""))
        result.append(Followed(link, place_name(link.geo_code), period.replace("-", "–"), first_day, display))
    return result
