"""A map of the county's municipalities coloured by value, built on the action plan's chart helpers. No Django.

The shapes are Dalarna's 15 municipalities, projected and simplified once (`geo/dalarna_municipalities.json`,
with its provenance and licence inside). Values fall into four equal-width classes of a sequential palette;
a municipality without a figure is hatched and named in the legend as "no data". The page puts the numbers in
a table beside the map.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping
from decimal import Decimal
from html import escape
from pathlib import Path
from typing import Any

from vagenin.actionplan.charts import FONT, INK, MUTED, Number, _attr

SHAPES = Path(__file__).resolve().parent / "geo" / "dalarna_municipalities.json"
# Light to dark; each class differs from its neighbours and the darkest carries white-on-dark contrast.
PALETTE = ("#d7eef2", "#8cc8d3", "#3a8c9c", "#0b5563")
NO_DATA = "#ffffff"
LEGEND_WIDTH = 220


@functools.cache
def shapes() -> dict[str, Any]:
    """The simplified shapes, read once."""
    return dict(json.loads(SHAPES.read_text(encoding="utf-8")))


def classes(values: Mapping[str, Number | None], count: int = len(PALETTE)) -> list[tuple[Decimal, Decimal]]:
    """Equal-width class bounds over the known values (fewer classes when the values are few or equal)."""
    known = sorted(Decimal(str(v)) for v in values.values() if v is not None)
    if not known:
        return []
    low, high = known[0], known[-1]
    if low == high:
        return [(low, high)]
    count = min(count, len(set(known)))
    step = (high - low) / count
    return [(low + step * n, high if n == count - 1 else low + step * (n + 1)) for n in range(count)]


def class_of(value: Number, bounds: list[tuple[Decimal, Decimal]]) -> int:
    number = Decimal(str(value))
    for index, (_low, high) in enumerate(bounds):
        if number <= high:
            return index
    return len(bounds) - 1


def municipality_map(
    *,
    chart_id: str,
    title: str,
    description: str,
    values: Mapping[str, Number | None],
    legend_format: Callable[[Decimal], str],
    no_data: str,
) -> str:
    """The municipalities coloured by class, each named by its `<title>`, with a legend of the classes."""
    data = shapes()
    width, height = float(data["width"]), float(data["height"])
    bounds = classes(values)
    total_width = width + LEGEND_WIDTH
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-map" id="{_attr(chart_id)}" role="img" '
        f'aria-labelledby="{_attr(title_id)}" aria-describedby="{_attr(desc_id)}" '
        f'viewBox="0 0 {total_width:g} {height:g}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'font-family="{_attr(FONT)}" font-size="14">',
        f'<title id="{_attr(title_id)}">{escape(title)}</title>',
        f'<desc id="{_attr(desc_id)}">{escape(description)}</desc>',
        f'<defs><pattern id="{_attr(chart_id)}-hatch" width="6" height="6" patternUnits="userSpaceOnUse">'
        f'<path d="M0,6L6,0" stroke="{MUTED}" stroke-width="1"/></pattern></defs>',
    ]
    for code, shape in data["municipalities"].items():
        value = values.get(code)
        fill = f"url(#{_attr(chart_id)}-hatch)" if value is None or not bounds else PALETTE[class_of(value, bounds)]
        parts.append(
            f'<path d="{_attr(shape["path"])}" fill="{fill}" stroke="{INK}" stroke-width="0.8">'
            f"<title>{escape(shape['name'])}</title></path>"
        )
    x = width + 24
    for index, (low, high) in enumerate(bounds):
        y = 24 + index * 28
        parts.append(
            f'<rect x="{x:g}" y="{y}" width="20" height="20" fill="{PALETTE[index]}" '
            f'stroke="{INK}" stroke-width="0.8"/>'
        )
        label = legend_format(low) if low == high else f"{legend_format(low)} – {legend_format(high)}"
        parts.append(f'<text x="{x + 28:g}" y="{y + 14}" fill="{INK}">{escape(label)}</text>')
    y = 24 + len(bounds) * 28
    parts.append(
        f'<rect x="{x:g}" y="{y}" width="20" height="20" fill="url(#{_attr(chart_id)}-hatch)" '
        f'stroke="{INK}" stroke-width="0.8"/>'
    )
    parts.append(f'<text x="{x + 28:g}" y="{y + 14}" fill="{INK}">{escape(no_data)}</text>')
    parts.append(f'<rect x="0" y="0" width="0" height="0" fill="{NO_DATA}"/>')
    parts.append("</svg>")
    return "".join(parts)
