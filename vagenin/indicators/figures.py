"""The figures dashboards and report editions show: series read from the database, drawn as charts, told as text.

Each `Figure` carries its chart (SVG), the generated sentences (narrative.py), a data table and its sources.
Reads are grouped so a page's query count does not grow with the number of rows.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import cast

from django.db.models import Max, Q
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from vagenin.actionplan import charts
from vagenin.indicators import charts as maps
from vagenin.indicators import narrative
from vagenin.indicators.models import IndicatorDefinition, Observation, Status
from vagenin.organisations.models import County, Municipality

SWEDEN = "00"
DALARNA = "20"

BREAKDOWN_LABELS = {
    ("gender", "T"): ("Totalt", "Total"),
    ("gender", "K"): ("Kvinnor", "Women"),
    ("gender", "M"): ("Män", "Men"),
    ("Kon", "1"): ("Män", "Men"),
    ("Kon", "2"): ("Kvinnor", "Women"),
    ("Kon", "1+2"): ("Totalt", "Total"),
}
DIMENSION_LABELS = {"gender": ("Kön", "Sex"), "Kon": ("Kön", "Sex")}


def language() -> narrative.Language:
    return "en" if (get_language() or "sv").startswith("en") else "sv"


def _pick(pair: tuple[str, str]) -> str:
    return pair[1] if language() == "en" else pair[0]


def breakdown_label(dimension: str, code: str) -> str:
    pair = BREAKDOWN_LABELS.get((dimension, code))
    return _pick(pair) if pair else code


def dimension_label(dimension: str) -> str:
    pair = DIMENSION_LABELS.get(dimension)
    return _pick(pair) if pair else dimension


# ---------------------------------------------------------------------------------------------------- geography


@dataclass(frozen=True)
class Place:
    code: str
    name: str  # "Falun", "Dalarnas län", "Riket"
    in_name: str  # as it follows "i"/"in": "Falun", "Dalarnas län", "riket" / "Sweden"

    @property
    def is_county(self) -> bool:
        return len(self.code) == 2 and self.code != SWEDEN


@dataclass(frozen=True)
class Places:
    """The county, its municipalities and Sweden."""

    county: Place
    municipalities: tuple[Place, ...]
    sweden: Place

    def get(self, code: str) -> Place | None:
        for place in (self.county, self.sweden, *self.municipalities):
            if place.code == code:
                return place
        return None

    @property
    def codes(self) -> list[str]:
        return [self.sweden.code, self.county.code, *(m.code for m in self.municipalities)]

    @property
    def editions(self) -> list[Place]:
        return [self.county, *self.municipalities]


def load_places(county_code: str = DALARNA) -> Places:
    """Two queries: the county and its municipalities."""
    county = County.objects.filter(code=county_code).first()
    name = county.name if county else county_code
    municipalities = Municipality.objects.filter(county__code=county_code).order_by("short_name")
    sweden = Place(SWEDEN, _("Riket"), _("riket"))
    return Places(
        Place(county_code, name, name),
        tuple(sorted((Place(m.code, m.short_name, m.short_name) for m in municipalities), key=_sort_name)),
        sweden,
    )


def _sort_name(place: Place) -> str:
    return narrative.swedish_sort_key(place.name)


# ------------------------------------------------------------------------------------------------------- values


@dataclass(frozen=True)
class Value:
    geo_code: str
    period_code: str
    period_start: datetime.date
    value: Decimal | None
    status: str
    breakdown: dict[str, str] = field(default_factory=dict)


def format_value(indicator: IndicatorDefinition, value: Decimal | None, status: str) -> str:
    """A table cell: the figure, or what stands in its place (never zero for a withheld figure)."""
    if status == Status.SUPPRESSED:
        return _("skyddad")
    if value is None:
        return ".."
    text = narrative.format_value(
        value, unit=narrative.Unit(indicator.unit), language=language(), decimals=indicator.decimals
    )
    return f"{text} *" if status == Status.PRELIMINARY else text


def headline_values(
    indicators: Sequence[IndicatorDefinition], codes: Iterable[str]
) -> dict[int, dict[str, list[Value]]]:
    """Indicator id → geography code → its headline values in period order; one query for all."""
    if not indicators:
        return {}
    condition = Q()
    for indicator in indicators:
        condition |= Q(indicator=indicator, breakdown_key=indicator.headline_key)
    rows = (
        Observation.objects.filter(condition, geo_code__in=list(codes))
        .order_by("period_start", "period_end")
        .values_list("indicator_id", "geo_code", "period_code", "period_start", "value", "status")
    )
    result: dict[int, dict[str, list[Value]]] = defaultdict(lambda: defaultdict(list))
    for indicator_id, geo, period, start, value, status in rows:
        result[indicator_id][geo].append(Value(geo, period, start, value, status))
    return result


def import_dates(indicators: Sequence[IndicatorDefinition]) -> dict[int, datetime.datetime | None]:
    """Indicator id → when its figures were last imported; one query."""
    rows = (
        Observation.objects.filter(indicator__in=indicators)
        .values("indicator_id")
        .annotate(latest=Max("batch__finished_at"))
        .values_list("indicator_id", "latest")
    )
    return dict(rows)


# ------------------------------------------------------------------------------------------------------ figures


@dataclass
class Figure:
    """A chart with its sentences and its data table."""

    chart_id: str
    title: str
    svg: str
    sentences: list[str]
    headers: list[str]
    rows: list[list[str]]
    indicator: IndicatorDefinition
    kind: str = "series"


def _number_formatter(indicator: IndicatorDefinition) -> charts.Formatter:
    def fmt(value: charts.Number) -> str:
        return narrative.format_number(
            Decimal(str(value)), language=language(), decimals=0 if value == int(value) else 1
        )

    return fmt


def _known(values: Sequence[Value]) -> list[Value]:
    return [v for v in values if v.value is not None]


def series_figure(
    indicator: IndicatorDefinition, place: Place, places: Places, data: dict[str, list[Value]]
) -> Figure | None:
    """The place's series beside the county's and Sweden's, with change and comparison sentences."""
    compared = [place]
    if not place.is_county and place.code != SWEDEN:
        compared.append(places.county)
    if place.code != SWEDEN:
        compared.append(places.sweden)
    compared = [p for p in compared if data.get(p.code)]
    if not compared or compared[0].code != place.code:
        return None
    styles = [(charts.BRAND, False, "circle"), (charts.ACCENT, True, "square"), (charts.MUTED, False, "circle")]
    series = []
    for p, (colour, dashed, marker) in zip(compared, styles, strict=False):
        points = [charts.Point(v.period_start, v.value) for v in data[p.code] if v.value is not None]
        series.append(charts.Series(p.name, points, colour=colour, dashed=dashed, marker=marker))
    lang = language()
    sentences = []
    own = _known(data[place.code])
    subject = indicator.name
    if len(own) >= 2:
        sentences.append(
            narrative.change_sentence(
                subject=subject,
                start_period=own[0].period_code,
                start_value=cast(Decimal, own[0].value),
                end_period=own[-1].period_code,
                end_value=cast(Decimal, own[-1].value),
                language=lang,
                unit=narrative.Unit(indicator.unit),
                decimals=indicator.decimals,
            )
        )
    for latest in reversed(own):
        references = []
        for other in compared[1:]:
            match = [v for v in data[other.code] if v.period_code == latest.period_code and v.value is not None]
            if match:
                references.append((other.in_name, cast(Decimal, match[0].value)))
        if references:
            sentences.append(
                narrative.comparison_sentence(
                    subject=subject,
                    place=place.in_name,
                    value=cast(Decimal, latest.value),
                    references=references,
                    period=latest.period_code,
                    language=lang,
                    unit=narrative.Unit(indicator.unit),
                    decimals=indicator.decimals,
                )
            )
            break
    periods = sorted({(v.period_start, v.period_code) for p in compared for v in data[p.code]})
    lookup = {(v.geo_code, v.period_code): v for p in compared for v in data[p.code]}
    rows = []
    for _start, period in periods:
        cells = [period.replace("-", "–")]
        for p in compared:
            v = lookup.get((p.code, period))
            cells.append(format_value(indicator, v.value, v.status) if v else "")
        rows.append(cells)
    chart_id = f"serie-{indicator.code}-{place.code}".lower()
    title = _("%(indicator)s i %(place)s") % {"indicator": indicator.name, "place": place.in_name}
    description = " ".join(sentences) or title
    svg = charts.line_chart(
        chart_id=chart_id,
        title=title,
        description=description,
        series=series,
        number=_number_formatter(indicator),
        date=lambda d: str(d.year),
    )
    return Figure(chart_id, title, svg, sentences, [_("Period"), *(p.name for p in compared)], rows, indicator)


