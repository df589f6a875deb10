"""The common shape: geography codes, periods, numbers, cells and the observation key."""

from __future__ import annotations

from decimal import Decimal

import pytest

from vagenin.indicators.observations import (
    DEFAULT_SYMBOLS,
    SWEDEN,
    Breakdown,
    Geography,
    Level,
    Observation,
    Period,
    PeriodKind,
    Status,
    TableBuilder,
    classify_geography,
    parse_decimal,
    parse_period,
    resolve_cell,
)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("00", SWEDEN),
        ("SE", SWEDEN),
        ("0000", SWEDEN),  # Kolada's Sweden
        ("20", Geography("20", Level.COUNTY)),
        ("0020", Geography("20", Level.COUNTY)),  # Kolada's Region Dalarna
        ("01", Geography("01", Level.COUNTY)),
        ("2080", Geography("2080", Level.MUNICIPALITY)),
        ("0114", Geography("0114", Level.MUNICIPALITY)),
        (" 2085 ", Geography("2085", Level.MUNICIPALITY)),
    ],
)
def test_geography_codes_classify(code: str, expected: Geography) -> None:
    assert classify_geography(code) == expected


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("02", "no county has that code"),  # merged into Skåne in 1997
        ("11", "no county has that code"),
        ("2000", "not a municipality code"),
        ("0002", "not a municipality code"),
        ("1601", "not a municipality code"),
        ("114", "leading zero"),
        ("20801", "two or four digits"),
        ("Falun", "not a Swedish region code"),
        ("G124097", "not a Swedish region code"),  # a Kolada municipality group
        ("", "not a Swedish region code"),
    ],
)
def test_other_codes_are_refused_with_the_reason(code: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        classify_geography(code)


def test_a_geography_knows_its_county() -> None:
    assert classify_geography("2080").county_code == "20"
    assert classify_geography("0020").county_code == "20"
    assert SWEDEN.county_code is None


@pytest.mark.parametrize(
    ("text", "kind", "code", "label"),
    [
        ("2024", PeriodKind.YEAR, "2024", "2024"),
        (2024, PeriodKind.YEAR, "2024", "2024"),
        ("2024K1", PeriodKind.QUARTER, "2024K1", "2024K1"),
        ("2024Q4", PeriodKind.QUARTER, "2024K4", "2024K4"),
        ("2024M03", PeriodKind.MONTH, "2024M03", "2024M03"),
        ("2024m12", PeriodKind.MONTH, "2024M12", "2024M12"),
        ("2004-2007", PeriodKind.SPAN, "2004-2007", "2004–2007"),
        ("2004–2007", PeriodKind.SPAN, "2004-2007", "2004–2007"),
        ("2004 - 2007", PeriodKind.SPAN, "2004-2007", "2004–2007"),
    ],
)
def test_periods_parse_to_a_canonical_code(text: str | int, kind: PeriodKind, code: str, label: str) -> None:
    period = parse_period(text)
    assert (period.kind, period.code, period.label, str(period)) == (kind, code, label, label)


@pytest.mark.parametrize("text", ["24", "2024K5", "2024K0", "2024M3", "2024M13", "2007-2004", "2004-2004", "1700", "x"])
def test_bad_periods_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="bad period"):
        parse_period(text)


@pytest.mark.parametrize(
    ("kind", "year", "number", "end_year"),
    [
        (PeriodKind.QUARTER, 2024, 5, 0),
        (PeriodKind.MONTH, 2024, 0, 0),
        (PeriodKind.YEAR, 2024, 3, 0),
        (PeriodKind.YEAR, 2024, 0, 2025),
        (PeriodKind.SPAN, 2024, 0, 2024),
        (PeriodKind.SPAN, 2024, 0, 2020),
    ],
)
def test_a_period_cannot_be_built_wrong(kind: PeriodKind, year: int, number: int, end_year: int) -> None:
    with pytest.raises(ValueError, match="period cannot"):
        Period(kind, year, number, end_year)


def test_periods_sort_in_time() -> None:
    texts = ["2025", "2024M02", "2024K1", "2024", "2023-2026", "2024M01", "2024K2", "2022-2025"]
    ordered = [p.code for p in sorted(parse_period(t) for t in texts)]
    assert ordered == ["2022-2025", "2023-2026", "2024M01", "2024K1", "2024", "2024M02", "2024K2", "2025"]
    assert parse_period("2004-2007").end_year == 2007
    assert parse_period("2024") == parse_period(2024)


