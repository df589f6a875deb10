"""Shapes, not times: the work of the heavy jobs grows linearly with the rows, and their queries not at all.

Speed itself is measured by the bench (`python -m bench.jobs`, see bench/README.md), never asserted here.
Work is counted as Python function calls (a profiler hook): deterministic on any machine, and a quadratic
step (e.g. openpyxl's `max_row` per row) shows up as a count that quadruples when the rows double.
"""

from __future__ import annotations

import datetime
import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from testsupport.personas import Personas
from vagenin.actionplan.exchange import files
from vagenin.actionplan.exchange.columns import COLUMNS
from vagenin.actionplan.models import InitiativePartner
from vagenin.actionplan.overview import document, figures
from vagenin.actionplan.overview.queries import QUERIES, load_plan
from vagenin.actionplan.tests.builders import make_initiative, make_period

D = datetime.date


def calls(job: Callable[[], object]) -> int:
    """How many Python and C functions `job` calls."""
    count = 0

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        job()
    finally:
        sys.setprofile(None)
    return count


def assert_linear(job_for: Callable[[int], Callable[[], object]], sizes: tuple[int, int, int] = (50, 100, 200)) -> None:
    """Doubling the rows again adds about twice the work the first doubling added (a quadratic job: four times)."""
    job_for(5)()  # imports and caches out of the way
    small, middle, large = (calls(job_for(size)) for size in sizes)
    first, second = middle - small, large - middle
    assert first > 0
    assert second <= 2.2 * first, (small, middle, large)


def export_row(number: int) -> files.Row:
    values = []
    for column in COLUMNS:
        if column.kind == "date":
            values.append("2020-01-02")
        elif column.kind == "integer":
            values.append("40")
        else:
            values.append(f"=rad {number}")  # text that looks like a formula must stay text
    return tuple(values)


def test_the_import_file_xlsx_is_written_in_linear_work() -> None:
    assert_linear(lambda size: lambda: files.to_xlsx([export_row(n) for n in range(size)]))


def _sections(size: int) -> list[document.AreaSection]:
    area = figures.Area(1, 1, "Arbete", "Arbete", "arbete")
    theme = figures.Theme(1, 1, 1, "=Anställning", "anstallning")
    initiatives = [
        figures.Initiative(
            id=n,
            slug=f"insats-{n}",
            title=f"=Insats {n}",
            summary="Sammanfattning",
            parent_id=None,
            weight=1,
            progress=30,
            status="ongoing",
            status_label="Pågår",
            starts_on=D(2020, 1, 1),
            ends_on=None,
            published=True,
            whole_county=False,
            lead_id=1,
            partner_ids=(2,),
            theme_ids=(1,),
        )
        for n in range(1, size + 1)
    ]
    plan = figures.Plan(
        areas=(area,),
        themes=(theme,),
        municipalities=(),
        organisations={1: figures.Organisation(1, "Region", "region"), 2: figures.Organisation(2, "Kommun", "k")},
        initiatives=tuple(initiatives),
    )
    return document.build_document(plan, initiatives, {})


HEADERS = document.Headers(*(f"Rubrik {n}" for n in range(12)))


def test_the_document_xlsx_is_written_in_linear_work() -> None:
    assert_linear(lambda size: lambda: document.document_xlsx(_sections(size), HEADERS))


def test_the_document_xlsx_keeps_text_as_text_and_dates_as_dates() -> None:
    import io

    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(document.document_xlsx(_sections(2), HEADERS)))
    sheet = workbook.active
    assert sheet is not None
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:K3"
    assert sheet["A1"].font.bold and sheet.column_dimensions["J"].width == 80
    assert sheet["B2"].value == "=Anställning" and sheet["B2"].data_type == "s"
    assert sheet["H2"].value == datetime.datetime(2020, 1, 1) and sheet["H2"].number_format == "yyyy-mm-dd"


@pytest.mark.django_db
def test_load_plan_runs_the_same_queries_however_many_initiatives(personas: Personas) -> None:
    period = make_period()

    def count() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            plan = load_plan(period)
        return len(queries), len(plan.organisations)

    assert count() == (QUERIES, 0)
    for number in range(20):
        initiative = make_initiative(personas.org_b, f"Insats {number}")
        InitiativePartner.objects.create(initiative=initiative, organisation=personas.org_a)
    assert count() == (QUERIES, 2)
