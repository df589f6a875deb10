"""PxWeb: JSON-stat 2.0 read as the specification says, and the unambiguous variants of PxWeb's CSV."""

from __future__ import annotations

import copy
import itertools
import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vagenin.indicators.longcsv import LongCsvSpec, parse_long_csv
from vagenin.indicators.observations import Level, ParsedTable, PeriodKind, Role, Status
from vagenin.indicators.pxweb import parse_jsonstat, parse_pxweb_csv
from vagenin.indicators.tests.sources import read, read_json

FOREIGN_BORN = "pxweb/foreign_born_sample.jsonstat2.json"
MONTHLY = "pxweb/labour_market_monthly_sample.jsonstat2.json"


def jsonstat(document: Any, **options: Any) -> ParsedTable:
    return parse_jsonstat(json.dumps(document, ensure_ascii=False), source="test.json", **options)


def small_dataset(**changes: Any) -> dict[str, Any]:
    """Two regions × two years, values 1–4, as Statistics Sweden would serve it."""
    document: dict[str, Any] = {
        "version": "2.0",
        "class": "dataset",
        "label": "Test",
        "role": {"time": ["Tid"], "metric": ["ContentsCode"]},
        "id": ["Region", "ContentsCode", "Tid"],
        "size": [2, 1, 2],
        "dimension": {
            "Region": {"label": "region", "category": {"index": {"2080": 0, "2085": 1}}},
            "ContentsCode": {"label": "tabellinnehåll", "category": {"index": ["C1"], "label": {"C1": "Antal"}}},
            "Tid": {"label": "år", "category": {"index": ["2023", "2024"]}},
        },
        "value": [1, 2, 3, 4],
    }
    document.update(changes)
    return document


def values(table: ParsedTable) -> dict[tuple[str, str], Decimal | None]:
    return {(o.geography.code, o.period.code): o.value for o in table.observations}


# ------------------------------------------------------------------------------------------------ the samples


def test_the_statistics_sweden_sample_reads_in_full() -> None:
    table = parse_jsonstat(read(FOREIGN_BORN), source=FOREIGN_BORN)
    assert table.errors == ()
    assert len(table.observations) == 5 * 1 * 2 * 1 * 2
    assert table.label.startswith("Folkmängden 20-64 år efter region")
    assert [(d.code, d.role) for d in table.dimensions] == [
        ("Region", Role.GEOGRAPHY),  # no role.geo in SCB's output: the "Region" dimension
        ("Alder", Role.BREAKDOWN),
        ("Fodelseregion", Role.BREAKDOWN),
        ("ContentsCode", Role.INDICATOR),
        ("Tid", Role.PERIOD),
    ]
    assert table.dimension("Region").values == {
        "00": "Riket",
        "20": "Dalarnas län",
        "2026": "Gagnef",
        "2080": "Falun",
        "2085": "Ludvika",
    }
    ludvika = table.get("SAMPLE01", "2085", 2024, Alder="20-64", Fodelseregion="11")
    assert (ludvika.value, ludvika.status, ludvika.geography.level) == (Decimal(3400), Status.FINAL, Level.MUNICIPALITY)
    assert table.get("SAMPLE01", "00", 2000, Alder="20-64", Fodelseregion="09").value == Decimal(4400000)
    assert table.get("SAMPLE01", "20", 2024, Alder="20-64", Fodelseregion="09").geography.level is Level.COUNTY


def test_renamed_labels_map_to_the_same_codes() -> None:
    original = read_json(FOREIGN_BORN)
    renamed = copy.deepcopy(original)
    renamed["label"] = "Befolkning (ny rubrik)"
    renamed["dimension"]["Region"]["label"] = "Kommun eller län"
    renamed["dimension"]["Region"]["category"]["label"] = {
        "00": "Hela Sverige",
        "20": "Region Dalarna",
        "2026": "Gagnefs kommun",
        "2080": "Falu kommun",
        "2085": "Ludvika kommun",
    }
    renamed["dimension"]["Fodelseregion"]["category"]["label"] = {"09": "Inrikes född", "11": "Utrikes född person"}
    renamed["dimension"]["ContentsCode"]["category"]["label"] = {"SAMPLE01": "Antal personer"}
    before, after = jsonstat(original), jsonstat(renamed)
    assert after.errors == ()
    assert after.observations == before.observations
    assert after.dimension("Region").label_of("2080") == "Falu kommun"