@pytest.mark.parametrize(
    ("text", "separator", "expected"),
    [
        ("12.3", ".", "12.3"),
        ("-0.5", ".", "-0.5"),
        ("3.041741", ".", "3.041741"),
        ("1e-05", ".", "0.00001"),
        ("12,3", ",", "12.3"),
        ("2 300,5", ",", "2300.5"),
        ("2\u00a0300", ",", "2300"),
        ("\u22124,2", ",", "-4.2"),
        (" 59528 ", ".", "59528"),
    ],
)
def test_numbers(text: str, separator: str, expected: str) -> None:
    assert parse_decimal(text, decimal_separator=separator) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "separator", "reason"),
    [
        ("12,3", ".", "comma where the file uses decimal point"),
        ("12.3", ",", "point where the file uses decimal comma"),
        ("2,300", ".", "comma"),
        ("NaN", ".", "bad number"),
        ("Infinity", ".", "bad number"),
        ("12 %", ".", "bad number"),
        ("", ".", "bad number"),
        ("abc", ".", "bad number"),
    ],
)
def test_bad_numbers_are_refused(text: str, separator: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_decimal(text, decimal_separator=separator)


@pytest.mark.parametrize(
    ("value", "symbol", "expected"),
    [
        (Decimal(7), "", (Decimal(7), Status.FINAL)),
        (None, "", (None, Status.MISSING)),
        (None, "..", (None, Status.MISSING)),
        (Decimal(7), "..", (None, Status.MISSING)),  # a value under "not available" is not published
        (None, ".", (None, Status.MISSING)),
        (None, "x", (None, Status.SUPPRESSED)),
        (Decimal(7), "*", (Decimal(7), Status.PRELIMINARY)),
        (None, "p", (None, Status.MISSING)),
        (None, "-", (Decimal(0), Status.FINAL)),
    ],
)
def test_status_marks(value: Decimal | None, symbol: str, expected: tuple[Decimal | None, Status]) -> None:
    assert resolve_cell(value, symbol, DEFAULT_SYMBOLS) == expected


def test_an_unknown_status_mark_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown status symbol '#'"):
        resolve_cell(Decimal(1), "#", DEFAULT_SYMBOLS)


def test_a_breakdown_is_a_hashable_mapping_equal_to_a_dict() -> None:
    breakdown = Breakdown({"Kon": "1", "Alder": "20-64"})
    assert breakdown == {"Alder": "20-64", "Kon": "1"}
    assert breakdown == Breakdown([("Alder", "20-64"), ("Kon", "1")])
    assert hash(breakdown) == hash(Breakdown({"Alder": "20-64", "Kon": "1"}))
    assert list(breakdown) == ["Alder", "Kon"] and breakdown["Kon"] == "1" and len(breakdown) == 2
    with pytest.raises(KeyError):
        breakdown["Tid"]


def test_an_observation_holds_a_value_exactly_when_its_status_publishes_one() -> None:
    key = ("N00914", classify_geography("20"), parse_period(2020), Breakdown())
    Observation(*key, Decimal("80.1"), Status.FINAL)
    Observation(*key, None, Status.SUPPRESSED, "x")
    with pytest.raises(ValueError, match="status missing has a value"):
        Observation(*key, Decimal("80.1"), Status.MISSING)
    with pytest.raises(ValueError, match="status final lacks a value"):
        Observation(*key, None, Status.FINAL)


def test_the_builder_reports_a_second_observation_with_the_same_key() -> None:
    builder = TableBuilder("test.csv")
    key = ("N00914", classify_geography("20"), parse_period(2020), Breakdown({"gender": "T"}))
    builder.add(Observation(*key, Decimal(1), Status.FINAL), "line 2")
    builder.add(Observation(*key, Decimal(2), Status.FINAL), "line 3")
    table = builder.build(())
    assert [o.value for o in table.observations] == [Decimal(1)]
    assert [str(e) for e in table.errors] == ["test.csv, line 3: duplicate observation (first at line 2)"]
