"""Anvisningar enligt kommuntalen: the municipal quotas and the people received under them. No Django here."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from vagenin.settlement.migrationsverket.names import MunicipalityNames, normalise_name
from vagenin.settlement.migrationsverket.reading import (
    ImportRejected,
    Issues,
    RowIssue,
    header_key,
    identify,
    read,
    read_preamble,
    resolve_year,
    whole_number,
)


@dataclass(frozen=True)
class CountyQuota:
    """A county's row: its quota (Tal) and the number received under it (Mottagna)."""

    code: str
    name: str
    quota: int
    received: int
    line: int


@dataclass(frozen=True)
class MunicipalityQuota:
    """A municipality's row: its quota (Tal) and the number received under it (Mottagna)."""

    code: str
    name: str  # as written in the export
    county_code: str
    quota: int
    received: int
    line: int


@dataclass(frozen=True)
class QuotaExport:
    """Anvisningar enligt kommuntalen, as read; a municipality not listed had quota 0."""

    file: str
    year: int
    encoding: str
    delimiter: str
    title: str | None
    counties: tuple[CountyQuota, ...]
    municipalities: tuple[MunicipalityQuota, ...]
    notices: tuple[RowIssue, ...]

    @property
    def national_quota(self) -> int:
        """The sum of the county quotas."""
        return sum(county.quota for county in self.counties)

    @property
    def national_received(self) -> int:
        """The sum of the counties' numbers received."""
        return sum(county.received for county in self.counties)

    def county(self, code: str) -> CountyQuota | None:
        """The row of a county code, or None."""
        return next((county for county in self.counties if county.code == code), None)

    def in_county(self, code: str) -> tuple[MunicipalityQuota, ...]:
        """The municipality rows of a county code, in the file's order."""
        return tuple(item for item in self.municipalities if item.county_code == code)

    def quota(self, code: str) -> int:
        """A municipality's quota; 0 when it has no row."""
        return next((item.quota for item in self.municipalities if item.code == code), 0)


_QUOTA_COLUMNS = {"lan": "Län", "kommun": "Kommun", "lanskod": "Länskod", "kommunkod": "Kommunkod"}
_QUOTA_COLUMNS |= {"tal": "Tal", "mottagna": "Mottagna"}


def parse_quota_export(
    data: bytes, *, file_name: str, municipalities: Mapping[str, str], year: int | None = None
) -> QuotaExport:
    """Read Anvisningar enligt kommuntalen; ImportRejected listing every problem if any row is not right."""
    text = read(data, file_name)
    issues, notices = Issues(file_name), Issues(file_name)
    names = MunicipalityNames(municipalities)
    header = next(
        (r for r in text.records if {"kommunkod", "tal"} <= {header_key(c) for c in r.cells}),
        None,
    )
    if header is None:
        first = next((record.line for record in text.records if not record.blank), 1)
        expected = ", ".join(_QUOTA_COLUMNS.values())
        raise ImportRejected([RowIssue(file_name, first, f"no column header row (expected {expected})")])
    columns = {header_key(cell): index for index, cell in enumerate(header.cells)}
    missing = [label for key, label in _QUOTA_COLUMNS.items() if key not in columns]
    if missing:
        raise ImportRejected([RowIssue(file_name, header.line, f"missing column(s): {', '.join(missing)}")])
    preamble = read_preamble(text.records, header, issues)
    export_year = resolve_year(
        issues, stated=year, title=preamble.title, title_line=preamble.title_line, file_name=file_name
    )

    width = max(columns.values()) + 1
    counties: dict[str, CountyQuota] = {}
    rows: list[MunicipalityQuota] = []
    seen: dict[str, int] = {}
    county_names: dict[str, str] = {}  # municipality code → the county name written on its row
    spoiled: set[str] = set()  # counties with a rejected row, whose subtotal cannot be checked
    for record in text.records:
        if record.line <= header.line or record.blank:
            continue
        if len(record.cells) < width or any(cell.strip() for cell in record.cells[width:]):
            issues.add(record.line, f"expected {width} fields, found {len(record.cells)} (wrong delimiter?)")
            continue
        county_text = record.cell(columns["lanskod"])
        county_code = county_text.zfill(2) if re.fullmatch(r"\d{1,2}", county_text) else None
        if county_code is None:
            issues.add(record.line, f"bad county code {county_text!r}")
            continue
        try:
            quota = whole_number(record.cell(columns["tal"]), empty_is_zero=False)
            received = whole_number(record.cell(columns["mottagna"]), empty_is_zero=False)
        except ValueError as error:
            issues.add(record.line, f"Tal/Mottagna: {error}")
            spoiled.add(county_code)
            continue
        county_name, name = record.cell(columns["lan"]), record.cell(columns["kommun"])
        code_text = record.cell(columns["kommunkod"])
        if not name and not code_text:
            if county_code in counties:
                issues.add(
                    record.line, f"county {county_code} appears again (first on line {counties[county_code].line})"
                )
                continue
            counties[county_code] = CountyQuota(county_code, county_name, quota, received, record.line)
            continue
        code = identify(names, code_text=code_text, name=name, line=record.line, issues=issues, notices=notices)
        if code is None:
            spoiled.add(county_code)
            continue
        if code[:2] != county_code:
            issues.add(record.line, f"municipality {code} ({name}) is not in county {county_code}")
            spoiled |= {county_code, code[:2]}
            continue
        if code in seen:
            issues.add(record.line, f"municipality {code} ({name}) appears again (first on line {seen[code]})")
            spoiled.add(county_code)
            continue
        seen[code] = record.line
        county_names[code] = county_name
        rows.append(MunicipalityQuota(code, name, county_code, quota, received, record.line))

    for county_code in sorted({row.county_code for row in rows} - set(counties)):
        first = min(row.line for row in rows if row.county_code == county_code)
        issues.add(first, f"county {county_code} has municipality rows but no county row")
    for county in counties.values():
        members = [row for row in rows if row.county_code == county.code]
        for row in members:
            if normalise_name(county_names[row.code]) != normalise_name(county.name):
                issues.add(
                    row.line, f"county {county_names[row.code]!r} differs from {county.name!r} on line {county.line}"
                )
                spoiled.add(county.code)
        if county.code in spoiled:
            continue
        for label, stated, summed in (
            ("Tal", county.quota, sum(row.quota for row in members)),
            ("Mottagna", county.received, sum(row.received for row in members)),
        ):
            if stated != summed:
                issues.add(
                    county.line,
                    f"county {county.code} ({county.name}): {label} {stated} but its municipalities sum to {summed}",
                )
    if issues.items or export_year is None:
        raise ImportRejected(sorted(issues.items, key=lambda issue: issue.line))
    return QuotaExport(
        file=file_name,
        year=export_year,
        encoding=text.encoding,
        delimiter=text.delimiter,
        title=preamble.title,
        counties=tuple(counties.values()),
        municipalities=tuple(rows),
        notices=tuple(notices.items),
    )