def ranking_figure(indicator: IndicatorDefinition, places: Places, data: dict[str, list[Value]]) -> Figure | None:
    """The county's municipalities at the latest period at least two of them have a figure: bars, map and table."""
    by_period: dict[str, dict[str, Value]] = defaultdict(dict)
    starts: dict[str, datetime.date] = {}
    for m in places.municipalities:
        for v in data.get(m.code, []):
            by_period[v.period_code][m.code] = v
            starts[v.period_code] = v.period_start
    usable = [p for p, values in by_period.items() if sum(v.value is not None for v in values.values()) >= 2]
    if not usable:
        return None
    period = max(usable, key=lambda p: starts[p])
    values = by_period[period]
    lang = language()
    ranked = sorted(
        places.municipalities,
        key=lambda m: (
            values.get(m.code) is None or values[m.code].value is None,
            -(values[m.code].value or 0) if m.code in values else 0,
        ),
    )
    bars = []
    rows = []
    for rank, m in enumerate(ranked, start=1):
        cell = values.get(m.code)
        text = format_value(indicator, cell.value, cell.status) if cell else ".."
        bars.append(charts.Bar(m.name, cell.value if cell else None, display=text))
        rows.append([str(rank) if cell and cell.value is not None else "", m.name, text])
    sentence = narrative.extremes_sentence(
        subject=indicator.name,
        values={m.name: values[m.code].value if m.code in values else None for m in places.municipalities},
        period=period,
        language=lang,
        unit=narrative.Unit(indicator.unit),
        decimals=indicator.decimals,
    )
    chart_id = f"rank-{indicator.code}-{places.county.code}".lower()
    title = _("%(indicator)s per kommun i %(county)s %(period)s") % {
        "indicator": indicator.name,
        "county": places.county.name,
        "period": period.replace("-", "–"),
    }
    svg = charts.bar_chart(chart_id=chart_id, title=title, description=sentence, bars=bars)
    figure = Figure(
        chart_id, title, svg, [sentence], [_("Rang"), _("Kommun"), _("Värde")], rows, indicator, kind="ranking"
    )
    figure_map = maps.municipality_map(
        chart_id=f"karta-{indicator.code}-{places.county.code}".lower(),
        title=title,
        description=sentence,
        values={code: (v.value if v.status != Status.SUPPRESSED else None) for code, v in values.items()},
        legend_format=lambda value: format_value(indicator, value, Status.FINAL),
        no_data=_("Uppgift saknas"),
    )
    figure.svg = svg + figure_map
    return figure


