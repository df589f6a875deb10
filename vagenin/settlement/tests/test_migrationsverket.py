"""Migrationsverket's exports: the real 2018 files as shipped, and malformed copies made here, without a database."""

from __future__ import annotations

import codecs
import csv
import hashlib
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from vagenin.settlement import migrationsverket
from vagenin.settlement.migrationsverket import (
    ALIASES,
    Category,
    ExportKind,
    ImportRejected,
    MunicipalityNames,
    QuotaExport,
    Received,
    ReceptionExport,
    UnknownMunicipality,
    detect_kind,
    normalise_name,
    parse_export,
    parse_quota_export,
    parse_reception_export,
)

FIXTURES = Path(__file__).parent.parent / "fixtures"
QUOTAS = "Anvisningar_enligt_kommuntalen_2018.csv"
RECEPTION = "Kommunmottagna_enligt_ersattningsforordningen_2018.csv"
Parser = Callable[..., QuotaExport | ReceptionExport]


def municipality_list(column: str = "municipality_name") -> dict[str, str]:
    """All 290 municipalities, code → official name ("Faluns kommun") or short name ("Falun")."""
    with (FIXTURES / "municipalities.csv").open(encoding="utf-8", newline="") as file:
        return {row["municipality_code"]: row[column] for row in csv.DictReader(file)}


MUNICIPALITIES = municipality_list()


