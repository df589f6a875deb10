"""Reading helpers the importers share: JSON with exact decimals, CSV rows with delimiter detection, value cells.

No Django here.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Collection
from decimal import Decimal
from typing import Any

from vagenin.indicators.observations import Status, StatusSymbols, parse_decimal, resolve_cell

DELIMITERS = (",", ";", "\t")
# What R, PxWeb and spreadsheets write for an empty cell.
MISSING_MARKERS: frozenset[str] = frozenset({"", "NA", "NaN"})


class SourceError(Exception):
    """A problem that stops the whole source from being read: where, and why."""

    def __init__(self, position: str, reason: str) -> None:
        super().__init__(f"{position}: {reason}")
        self.position = position
        self.reason = reason


def decode(text: str | bytes) -> str:
    """Text without a byte-order mark; SourceError when bytes are not UTF-8."""
    if isinstance(text, str):
        return text.removeprefix("\ufeff")
    try:
        return text.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = text[: error.start].count(b"\n") + 1
        raise SourceError(f"line {line}", f"not UTF-8 text (byte {error.start})") from error


def load_json(text: str | bytes) -> Any:
    """Parse JSON keeping decimals exact; SourceError with line and column when it is not JSON.

    NaN and Infinity are refused: Python's json module accepts them, but they are not JSON.
    """

    def refuse(constant: str) -> Any:
        raise ValueError(f"{constant} is not a JSON number")

    try:
        return json.loads(decode(text), parse_float=Decimal, parse_constant=refuse)
    except json.JSONDecodeError as error:
        raise SourceError(f"line {error.lineno}, column {error.colno}", f"not valid JSON: {error.msg}") from error
    except ValueError as error:
        raise SourceError("file", f"not valid JSON: {error}") from error


def read_csv_rows(text: str | bytes, delimiter: str | None = None) -> tuple[list[tuple[int, list[str]]], str]:
    """Rows with their line numbers (blank lines dropped; the header first) and the delimiter used.

    Without a delimiter, the one of comma, semicolon and tab that splits the header into most columns.
    """
    text = decode(text)
    if not text.strip():
        raise SourceError("file", "no header: the file is empty")
    if delimiter is None:
        first_line = text.split("\n", 1)[0]
        widths = {d: len(next(csv.reader([first_line], delimiter=d), [])) for d in DELIMITERS}
        best = max(widths.values())
        if best < 2:
            raise SourceError("line 1", "cannot tell the delimiter: the header is one column with , ; and tab")
        candidates = [d for d, width in widths.items() if width == best]
        if len(candidates) > 1:
            raise SourceError("line 1", "the delimiter is ambiguous: the header splits equally on several")
        delimiter = candidates[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((reader.line_num, row))
    except csv.Error as error:
        raise SourceError(f"line {reader.line_num}", f"not valid CSV: {error}") from error
    return rows, delimiter


def read_value_cell(
    cell: str,
    *,
    decimal_separator: str,
    symbols: StatusSymbols,
    missing_markers: Collection[str] = MISSING_MARKERS,
) -> tuple[Decimal | None, Status, str]:
    """Value, status and mark of a CSV value cell; ValueError with the reason for anything else.

    A cell is a number, an empty-cell marker (missing), or a missing, suppressed or zero mark on its own.
    """
    text = cell.strip()
    if text in missing_markers:
        return None, Status.MISSING, text
    status = symbols.classify(text)
    if status is not None and status is not Status.PRELIMINARY:
        value, status = resolve_cell(None, text, symbols)
        return value, status, text
    return parse_decimal(text, decimal_separator=decimal_separator), Status.FINAL, ""
