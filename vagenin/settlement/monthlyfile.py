"""A CSV of monthly reception figures, one row per municipality and month. No Django here.

For the officer who has the month's figures from Migrationsverket's monthly statistics (or from the
municipalities) in a spreadsheet, instead of typing them in one municipality at a time. Columns (header names
compared without case, accents or spaces; semicolon, comma or tab; UTF-8 with or without BOM or
Windows-1252, as :mod:`vagenin.settlement.migrationsverket.reading` reads them):

- ``kommunkod`` or ``kommun`` (code, or a name matched like Migrationsverket's spellings), required;
- ``manad`` or ``månad``: the month as 1–12 or ``ÅÅÅÅ-MM`` (then the year must be the settlement year's), required;
- ``anvisade`` (assigned) and ``mottagna`` or ``kommunmottagna`` (received), required;
- ``kvotflyktingar`` (of whom quota refugees), ``fran_migrationsverkets_boende`` or ``abo`` (of whom from
  Migrationsverket's housing), ``ensamkommande`` (of whom unaccompanied minors): optional, empty is 0, and each
  at most the number received.

A municipality and month may appear once. Every problem is reported with file, line and reason, and nothing
is returned unless the whole file is right. Rows for other counties are refused by the service, not here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

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

# Column → the header keys (as header_key writes them) that name it; the first column found wins.
COLUMNS: dict[str, tuple[str, ...]] = {
    "month": ("manad", "month"),
    "assigned": ("anvisade", "assigned"),
    "received": ("mottagna", "kommunmottagna", "received"),
    "quota_refugees": ("kvotflyktingar", "varavkvotflyktingar", "quotarefugees"),
    "from_asylum_housing": ("franmigrationsverketsboende", "fran_migrationsverkets_boende", "abo"),
    "unaccompanied_minors": ("ensamkommande", "varavensamkommandebarn", "ensamkommandebarn", "unaccompanied"),
}
REQUIRED = ("month", "assigned", "received")
PARTS = ("quota_refugees", "from_asylum_housing", "unaccompanied_minors")
MONTH = re.compile(r"(?:(?P<year>(?:19|20)\d\d)-)?(?P<month>\d{1,2})")


@dataclass(frozen=True)
class MonthlyRow:
    """One municipality's figures for one month, as read."""

    line: int
    code: str
    name: str
    month: int
    assigned: int
    received: int
    quota_refugees: int
    from_asylum_housing: int
    unaccompanied_minors: int

    def values(self) -> dict[str, int]:
        """The figures by the model's field names."""
        return {key: getattr(self, key) for key in ("assigned", "received", *PARTS)}


def parse_month(text: str, *, year: int) -> int:
    """1–12 from "3", "03" or "2026-03" (whose year must be `year`); ValueError with the reason if not."""
    match = MONTH.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"not a month: {text!r} (write 1–12 or {year}-MM)")
    if match["year"] and int(match["year"]) != year:
        raise ValueError(f"{text.strip()} is not in {year}")
    month = int(match["month"])
    if not 1 <= month <= 12:
        raise ValueError(f"not a month: {text!r} (write 1–12 or {year}-MM)")
    return month


def parse_monthly_file(
    data: bytes, *, file_name: str, municipalities: Mapping[str, str], year: int
) -> list[MonthlyRow]:
    """Every row of the file, or ImportRejected listing every problem; municipalities: code → name."""
    text = read(data, file_name)
    issues, notices = Issues(file_name), Issues(file_name)
    names = MunicipalityNames(municipalities)
    header = next((record for record in text.records if not record.blank), None)
    assert header is not None  # read() refuses an empty file
    keys = {header_key(cell).replace("_", ""): index for index, cell in enumerate(header.cells) if cell.strip()}
    columns: dict[str, int] = {}
    for column, aliases in COLUMNS.items():
        found = next((keys[alias.replace("_", "")] for alias in aliases if alias.replace("_", "") in keys), None)
        if found is not None:
            columns[column] = found
    code_column, name_column = keys.get("kommunkod"), keys.get("kommun")
    if code_column is None and name_column is None:
        issues.add(header.line, "missing column: kommunkod or kommun")
    for column in REQUIRED:
        if column not in columns:
            issues.add(header.line, f"missing column: {COLUMNS[column][0]}")
    if issues.items:
        raise ImportRejected(issues.items)

    rows: list[MonthlyRow] = []
    seen: dict[tuple[str, int], int] = {}
    for record in text.records:
        if record.line <= header.line or record.blank:
            continue
        name = record.cell(name_column)
        code = identify(
            names, code_text=record.cell(code_column), name=name, line=record.line, issues=issues, notices=notices
        )
        problems_before = len(issues.items)
        values: dict[str, int] = {}
        try:
            values["month"] = parse_month(record.cell(columns["month"]), year=year)
        except ValueError as error:
            issues.add(record.line, f"{COLUMNS['month'][0]}: {error}")
        for column in ("assigned", "received", *PARTS):
            try:
                values[column] = whole_number(record.cell(columns.get(column)), empty_is_zero=column in PARTS)
            except ValueError as error:
                issues.add(record.line, f"{COLUMNS[column][0]}: {error}")
        if code is None or len(issues.items) > problems_before:
            continue
        for column in PARTS:
            if values[column] > values["received"]:
                issues.add(
                    record.line,
                    f"{COLUMNS[column][0]}: {values[column]} is more than the {values['received']} received",
                )
        key = (code, values["month"])
        if key in seen:
            issues.add(record.line, f"municipality {code}, month {values['month']} appears again (line {seen[key]})")
        seen.setdefault(key, record.line)
        if len(issues.items) > problems_before:
            continue
        rows.append(MonthlyRow(line=record.line, code=code, name=names.name(code) or name, **values))
    if not rows and not issues.items:
        issues.add(header.line + 1, "no municipality rows")
    if issues.items:
        raise ImportRejected(sorted(issues.items, key=lambda issue: issue.line))
    return rows


__all__ = ["ImportRejected", "MonthlyRow", "RowIssue", "parse_month", "parse_monthly_file"]
