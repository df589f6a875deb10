"""Long CSVs through a column mapping: the real shipped files in full, and every problem reported where it is."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

from vagenin.indicators.longcsv import GeographyFormat, LongCsvSpec, parse_long_csv
from vagenin.indicators.observations import Level, ParsedTable, PeriodKind, Status
from vagenin.indicators.tests.sources import geography_names, read

POPULATION = LongCsvSpec(
    geography="municipality_code",
    geography_label="municipality",
    period="year",
    values={"population": "BE0101N1"},  # Statistics Sweden's content code for Folkmängd
)

# The survey exports carry labels only: the tests give them codes (gender as Kolada writes it).
SURVEY = LongCsvSpec(
    geography="Region",
    geography_format=GeographyFormat.CODE_LABEL,  # "20 Dalarnas län"
    period="År",
    values={"Andel": "hlv1socxreg"},
    breakdowns={"Sociala relationer": "social_relation", "Andel och konfidensintervall": "measure", "Kön": "gender"},
    value_codes={
        "Sociala relationer": {
            "Svårt att lita på andra": "hard_to_trust",
            "Lågt socialt deltagande": "low_participation",
        },
        "Andel och konfidensintervall": {"Andel": "share"},
        "Kön": {"Totalt": "T", "Kvinnor": "K", "Män": "M"},
    },
)


def problems(table: ParsedTable) -> list[tuple[str, str]]:
    return [(e.position, e.reason) for e in table.errors]


def test_the_population_file_imports_in_full() -> None:
    table = parse_long_csv(read("scb/population_2020-2025.csv"), spec=POPULATION, source="population_2020-2025.csv")
    assert table.errors == ()
    assert len(table.observations) == 1740
    assert len(table.dimension("geography").categories) == 290
    assert list(table.dimension("period").values) == ["2020", "2021", "2022", "2023", "2024", "2025"]
    assert {o.geography.level for o in table.observations} == {Level.MUNICIPALITY}
    assert table.dimension("geography").values["0114"] == "Upplands Väsby"  # the leading zero is kept
    assert table.get("BE0101N1", "2080", 2020).value == Decimal(59528)
    assert table.get("BE0101N1", "2021", 2024).value == Decimal(6752)
    assert table.get("BE0101N1", "0114", 2020).value == Decimal(47184)
    total_2024 = sum(o.value or 0 for o in table.observations if o.period.year == 2024)
    dalarna_2024 = sum(
        o.value or 0 for o in table.observations if o.period.year == 2024 and o.geography.county_code == "20"
    )
    assert (total_2024, dalarna_2024) == (10587710, 286546)


@pytest.mark.parametrize(
    ("name", "relation", "first", "last"),
    [
        ("region-dalarna/tillit_ny.csv", "hard_to_trust", Decimal("27.5"), Decimal("27.3")),
        ("region-dalarna/deltagande_ny.csv", "low_participation", Decimal("22.8"), Decimal("35.3")),
    ],
)
def test_the_survey_files_import_in_full(name: str, relation: str, first: Decimal, last: Decimal) -> None:
    table = parse_long_csv(read(name), spec=SURVEY, source=name)
    assert table.errors == ()
    assert len(table.observations) == 42
    periods = table.dimension("period")
    assert len(periods.categories) == 14 and "2014-2017" not in periods.values  # the survey skipped two spans
    assert {o.period.kind for o in table.observations} == {PeriodKind.SPAN}
    assert table.dimension("geography").values == {"20": "Dalarnas län"}
    breakdown = {"social_relation": relation, "measure": "share", "gender": "T"}
    assert table.get("hlv1socxreg", "20", "2004-2007", **breakdown).value == first
    assert table.get("hlv1socxreg", "20", "2019–2022", **breakdown).value == last
    assert Counter(o.breakdown["gender"] for o in table.observations) == {"T": 14, "K": 14, "M": 14}


def test_a_renamed_label_is_reported_not_turned_into_a_new_code() -> None:
    text = read("region-dalarna/tillit_ny.csv").decode().replace('"Totalt","2004-2007"', '"Båda könen","2004-2007"')
    table = parse_long_csv(text, spec=SURVEY, source="tillit_ny.csv")
    assert problems(table) == [("line 2, column 'Kön'", "'Båda könen' is not a known label of this column")]
    assert len(table.observations) == 41


def test_a_missing_mapped_column_and_an_unmapped_one_stop_the_file() -> None:
    text = "municipality_code,municipality,år,population,age\n2080,Falun,2024,59945,all\n"
    table = parse_long_csv(text, spec=POPULATION, source="population.csv")
    assert table.observations == ()
    assert problems(table) == [
        (
            "line 1",
            "mapped column 'year' is missing; column 'år' is neither mapped nor ignored; "
            "column 'age' is neither mapped nor ignored",
        )
    ]


def test_row_problems_are_reported_with_line_and_column() -> None:
    text = (
        "municipality_code,municipality,year,population\n"
        "2080,Falun,2024,59945\n"  # line 2: fine
        "9999,Nowhere,2024,1\n"  # 3: unknown geography
        "2085,Ludvika,24,26634\n"  # 4: bad period
        "2062,Mora,2024,20 000\n"  # 5: bad number
        "2081,Borlänge,2024\n"  # 6: short row
        "2080,Falun,2024,59945\n"  # 7: duplicate of line 2
        "2029,Leksand,2024,NA\n"  # 8: missing, fine
    )
    table = parse_long_csv(text, spec=POPULATION, source="population.csv")
    assert problems(table) == [
        ("line 3, column 'municipality_code'", "unknown geography '9999': not a municipality code"),
        ("line 4, column 'year'", "bad period '24': expected 2024, 2024K1, 2024M03 or 2004–2007"),
        ("line 5, column 'population'", "bad number '20 000'"),
        ("line 6", "3 fields but the header has 4"),
        ("line 7, column 'population'", "duplicate observation (first at line 2, column 'population')"),
    ]
    assert [(o.geography.code, o.value, o.status) for o in table.observations] == [
        ("2080", Decimal(59945), Status.FINAL),
        ("2029", None, Status.MISSING),
    ]


def test_names_resolve_through_the_lookup_and_unknown_names_are_reported() -> None:
    spec = LongCsvSpec(
        geography="kommun",
        geography_format=GeographyFormat.NAME,
        geography_names=geography_names(),
        period="år",
        values={"andel": "X"},
    )
    text = "kommun;år;andel\nFalun;2024;12,5\nRiket;2024;20,1\nDalarnas län;2024;14\nFalu kommun;2024;1\n"
    table = parse_long_csv(text, spec=spec, source="t.csv")
    assert problems(table) == [
        ("line 5, column 'kommun'", "unknown geography 'Falu kommun': not among the geography names")
    ]
    assert [(o.geography.code, o.value) for o in table.observations] == [
        ("2080", Decimal("12.5")),  # semicolons: decimal comma
        ("00", Decimal("20.1")),
        ("20", Decimal(14)),
    ]


def test_bom_tab_delimiter_fixed_breakdown_and_explicit_decimal() -> None:
    spec = LongCsvSpec(
        geography="region", period="tid", values={"v": "X"}, fixed_breakdown={"gender": "T"}, decimal=","
    )
    text = "\ufeffregion\ttid\tv\n20\t2024K1\t3,5\n20\t2024K2\t..\n".encode()
    table = parse_long_csv(text, spec=spec, source="t.tsv")
    assert table.errors == ()
    assert [(o.period.code, o.breakdown, o.value, o.status, o.symbol) for o in table.observations] == [
        ("2024K1", {"gender": "T"}, Decimal("3.5"), Status.FINAL, ""),
        ("2024K2", {"gender": "T"}, None, Status.MISSING, ".."),
    ]


def test_text_that_is_not_utf8_is_reported() -> None:
    table = parse_long_csv(
        "region,year,v\n20,2024,1\nMälardalen,2024,2\n".encode("latin-1"),
        spec=LongCsvSpec(geography="region", period="year", values={"v": "X"}),
        source="latin1.csv",
    )
    assert problems(table) == [("line 3", "not UTF-8 text (byte 25)")]


def test_a_spec_that_contradicts_itself_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one value column"):
        LongCsvSpec(geography="g", period="p", values={})
    with pytest.raises(ValueError, match="mapped twice"):
        LongCsvSpec(geography="g", period="g", values={"v": "X"})
    with pytest.raises(ValueError, match="need a lookup"):
        LongCsvSpec(geography="g", period="p", values={"v": "X"}, geography_format=GeographyFormat.NAME)
    with pytest.raises(ValueError, match="not breakdowns"):
        LongCsvSpec(geography="g", period="p", values={"v": "X"}, value_codes={"k": {}})
