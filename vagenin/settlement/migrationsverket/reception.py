"""Kommunmottagna enligt ersättningsförordningen: people received per category. No Django here."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from vagenin.settlement.migrationsverket.names import MunicipalityNames, normalise_name
from vagenin.settlement.migrationsverket.reading import (
    ImportRejected,
    Issues,
    Record,
    RowIssue,
    header_key,
    identify,
    read,
    read_preamble,
    resolve_year,
    whole_number,
)


@dataclass(frozen=True)
class Category:
    """A category of the reception export as its column header names it, and the category numbers in it."""

    label: str
    numbers: tuple[int, ...]  # "(Kategori 3 och 8)" → (3, 8); empty if the label names none


@dataclass(frozen=True)
class Received:
    """People received, and of whom unaccompanied children."""

    persons: int
    unaccompanied: int


@dataclass(frozen=True)
class MunicipalityReception:
    """A municipality's row: people received per category (in the export's category order) and in total."""

    code: str
    name: str  # as written in the export
    county_code: str
    by_category: tuple[Received, ...]
    total: Received
    line: int


@dataclass(frozen=True)
class CountyReception:
    """A county's subtotal row (Delsumma), checked against the sum of its municipalities."""

    code: str
    name: str
    by_category: tuple[Received, ...]
    total: Received
    line: int


@dataclass(frozen=True)
class NationalReception:
    """The export's national total row (Totalt), checked against the sum of all municipalities."""

    by_category: tuple[Received, ...]
    total: Received
    line: int


@dataclass(frozen=True)
class ReceptionExport:
    """Kommunmottagna enligt ersättningsförordningen, as read."""

    file: str
    year: int
    encoding: str
    delimiter: str
    title: str | None
    updated: datetime | None  # the time of the extract, Europe/Stockholm
    updated_text: str | None  # as written
    notes: tuple[str, ...]
    categories: tuple[Category, ...]
    counties: tuple[CountyReception, ...]
    municipalities: tuple[MunicipalityReception, ...]
    national: NationalReception | None
    notices: tuple[RowIssue, ...]

    def county(self, code: str) -> CountyReception | None:
        """The subtotal of a county code, or None."""
        return next((county for county in self.counties if county.code == code), None)

    def in_county(self, code: str) -> tuple[MunicipalityReception, ...]:
        """The municipality rows of a county code, in the file's order."""
        return tuple(item for item in self.municipalities if item.county_code == code)

    def municipality(self, code: str) -> MunicipalityReception | None:
        """The row of a municipality code, or None."""
        return next((item for item in self.municipalities if item.code == code), None)


@dataclass(frozen=True)
class _Column:
    """A category's two columns: persons and of whom unaccompanied children."""

    label: str
    persons: int  # column index
    unaccompanied: int


@dataclass
class _Block:
    """The rows of one county, from its first municipality to its Delsumma row."""

    name: str
    line: int
    rows: list[MunicipalityReception] = field(default_factory=list)
    spoiled: bool = False


def _is_unaccompanied(label: str) -> bool:
    """True for a \"varav ensamk barn\" (of whom unaccompanied children) header."""
    return header_key(label).startswith("varav")


def _reception_columns(header: Record, issues: Issues) -> tuple[int, list[_Column], _Column | None] | None:
    """The first value column, the category columns and the Totalt columns, read from the header row."""
    first = next((index for index, cell in enumerate(header.cells) if cell.strip()), None)
    if first is None or first == 0:
        issues.add(header.line, "the column header has no name columns before the categories")
        return None
    columns: list[_Column] = []
    total: _Column | None = None
    index = first
    while index < len(header.cells):
        label = " ".join(header.cells[index].split())
        if not label:
            if any(cell.strip() for cell in header.cells[index:]):
                issues.add(header.line, f"column {index + 1} has no header")
                return None
            break
        following = header.cells[index + 1] if index + 1 < len(header.cells) else ""
        if _is_unaccompanied(label) or not _is_unaccompanied(following):
            issues.add(header.line, f"column {index + 1} ({label!r}) is not followed by its 'varav ensamk barn' column")
            return None
        if total is not None:
            issues.add(header.line, f"column {index + 1} ({label!r}) comes after the Totalt columns")
            return None
        column = _Column(label, index, index + 1)
        if header_key(label) == "totalt":
            total = column
        else:
            columns.append(column)
        index += 2
    if not columns:
        issues.add(header.line, "the column header names no categories")
        return None
    return first, columns, total


