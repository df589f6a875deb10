"""Server-made SVG charts: accessible names, escaping, contrast, scales. No database."""

from __future__ import annotations

import ast
import datetime
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest

from vagenin.actionplan import charts
from vagenin.actionplan.charts import Bar, Point, Series, bar_chart, line_chart, nice_ticks, plain_number

SVG = "{http://www.w3.org/2000/svg}"
D = datetime.date


def _parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)  # noqa: S314  # our own markup


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("colour", [charts.INK, charts.MUTED, charts.BRAND, charts.ACCENT])
def test_data_colours_have_at_least_3_to_1_contrast_against_white_and_the_track(colour: str) -> None:
    assert _contrast(colour, "#ffffff") >= 3
    assert _contrast(colour, charts.TRACK) >= 3


def test_bar_chart_is_an_image_named_by_its_title_and_described() -> None:
    svg = _parse(
        bar_chart(
            chart_id="c1",
            title="Insatser per område",
            description="Flest inom arbete.",
            bars=[Bar("Arbete", 5), Bar("Hälsa", 0)],
        )
    )
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "c1-title"
    assert svg.get("aria-describedby") == "c1-desc"
    assert svg.find(f"{SVG}title").text == "Insatser per område"  # type: ignore[union-attr]
    assert svg.find(f"{SVG}desc").text == "Flest inom arbete."  # type: ignore[union-attr]
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert texts == ["Arbete", "5", "Hälsa", "0"]


def test_bar_lengths_follow_the_values_and_a_missing_value_draws_no_bar() -> None:
    svg = _parse(
        bar_chart(
            chart_id="c",
            title="t",
            description="d",
            bars=[Bar("A", 50, "50 %"), Bar("B", 100, "100 %"), Bar("C", None)],
            maximum=100,
        )
    )
    widths = [float(rect.get("width", 0)) for rect in svg.iter(f"{SVG}rect")]
    assert len(widths) == 2 and widths[1] == pytest.approx(2 * widths[0])
    assert [t.text for t in svg.iter(f"{SVG}text")][-1] == "–"


def test_text_is_escaped_and_long_labels_are_shortened() -> None:
    markup = bar_chart(
        chart_id='x"y',
        title="<script>alert(1)</script>",
        description="a & b",
        bars=[Bar("<b>" + "lång etikett " * 5, 1)],
    )
    assert "<script>" not in markup and "<b>" not in markup
    svg = _parse(markup)
    assert svg.get("id") == 'x"y'
    label = next(svg.iter(f"{SVG}text")).text or ""
    assert len(label) <= charts.MAX_LABEL and label.endswith("…")


def test_line_chart_draws_each_series_with_markers_and_a_legend() -> None:
    plan = Series("Plan", [Point(D(2025, 1, 1), 0), Point(D(2027, 1, 1), Decimal(100))], charts.ACCENT, True, "square")
    outcome = Series("Utfall", [Point(D(2025, 1, 1), 0), Point(D(2026, 1, 1), Decimal("30.5"))])
    svg = _parse(line_chart(chart_id="l", title="Deltagare", description="Efter planen.", series=[plan, outcome]))
    lines = list(svg.iter(f"{SVG}polyline"))
    assert len(lines) == 2
    assert lines[0].get("stroke-dasharray") and not lines[1].get("stroke-dasharray")
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert {"Plan", "Utfall", "2025-01-01", "2027-01-01"} <= set(texts)
    assert "100" in texts  # the scale reaches the target
    assert len(list(svg.iter(f"{SVG}circle"))) == 2 + 1  # two outcome points and the legend marker


def test_line_chart_without_points_is_still_a_named_image() -> None:
    svg = _parse(line_chart(chart_id="e", title="Tom", description="Inget utfall.", series=[Series("x", [])]))
    assert svg.get("role") == "img" and not list(svg.iter(f"{SVG}polyline"))


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [(0, 95, [0, 20, 40, 60, 80, 100]), (0, 120, [0, 50, 100, 150]), (-5, 12, [-5, 0, 5, 10, 15])],
)
def test_nice_ticks_cover_the_range_in_round_steps(low: float, high: float, expected: list[float]) -> None:
    assert nice_ticks(low, high) == expected


def test_plain_number_drops_trailing_zeros() -> None:
    assert [plain_number(v) for v in (Decimal("48.00"), Decimal("12.50"), 3, 2.0, 0.25)] == [
        "48",
        "12.5",
        "3",
        "2",
        "0.25",
    ]


PURE = {"charts.py", "overview/figures.py", "overview/document.py"}
# Pure modules may use one another and the roll-up; nothing else of the project and never Django.
ALLOWED = {"vagenin.actionplan.progress", "vagenin.actionplan.overview.figures", "vagenin.actionplan.charts"}


@pytest.mark.parametrize("module", sorted(PURE))
def test_pure_modules_never_import_django(module: str) -> None:
    tree = ast.parse((Path(__file__).parent.parent / module).read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names} | {
        node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
    }
    forbidden = {name for name in imported if name.startswith(("django", "vagenin")) and name not in ALLOWED}
    assert not forbidden, forbidden
