"""Reading an export's text: encoding, delimiter, records with line numbers, numbers, year, header lines.

Shared by the two parsers of this package; no Django here.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from vagenin.settlement.migrationsverket.names import MunicipalityNames, UnknownMunicipality, normalise_name

STOCKHOLM = ZoneInfo("Europe/Stockholm")
DELIMITERS = (";", ",", "\t")


@dataclass(frozen=True)
class RowIssue:
    """A problem with one line of an export (line 0: the file as a whole)."""

    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


class ImportRejected(ValueError):
    """The export has problems; ``rejected`` lists every one of them and nothing may be imported."""

    def __init__(self, rejected: Iterable[RowIssue]) -> None:
        self.rejected = tuple(rejected)
        listing = "\n".join(str(issue) for issue in self.rejected)
        super().__init__(f"{len(self.rejected)} problem(s), nothing imported:\n{listing}")


@dataclass(frozen=True)
class Record:
    """One CSV record and the physical line it starts on (a quoted field may span lines)."""

    line: int
    cells: tuple[str, ...]

    def cell(self, index: int | None) -> str:
        """The stripped cell at index; empty when the record is shorter or the index is None."""
        if index is None or index >= len(self.cells):
            return ""
        return self.cells[index].strip()

    @property
    def blank(self) -> bool:
        """True when every cell is empty or whitespace."""
        return not any(cell.strip() for cell in self.cells)


@dataclass(frozen=True)
class Text:
    """A decoded export: its records, the encoding and the delimiter found."""

    records: tuple[Record, ...]
    encoding: str
    delimiter: str


def decode(data: bytes, file_name: str) -> tuple[str, str]:
    """The text and its encoding: from the BOM, else UTF-8, else Windows-1252 (Excel's Swedish default)."""
    if data.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8-sig", data
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, body = "utf-16", data
    else:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            encoding, body = "cp1252", data
    try:
        return body.decode(encoding), encoding
    except UnicodeDecodeError as error:
        raise ImportRejected([RowIssue(file_name, 0, f"cannot be read as {encoding}: {error}")]) from error


def detect_delimiter(text: str) -> str | None:
    """The candidate that gives the most fields in the most common non-blank row; None if all give one."""
    best, best_width = None, 1
    for delimiter in DELIMITERS:
        widths = Counter(
            len(row)
            for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
            if any(map(str.strip, row))
        )
        width = max(widths, key=lambda w: (widths[w], w)) if widths else 0
        if width > best_width:
            best, best_width = delimiter, width
    return best


def read(data: bytes, file_name: str) -> Text:
    """Decode, detect the delimiter and split into records; ImportRejected if the file cannot be read."""
    text, encoding = decode(data, file_name)
    if not text.strip():
        raise ImportRejected([RowIssue(file_name, 0, "the file is empty")])
    try:
        delimiter = detect_delimiter(text)
    except csv.Error as error:
        raise ImportRejected([RowIssue(file_name, 0, f"malformed CSV: {error}")]) from error
    if delimiter is None:
        readable = ", ".join(repr(d) for d in DELIMITERS)
        raise ImportRejected([RowIssue(file_name, 1, f"no field delimiter found (expected one of {readable})")])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[Record] = []
    previous = 0
    try:
        for cells in reader:
            records.append(Record(previous + 1, tuple(cells)))
            previous = reader.line_num
    except csv.Error as error:
        raise ImportRejected([RowIssue(file_name, previous + 1, f"malformed CSV: {error}")]) from error
    return Text(tuple(records), encoding, delimiter)


def header_key(label: str) -> str:
    """A label as compared: ASCII lower case without spaces (\"Länskod\" → \"lanskod\")."""
    return normalise_name(label, ascii_only=True).replace(" ", "")


NUMBER = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+")


def whole_number(text: str, *, empty_is_zero: bool) -> int:
    """A non-negative whole number as written in the exports ("1 381"); ValueError with the reason if not."""
    value = text.strip()
    if not value:
        if empty_is_zero:
            return 0
        raise ValueError("a number is missing")
    if not NUMBER.fullmatch(value):
        raise ValueError(f"not a whole number: {text!r}")
    return int(re.sub(r"\D", "", value))


YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


@dataclass
class Issues:
    """The problems found so far in one file."""

    file: str
    items: list[RowIssue] = field(default_factory=list)

    def add(self, line: int, reason: str) -> None:
        """Note a problem on a line."""
        self.items.append(RowIssue(self.file, line, reason))


def resolve_year(
    issues: Issues, *, stated: int | None, title: str | None, title_line: int, file_name: str
) -> int | None:
    """The export's year: the title's, else the file name's, else the caller's; every source must agree."""
    sources: list[tuple[int, int, str]] = []  # (year, line, where)
    if title is not None:
        found = sorted({int(year) for year in YEAR.findall(title)})
        if len(found) > 1:
            issues.add(title_line, f"the title names several years ({', '.join(map(str, found))})")
            return None
        sources += [(year, title_line, "the title") for year in found]
    if not sources:
        found = sorted({int(year) for year in YEAR.findall(file_name.replace("\\", "/").rsplit("/", 1)[-1])})
        if len(found) > 1:
            issues.add(0, f"the file name names several years ({', '.join(map(str, found))}); give the year")
            return None
        sources += [(year, 0, "the file name") for year in found]
    if stated is not None:
        for year, line, where in sources:
            if year != stated:
                issues.add(line, f"{where} says {year} but the import was asked for {stated}")
                return None
        return stated
    if not sources:
        issues.add(0, "no year in the file or its name; give the year")
        return None
    return sources[0][0]


@dataclass(frozen=True)
class Preamble:
    """What the lines above the column header say."""

    header: Record
    title: str | None
    title_line: int
    updated: datetime | None
    updated_text: str | None
    notes: tuple[str, ...]


UPDATED_FORMATS = ("%Y-%m-%d %H.%M", "%Y-%m-%d %H:%M", "%Y-%m-%d")


def read_preamble(records: Sequence[Record], header: Record, issues: Issues) -> Preamble:
    """The lines above the column header: "Rubrik" (title), "Uppdaterad" (time of the extract) and notes."""
    title, title_line, updated, updated_text = None, 0, None, None
    notes: list[str] = []
    for record in records:
        if record.line >= header.line:
            break
        values = [cell.strip() for cell in record.cells if cell.strip()]
        if not values:
            continue
        label = header_key(values[0])
        if label == "rubrik" and len(values) > 1:
            title, title_line = " ".join(values[1].split()), record.line
        elif label == "uppdaterad" and len(values) > 1:
            updated_text = values[1]
            for pattern in UPDATED_FORMATS:
                try:
                    updated = datetime.strptime(updated_text, pattern).replace(tzinfo=STOCKHOLM)
                    break
                except ValueError:
                    continue
            else:
                issues.add(record.line, f"cannot read the update time {updated_text!r}")
        else:
            notes.extend(" ".join(value.split()) for value in values)
    return Preamble(header, title, title_line, updated, updated_text, tuple(notes))


def municipality_code(text: str) -> str | None:
    """A municipality code as four digits (a leading zero lost to a spreadsheet is put back), or None."""
    value = text.strip()
    return value.zfill(4) if re.fullmatch(r"\d{3,4}", value) else None


def identify(
    names: MunicipalityNames, *, code_text: str, name: str, line: int, issues: Issues, notices: Issues
) -> str | None:
    """The municipality's code: by code when the row has one (the name must not contradict it), else by name."""
    if code_text:
        code = municipality_code(code_text)
        if code is None or code not in names:
            issues.add(line, f"unknown municipality code {code_text!r} ({name})")
            return None
        if name:
            try:
                named = names.match(name)
            except UnknownMunicipality:
                notices.add(line, f"name {name!r} not recognised; matched by its code {code} ({names.name(code)})")
            else:
                if named != code:
                    issues.add(line, f"code {code} ({names.name(code)}) does not match the name {name!r} ({named})")
                    return None
        return code
    try:
        return names.match(name)
    except UnknownMunicipality as error:
        issues.add(line, str(error))
        return None