def _category(label: str) -> Category:
    """A category with the numbers its label names: \"Övriga (Kategori 3 och 8)\" → (3, 8)."""
    found = re.search(r"kategori\s+([\d\s,och]+)", label, flags=re.IGNORECASE)
    return Category(label, tuple(int(n) for n in re.findall(r"\d+", found.group(1))) if found else ())


def _counts(
    record: Record, columns: list[_Column], total: _Column | None, issues: Issues
) -> tuple[tuple[Received, ...], Received] | None:
    """The row's counts per category and in total; None (with the problems noted) if any cell is wrong."""
    problems: list[str] = []
    counts: list[Received] = []
    for column in [*columns, *([total] if total else [])]:
        try:
            persons = whole_number(record.cell(column.persons), empty_is_zero=True)
            unaccompanied = whole_number(record.cell(column.unaccompanied), empty_is_zero=True)
        except ValueError as error:
            problems.append(f"{column.label}: {error}")
            continue
        if unaccompanied > persons:
            problems.append(f"{column.label}: {unaccompanied} unaccompanied children of {persons} persons")
        counts.append(Received(persons, unaccompanied))
    if not problems:
        summed = Received(
            sum(c.persons for c in counts[: len(columns)]), sum(c.unaccompanied for c in counts[: len(columns)])
        )
        if total is not None and counts[-1] != summed:
            problems.append(
                f"Totalt {counts[-1].persons} (varav {counts[-1].unaccompanied}) but the categories sum to "
                f"{summed.persons} (varav {summed.unaccompanied})"
            )
        if not problems:
            return tuple(counts[: len(columns)]), summed
    for problem in problems:
        issues.add(record.line, problem)
    return None


def _sum_rows(rows: Sequence[MunicipalityReception], size: int) -> tuple[tuple[Received, ...], Received]:
    """The rows' sums per category and in total."""
    by_category = tuple(
        Received(sum(row.by_category[i].persons for row in rows), sum(row.by_category[i].unaccompanied for row in rows))
        for i in range(size)
    )
    return by_category, Received(sum(row.total.persons for row in rows), sum(row.total.unaccompanied for row in rows))


def _compare(
    what: str,
    line: int,
    stated: tuple[tuple[Received, ...], Received],
    summed: tuple[tuple[Received, ...], Received],
    labels: Sequence[str],
    issues: Issues,
) -> None:
    """Note every column where a stated total differs from the sum of the municipalities."""
    for label, given, computed in zip(
        [*labels, "Totalt"], [*stated[0], stated[1]], [*summed[0], summed[1]], strict=True
    ):
        if given != computed:
            issues.add(
                line,
                f"{what}: {label} {given.persons} (varav {given.unaccompanied}) but its municipalities sum to "
                f"{computed.persons} (varav {computed.unaccompanied})",
            )


