"""The action plan as a document: its assembly, the web page, the XLSX and the tagged PDF."""

from __future__ import annotations

import dataclasses
import datetime
import io
import re
import zlib
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from testsupport.personas import PERSONA_NAMES, Personas
from vagenin.actionplan.models import InitiativePartner
from vagenin.actionplan.overview import builds, document, tasks
from vagenin.actionplan.overview import views as overview_views
from vagenin.actionplan.overview.figures import Area, Initiative, Organisation, Plan, Theme
from vagenin.actionplan.tests.builders import make_initiative

D = datetime.date


def _initiative(pk: int, title: str, theme_ids: tuple[int, ...], **fields: Any) -> Initiative:
    defaults: dict[str, Any] = {
        "slug": f"i{pk}",
        "summary": f"Om {title}",
        "parent_id": None,
        "weight": 1,
        "progress": 10,
        "status": "ongoing",
        "status_label": "Pågående",
        "starts_on": D(2025, 1, 1),
        "ends_on": None,
        "published": True,
        "whole_county": True,
        "lead_id": 1,
    }
    return Initiative(id=pk, title=title, theme_ids=theme_ids, **{**defaults, **fields})


def test_the_document_lists_areas_then_themes_then_initiatives_by_title() -> None:
    plan = Plan(
        areas=(Area(1, 1, "Arbete", "Arbete", "arbete"), Area(2, 2, "Bostad", "Bostad", "bostad")),
        themes=(Theme(10, 1, 1, "Jobb", "jobb"), Theme(11, 1, 2, "Företag", "foretag"), Theme(20, 2, 1, "Bo", "bo")),
        municipalities=(),
        organisations={1: Organisation(1, "Avesta kommun", "a"), 2: Organisation(2, "Almi", "b")},
        initiatives=(
            _initiative(1, "Örnen", (10, 11), partner_ids=(2, 2)),
            _initiative(2, "Alfa", (10,), parent_id=1, progress=50),
            _initiative(3, "Bara utkast", (20,), published=False),
        ),
    )
    sections = document.build_document(plan, plan.shown(include_drafts=False), plan.progress())
    work, housing = sections
    assert [(s.theme.name, [e.title for e in s.entries]) for s in work.themes] == [
        ("Jobb", ["Alfa", "Örnen"]),
        ("Företag", ["Örnen"]),
    ]
    assert work.initiatives == 2
    assert housing.initiatives == 0 and housing.themes[0].entries == ()
    alfa, ornen = work.themes[0].entries
    assert (alfa.parent_title, alfa.progress) == ("Örnen", 50)
    assert (ornen.lead, ornen.partners, ornen.progress) == ("Avesta kommun", ("Almi",), 50)  # rolled up


@pytest.fixture
def plan(personas: Personas) -> dict[str, Any]:
    published = make_initiative(
        personas.org_a,
        "Språkcaféer i Mora",
        starts_on=D(2025, 1, 1),
        ends_on=D(2026, 12, 31),
        status="ongoing",
        progress=40,
        summary_sv="=HYPERLINK(1) ser ut som en formel men är text",
    )
    InitiativePartner.objects.create(initiative=published, organisation=personas.org_b)
    draft = make_initiative(personas.org_a, "Hemligt utkast", published=False)
    return {"published": published, "draft": draft}


def _url(**params: str) -> str:
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return reverse("actionplan:document") + (f"?{query}" if query else "")