def test_another_table_reads_with_no_code_change() -> None:
    table = parse_jsonstat(read(MONTHLY), source=MONTHLY)
    assert table.errors == ()
    assert len(table.observations) == 3 * 3 * 1 * 2 * 2  # sparse values: absent cells are missing, not dropped
    assert {d.code: d.role for d in table.dimensions} == {
        "Region": Role.GEOGRAPHY,
        "Kon": Role.BREAKDOWN,
        "Fodelseregion": Role.BREAKDOWN,
        "ContentsCode": Role.INDICATOR,
        "Tid": Role.PERIOD,
    }
    assert table.dimension("Fodelseregion").values == {"11": "utrikes född"}  # one category, no index
    assert table.dimension("Kon").values == {"1": "män", "2": "kvinnor", "1+2": "totalt"}
    january = table.get("SAMPLE_ARBL", "2080", "2025M01", Kon="1+2", Fodelseregion="11")
    february = table.get("SAMPLE_ARBL", "2080", "2025M02", Kon="1+2", Fodelseregion="11")
    assert (january.value, january.status, january.period.kind) == (Decimal("12.0"), Status.FINAL, PeriodKind.MONTH)
    assert (february.value, february.status, february.symbol) == (Decimal("12.3"), Status.PRELIMINARY, "*")
    withheld = table.get("SAMPLE_ARBL", "2085", "2025M01", Kon="2", Fodelseregion="11")
    assert (withheld.value, withheld.status, withheld.symbol) == (None, Status.MISSING, "..")
    absent = table.get("SAMPLE_SYSG", "2080", "2025M01", Kon="1", Fodelseregion="11")
    assert (absent.value, absent.status) == (None, Status.MISSING)
    counts = {status: sum(o.status is status for o in table.observations) for status in Status}
    assert counts == {Status.FINAL: 16, Status.PRELIMINARY: 17, Status.MISSING: 3, Status.SUPPRESSED: 0}


# ------------------------------------------------------------------------------------- the specification, exactly


@settings(derandomize=True, max_examples=60, deadline=None, database=None)
@given(st.lists(st.integers(min_value=1, max_value=3), min_size=0, max_size=3), st.integers(1, 3), st.integers(1, 3))
def test_positions_are_row_major(breakdown_sizes: list[int], regions: int, years: int) -> None:
    """Whatever the dimensions, the cell at position n is the n-th of the product of the categories in id order."""
    ids = ["Region", *(f"D{i}" for i in range(len(breakdown_sizes))), "Tid"]
    sizes = [regions, *breakdown_sizes, years]
    categories = {
        dim_id: [f"{dim_id.lower()}{n}" for n in range(size)] for dim_id, size in zip(ids, sizes, strict=True)
    }
    categories["Region"] = ["2080", "2081", "2085"][:regions]
    categories["Tid"] = ["2022", "2023", "2024"][:years]
    document = {
        "version": "2.0",
        "class": "dataset",
        "id": ids,
        "size": sizes,
        "role": {"time": ["Tid"], "geo": ["Region"]},
        "dimension": {dim_id: {"category": {"index": codes}} for dim_id, codes in categories.items()},
        "value": list(range(len(list(itertools.product(*categories.values()))))),
    }
    table = jsonstat(document, indicator="X")
    assert table.errors == ()
    expected = {cell: n for n, cell in enumerate(itertools.product(*(categories[d] for d in ids)))}
    for observation in table.observations:
        cell = (
            observation.geography.code,
            *(observation.breakdown[d] for d in ids[1:-1]),
            observation.period.code,
        )
        assert observation.value == expected[cell]
    assert len(table.observations) == len(expected)


