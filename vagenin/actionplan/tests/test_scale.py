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

from testsupport.personas import Personas, make_municipality
from vagenin.actionplan.exchange import files
from vagenin.actionplan.exchange import services as exchange
from vagenin.actionplan.exchange.columns import COLUMNS, NAMES
from vagenin.actionplan.models import Initiative, InitiativePartner, TargetGroup, Visibility
from vagenin.actionplan.overview import document, figures
from vagenin.actionplan.overview.queries import QUERIES, load_plan
from vagenin.actionplan.tests.builders import make_initiative, make_period
from vagenin.common.models import AuditEntry

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


def _import_file(count: int, *, offset: int = 0, status: str = "ongoing") -> bytes:
    """`count` initiatives in every shape the import writes: new, sub-initiatives, published, with relations."""
    rows = []
    for number in range(count):
        parent = f"HUV-{number - number % 3:04d}" if number % 3 else ""
        row = dict.fromkeys(NAMES, "")
        row.update(
            external_id=f"HUV-{number:04d}",
            title_sv=f"Insats {number + offset}",
            summary_sv="Kort om insatsen",
            lead_organisation="forening-a" if number % 2 else "forening-b",
            themes="arbete/anstallning",
            municipalities="2080|2062" if number % 2 else "*",
            target_groups="unga" if number % 2 else "",
            status=status,
            progress="10",
            parent=parent,
            visibility="published" if number % 4 == 0 else "",
        )
        rows.append(tuple(row[name] for name in NAMES))
    return files.to_csv(rows)


@pytest.mark.django_db
def test_the_import_runs_the_same_queries_for_few_rows_and_many(personas: Personas) -> None:
    period = make_period()
    make_municipality("2062", "Mora")
    TargetGroup.objects.create(slug="unga", name_sv="Unga")

    def count(content: bytes) -> tuple[int, exchange.ImportResult]:
        with CaptureQueriesContext(connection) as queries:
            result = exchange.import_initiatives(
                actor=personas.coordinator, period=period, name="a.csv", content=content
            )
        return len(queries), result

    few, result = count(_import_file(6))
    assert (result.created, result.updated) == (6, 0)
    Initiative.objects.filter(parent__isnull=False).delete()
    Initiative.objects.all().delete()
    many, result = count(_import_file(30))
    assert (result.created, result.updated, result.unchanged) == (30, 0, 0)
    assert many == few
    # Updating rows (and their relations) costs no more queries for many rows than for few.
    few_updates, result = count(_import_file(6, offset=100, status="completed"))
    assert (result.updated, result.unchanged) == (6, 0)
    many_updates, result = count(_import_file(30, offset=200, status="completed"))
    assert (result.updated, result.unchanged) == (30, 0)
    assert many_updates == few_updates
    child = Initiative.objects.get(external_id="HUV-0005")
    assert child.parent == Initiative.objects.get(external_id="HUV-0003")
    assert child.title_sv == "Insats 205" and child.status == "completed" and not child.whole_county
    assert set(child.municipalities.values_list("code", flat=True)) == {"2080", "2062"}
    assert set(child.target_groups.values_list("slug", flat=True)) == {"unga"}
    assert Initiative.objects.get(external_id="HUV-0004").visibility == Visibility.PUBLISHED
    assert Initiative.objects.get(external_id="HUV-0004").whole_county
    assert AuditEntry.objects.filter(action="initiative.created").count() == 36
    assert AuditEntry.objects.filter(action="initiative.updated").count() == 36


def test_the_upload_limit_fits_the_row_limit() -> None:
    # A generated 10,000-row CSV is 7.3 MB: MAX_ROWS such rows, with room for long descriptions, must fit.
    assert files.MAX_UPLOAD_BYTES >= files.MAX_ROWS * 1_000