def breakdown_figure(indicator: IndicatorDefinition, place: Place) -> Figure | None:
    """The place's latest figures by breakdown (e.g. women, men, total); one query."""
    rows_qs = (
        Observation.objects.filter(indicator=indicator, geo_code=place.code)
        .exclude(breakdown_key="")
        .order_by("-period_start", "breakdown_key")
        .values_list("period_code", "breakdown", "value", "status")
    )
    rows = list(rows_qs)
    if not rows:
        return None
    latest = rows[0][0]
    current = [r for r in rows if r[0] == latest]
    if len(current) < 2:
        return None
    bars, table = [], []
    for _period, breakdown, value, status in current:
        label = ", ".join(breakdown_label(d, c) for d, c in sorted(breakdown.items()))
        text = format_value(indicator, value, status)
        bars.append(charts.Bar(label, value, display=text))
        table.append([label, text])
    dimensions = ", ".join(dimension_label(d) for d in sorted(current[0][1]))
    title = _("%(indicator)s i %(place)s %(period)s efter %(dimensions)s") % {
        "indicator": indicator.name,
        "place": place.in_name,
        "period": latest.replace("-", "–"),
        "dimensions": dimensions.lower(),
    }
    listing = "; ".join(f"{label}: {text}" for label, text in table)
    sentences = [f"{title}: {listing}."]
    chart_id = f"uppdelning-{indicator.code}-{place.code}".lower()
    svg = charts.bar_chart(chart_id=chart_id, title=title, description=" ".join(sentences) or title, bars=bars)
    return Figure(chart_id, title, svg, sentences, [dimensions, _("Värde")], table, indicator, kind="breakdown")