def raw(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def edited(name: str, old: str, new: str) -> bytes:
    """A copy of a shipped file with one piece of text replaced (it must occur exactly once)."""
    text = raw(name).decode("utf-8-sig")
    assert text.count(old) == 1, old
    return codecs.BOM_UTF8 + text.replace(old, new).encode("utf-8")


def quotas(data: bytes | None = None, file_name: str = QUOTAS, year: int | None = None) -> QuotaExport:
    data = raw(QUOTAS) if data is None else data
    return parse_quota_export(data, file_name=file_name, municipalities=MUNICIPALITIES, year=year)


def reception(data: bytes | None = None, file_name: str = RECEPTION, year: int | None = None) -> ReceptionExport:
    data = raw(RECEPTION) if data is None else data
    return parse_reception_export(data, file_name=file_name, municipalities=MUNICIPALITIES, year=year)


def rejected(parser: Parser, data: bytes, file_name: str, **kwargs: object) -> list[str]:
    """Every problem the parser reports, as file:line: reason."""
    with pytest.raises(ImportRejected) as raised:
        parser(data, file_name=file_name, municipalities=MUNICIPALITIES, **kwargs)
    return [str(issue) for issue in raised.value.rejected]


# The shipped files ----------------------------------------------------------------------------------------


def test_the_fixtures_are_the_published_files_unchanged() -> None:
    provenance = (FIXTURES / "PROVENANCE.md").read_text(encoding="utf-8")
    for name in (QUOTAS, RECEPTION, "municipalities.csv"):
        digest = hashlib.sha256(raw(name)).hexdigest()
        assert f"`{digest}`" in provenance, name
    assert raw(QUOTAS).startswith(codecs.BOM_UTF8) and raw(RECEPTION).startswith(codecs.BOM_UTF8)


DALARNA_QUOTAS = {  # code: (Tal, Mottagna), as in the file; Avesta and Hedemora have no row (quota 0)
    "2085": (0, 0),
    "2081": (26, 26),
    "2080": (144, 134),
    "2026": (26, 26),
    "2029": (25, 25),
    "2023": (25, 23),
    "2062": (47, 47),
    "2034": (7, 7),
    "2031": (21, 21),
    "2082": (24, 23),
    "2061": (19, 19),
    "2021": (4, 4),
    "2039": (20, 20),
}


def test_the_2018_quota_export() -> None:
    export = quotas()
    assert (export.year, export.encoding, export.delimiter, export.title) == (2018, "utf-8-sig", ",", None)
    assert len(export.counties) == 21
    assert len(export.municipalities) == 267
    assert export.national_quota == 15_200
    assert export.national_received == 14_588
    dalarna = export.county("20")
    assert dalarna is not None
    assert (dalarna.name, dalarna.quota, dalarna.received, dalarna.line) == ("DALARNAS LÄN", 388, 375, 6)
    assert {row.code: (row.quota, row.received) for row in export.in_county("20")} == DALARNA_QUOTAS
    assert export.quota("2084") == export.quota("2083") == 0
    assert export.quota("2080") == 144
    for county in export.counties:
        rows = export.in_county(county.code)
        assert county.quota == sum(row.quota for row in rows)
        assert county.received == sum(row.received for row in rows)
    # County codes are written without their leading zero ("9"); municipality codes keep it ("0980").
    gotland = export.county("09")
    assert gotland is not None and [row.code for row in export.in_county("09")] == ["0980"]
    # Migrationsverket's own spellings, matched by the alias table with no notice left over.
    malung = next(row for row in export.municipalities if row.code == "2023")
    assert (malung.name, malung.line) == ("MALUNG", 12)
    assert any(row.name == "DALSED" and row.code == "1438" for row in export.municipalities)
    assert export.notices == ()


DALARNA_RECEPTION = {  # code: (Totalt, of whom unaccompanied children), as in the file
    "2084": (193, 21),
    "2081": (194, 26),
    "2080": (208, 46),
    "2026": (46, 8),
    "2083": (71, 15),
    "2029": (81, 15),
    "2085": (173, 14),
    "2023": (57, 13),
    "2062": (79, 19),
    "2034": (41, 5),
    "2031": (44, 6),
    "2061": (67, 23),
    "2082": (38, 7),
    "2021": (35, 12),
    "2039": (54, 9),
}


def test_the_2018_reception_export() -> None:
    export = reception()
    assert (export.year, export.encoding, export.delimiter) == (2018, "utf-8-sig", ";")
    assert export.title == "Kommunmottagna enligt ersättningsförordningen 2018. Uppdelad på län/kommun och kategori."
    assert export.updated_text == "2019-03-25 10.55"
    assert export.updated == datetime(2019, 3, 25, 10, 55, tzinfo=migrationsverket.STOCKHOLM)
    assert len(export.notes) == 2
    assert export.notes[1].startswith("Ensamkommande barn:")
    assert export.categories == (
        Category("Kvotflykting (Kategori 1)", (1,)),
        Category("Person från anläggningsboende (ABO) i Migrations-verkets mottagningssystem (Kategori 2)", (2,)),
        Category("Person från eget boende (EBO) i Migrations-verkets mottagningssystem (Kategori 6)", (6,)),
        Category("Övriga (Kategori 3 och 8)", (3, 8)),
        Category("Anhöriga (Kategori 4)", (4,)),
    )
    assert len(export.counties) == 21
    assert len(export.municipalities) == 290
    dalarna_rows = export.in_county("20")
    assert {row.code: (row.total.persons, row.total.unaccompanied) for row in dalarna_rows} == DALARNA_RECEPTION
    avesta = export.municipality("2084")
    assert avesta is not None
    assert avesta.by_category == (
        Received(1, 1),
        Received(3, 0),
        Received(38, 9),
        Received(13, 11),
        Received(138, 0),
    )
    assert avesta.line == 17
    dalarna = export.county("20")
    assert dalarna is not None
    assert (dalarna.name, dalarna.total, dalarna.line) == ("DALARNAS LÄN", Received(1_381, 239), 32)
    assert dalarna.by_category[0] == Received(140, 8)
    assert export.national is not None
    assert (export.national.total, export.national.line) == (Received(44_216, 6_635), 342)
    assert export.national.by_category[4] == Received(16_562, 10)
    for county in export.counties:
        assert county.total.persons == sum(row.total.persons for row in export.in_county(county.code))
    assert export.notices == ()


def test_both_files_name_the_same_municipalities() -> None:
    quota_codes = {row.code for row in quotas().municipalities}
    assert quota_codes <= {row.code for row in reception().municipalities}
    assert {county.code for county in quotas().counties} == {county.code for county in reception().counties}


def test_short_official_names_match_as_well() -> None:
    short = municipality_list("municipality_name_short")
    data = raw(RECEPTION)
    assert len(parse_reception_export(data, file_name=RECEPTION, municipalities=short).municipalities) == 290
    assert parse_quota_export(raw(QUOTAS), file_name=QUOTAS, municipalities=short).notices == ()


def test_either_export_is_recognised() -> None:
    assert detect_kind(raw(QUOTAS), file_name=QUOTAS) is ExportKind.QUOTAS
    assert detect_kind(raw(RECEPTION), file_name=RECEPTION) is ExportKind.RECEPTION
    assert isinstance(parse_export(raw(QUOTAS), file_name=QUOTAS, municipalities=MUNICIPALITIES), QuotaExport)
    assert isinstance(parse_export(raw(RECEPTION), file_name=RECEPTION, municipalities=MUNICIPALITIES), ReceptionExport)
    with pytest.raises(ImportRejected, match="neither export"):
        detect_kind(b"a;b\n1;2\n", file_name="other.csv")


# Names ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Malung-Sälens kommun", "malung sälens"),
        ("MALUNG-SÄLEN", "malung sälen"),
        ("  Upplands  Väsby ", "upplands väsby"),
        ("Göteborgs stad", "göteborgs"),
        ("Karlstad", "karlstad"),
        ("Dals–Ed", "dals ed"),
        ("Ängelholm", "ängelholm"),
        ("Café", "cafe"),
    ],
)
def test_normalise_name(name: str, expected: str) -> None:
    assert normalise_name(name) == expected