def test_index_as_object_gives_positions_not_order() -> None:
    document = small_dataset()
    document["dimension"]["Region"]["category"]["index"] = {"2085": 1, "2080": 0}
    assert values(jsonstat(document))[("2085", "2023")] == 3


def test_status_as_string_array_and_object() -> None:
    as_string = jsonstat(small_dataset(status="*"))
    assert {o.status for o in as_string.observations} == {Status.PRELIMINARY}
    one_for_all = jsonstat(small_dataset(status=["*"]))
    assert {o.status for o in one_for_all.observations} == {Status.PRELIMINARY}
    per_cell = jsonstat(small_dataset(value=[1, None, 3, 4], status=[None, "..", "", "x"]))
    assert [(o.value, o.status) for o in per_cell.observations] == [
        (1, Status.FINAL),
        (None, Status.MISSING),
        (3, Status.FINAL),
        (None, Status.SUPPRESSED),
    ]
    sparse = jsonstat(small_dataset(value={"0": 1, "3": 4}, status={"1": "-"}))
    assert [(o.value, o.status) for o in sparse.observations] == [
        (1, Status.FINAL),
        (0, Status.FINAL),  # "-": nothing to report, a true zero
        (None, Status.MISSING),
        (4, Status.FINAL),
    ]


def test_decimals_stay_exact_and_strings_must_be_numbers() -> None:
    table = jsonstat(small_dataset(value=[0.1, "2.5", 3, 4]))
    assert values(table)[("2080", "2023")] == Decimal("0.1")
    assert values(table)[("2080", "2024")] == Decimal("2.5")


def test_arguments_name_the_roles_when_the_file_does_not() -> None:
    document = small_dataset(role=None, id=["Omrade", "ContentsCode", "Period"])
    dims = document["dimension"]
    document["dimension"] = {"Omrade": dims["Region"], "ContentsCode": dims["ContentsCode"], "Period": dims["Tid"]}
    refused = jsonstat(document)
    assert [(e.position, e.reason) for e in refused.errors] == [
        ("role", "no geography dimension: 'role.geo' is absent and no dimension is 'Region'")
    ]
    table = jsonstat(document, geography_dimension="Omrade", time_dimension="Period")
    assert table.errors == () and len(table.observations) == 4


def test_a_table_without_a_metric_dimension_takes_the_indicator_argument() -> None:
    document = small_dataset(role={"time": ["Tid"]}, id=["Region", "Tid"], size=[2, 2])
    del document["dimension"]["ContentsCode"]
    assert jsonstat(document).errors[0].reason.startswith("no indicator dimension")
    table = jsonstat(document, indicator="BE0101N1")
    assert {o.indicator for o in table.observations} == {"BE0101N1"}


# ------------------------------------------------------------------------------------------- malformed JSON-stat


def problems(table: ParsedTable) -> list[tuple[str, str]]:
    return [(e.position, e.reason) for e in table.errors]


def test_bad_json_is_reported_with_line_and_column() -> None:
    table = parse_jsonstat('{"version": "2.0",\n "class": "dataset",\n "id": [', source="broken.json")
    assert table.observations == ()
    [error] = table.errors
    assert (error.source, error.position) == ("broken.json", "line 3, column 9")
    assert error.reason.startswith("not valid JSON: Expecting value")


def test_nan_is_not_json() -> None:
    table = parse_jsonstat('{"version": "2.0", "value": [NaN]}', source="nan.json")
    assert problems(table) == [("file", "not valid JSON: NaN is not a JSON number")]


