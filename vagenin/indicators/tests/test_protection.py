"""Small counts are withheld when imported and when a threshold is set: pages, downloads, API and report."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from vagenin.indicators import services
from vagenin.indicators.models import IndicatorDefinition, Observation, SourceKind, Status, Suppression, Unit

OPTIONS = {
    "geography_column": "region",
    "period_column": "year",
    "value_columns": "count=REFUG",
    "breakdown_columns": "sex=gender",
}
CSV = (
    b"region,year,sex,count\n"
    b"20,2024,T,130\n20,2024,K,62\n20,2024,M,68\n"
    b"2080,2024,T,100\n2080,2024,K,48\n2080,2024,M,52\n"
    b"2085,2024,T,30\n2085,2024,K,3\n2085,2024,M,27\n"
    b"2085,2023,T,28\n2085,2023,K,14\n2085,2023,M,14\n"
)


@pytest.fixture
def refugees(reference: None) -> IndicatorDefinition:
    return IndicatorDefinition.objects.create(
        code="REFUG",
        name_sv="Mottagna nyanlända",
        name_en="Newly arrived received",
        unit=Unit.NUMBER,
        unit_label_sv="personer",
        unit_label_en="persons",
        decimals=0,
        suppress_below=5,
        headline={"gender": "T"},
    )


def _import() -> None:
    batch = services.import_file(
        actor=None, file_name="refug.csv", source_kind=SourceKind.LONG_CSV, content=CSV, options=OPTIONS
    )
    assert batch.state == batch.State.DONE, batch.rejected_rows


def _hidden() -> dict[tuple[str, str, str], str]:
    rows = Observation.objects.filter(indicator__code="REFUG", status=Status.SUPPRESSED)
    return {(o.geo_code, o.period_code, o.breakdown_key): o.suppression for o in rows}


def test_an_import_withholds_small_counts_and_what_would_give_them_away(refugees: IndicatorDefinition) -> None:
    _import()
    hidden = _hidden()
    assert hidden[("2085", "2024", "gender=K")] == Suppression.PRIMARY
    # Ludvika's women: its total minus its men would tell; so would the county's women minus Falun's.
    assert len(hidden) >= 3
    assert all(o.value is None for o in Observation.objects.filter(indicator=refugees, status=Status.SUPPRESSED))
    assert ("2085", "2023", "gender=K") not in hidden  # another year is another table
    _import()  # a re-import protects the figures again
    assert _hidden() == hidden


def test_a_threshold_set_later_protects_what_is_stored(refugees: IndicatorDefinition) -> None:
    IndicatorDefinition.objects.filter(pk=refugees.pk).update(suppress_below=0)
    _import()
    assert not _hidden()
    definition = IndicatorDefinition.objects.get(pk=refugees.pk)
    services.save_definition(actor=None, definition=definition, data={"suppress_below": 5})
    assert _hidden()[("2085", "2024", "gender=K")] == Suppression.PRIMARY


def test_percentages_are_not_counts(refugees: IndicatorDefinition) -> None:
    IndicatorDefinition.objects.filter(pk=refugees.pk).update(unit=Unit.PERCENT)
    _import()
    assert not _hidden()


def test_withheld_figures_show_nowhere(refugees: IndicatorDefinition) -> None:
    _import()
    client = Client()
    with translation.override("sv"):
        page = client.get(reverse("indicators:indicator", kwargs={"geo": "2085", "code": "REFUG"})).content.decode()
    assert "skyddad" in page and "Antal under 5 redovisas inte" in page
    assert ">3<" not in page
    csv = client.get(reverse("indicators:indicator", kwargs={"geo": "20", "code": "REFUG"}) + "?format=csv")
    lines = csv.content.decode("utf-8-sig").splitlines()
    line = next(r for r in lines if r.startswith("REFUG,2085,Ludvika,2024,gender=K"))
    assert ",,personer,Skyddad,Färre än gränsen för små antal," in line
    api = client.get("/api/v1/observations/", {"indicator": "REFUG", "geography": "2085", "period": "2024"}).json()
    women = next(r for r in api["results"] if r["breakdown"] == {"gender": "K"})
    assert (women["value"], women["status"]) == (None, "suppressed")


def test_the_unit_shows_in_the_language_of_the_page(refugees: IndicatorDefinition) -> None:
    _import()
    client = Client()
    english = client.get("/en/statistik/2080/REFUG/").content.decode()
    assert "<dd>persons</dd>" in english and "(personer)" not in english
    percent = IndicatorDefinition.objects.create(code="P1", name_sv="Andel", unit=Unit.PERCENT)
    with translation.override("en"):
        assert percent.unit_label == "per cent"
    with translation.override("sv"):
        assert percent.unit_label == "procent"