def test_normalise_name_may_fold_swedish_letters_too() -> None:
    assert normalise_name("ÖSTRA GÖINGE", ascii_only=True) == "ostra goinge"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("FALUN", "2080"),
        ("Faluns kommun", "2080"),
        ("HÅBO", "0305"),
        ("HABO", "0643"),
        ("MALA", "2418"),
        ("UPPLANDS-VÄSBY", "0114"),
        ("GÖTEBORGS STAD", "1480"),
        ("GOTLAND", "0980"),
        ("MALUNG", "2023"),
        ("DALSED", "1438"),
    ],
)
def test_names_are_matched(name: str, code: str) -> None:
    assert MunicipalityNames(MUNICIPALITIES).match(name) == code
    assert MunicipalityNames(municipality_list("municipality_name_short")).match(name) == code


def test_an_unknown_or_ambiguous_name_is_refused() -> None:
    with pytest.raises(UnknownMunicipality, match="unknown municipality 'ATLANTIS'"):
        MunicipalityNames(MUNICIPALITIES).match("ATLANTIS")
    with pytest.raises(UnknownMunicipality, match="ambiguous: codes 9001, 9002"):
        MunicipalityNames({"9001": "Åby", "9002": "Äby"}).match("ABY")
    assert MunicipalityNames({"9001": "Åby", "9002": "Aby"}).match("ABY") == "9002"