def parse_reception_export(
    data: bytes, *, file_name: str, municipalities: Mapping[str, str], year: int | None = None
) -> ReceptionExport:
    """Read Kommunmottagna enligt ersättningsförordningen; ImportRejected listing every problem if any."""
    text = read(data, file_name)
    issues, notices = Issues(file_name), Issues(file_name)
    names = MunicipalityNames(municipalities)
    header = next((r for r in text.records if any(_is_unaccompanied(cell) for cell in r.cells)), None)
    if header is None:
        first = next((record.line for record in text.records if not record.blank), 1)
        raise ImportRejected([RowIssue(file_name, first, "no column header row (categories with 'varav ensamk barn')")])
    layout = _reception_columns(header, issues)
    if layout is None:
        raise ImportRejected(issues.items)
    first_value, columns, total_column = layout
    labels = [column.label for column in columns]
    preamble = read_preamble(text.records, header, issues)
    export_year = resolve_year(
        issues, stated=year, title=preamble.title, title_line=preamble.title_line, file_name=file_name
    )
    county_column = 0 if first_value >= 2 else None
    name_column = first_value - 1
    width = (total_column or columns[-1]).unaccompanied + 1

    counties: list[CountyReception] = []
    rows: list[MunicipalityReception] = []
    national: NationalReception | None = None
    seen: dict[str, int] = {}
    block: _Block | None = None
    any_spoiled = False

    def close(current: _Block, subtotal: Record | None) -> None:
        """Finish a county: check its Delsumma row against its municipalities."""
        nonlocal any_spoiled
        any_spoiled |= current.spoiled
        if subtotal is None:
            issues.add(current.line, f"county {current.name!r} has no Delsumma row")
            return
        stated = _counts(subtotal, columns, total_column, issues)
        county_codes = sorted({row.county_code for row in current.rows})
        if len(county_codes) > 1:
            issues.add(subtotal.line, f"{current.name!r} holds municipalities of counties {', '.join(county_codes)}")
        elif not county_codes and not current.spoiled:
            issues.add(subtotal.line, f"county {current.name!r} has no municipality rows")
        if stated is None or current.spoiled or len(county_codes) != 1:
            return
        _compare(
            f"Delsumma {current.name}", subtotal.line, stated, _sum_rows(current.rows, len(columns)), labels, issues
        )
        counties.append(CountyReception(county_codes[0], current.name, stated[0], stated[1], subtotal.line))

    for record in text.records:
        if record.line <= header.line or record.blank:
            continue
        if len(record.cells) < width or any(cell.strip() for cell in record.cells[width:]):
            issues.add(record.line, f"expected {width} fields, found {len(record.cells)} (wrong delimiter?)")
            if block is not None:
                block.spoiled = True
            else:
                any_spoiled = True
            continue
        county_name, name = record.cell(county_column), record.cell(name_column)
        key = header_key(name)
        if key == "delsumma":
            if block is None or (county_name and normalise_name(county_name) != normalise_name(block.name)):
                issues.add(record.line, f"Delsumma for {county_name or '?'} without its municipality rows above it")
                any_spoiled = True
            else:
                close(block, record)
            block = None
            continue
        if key == "totalt" and not county_name:
            if block is not None:
                close(block, None)
                block = None
            if national is not None:
                issues.add(record.line, f"a second Totalt row (first on line {national.line})")
                continue
            stated = _counts(record, columns, total_column, issues)
            if stated is not None:
                national = NationalReception(stated[0], stated[1], record.line)
            continue
        if county_name and (block is None or normalise_name(county_name) != normalise_name(block.name)):
            if block is not None:
                close(block, None)
            block = _Block(county_name, record.line)
        elif block is None:
            issues.add(record.line, f"municipality {name!r} is not under any county")
            any_spoiled = True
            continue
        code_text = next(
            (record.cell(i) for i in range(first_value) if i not in (county_column, name_column) and record.cell(i)), ""
        )
        code = identify(names, code_text=code_text, name=name, line=record.line, issues=issues, notices=notices)
        counts = _counts(record, columns, total_column, issues)
        if code is not None and code in seen:
            issues.add(record.line, f"municipality {code} ({name}) appears again (first on line {seen[code]})")
            code = None
        if code is None or counts is None:
            block.spoiled = True
            continue
        seen[code] = record.line
        row = MunicipalityReception(code, name, code[:2], counts[0], counts[1], record.line)
        block.rows.append(row)
        rows.append(row)
    if block is not None:
        close(block, None)
    if national is not None and not any_spoiled and not issues.items:
        stated = (national.by_category, national.total)
        _compare("Totalt", national.line, stated, _sum_rows(rows, len(columns)), labels, issues)
    if issues.items or export_year is None:
        raise ImportRejected(sorted(issues.items, key=lambda issue: issue.line))
    return ReceptionExport(
        file=file_name,
        year=export_year,
        encoding=text.encoding,
        delimiter=text.delimiter,
        title=preamble.title,
        updated=preamble.updated,
        updated_text=preamble.updated_text,
        notes=preamble.notes,
        categories=tuple(_category(label) for label in labels),
        counties=tuple(counties),
        municipalities=tuple(rows),
        national=national,
        notices=tuple(notices.items),
    )