@pytest.mark.django_db
def test_the_web_page_shows_published_initiatives_per_area_and_theme(personas: Personas, plan: dict[str, Any]) -> None:
    response = personas.client("anonymous").get(_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Språkcaféer i Mora" in html and "Föreningen B" in html and "40\u00a0%" in html
    assert "Hemligt utkast" not in html
    assert html.index("Vägen till arbete") < html.index("Korta vägen till anställning") < html.index("Språkcaféer")


@pytest.mark.django_db
def test_the_english_download_has_an_english_name(personas: Personas, plan: dict[str, Any]) -> None:
    with translation.override("en"):
        url = reverse("actionplan:document") + "?format=xlsx"
    response = personas.client("anonymous").get(url)
    assert response.status_code == 200
    assert re.fullmatch(
        r'attachment; filename="action-plan-2015-2020-\d{4}-\d\d-\d\d\.xlsx"', response["Content-Disposition"]
    )


@pytest.mark.django_db
def test_the_xlsx_has_a_bold_frozen_header_and_real_dates(personas: Personas, plan: dict[str, Any]) -> None:
    response = personas.client("anonymous").get(_url(format="xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"] == overview_views.XLSX
    assert re.fullmatch(
        r'attachment; filename="handlingsplan-2015-2020-\d{4}-\d\d-\d\d\.xlsx"', response["Content-Disposition"]
    )
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Samverkansområde", "Fokusområde", "Insats")
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert len(rows) == 2
    row = rows[1]
    assert row[:4] == ("Vägen till arbete", "Korta vägen till anställning", "Språkcaféer i Mora", "Föreningen A")
    assert row[4:7] == ("Föreningen B", "Pågående", 40)
    assert row[7] == datetime.datetime(2025, 1, 1) and row[8] == datetime.datetime(2026, 12, 31)
    assert sheet.cell(row=2, column=10).data_type == "s"  # text that starts with "=" is no formula


def _pdf_text(pdf: bytes) -> bytes:
    """The PDF with every compressed stream unpacked, so its outline and catalogue can be searched."""
    parts = [pdf]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        try:
            parts.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return b"\n".join(parts)


def _pdf_string(text: str) -> bytes:
    """How WeasyPrint writes a non-ASCII string in the outline: UTF-16 with a byte-order mark, in hex."""
    return b"<feff" + text.encode("utf-16-be").hex().encode() + b">"


@pytest.mark.django_db
def test_the_pdf_is_tagged_with_its_language_and_has_the_initiatives(personas: Personas, plan: dict[str, Any]) -> None:
    response = personas.client("anonymous").get(_url(format="pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert re.fullmatch(
        r'attachment; filename="handlingsplan-2015-2020-\d{4}-\d\d-\d\d\.pdf"', response["Content-Disposition"]
    )
    pdf = response.getvalue()
    assert pdf.startswith(b"%PDF-") and len(pdf) > 5000
    unpacked = _pdf_text(pdf)
    assert b"/Lang (sv)" in unpacked
    assert b"/StructTreeRoot" in unpacked  # tagged for PDF/UA
    # Headings become the PDF's bookmarks: the initiative's title is there, the draft's is not.
    assert _pdf_string("Språkcaféer i Mora") in unpacked
    assert _pdf_string("Hemligt utkast") not in unpacked


@pytest.mark.django_db
def test_without_weasyprint_the_pdf_answers_503_with_alternatives(
    personas: Personas, plan: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(builds, "render_pdf", lambda html: None)
    response = personas.client("anonymous").get(_url(format="pdf"))
    assert response.status_code == 503
    html = response.content.decode()
    assert "PDF kan inte skapas just nu" in html and "format=xlsx" in html


@pytest.mark.django_db
def test_document_query_count_does_not_grow(personas: Personas, plan: dict[str, Any]) -> None:
    def count(**params: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert personas.client("anonymous").get(_url(**params)).status_code == 200
        return len(queries)

    few = count(), count(format="xlsx")
    for number in range(30):
        initiative = make_initiative(personas.org_b, f"Insats {number}")
        InitiativePartner.objects.create(initiative=initiative, organisation=personas.org_a)
    assert (count(), count(format="xlsx")) == few
    assert few[0] <= 15


@pytest.mark.parametrize("persona", PERSONA_NAMES)
@pytest.mark.django_db
def test_everyone_may_read_the_document_and_nobody_sees_drafts_in_it(
    personas: Personas, plan: dict[str, Any], persona: str
) -> None:
    client = personas.client(persona)
    response = client.get(_url())
    assert response.status_code == 200
    assert "Hemligt utkast" not in response.content.decode()
    response = client.get(_url(format="xlsx"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    assert sheet is not None
    assert [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["Språkcaféer i Mora"]


@pytest.mark.django_db
def test_a_document_not_built_yet_is_being_prepared_then_served_from_storage(
    personas: Personas, plan: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    queued: list[tuple[Any, ...]] = []
    # A real worker that has not run yet: the request only queues the build.
    monkeypatch.setattr(tasks.build_document, "delay", lambda *args: queued.append(args))
    monkeypatch.setattr(builds, "render_pdf", lambda html: b"%PDF-1.7 stored")
    client = personas.client("anonymous")
    response = client.get(_url(format="pdf"))
    assert response.status_code == 202 and response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert "Dokumentet förbereds" in html and 'role="status"' in html and "Steg 0 av 4" in html
    assert client.get(_url(format="pdf")).status_code == 202
    assert queued == [(plan["published"].period_id, "sv", "pdf")]  # once: the build is under way
    # The worker builds it; from then on the file is served from storage, and the page says when it was built.
    assert tasks.build_document(*queued[0]) == "ready"
    response = client.get(_url(format="pdf"))
    assert response.status_code == 200 and response.getvalue() == b"%PDF-1.7 stored"
    page = client.get(_url())
    assert "PDF-filen skapades" in page.content.decode()
    # The web page's body is built the same way: being prepared (not kept by the page cache) until the worker ran.
    assert "Handlingsplanen förbereds" in page.content.decode() and page["Cache-Control"] == "no-store"
    html_builds = [args for args in queued if args[2] == "html"]
    assert html_builds == [(plan["published"].period_id, "sv", "html")]
    assert tasks.build_document(*html_builds[0]) == "ready"
    page = client.get(_url())
    built = page.content.decode()
    assert "Handlingsplanen förbereds" not in built and "Språkcaféer i Mora" in built
    assert "no-store" not in page.get("Cache-Control", "")
    # A change of the data makes the stored file stale: a new build is queued, the old file is not served; the
    # web page shows the last body with a note until the new one is built.
    make_initiative(personas.org_b, "Ny insats")
    assert client.get(_url(format="pdf")).status_code == 202
    assert len([args for args in queued if args[2] == "pdf"]) == 2
    updating = client.get(_url()).content.decode()
    assert "Handlingsplanen uppdateras just nu" in updating and "Språkcaféer i Mora" in updating


@pytest.mark.django_db
def test_a_build_claimed_long_ago_is_claimed_again(personas: Personas, plan: dict[str, Any]) -> None:
    period = plan["published"].period
    current = builds.version(period)
    builds.claim(period, "sv", "xlsx", current)
    build = builds.read(period, "sv", "xlsx")
    assert build.status == "building" and not builds.needs_build(build, current)
    assert build.claimed_at is not None
    old = dataclasses.replace(build, claimed_at=build.claimed_at - builds.STALE_CLAIM * 2)
    assert builds.needs_build(old, current)
    assert builds.needs_build(build, current + "x")