def test_every_alias_is_needed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The alias table holds only what normalisation cannot match."""
    monkeypatch.setattr(migrationsverket.names, "ALIASES", {})
    names = MunicipalityNames(MUNICIPALITIES)
    for alias in ALIASES:
        with pytest.raises(UnknownMunicipality):
            names.match(alias)
    assert [issue.line for issue in quotas().notices] == [12, 233]


# Malformed and changed copies -------------------------------------------------------------------------------


def test_a_semicolon_copy_of_the_quota_export_reads_the_same() -> None:
    copy = quotas(raw(QUOTAS).replace(b",", b";"))
    assert copy.delimiter == ";"
    assert (copy.counties, copy.municipalities) == (quotas().counties, quotas().municipalities)


def test_other_encodings_and_line_endings_read_the_same() -> None:
    original = reception()
    text = raw(RECEPTION).decode("utf-8-sig")
    for data, encoding in (
        (text.encode("utf-8"), "utf-8"),
        (text.encode("cp1252"), "cp1252"),
        (text.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode("utf-8"), "utf-8-sig"),
    ):
        copy = reception(data)
        assert copy.encoding == encoding
        assert (copy.municipalities, copy.counties, copy.national) == (
            original.municipalities,
            original.counties,
            original.national,
        )


def test_an_unknown_delimiter_is_refused() -> None:
    assert rejected(parse_quota_export, raw(QUOTAS).replace(b",", b"|"), QUOTAS) == [
        f"{QUOTAS}:1: no field delimiter found (expected one of ';', ',', '\\t')"
    ]


def test_a_row_with_the_wrong_delimiter_is_refused() -> None:
    data = edited(QUOTAS, "DALARNAS LÄN,ORSA,20,2034,7,7", "DALARNAS LÄN;ORSA;20;2034;7;7")
    assert rejected(parse_quota_export, data, QUOTAS) == [
        # The county row cannot be squared without the unreadable row, and says so.
        f"{QUOTAS}:6: county 20 (DALARNAS LÄN): Tal 388 but its municipalities sum to 381",
        f"{QUOTAS}:6: county 20 (DALARNAS LÄN): Mottagna 375 but its municipalities sum to 368",
        f"{QUOTAS}:14: expected 6 fields, found 1 (wrong delimiter?)",
    ]
    data = edited(RECEPTION, ";;ORSA;6;;2;;5;1;4;4;24;;41;5", ",,ORSA,6,,2,,5,1,4,4,24,,41,5")
    assert rejected(parse_reception_export, data, RECEPTION) == [
        f"{RECEPTION}:26: expected 15 fields, found 1 (wrong delimiter?)"
    ]


def test_an_unknown_municipality_is_refused() -> None:
    data = edited(RECEPTION, ";;ORSA;", ";;ORSALA;")
    assert rejected(parse_reception_export, data, RECEPTION) == [f"{RECEPTION}:26: unknown municipality 'ORSALA'"]
    data = edited(QUOTAS, "ORSA,20,2034", "ORSA,20,2099")
    assert rejected(parse_quota_export, data, QUOTAS) == [f"{QUOTAS}:14: unknown municipality code '2099' (ORSA)"]


def test_a_name_that_contradicts_its_code_is_refused_and_an_unknown_one_noted() -> None:
    data = edited(QUOTAS, "ORSA,20,2034", "MORA,20,2034")
    assert rejected(parse_quota_export, data, QUOTAS) == [
        f"{QUOTAS}:14: code 2034 (Orsa kommun) does not match the name 'MORA' (2062)"
    ]
    export = quotas(edited(QUOTAS, "ORSA,20,2034", "ORSAA,20,2034"))
    assert [str(issue) for issue in export.notices] == [
        f"{QUOTAS}:14: name 'ORSAA' not recognised; matched by its code 2034 (Orsa kommun)"
    ]


def test_a_municipality_in_the_wrong_county_is_refused() -> None:
    data = edited(QUOTAS, "ORSA,20,2034", "ORSA,21,2034")
    assert rejected(parse_quota_export, data, QUOTAS) == [f"{QUOTAS}:14: municipality 2034 (ORSA) is not in county 21"]


def test_a_bad_number_is_refused() -> None:
    data = edited(QUOTAS, "ORSA,20,2034,7,7", "ORSA,20,2034,7,sju")
    assert rejected(parse_quota_export, data, QUOTAS) == [f"{QUOTAS}:14: Tal/Mottagna: not a whole number: 'sju'"]
    data = edited(QUOTAS, "ORSA,20,2034,7,7", "ORSA,20,2034,,7")
    assert rejected(parse_quota_export, data, QUOTAS) == [f"{QUOTAS}:14: Tal/Mottagna: a number is missing"]
    data = edited(QUOTAS, "ORSA,20,2034,7,7", "ORSA,20,2034,-7,7")
    assert rejected(parse_quota_export, data, QUOTAS) == [f"{QUOTAS}:14: Tal/Mottagna: not a whole number: '-7'"]
    data = edited(RECEPTION, ";;ORSA;6;", ";;ORSA;6x;")
    assert rejected(parse_reception_export, data, RECEPTION) == [
        f"{RECEPTION}:26: Kvotflykting (Kategori 1): not a whole number: '6x'"
    ]


def test_row_totals_and_unaccompanied_children_are_checked() -> None:
    data = edited(RECEPTION, ";;ORSA;6;;2;;5;1;4;4;24;;41;5", ";;ORSA;6;;2;;5;1;4;4;24;;42;5")
    assert rejected(parse_reception_export, data, RECEPTION) == [
        f"{RECEPTION}:26: Totalt 42 (varav 5) but the categories sum to 41 (varav 5)"
    ]
    data = edited(RECEPTION, ";;ORSA;6;;", ";;ORSA;6;7;")
    assert rejected(parse_reception_export, data, RECEPTION) == [
        f"{RECEPTION}:26: Kvotflykting (Kategori 1): 7 unaccompanied children of 6 persons"
    ]


def test_a_county_subtotal_must_match_its_municipalities() -> None:
    data = edited(QUOTAS, "DALARNAS LÄN,,20,,388,375", "DALARNAS LÄN,,20,,389,375")
    assert rejected(parse_quota_export, data, QUOTAS) == [
        f"{QUOTAS}:6: county 20 (DALARNAS LÄN): Tal 389 but its municipalities sum to 388"
    ]
    data = edited(RECEPTION, "DALARNAS LÄN;;Delsumma;140;8;", "DALARNAS LÄN;;Delsumma;141;8;")
    data = data.replace(b"618;;1 381;239", b"618;;1 382;239")
    assert rejected(parse_reception_export, data, RECEPTION) == [
        f"{RECEPTION}:32: Delsumma DALARNAS LÄN: Kvotflykting (Kategori 1) 141 (varav 8) but its municipalities "
        "sum to 140 (varav 8)",
        f"{RECEPTION}:32: Delsumma DALARNAS LÄN: Totalt 1382 (varav 239) but its municipalities sum to 1381 "
        "(varav 239)",
    ]


def test_a_missing_subtotal_or_a_wrong_national_total_is_refused() -> None:
    data = edited(RECEPTION, "DALARNAS LÄN;;Delsumma;140;8;246;43;256;82;121;106;618;;1 381;239\n", "")
    assert rejected(parse_reception_export, data, RECEPTION) == [
        f"{RECEPTION}:17: county 'DALARNAS LÄN' has no Delsumma row"
    ]
    data = edited(RECEPTION, ";;Totalt;5 028;", ";;Totalt;5 029;").replace(b"44 216;", b"44 217;")
    assert rejected(parse_reception_export, data, RECEPTION) == [
        f"{RECEPTION}:342: Totalt: Kvotflykting (Kategori 1) 5029 (varav 116) but its municipalities sum to 5028 "
        "(varav 116)",
        f"{RECEPTION}:342: Totalt: Totalt 44217 (varav 6635) but its municipalities sum to 44216 (varav 6635)",
    ]


def test_a_repeated_row_is_refused() -> None:
    data = edited(
        QUOTAS, "DALARNAS LÄN,ORSA,20,2034,7,7\n", "DALARNAS LÄN,ORSA,20,2034,7,7\nDALARNAS LÄN,ORSA,20,2034,7,7\n"
    )
    assert rejected(parse_quota_export, data, QUOTAS) == [
        f"{QUOTAS}:15: municipality 2034 (ORSA) appears again (first on line 14)"
    ]


def test_a_missing_header_is_refused() -> None:
    data = raw(QUOTAS).split(b"\n", 1)[1]
    assert rejected(parse_quota_export, data, QUOTAS) == [
        f"{QUOTAS}:1: no column header row (expected Län, Kommun, Länskod, Kommunkod, Tal, Mottagna)"
    ]
    data = edited(QUOTAS, "Länskod,Kommunkod,Tal,Mottagna", "Länskod,Kommunkod,Tal,Antal")
    assert rejected(parse_quota_export, data, QUOTAS) == [f"{QUOTAS}:1: missing column(s): Mottagna"]
    lines = raw(RECEPTION).split(b"\n")
    data = b"\n".join(line for line in lines if b"varav ensamk barn" not in line)
    assert rejected(parse_reception_export, data, RECEPTION) == [
        f"{RECEPTION}:2: no column header row (categories with 'varav ensamk barn')"
    ]


def test_several_problems_are_reported_together_in_line_order() -> None:
    data = edited(RECEPTION, ";;ORSA;6;", ";;ORSA;6x;")
    data = data.replace(b";;MORA;", b";;MORAA;").replace(
        b";;BOLLN\xc3\x84S;;;14;9;49;3;8;6;95;;166;18", b";;BOLLN\xc3\x84S;;;14;9;49;3;8;6;95;;167;18"
    )
    assert rejected(parse_reception_export, data, RECEPTION) == [
        f"{RECEPTION}:25: unknown municipality 'MORAA'",
        f"{RECEPTION}:26: Kvotflykting (Kategori 1): not a whole number: '6x'",
        f"{RECEPTION}:37: Totalt 167 (varav 18) but the categories sum to 166 (varav 18)",
    ]


def test_malformed_csv_and_empty_files_are_refused() -> None:
    assert rejected(parse_quota_export, b"", QUOTAS) == [f"{QUOTAS}:0: the file is empty"]
    data = raw(QUOTAS) + b'STOCKHOLMS L\xc3\x84N,"SOLNA,1,0184,1,1\n'
    problems = rejected(parse_quota_export, data, QUOTAS)
    assert len(problems) == 1 and re.fullmatch(rf"{QUOTAS}:290: malformed CSV: .+", problems[0])
    assert rejected(parse_quota_export, b"\xff\xfe\x00\xd8", QUOTAS)[0].startswith(
        f"{QUOTAS}:0: cannot be read as utf-16"
    )


# Years --------------------------------------------------------------------------------------------------------


def test_a_2019_reception_export_imports_with_no_code_change() -> None:
    data = edited(RECEPTION, "ersättningsförordningen 2018.", "ersättningsförordningen 2019.")
    data = data.replace(b"Uppdaterad;2019-03-25 10.55", b"Uppdaterad;2020-02-14 08.30")
    name = "Kommunmottagna_enligt_ersattningsforordningen_2019.csv"
    export = parse_reception_export(data, file_name=name, municipalities=MUNICIPALITIES)
    assert export.year == 2019
    assert export.updated == datetime(2020, 2, 14, 8, 30, tzinfo=migrationsverket.STOCKHOLM)
    assert len(export.municipalities) == 290
    # The title is the file's own word: a downloaded copy renamed by the browser keeps its year.
    assert reception(data, file_name="Kommunmottagna (1).csv").year == 2019


def test_a_2019_quota_export_imports_with_no_code_change() -> None:
    data = edited(QUOTAS, "DALARNAS LÄN,,20,,388,375", "DALARNAS LÄN,,20,,231,237")
    data = data.replace("DALARNAS LÄN,FALUN,20,2080,144,134".encode(), "DALARNAS LÄN,FALUN,20,2080,0,0".encode())
    data = data.replace("DALARNAS LÄN,BORLÄNGE,20,2081,26,26".encode(), "DALARNAS LÄN,BORLÄNGE,20,2081,13,22".encode())
    export = quotas(data, file_name="Anvisningar_enligt_kommuntalen_2019.csv")
    assert export.year == 2019
    county = export.county("20")
    assert county is not None and (county.quota, county.received) == (231, 237)
    assert export.quota("2080") == 0


def test_the_year_must_be_known_and_agree() -> None:
    assert rejected(parse_quota_export, raw(QUOTAS), "export.csv") == [
        "export.csv:0: no year in the file or its name; give the year"
    ]
    assert quotas(file_name="export.csv", year=2018).year == 2018
    assert rejected(parse_quota_export, raw(QUOTAS), QUOTAS, year=2019) == [
        f"{QUOTAS}:0: the file name says 2018 but the import was asked for 2019"
    ]
    assert rejected(parse_reception_export, raw(RECEPTION), RECEPTION, year=2017) == [
        f"{RECEPTION}:2: the title says 2018 but the import was asked for 2017"
    ]
    assert rejected(parse_quota_export, raw(QUOTAS), "Anvisningar_2018_2019.csv") == [
        "Anvisningar_2018_2019.csv:0: the file name names several years (2018, 2019); give the year"
    ]


def test_an_unreadable_update_time_is_refused() -> None:
    data = edited(RECEPTION, "Uppdaterad;2019-03-25 10.55", "Uppdaterad;i går")
    assert rejected(parse_reception_export, data, RECEPTION) == [f"{RECEPTION}:4: cannot read the update time 'i går'"]
