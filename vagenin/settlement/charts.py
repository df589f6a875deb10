"""Settlement charts as server-side SVG: fulfilment bars, reception month by month, and the county map.

Built on :mod:`vagenin.actionplan.charts` (title, description, contrast rules). Every chart stands beside a
data table with the same numbers and a one-sentence summary on the page.

The map draws the county's municipalities from `fixtures/dalarna_municipalities.geojson` (Dalarna's 15
polygons from the shared geodata, coordinates rounded to four decimals, about 10 m). Longitude and latitude
are projected equirectangularly around the county's middle latitude: x = longitude × cos(φ₀), y = −latitude.
Over a county's few degrees of latitude this keeps shapes and areas right to within a few per cent, which a
choropleth needs; no projection library is needed.
"""

from __future__ import annotations

import datetime
import json
import math
from collections.abc import Sequence
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from vagenin.actionplan.charts import ACCENT, BRAND, INK, MUTED, Bar, Point, Series, bar_chart, line_chart
from vagenin.settlement.queries import Fulfilment

GEO_FILE = Path(__file__).resolve().parent / "fixtures" / "dalarna_municipalities.geojson"

# Fulfilment classes, light to dark; each fill has at least 3:1 contrast with its neighbours' borders (INK).
CLASSES: tuple[tuple[float, str], ...] = (
    (0.5, "#f6e8c3"),
    (0.9, "#dfc27d"),
    (1.0, "#80cdc1"),
    (math.inf, "#01665e"),
)
NO_QUOTA = "#ffffff"


def _class_labels() -> list[tuple[str, str]]:
    return [
        (CLASSES[0][1], _("under 50 %")),
        (CLASSES[1][1], _("50–89 %")),
        (CLASSES[2][1], _("90–99 %")),
        (CLASSES[3][1], _("minst 100 %")),
        (NO_QUOTA, _("inget kommuntal")),
    ]


def fill_for(row: Fulfilment) -> str:
    if row.ratio is None:
        return NO_QUOTA
    value = float(row.ratio)
    return next(colour for limit, colour in CLASSES if value < limit)


def fulfilment_bars(rows: Sequence[Fulfilment], *, chart_id: str) -> str:
    """Received as a per cent of the quota, per municipality."""
    bars = [
        Bar(
            label=row.municipality.short_name,
            value=float(row.ratio) * 100 if row.ratio is not None else None,
            display=f"{float(row.ratio) * 100:.0f} %" if row.ratio is not None else "–",
        )
        for row in rows
    ]
    return bar_chart(
        chart_id=chart_id,
        title=_("Uppfyllelse av kommuntalet per kommun"),
        description=_("Mottagna som andel av kommuntalet, i procent. Siffrorna finns i tabellen intill."),
        bars=bars,
        maximum=max([100.0, *[bar.value or 0 for bar in bars]]),
        track=True,
    )


def monthly_line(year: int, months: Sequence[dict[str, Any]], quota: int, *, chart_id: str) -> str:
    """Cumulative reception month by month against the quota."""
    received = Series(
        label=_("Mottagna hittills"),
        points=[Point(datetime.date(year, row["month"], 1), row["cumulative"]) for row in months],
        colour=BRAND,
    )
    target = Series(
        label=_("Kommuntal"),
        points=[Point(datetime.date(year, 1, 1), quota), Point(datetime.date(year, 12, 1), quota)],
        colour=ACCENT,
        dashed=True,
        marker="square",
    )
    return line_chart(
        chart_id=chart_id,
        title=_("Mottagna %(year)s, ackumulerat per månad") % {"year": year},
        description=_("Antal mottagna hittills under året mot kommuntalet %(quota)s. Siffrorna finns i tabellen.")
        % {"quota": quota},
        series=[received, target],
        date=lambda when: when.strftime("%Y-%m"),
    )


@cache
def _features() -> tuple[dict[str, Any], ...]:
    data = json.loads(GEO_FILE.read_text(encoding="utf-8"))
    return tuple(data["features"])


def _rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return list(geometry["coordinates"])
    return [ring for polygon in geometry["coordinates"] for ring in polygon]


def project(features: Sequence[dict[str, Any]], width: float, height: float, margin: float = 8) -> Any:
    """A function from (lon, lat) to SVG (x, y) that fits the features into width × height."""
    points = [point for feature in features for ring in _rings(feature["geometry"]) for point in ring]
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    factor = math.cos(math.radians((min(lats) + max(lats)) / 2))
    span_x = (max(lons) - min(lons)) * factor
    span_y = max(lats) - min(lats)
    scale = min((width - 2 * margin) / span_x, (height - 2 * margin) / span_y)
    left, top = min(lons), max(lats)

    def to_svg(lon: float, lat: float) -> tuple[float, float]:
        return margin + (lon - left) * factor * scale, margin + (top - lat) * scale

    return to_svg, span_x * scale + 2 * margin, span_y * scale + 2 * margin


def fulfilment_map(county_code: str, rows: Sequence[Fulfilment], *, chart_id: str) -> str:
    """The county's municipalities coloured by fulfilment, each named by a title; '' without map data."""
    features = [f for f in _features() if f["properties"].get("lan_code") == county_code]
    if not features:
        return ""
    by_code = {row.municipality.code: row for row in rows}
    to_svg, width, height = project(features, 420, 520)
    legend = _class_labels()
    legend_height = 24 * len(legend) + 16
    total_height = height + legend_height
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    description = _(
        "Länets kommuner färgade efter hur stor del av kommuntalet som tagits emot. "
        "Siffrorna per kommun finns i tabellen bredvid kartan."
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart map" id="{escape(chart_id)}" role="img" '
        f'aria-labelledby="{title_id}" aria-describedby="{desc_id}" viewBox="0 0 {width:.0f} {total_height:.0f}" '
        'width="100%" font-size="14">',
        f'<title id="{title_id}">{escape(_("Karta: uppfyllelse av kommuntalet per kommun"))}</title>',
        f'<desc id="{desc_id}">{escape(description)}</desc>',
    ]
    for feature in features:
        code = feature["properties"]["id"]
        row = by_code.get(code)
        path = " ".join(
            "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in (to_svg(lon, lat) for lon, lat in ring)) + " Z"
            for ring in _rings(feature["geometry"])
        )
        name = row.municipality.short_name if row else feature["properties"].get("kom_namn", code)
        label = name if row is None or row.ratio is None else f"{name}: {float(row.ratio) * 100:.0f} %"
        colour = fill_for(row) if row else NO_QUOTA
        parts.append(
            f'<path d="{path}" fill="{colour}" stroke="{INK}" stroke-width="1" fill-rule="evenodd">'
            f"<title>{escape(label)}</title></path>"
        )
    for n, (colour, text) in enumerate(legend):
        y = height + 12 + 24 * n
        parts.append(f'<rect x="8" y="{y:.0f}" width="18" height="18" fill="{colour}" stroke="{MUTED}"/>')
        parts.append(f'<text x="34" y="{y + 9:.0f}" dominant-baseline="middle" fill="{INK}">{escape(text)}</text>')
    parts.append("</svg>")
    return "".join(parts)