@pytest.mark.parametrize(
    ("changes", "position", "reason"),
    [
        ({"version": "1.0"}, "version", "not JSON-stat 2.0 (version '1.0')"),
        ({"class": "collection"}, "class", "not a JSON-stat dataset (class 'collection')"),
        ({"size": [2, 1]}, "size", "'id' has 3 dimensions but 'size' has 2"),
        ({"size": [2, 1, 3]}, "dimension.Tid.category", "2 categories but 'size' says 3"),
        ({"value": [1, 2, 3]}, "value", "'value' has 3 entries but 'size' makes 4 cells"),
        ({"value": {"4": 1}}, "value['4']", "position '4' is outside 0–3"),
        ({"status": ["*", "*"]}, "status", "'status' has 2 entries but 'size' makes 4 cells"),
        ({"status": {"x": "*"}}, "status['x']", "position 'x' is outside 0–3"),
        ({"id": ["Region", "Tid", "Tid"]}, "id", "'id' must be a list of distinct dimension ids"),
        ({"size": [2, 1, -2]}, "size", "'size' must be a list of non-negative integers"),
        ({"role": {"geo": ["Region", "Tid"]}}, "role.geo", "several dimensions have role geo (Region, Tid); name one"),
        ({"role": {"geo": ["Kommun"]}}, "role", "the geography dimension 'Kommun' is not in 'id'"),
    ],
)
def test_structural_problems_are_reported(changes: dict[str, Any], position: str, reason: str) -> None:
    table = jsonstat(small_dataset(**changes))
    assert table.observations == ()
    assert problems(table) == [(position, reason)]


def test_index_positions_must_be_a_permutation() -> None:
    document = small_dataset()
    document["dimension"]["Region"]["category"]["index"] = {"2080": 0, "2085": 2}
    assert problems(jsonstat(document)) == [
        ("dimension.Region.category.index", "the positions in 'category.index' are not 0–1")
    ]


def test_labels_must_belong_to_the_index() -> None:
    document = small_dataset()
    document["dimension"]["Region"]["category"]["label"] = {"2080": "Falun", "2062": "Mora"}
    assert problems(jsonstat(document)) == [
        ("dimension.Region.category.label", "labels for codes not in the index: 2062")
    ]


def test_an_unknown_geography_is_reported_once_with_its_cells() -> None:
    document = small_dataset()
    document["dimension"]["Region"]["category"]["index"] = {"2080": 0, "SE1": 1}
    table = jsonstat(document)
    assert problems(table) == [
        (
            "dimension.Region.category 'SE1'",
            "unknown geography 'SE1': not a Swedish region code; its 2 cells are not read",
        )
    ]
    assert values(table) == {("2080", "2023"): 1, ("2080", "2024"): 2}


def test_a_bad_number_and_an_unknown_status_are_reported_per_cell() -> None:
    table = jsonstat(small_dataset(value=[1, "12,5", True, 4], status={"3": "?"}))
    assert problems(table) == [
        (
            "value[1] (Region=2080, ContentsCode=C1, Tid=2024)",
            "bad number '12,5': a comma where the file uses decimal point",
        ),
        ("value[2] (Region=2085, ContentsCode=C1, Tid=2023)", "bad number True"),
        ("value[3] (Region=2085, ContentsCode=C1, Tid=2024)", "unknown status symbol '?'"),
    ]
    assert values(table) == {("2080", "2023"): 1}


# --------------------------------------------------------------------------------------------------- PxWeb CSV


def test_the_wide_and_the_long_csv_give_the_same_observations() -> None:
    wide = parse_pxweb_csv(read("pxweb/population_dalarna_wide_codes.csv"), source="wide.csv")
    long = parse_pxweb_csv(
        read("pxweb/population_dalarna_long_codes_and_texts.csv"),
        source="long.csv",
        cell_format="codes_and_texts",
        time_column="år",
    )
    assert wide.errors == () and long.errors == ()
    assert len(wide.observations) == 17 * 5
    assert set(wide.observations) == set(long.observations)
    assert wide.get("BE0101N1", "2080", 2024).value == Decimal(59945)
    assert wide.get("BE0101N1", "00", 2024).value == Decimal(10587710)
    assert long.dimension("region").values["2080"] == "Falun"
    assert long.dimension("ContentsCode").values == {"BE0101N1": "Folkmängd"}


def test_the_csv_matches_the_long_csv_it_was_reshaped_from() -> None:
    spec = LongCsvSpec(
        geography="municipality_code",
        period="year",
        values={"population": "BE0101N1"},
        ignore=frozenset({"municipality"}),
    )
    source = parse_long_csv(read("scb/population_2020-2025.csv"), spec=spec, source="population")
    wide = parse_pxweb_csv(read("pxweb/population_dalarna_wide_codes.csv"), source="wide.csv")
    municipal = {o for o in wide.observations if o.geography.level is Level.MUNICIPALITY}
    assert municipal <= set(source.observations)
    assert len(municipal) == 15 * 5


