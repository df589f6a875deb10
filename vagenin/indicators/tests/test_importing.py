"""Importers through the Django layer: the shipped real files, re-imports, malformed files, preview and confirm."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from testsupport.personas import Personas
from vagenin.indicators import demo, services
from vagenin.indicators.models import ImportBatch, IndicatorDefinition, Observation, SourceKind, Status
from vagenin.indicators.tests.sources import read

POPULATION = demo.IMPORTS[0]


def _import(name: str, kind: str, options: dict[str, str]) -> ImportBatch:
    return services.import_file(actor=None, file_name=name, source_kind=kind, content=read(name), options=options)


def test_every_shipped_file_imports_through_the_real_importers(reference: None) -> None:
    demo.load_definitions()
    for name, kind, options in demo.IMPORTS:
        batch = _import(name, kind, options)
        assert batch.state == ImportBatch.State.DONE, batch.rejected_rows
        assert batch.rejected == 0
    falun_2024 = Observation.objects.get(indicator__code="BE0101N1", geo_code="2080", period_code="2024")
    assert falun_2024.value == Decimal(59945)
    sweden = Observation.objects.get(indicator__code="BE0101N1", geo_code="00", period_code="2024")
    assert sweden.value == Decimal(10587710)  # the official national sum
    trust = Observation.objects.get(
        indicator__code="hlv-tillit", geo_code="20", period_code="2004-2007", breakdown_key="gender=T"
    )
    assert trust.value == Decimal("27.5")
    assert trust.period_kind == "span" and trust.period_start.year == 2004 and trust.period_end.year == 2007


def test_reimport_updates_in_place(reference: None) -> None:
    demo.load_definitions()
    name, kind, options = POPULATION
    first = _import(name, kind, options)
    count = Observation.objects.count()
    second = _import(name, kind, options)
    assert Observation.objects.count() == count == first.accepted == second.accepted
    assert set(Observation.objects.values_list("batch_id", flat=True)) == {second.pk}


def test_a_changed_figure_replaces_the_old_one(reference: None) -> None:
    demo.load_definitions()
    options = {"geography_column": "region", "period_column": "year", "value_columns": "v=BE0101N1"}
    services.import_file(
        actor=None,
        file_name="a.csv",
        source_kind=SourceKind.LONG_CSV,
        content=b"region,year,v\n2080,2024,5\n",
        options=options,
    )
    services.import_file(
        actor=None,
        file_name="b.csv",
        source_kind=SourceKind.LONG_CSV,
        content=b"region,year,v\n2080,2024,x\n",
        options=options,
    )
    observation = Observation.objects.get()
    assert observation.value is None and observation.status == Status.SUPPRESSED


def test_a_malformed_file_changes_nothing_and_says_why(reference: None) -> None:
    demo.load_definitions()
    name, kind, options = POPULATION
    _import(name, kind, options)
    before = list(Observation.objects.order_by("pk").values_list("pk", "value"))
    bad = read(name).replace(b"0180,Stockholm,2024", b"0180,Stockholm,20x4")
    batch = services.import_file(actor=None, file_name="bad.csv", source_kind=kind, content=bad, options=options)
    assert batch.state == ImportBatch.State.FAILED
    assert batch.rejected == 1
    assert batch.rejected_rows[0]["file"] == "bad.csv"
    assert "line" in batch.rejected_rows[0]["position"] and "period" in batch.rejected_rows[0]["reason"]
    assert list(Observation.objects.order_by("pk").values_list("pk", "value")) == before


def test_not_json_is_reported(reference: None) -> None:
    batch = services.import_file(
        actor=None, file_name="x.json", source_kind=SourceKind.JSONSTAT, content=b"{not json", options={}
    )
    assert batch.state == ImportBatch.State.FAILED
    assert "not valid JSON" in batch.rejected_rows[0]["reason"]
    assert not Observation.objects.exists()


def test_an_unknown_indicator_is_refused_unless_definitions_may_be_created(reference: None) -> None:
    content = read("pxweb/labour_market_monthly_sample.jsonstat2.json")
    refused = services.import_file(
        actor=None, file_name="m.json", source_kind=SourceKind.JSONSTAT, content=content, options={}
    )
    assert refused.state == ImportBatch.State.FAILED
    assert "has no definition" in refused.rejected_rows[0]["reason"]
    accepted = services.import_file(
        actor=None,
        file_name="m.json",
        source_kind=SourceKind.JSONSTAT,
        content=content,
        options={"create_definitions": True},
    )
    assert accepted.state == ImportBatch.State.DONE and accepted.accepted > 0
    assert IndicatorDefinition.objects.exists()
    # "..": not published, kept as missing, never as zero.
    assert Observation.objects.filter(status=Status.MISSING, value__isnull=True).exists()


def test_kolada_api_pages_import(reference: None) -> None:
    demo.load_definitions()
    batch = services.import_file(
        actor=None,
        file_name="n03926_0020_page2.json",
        source_kind=SourceKind.KOLADA,
        content=read("kolada/n03926_0020_page2.json"),
        options={},
    )
    assert batch.state == ImportBatch.State.DONE, batch.rejected_rows
    assert Observation.objects.filter(indicator__code="N03926", geo_code="20").exists()


@pytest.mark.parametrize("persona", ["analyst", "coordinator"])
def test_upload_preview_confirm(personas: Personas, reference: None, persona: str) -> None:
    demo.load_definitions()
    client = personas.client(persona)
    upload = SimpleUploadedFile("befolkning.csv", read("pxweb/population_dalarna_wide_codes.csv"), "text/csv")
    response = client.post(
        reverse("indicators:import"), {"file": upload, "source_kind": SourceKind.PXWEB_CSV, "cell_format": "codes"}
    )
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert batch.state == ImportBatch.State.PREVIEWED and batch.accepted == 85 and not Observation.objects.exists()
    page = client.get(response["Location"])
    assert "BE0101N1" in page.content.decode()
    response = client.post(reverse("indicators:import_confirm", kwargs={"batch_id": batch.uuid}))
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.DONE and Observation.objects.count() == 85
    assert batch.content == b"" or bytes(batch.content) == b""


def test_a_preview_with_rejected_rows_cannot_be_confirmed(personas: Personas, reference: None) -> None:
    client = personas.client("analyst")
    upload = SimpleUploadedFile("bad.csv", b"region,year,v\n2080,2024,5\n208,2024,6\n", "text/csv")
    client.post(
        reverse("indicators:import"),
        {
            "file": upload,
            "source_kind": SourceKind.LONG_CSV,
            "geography_column": "region",
            "period_column": "year",
            "value_columns": "v=X1",
            "create_definitions": "on",
        },
    )
    batch = ImportBatch.objects.get()
    assert batch.rejected == 1
    page = client.get(reverse("indicators:import_detail", kwargs={"batch_id": batch.uuid})).content.decode()
    assert "line 3" in page and "three digits" in page
    client.post(reverse("indicators:import_confirm", kwargs={"batch_id": batch.uuid}))
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.PREVIEWED
    assert not Observation.objects.exists()
    assert not IndicatorDefinition.objects.filter(code="X1").exists()


def test_the_long_csv_form_needs_its_mapping(personas: Personas, reference: None) -> None:
    client = personas.client("analyst")
    upload = SimpleUploadedFile("a.csv", b"a,b\n1,2\n", "text/csv")
    response = client.post(reverse("indicators:import"), {"file": upload, "source_kind": SourceKind.LONG_CSV})
    assert response.status_code == 200
    assert response.context["form"].errors["period_column"]
    assert not ImportBatch.objects.exists()


def test_the_command_imports_or_says_why_not(reference: None, tmp_path: Any) -> None:
    demo.load_definitions()
    good = tmp_path / "wide.csv"
    good.write_bytes(read("pxweb/population_dalarna_wide_codes.csv"))
    out = io.StringIO()
    call_command("import_indicators", str(good), "--kind", "pxweb_csv", stdout=out)
    assert "85 observations imported" in out.getvalue()
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"region,year,v\n208,2024,1\n")
    errors = io.StringIO()
    with pytest.raises(CommandError, match="1 rows rejected"):
        call_command(
            "import_indicators",
            str(bad),
            "--kind",
            "long_csv",
            "--option",
            "geography_column=region",
            "--option",
            "period_column=year",
            "--option",
            "value_columns=v=BE0101N1",
            stderr=errors,
        )
    assert "bad.csv, line 2" in errors.getvalue()
    assert Observation.objects.count() == 85
