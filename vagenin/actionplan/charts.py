"""Accessible charts drawn on the server as SVG: horizontal bars and lines over time. No Django, no JavaScript.

Each chart is an `<svg role="img">` named by its `<title>` (aria-labelledby) and described by its
`<desc>` (aria-describedby). The colours used for data have at least 3:1 contrast against the white
background, and series differ by line style and marker shape as well as colour. A chart never stands
alone: the page puts a data table and a one-sentence summary beside it.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

# Contrast against white: INK 17:1, MUTED 8.2:1, BRAND 8.4:1, ACCENT 6.5:1. GRID and TRACK are decoration.
INK = "#1b1b1f"
MUTED = "#4a4f57"
BRAND = "#0b5563"
ACCENT = "#a8361b"
GRID = "#c7cfd3"
TRACK = "#e3f0f2"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"

WIDTH = 640
LABEL_WIDTH = 240
BAR_HEIGHT = 20
ROW_HEIGHT = 32
MAX_LABEL = 28

Number = int | float | Decimal
Formatter = Callable[[Number], str]


def plain_number(value: Number) -> str:
    """A number without trailing zeros: 48.00 → "48", 12.50 → "12.5"."""
    if isinstance(value, Decimal):
        value = value.normalize()
        text = f"{value:f}"
    else:
        text = f"{value:.2f}".rstrip("0").rstrip(".") if not float(value).is_integer() else str(int(value))
    return "0" if text in ("-0", "") else text


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _clip(label: str, length: int = MAX_LABEL) -> str:
    return label if len(label) <= length else label[: length - 1].rstrip() + "…"


def _open(chart_id: str, title: str, description: str, height: float) -> list[str]:
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{_attr(chart_id)}" role="img" '
        f'aria-labelledby="{_attr(title_id)}" aria-describedby="{_attr(desc_id)}" viewBox="0 0 {WIDTH} {height:g}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" font-family="{_attr(FONT)}" font-size="14">',
        f'<title id="{_attr(title_id)}">{escape(title)}</title>',
        f'<desc id="{_attr(desc_id)}">{escape(description)}</desc>',
    ]


@dataclass(frozen=True)
class Bar:
    label: str
    value: Number | None  # None draws no bar and shows the `display` text (e.g. "–")
    display: str = ""


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    bars: Sequence[Bar],
    maximum: Number | None = None,
    track: bool = False,
) -> str:
    """Horizontal bars, one row each, labelled on the left with the value at the bar's end.

    `maximum` fixes the scale (100 for per cent); `track` draws the full-length track behind each bar.
    """
    top = 8
    height = top + ROW_HEIGHT * max(len(bars), 1) + 8
    scale_max = float(maximum) if maximum is not None else max((float(b.value or 0) for b in bars), default=0)
    span = WIDTH - LABEL_WIDTH - 72  # room for the value text after the longest bar
    parts = _open(chart_id, title, description, height)
    for n, bar in enumerate(bars):
        y = top + n * ROW_HEIGHT
        middle = y + ROW_HEIGHT / 2
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{middle:g}" text-anchor="end" dominant-baseline="middle" '
            f'fill="{INK}">{escape(_clip(bar.label))}</text>'
        )
        bar_y = y + (ROW_HEIGHT - BAR_HEIGHT) / 2
        if track:
            parts.append(f'<rect x="{LABEL_WIDTH}" y="{bar_y:g}" width="{span}" height="{BAR_HEIGHT}" fill="{TRACK}"/>')
        length = 0.0
        if bar.value is not None and scale_max > 0:
            length = span * min(max(float(bar.value), 0.0), scale_max) / scale_max
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{bar_y:g}" width="{length:.1f}" height="{BAR_HEIGHT}" fill="{BRAND}"/>'
            )
        text = bar.display or (plain_number(bar.value) if bar.value is not None else "–")
        value_x = LABEL_WIDTH + (span if track else length) + 6
        parts.append(
            f'<text x="{value_x:.1f}" y="{middle:g}" dominant-baseline="middle" fill="{INK}">{escape(text)}</text>'
        )
    parts.append(f'<line x1="{LABEL_WIDTH}" y1="{top}" x2="{LABEL_WIDTH}" y2="{height - 8:g}" stroke="{MUTED}"/>')
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True)
class Point:
    when: datetime.date
    value: Number


@dataclass(frozen=True)
class Series:
    label: str
    points: Sequence[Point]
    colour: str = BRAND
    dashed: bool = False
    marker: str = "circle"  # or "square"


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values (steps of 1, 2 or 5 times a power of ten) covering low..high."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    ticks = [round(math.floor(low / step) * step, 10)]
    while ticks[-1] < high - step * 1e-9:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "square":
        return f'<rect x="{x - 4.5:.1f}" y="{y - 4.5:.1f}" width="9" height="9" fill="{colour}"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{colour}"/>'


def line_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    series: Sequence[Series],
    number: Formatter = plain_number,
    date: Callable[[datetime.date], str] = datetime.date.isoformat,
) -> str:
    """Lines over time with markers at each point, a value axis from zero (or below) and a legend."""
    points = [p for s in series for p in s.points]
    left, right, top, plot_height = 64, 24, 16, 200
    legend_y = top + plot_height + 48
    height = legend_y + 24 * len(series) + 8
    parts = _open(chart_id, title, description, height)
    if not points:
        parts.append("</svg>")
        return "".join(parts)
    values = [float(p.value) for p in points]
    ticks = nice_ticks(min(0.0, *values), max(values))
    y_low, y_high = ticks[0], ticks[-1]
    first = min(p.when for p in points)
    last = max(p.when for p in points)
    days = max((last - first).days, 1)
    plot_width = WIDTH - left - right

    def x_of(when: datetime.date) -> float:
        return left + plot_width * (when - first).days / days

    def y_of(value: Number) -> float:
        return top + plot_height * (1 - (float(value) - y_low) / (y_high - y_low))

    for tick in ticks:
        y = y_of(tick)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - right}" y2="{y:.1f}" stroke="{GRID}"/>')
        parts.append(
            f'<text x="{left - 8}" y="{y:.1f}" text-anchor="end" dominant-baseline="middle" '
            f'fill="{MUTED}">{escape(number(tick))}</text>'
        )
    bottom = top + plot_height
    parts.append(f'<line x1="{left}" y1="{bottom}" x2="{WIDTH - right}" y2="{bottom}" stroke="{MUTED}"/>')
    parts.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{bottom}" stroke="{MUTED}"/>')
    for when, anchor in ((first, "start"), (last, "end")):
        parts.append(
            f'<text x="{x_of(when):.1f}" y="{bottom + 22}" text-anchor="{anchor}" fill="{MUTED}">'
            f"{escape(date(when))}</text>"
        )
    for s in series:
        coordinates = " ".join(f"{x_of(p.when):.1f},{y_of(p.value):.1f}" for p in s.points)
        dash = ' stroke-dasharray="8 6"' if s.dashed else ""
        if len(s.points) > 1:
            parts.append(
                f'<polyline points="{coordinates}" fill="none" stroke="{_attr(s.colour)}" stroke-width="3"{dash}/>'
            )
        parts.extend(_marker(s.marker, x_of(p.when), y_of(p.value), _attr(s.colour)) for p in s.points)
    for n, s in enumerate(series):
        y = legend_y + 24 * n
        dash = ' stroke-dasharray="8 6"' if s.dashed else ""
        parts.append(
            f'<line x1="{left}" y1="{y}" x2="{left + 40}" y2="{y}" stroke="{_attr(s.colour)}" stroke-width="3"{dash}/>'
        )
        parts.append(_marker(s.marker, left + 20, y, _attr(s.colour)))
        parts.append(f'<text x="{left + 52}" y="{y}" dominant-baseline="middle" fill="{INK}">{escape(s.label)}</text>')
    parts.append("</svg>")
    return "".join(parts)
