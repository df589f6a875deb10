"""The officer's CSV of factor data, one row per municipality. No Django here.

Columns (header names compared without case, accents or spaces; semicolon, comma or tab; UTF-8 with or
without BOM or Windows-1252, as :mod:`vagenin.settlement.migrationsverket.reading` reads them):

- ``kommunkod`` or ``kommun`` (code, or a name matched like Migrationsverket's), required;
- ``folkmangd`` (population, a positive whole number), required;
- ``arbetsmarknad`` (employed residents, or an employment rate 0–1; a decimal point or comma), optional;
- ``abo`` and ``ebo`` (asylum seekers in Migrationsverket's and in own housing), optional;
- ``bostadsmarknad`` (``underskott``/``balans``/``overskott`` or shortage/balance/surplus), optional;
- ``mottagna_<år>`` and ``ensamkommande_<år>`` per earlier year (newcomers received, unaccompanied minors).

Empty optional cells stay unknown (not zero). Every problem is reported with file, line and reason and
nothing is returned unless the whole file is right.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from vagenin.settlement.migrationsverket.names import MunicipalityNames
from vagenin.settlement.migrationsverket.reading import (
    ImportRejected,
    Issues,
    RowIssue,
    header_key,
    identify,
    read,
    whole_number,
)

HOUSING_WORDS = {
    "underskott": "shortage",
    "shortage": "shortage",
    "balans": "balance",
    "balance": "balance",
    "overskott": "surplus",
    "surplus": "surplus",
}


@dataclass(frozen=True)
class FactorRow:
    """One municipality's factor values as read."""

    line: int
    code: str
    name: str
    population: int
    labour_market: Decimal | None
    asylum_seekers_abo: int | None
    asylum_seekers_ebo: int | None
    housing: str  # "" when not given
    earlier: Mapping[int, tuple[int, int]] = field(default_factory=dict)  # year → (newcomers, minors)


def _optional_count(text: str) -> int | None:
    return None if not text.strip() else whole_number(text, empty_is_zero=False)


def _decimal(text: str) -> Decimal | None:
    value = text.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if not value:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation as error:
        raise ValueError(f"not a number: {text!r}") from error
    if not number.is_finite() or number < 0:
        raise ValueError(f"must be a non-negative number, not {text!r}")
    return number


def parse_factor_file(data: bytes, *, file_name: str, municipalities: Mapping[str, str]) -> list[FactorRow]:
    """Every row of the file, or ImportRejected listing every problem; municipalities: code → name."""
    text = read(data, file_name)
    issues, notices = Issues(file_name), Issues(file_name)
    names = MunicipalityNames(municipalities)
    header = next((record for record in text.records if not record.blank), None)
    assert header is not None  # read() refuses an empty file
    columns = {header_key(cell): index for index, cell in enumerate(header.cells) if cell.strip()}
    if "kommunkod" not in columns and "kommun" not in columns:
        issues.add(header.line, "missing column: kommunkod or kommun")
    if "folkmangd" not in columns:
        issues.add(header.line, "missing column: folkmangd")
    years: dict[int, tuple[int | None, int | None]] = {}
    for key, index in columns.items():
        match = re.fullmatch(r"(mottagna|ensamkommande)_?((?:19|20)\d\d)", key)
        if match:
            newcomers, minors = years.get(int(match[2]), (None, None))
            years[int(match[2])] = (index, minors) if match[1] == "mottagna" else (newcomers, index)
    for year, (newcomers, minors) in sorted(years.items()):
        if newcomers is None or minors is None:
            issues.add(header.line, f"year {year} needs both mottagna_{year} and ensamkommande_{year}")
    if issues.items:
        raise ImportRejected(issues.items)

    rows: list[FactorRow] = []
    seen: dict[str, int] = {}
    for record in text.records:
        if record.line <= header.line or record.blank:
            continue
        name = record.cell(columns.get("kommun"))
        code = identify(
            names,
            code_text=record.cell(columns.get("kommunkod")),
            name=name,
            line=record.line,
            issues=issues,
            notices=notices,
        )
        if code is None:
            continue
        if code in seen:
            issues.add(record.line, f"municipality {code} appears again (first on line {seen[code]})")
            continue
        seen[code] = record.line
        problems_before = len(issues.items)
        values: dict[str, object] = {}
        for key, label, reader in (
            ("folkmangd", "folkmangd", lambda t: whole_number(t, empty_is_zero=False)),
            ("arbetsmarknad", "arbetsmarknad", _decimal),
            ("abo", "abo", _optional_count),
            ("ebo", "ebo", _optional_count),
        ):
            try:
                values[key] = reader(record.cell(columns.get(key)))
            except ValueError as error:
                issues.add(record.line, f"{label}: {error}")
        if values.get("folkmangd") == 0:
            issues.add(record.line, "folkmangd: must be positive")
        housing_text = header_key(record.cell(columns.get("bostadsmarknad")))
        housing = HOUSING_WORDS.get(housing_text, "") if housing_text else ""
        if housing_text and not housing:
            issues.add(
                record.line,
                f"bostadsmarknad: {record.cell(columns.get('bostadsmarknad'))!r} is not "
                "underskott, balans or overskott",
            )
        earlier: dict[int, tuple[int, int]] = {}
        for year, (newcomers_index, minors_index) in sorted(years.items()):
            try:
                earlier[year] = (
                    whole_number(record.cell(newcomers_index), empty_is_zero=False),
                    whole_number(record.cell(minors_index), empty_is_zero=False),
                )
            except ValueError as error:
                issues.add(record.line, f"{year}: {error}")
        if len(issues.items) > problems_before:
            continue
        rows.append(
            FactorRow(
                line=record.line,
                code=code,
                name=names.name(code) or name,
                population=values["folkmangd"],  # type: ignore[arg-type]
                labour_market=values["arbetsmarknad"],  # type: ignore[arg-type]
                asylum_seekers_abo=values["abo"],  # type: ignore[arg-type]
                asylum_seekers_ebo=values["ebo"],  # type: ignore[arg-type]
                housing=housing,
                earlier=earlier,
            )
        )
    if not rows and not issues.items:
        issues.add(header.line + 1, "no municipality rows")
    if issues.items:
        raise ImportRejected(sorted(issues.items, key=lambda issue: issue.line))
    return rows


__all__ = ["FactorRow", "ImportRejected", "RowIssue", "parse_factor_file"]
