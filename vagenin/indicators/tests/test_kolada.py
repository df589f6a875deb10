"""Kolada: API v3 pages and Region Dalarna's flat exports, keyed the same way."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from vagenin.indicators.kolada import parse_kolada, parse_kolada_export
from vagenin.indicators.observations import Level, ParsedTable, Status
from vagenin.indicators.tests.sources import EMPLOYMENT, TURNOUT, UNEMPLOYMENT, geography_names, read

PAGES = [read("kolada/n03926_0020_page1.json"), read("kolada/n03926_0020_page2.json")]


def page(*entries: dict[str, Any], next_url: str | None = None) -> str:
    return json.dumps({"values": list(entries), "count": len(entries), "next_url": next_url})


def entry(municipality: str = "2080", period: Any = 2022, **cell: Any) -> dict[str, Any]:
    value = {"gender": "T", "count": 1, "status": "", "value": 63.2, "isdeleted": False} | cell
    return {"kpi": "N00914", "municipality": municipality, "period": period, "values": [value]}


def problems(table: ParsedTable) -> list[tuple[str, str]]:
    return [(e.position, e.reason) for e in table.errors]


def test_pages_read_with_gender_as_a_breakdown() -> None:
    table = parse_kolada(PAGES, source="kolada N03926")
    assert table.errors == ()
    assert len(table.observations) == 6
    observation = table.get("N03926", "20", 2021, gender="K")
    assert (observation.value, observation.status, observation.geography.level) == (
        Decimal("3.732402"),
        Status.FINAL,
        Level.COUNTY,
    )
    assert table.dimension("gender").values == {"K": "Kvinnor", "M": "Män", "T": "Totalt"}
    assert table.dimension("municipality").values == {"20": "0020"}


def test_an_incomplete_download_is_reported() -> None:
    table = parse_kolada(PAGES[:1], source="kolada")
    assert problems(table) == [("next_url", "the last page given has a next page: the download is incomplete")]


def test_the_api_and_the_export_give_the_same_observations() -> None:
    api = parse_kolada(PAGES, source="api")
    export = parse_kolada_export(
        read("region-dalarna/arbetsloshet.csv"),
        source="arbetsloshet.csv",
        kpis=UNEMPLOYMENT,
        geography_names=geography_names(),
    )
    assert set(api.observations) <= set(export.observations)


def test_the_region_dalarna_exports_import_in_full() -> None:
    names = geography_names()
    unemployment = parse_kolada_export(
        read("region-dalarna/arbetsloshet.csv"), source="arbetsloshet.csv", kpis=UNEMPLOYMENT, geography_names=names
    )
    employment = parse_kolada_export(
        read("region-dalarna/sysselsatt.csv"), source="sysselsatt.csv", kpis=EMPLOYMENT, geography_names=names
    )
    turnout = parse_kolada_export(
        read("region-dalarna/valdeltagande.csv"), source="valdeltagande.csv", kpis=TURNOUT, geography_names=names
    )
    assert (unemployment.errors, employment.errors, turnout.errors) == ((), (), ())
    assert (len(unemployment.observations), len(employment.observations), len(turnout.observations)) == (36, 36, 84)
    assert unemployment.get("N03926", "20", 2011, gender="T").value == Decimal("2.945088")
    assert employment.get("N00914", "20", 2010, gender="K").value == Decimal("75.659181")
    assert employment.get("N00914", "20", 2021, gender="T").value == Decimal("81.143813")
    # No gender column: the figures are totals, keyed as the API keys a KPI not divided by gender.
    assert turnout.get("N05403", "20", 2022, gender="T").value == Decimal("85.378415")
    missing = sorted((o.indicator, o.period.year) for o in turnout.observations if o.status is Status.MISSING)
    assert missing == [("N05401", 2022), ("N05401", 2023), ("N05401", 2024), ("N05401", 2025)]
    assert {o.geography.code for o in turnout.observations} == {"20"}


def test_a_renamed_kpi_title_is_a_reported_missing_column() -> None:
    table = parse_kolada_export(
        read("region-dalarna/sysselsatt.csv"),
        source="sysselsatt.csv",
        kpis={"Förvärvsarbetande invånare 20-64 år, andel (%) (ny)": "N00914"},
        geography_names=geography_names(),
    )
    assert table.observations == ()
    assert problems(table) == [
        (
            "line 1",
            "mapped column 'Förvärvsarbetande invånare 20-64 år, andel (%) (ny)' is missing; "
            "column 'Förvärvsarbetande invånare 20-64 år, andel (%)' is neither mapped nor ignored",
        )
    ]


def test_status_handling() -> None:
    table = parse_kolada(
        page(
            entry("0000", 2022, value=None),  # no figure: missing
            entry("2080", 2022, isdeleted=True),  # withdrawn: missing, so an import clears it
            entry("2085", 2022, status="Beräknad"),  # a value with an unexplained status: reported
            entry("2062", 2022, status="Missing", value=None),
        ),
        source="kolada",
    )
    assert [(o.geography.code, o.value, o.status, o.symbol) for o in table.observations] == [
        ("00", None, Status.MISSING, ""),
        ("2080", None, Status.MISSING, "isdeleted"),
        ("2062", None, Status.MISSING, "Missing"),
    ]
    assert problems(table) == [
        (
            "values[2].values[0] (N00914, 2085, 2022)",
            "unknown Kolada status 'Beräknad' with a value; say what it means with statuses=",
        )
    ]
    explained = parse_kolada(
        page(entry("2085", 2022, status="Beräknad")), source="kolada", statuses={"Beräknad": Status.PRELIMINARY}
    )
    assert [(o.value, o.status, o.symbol) for o in explained.observations] == [
        (Decimal("63.2"), Status.PRELIMINARY, "Beräknad")
    ]


@pytest.mark.parametrize(
    ("bad_entry", "position", "reason"),
    [
        (entry("G124097"), "values[0]", "unknown geography 'G124097': not a Swedish region code"),
        (entry(period="2022/23"), "values[0]", "bad period '2022/23': expected 2024, 2024K1, 2024M03 or 2004–2007"),
        (entry(gender="X"), "values[0].values[0] (N00914, 2080, 2022)", "unknown gender 'X' (expected K, M or T)"),
        (entry(value="63,2"), "values[0].values[0] (N00914, 2080, 2022)", "bad number '63,2'"),
        ({"kpi": "", "municipality": "2080", "period": 2022, "values": []}, "values[0]", "bad kpi ''"),
    ],
)
def test_entry_problems_are_reported_with_position(bad_entry: dict[str, Any], position: str, reason: str) -> None:
    table = parse_kolada(page(entry("2081"), bad_entry), source="kolada")
    assert [(e.position, e.reason) for e in table.errors] == [(position.replace("values[0]", "values[1]", 1), reason)]
    assert [o.geography.code for o in table.observations] == ["2081"]


def test_page_problems_are_reported_with_the_page() -> None:
    table = parse_kolada(['{"values": [', json.dumps({"values": [], "count": 2}), page(entry())], source="kolada")
    assert problems(table) == [
        ("page 1, line 1, column 13", "not valid JSON: Expecting value"),
        ("page 2, count", "'count' says 2 but the page has 0 values"),
    ]
    assert len(table.observations) == 1
