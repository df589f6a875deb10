"""A long CSV read into a `ParsedTable` through a column mapping. No Django here.

The mapping (`LongCsvSpec`) says which column is the geography, which the period, which hold values (each
value column is one indicator) and which are breakdowns; every other column must be listed as ignored, so a
column nobody mapped (a new age split, say) is reported instead of silently merging its rows. Geography cells
may be codes, "code name" ("20 Dalarnas län", as PxWeb and the Public Health Agency write them) or names that
`geography_names` maps to codes ("Region Dalarna" → "20", "Falun" → "2080", "Riket" → "00"). Breakdown cells
are taken as codes unless `value_codes` maps the labels a column holds to codes; an unmapped label is then a
reported error, never a new code. The delimiter (comma, semicolon or tab) and a byte-order mark are detected;
with semicolons the decimal sign is a comma unless `decimal` says otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from vagenin.indicators.observations import (
    DEFAULT_SYMBOLS,
    Breakdown,
    Category,
    CategoryRecorder,
    Dimension,
    Geography,
    Observation,
    ParsedTable,
    Period,
    Role,
    StatusSymbols,
    TableBuilder,
    classify_geography,
    parse_period,
)
from vagenin.indicators.reading import MISSING_MARKERS, SourceError, read_csv_rows, read_value_cell


class GeographyFormat(StrEnum):
    """How a geography cell is written."""

    CODE = "code"  # "2080"
    CODE_LABEL = "code_label"  # "2080 Falun": the code is the first word
    NAME = "name"  # "Falun", looked up in `geography_names`


@dataclass(frozen=True)
class LongCsvSpec:
    """Which column of a long CSV is what."""

    geography: str
    period: str
    values: Mapping[str, str]  # value column → indicator code
    geography_format: GeographyFormat = GeographyFormat.CODE
    geography_names: Mapping[str, str] = field(default_factory=dict)  # name → code, for NAME
    geography_label: str | None = None  # a column naming the geography beside a code column
    breakdowns: Mapping[str, str] = field(default_factory=dict)  # column → dimension code
    value_codes: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # column → (label → code)
    fixed_breakdown: Mapping[str, str] = field(default_factory=dict)  # dimension code → value code for every row
    ignore: frozenset[str] = frozenset()
    delimiter: str | None = None  # None: detected
    decimal: Literal["auto", ".", ","] = "auto"
    missing_markers: frozenset[str] = MISSING_MARKERS
    symbols: StatusSymbols = DEFAULT_SYMBOLS

    def __post_init__(self) -> None:
        if not self.values:
            raise ValueError("a long CSV needs at least one value column")
        columns = self.mapped_columns
        if len(columns) != len(set(columns)):
            raise ValueError(f"a column is mapped twice: {columns}")
        if set(self.fixed_breakdown) & set(self.breakdowns.values()):
            raise ValueError("a fixed breakdown repeats a breakdown column's dimension")
        if unknown := set(self.value_codes) - set(self.breakdowns):
            raise ValueError(f"value_codes for columns that are not breakdowns: {sorted(unknown)}")
        if self.geography_format is GeographyFormat.NAME and not self.geography_names:
            raise ValueError("geography names need a lookup: pass geography_names")

    @property
    def mapped_columns(self) -> list[str]:
        """Every column the spec uses or ignores."""
        label = [self.geography_label] if self.geography_label else []
        return [self.geography, self.period, *label, *self.values, *self.breakdowns, *sorted(self.ignore)]


def parse_long_csv(text: str | bytes, *, spec: LongCsvSpec, source: str) -> ParsedTable:
    """Read a long CSV with the given mapping; every problem is reported with its line and column."""
    builder = TableBuilder(source)
    try:
        rows, delimiter = read_csv_rows(text, spec.delimiter)
        header = [column.strip() for column in rows[0][1]]
        position = _check_header(header, spec)
    except SourceError as fatal:
        builder.error(fatal.position, fatal.reason)
        return builder.build(())
    decimal_separator = spec.decimal if spec.decimal != "auto" else ("," if delimiter == ";" else ".")
    reader = _RowReader(spec, position, decimal_separator, builder)
    for line, row in rows[1:]:
        if len(row) != len(header):
            builder.error(f"line {line}", f"{len(row)} fields but the header has {len(header)}")
            continue
        reader.read(line, [cell.strip() for cell in row])
    return builder.build(reader.dimensions())


def _check_header(header: Sequence[str], spec: LongCsvSpec) -> dict[str, int]:
    """Column name → position; SourceError naming every missing and every unmapped column."""
    if len(header) != len(set(header)):
        raise SourceError("line 1", "two columns have the same name")
    missing = [column for column in spec.mapped_columns if column not in header and column not in spec.ignore]
    unmapped = [column for column in header if column not in spec.mapped_columns]
    problems = [f"mapped column {column!r} is missing" for column in missing]
    problems += [f"column {column!r} is neither mapped nor ignored" for column in unmapped]
    if problems:
        raise SourceError("line 1", "; ".join(problems))
    return {column: index for index, column in enumerate(header)}


class _RowReader:
    """Turns rows into observations and remembers the codes and labels each column showed."""

    def __init__(
        self, spec: LongCsvSpec, position: Mapping[str, int], decimal_separator: str, builder: TableBuilder
    ) -> None:
        self.spec = spec
        self.position = position
        self.decimal_separator = decimal_separator
        self.builder = builder
        self.geographies, self.periods, self.indicators = CategoryRecorder(), CategoryRecorder(), CategoryRecorder()
        self.breakdowns = {column: CategoryRecorder() for column in spec.breakdowns}

    def read(self, line: int, row: Sequence[str]) -> None:
        """Read one data row."""
        spec = self.spec
        try:
            geography, geography_label = self._geography(row[self.position[spec.geography]])
        except ValueError as error:
            self.builder.error(f"line {line}, column {spec.geography!r}", str(error))
            return
        try:
            period = parse_period(row[self.position[spec.period]])
        except ValueError as error:
            self.builder.error(f"line {line}, column {spec.period!r}", str(error))
            return
        breakdown = dict(spec.fixed_breakdown)
        for column, dimension in spec.breakdowns.items():
            cell = row[self.position[column]]
            labels = spec.value_codes.get(column)
            code = labels.get(cell) if labels is not None else cell
            if not code:
                reason = "empty cell" if not cell else f"{cell!r} is not a known label of this column"
                self.builder.error(f"line {line}, column {column!r}", reason)
                return
            breakdown[dimension] = code
            self.breakdowns[column].record(code, cell)
        if spec.geography_label:
            geography_label = row[self.position[spec.geography_label]]
        self.geographies.record(geography.code, geography_label)
        self.periods.record(period.code, period.label)
        for column, indicator in spec.values.items():
            self._value(line, column, indicator, geography, period, Breakdown(breakdown), row)

    def _geography(self, cell: str) -> tuple[Geography, str]:
        """The geography of a cell and the name the file gives it."""
        if self.spec.geography_format is GeographyFormat.NAME:
            code = self.spec.geography_names.get(cell)
            if code is None:
                raise ValueError(f"unknown geography {cell!r}: not among the geography names")
            return classify_geography(code), cell
        if self.spec.geography_format is GeographyFormat.CODE_LABEL:
            code, _, label = cell.partition(" ")
            return classify_geography(code), label.strip() or code
        return classify_geography(cell), cell

    def _value(
        self,
        line: int,
        column: str,
        indicator: str,
        geography: Geography,
        period: Period,
        breakdown: Breakdown,
        row: Sequence[str],
    ) -> None:
        where = f"line {line}, column {column!r}"
        try:
            value, status, symbol = read_value_cell(
                row[self.position[column]],
                decimal_separator=self.decimal_separator,
                symbols=self.spec.symbols,
                missing_markers=self.spec.missing_markers,
            )
        except ValueError as error:
            self.builder.error(where, str(error))
            return
        self.indicators.record(indicator, column)
        self.builder.add(Observation(indicator, geography, period, breakdown, value, status, symbol), where)

    def dimensions(self) -> list[Dimension]:
        """The dimensions the file showed, in column order of the spec."""
        spec = self.spec
        result = [
            self.indicators.dimension("indicator", "indicator", Role.INDICATOR),
            self.geographies.dimension("geography", spec.geography, Role.GEOGRAPHY),
            self.periods.dimension("period", spec.period, Role.PERIOD),
        ]
        result += [
            self.breakdowns[column].dimension(dimension, column, Role.BREAKDOWN)
            for column, dimension in spec.breakdowns.items()
        ]
        result += [
            Dimension(dimension, dimension, Role.BREAKDOWN, (Category(code, code),))
            for dimension, code in spec.fixed_breakdown.items()
        ]
        return result