def test_stub_breakdowns_heading_without_content_and_symbols() -> None:
    text = '"Region","Alder","Kon","2023","2024"\n"2080","20-64","1",17000,".."\n"2080","20-64","2",16500,"-"\n'
    assert problems(parse_pxweb_csv(text, source="t.csv")) == [
        ("line 1", "column '2023' names no content code; pass indicator=")
    ]
    table = parse_pxweb_csv(text, source="t.csv", indicator="BE0101N1")
    assert table.errors == ()
    assert [(o.breakdown, o.period.code, o.value, o.status) for o in table.observations] == [
        ({"Alder": "20-64", "Kon": "1"}, "2023", 17000, Status.FINAL),
        ({"Alder": "20-64", "Kon": "1"}, "2024", None, Status.MISSING),
        ({"Alder": "20-64", "Kon": "2"}, "2023", 16500, Status.FINAL),
        ({"Alder": "20-64", "Kon": "2"}, "2024", 0, Status.FINAL),
    ]


def test_semicolons_mean_decimal_comma() -> None:
    text = "Region;Tid;AM0210A1\n20;2024M01;7,5\n20;2024M02;7,25\n"
    table = parse_pxweb_csv(text, source="t.csv")
    assert table.errors == ()
    assert [o.value for o in table.observations] == [Decimal("7.5"), Decimal("7.25")]


def test_texts_only_are_refused_outright() -> None:
    with pytest.raises(ValueError, match="texts only carries labels, not codes"):
        parse_pxweb_csv("region,2024\nFalun,1\n", source="t.csv", cell_format="texts")  # type: ignore[arg-type]  # the refused variant, on purpose


def test_labels_where_codes_are_expected_are_reported() -> None:
    text = '"region","ålder","kön","2023"\n"2080 Falun","20-64 år","män",1\n"Falun","tot","1",2\n'
    table = parse_pxweb_csv(text, source="t.csv", indicator="X")
    assert problems(table) == [
        (
            "line 2, column 'region'",
            "'2080 Falun' has a space: a label or 'code text', not a code (cell_format='codes')",
        ),
        ("line 3, column 'region'", "unknown geography 'Falun': not a Swedish region code"),
    ]


@pytest.mark.parametrize(
    ("text", "position", "reason"),
    [
        (
            "Region 2023 2024\n2080 1 2\n",
            "line 1",
            "cannot tell the delimiter: the header is one column with , ; and tab",
        ),
        ("Kommun,2023\n2080,1\n", "line 1", "the header needs exactly one geography column 'Region'"),
        ("Region,Kon,Antal\n2080,1,5\n", "line 1", "no column is a period and there is no time column 'Tid'"),
        ("Region,C1 2023,Kon\n2080,1,2\n", "line 1", "column 'Kon' follows the period columns but names no period"),
        (
            "Region,Folkmängd totalt 2023\n2080,1\n",
            "line 1",
            "column 'Folkmängd totalt 2023' is not '<content code> <period>': a label? (cell_format='codes')",
        ),
        ("", "file", "no header: the file is empty"),
    ],
)
def test_csv_layouts_that_cannot_be_read_are_refused(text: str, position: str, reason: str) -> None:
    table = parse_pxweb_csv(text, source="t.csv")
    assert problems(table) == [(position, reason)]


def test_csv_row_problems_are_reported_per_line() -> None:
    text = "Region,C1 2023,C1 2024\n2080,1,2\n2085,3\n2000,4,5\n2062,abc,6\n"
    table = parse_pxweb_csv(text, source="t.csv")
    assert problems(table) == [
        ("line 3", "2 fields but the header has 3"),
        ("line 4, column 'Region'", "unknown geography '2000': not a municipality code"),
        ("line 5, column 'C1 2023'", "bad number 'abc'"),
    ]
    assert len(table.observations) == 3
