"""Statistics Sweden's PxWeb output, JSON-stat 2.0 and CSV, read into a `ParsedTable`. No Django here.

JSON-stat 2.0 (https://json-stat.org/full/) is read as the specification defines it, so any table reads
without a code change: dimensions, their codes, labels and order come from `id`, `size` and `dimension`; a
category's position comes from `category.index` (array or object; omitted only for a single category, which
`category.label` then names); `value` is dense (an array of exactly the product of `size`) or sparse (an object
keyed by position, absent positions are null); `status` is a string for all cells, an array (one per cell, or
a single one for all, as the reference toolkit reads it) or an object keyed by position. Positions are
row-major: the last dimension in `id` varies fastest.

Which dimension is the geography, the period and the indicator comes from `role` (geo, time, metric). Statistics
Sweden's responses set only time and metric, so without a geo role the dimension with the code "Region" is the
geography; "Tid" and "ContentsCode" are the fallbacks for time and metric. A table without an indicator
dimension needs `indicator=`. Everything else is a breakdown, keyed on its dimension and category codes.

PxWeb CSV carries no metadata, so only what is unambiguous is read; see `parse_pxweb_csv`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Literal, TypeVar

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
    parse_decimal,
    parse_period,
    resolve_cell,
)
from vagenin.indicators.reading import SourceError, load_json, read_csv_rows, read_value_cell

GEOGRAPHY_FALLBACK = "Region"
TIME_FALLBACK = "Tid"
METRIC_FALLBACK = "ContentsCode"


# ------------------------------------------------------------------------------------------------- JSON-stat 2.0


def parse_jsonstat(
    text: str | bytes,
    *,
    source: str,
    geography_dimension: str | None = None,
    time_dimension: str | None = None,
    indicator_dimension: str | None = None,
    indicator: str | None = None,
    symbols: StatusSymbols = DEFAULT_SYMBOLS,
) -> ParsedTable:
    """Read a JSON-stat 2.0 dataset; the role arguments override the file's `role` and the fallbacks."""
    builder = TableBuilder(source)
    try:
        dataset = _Dataset(load_json(text))
        roles = dataset.roles(geography_dimension, time_dimension, indicator_dimension, indicator)
    except SourceError as fatal:
        builder.error(fatal.position, fatal.reason)
        return builder.build(())
    _read_cells(dataset, roles, indicator, symbols, builder)
    dimensions = [
        Dimension(dim_id, dataset.labels[dim_id], roles.get(dim_id, Role.BREAKDOWN), dataset.categories[dim_id])
        for dim_id in dataset.ids
    ]
    return builder.build(dimensions, dataset.label)


class _Dataset:
    """A validated JSON-stat 2.0 dataset: ids, sizes, categories in index order, values and statuses."""

    def __init__(self, document: Any) -> None:
        if not isinstance(document, dict):
            raise SourceError("file", "not a JSON-stat dataset: the top level is not an object")
        if document.get("version") != "2.0":
            raise SourceError("version", f"not JSON-stat 2.0 (version {document.get('version')!r})")
        if document.get("class") != "dataset":
            raise SourceError("class", f"not a JSON-stat dataset (class {document.get('class')!r})")
        self.document = document
        self.label = str(document.get("label", ""))
        ids, sizes, dimensions = document.get("id"), document.get("size"), document.get("dimension")
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids) or len(set(ids)) != len(ids):
            raise SourceError("id", "'id' must be a list of distinct dimension ids")
        if not isinstance(sizes, list) or not all(type(s) is int and s >= 0 for s in sizes):
            raise SourceError("size", "'size' must be a list of non-negative integers")
        if len(ids) != len(sizes):
            raise SourceError("size", f"'id' has {len(ids)} dimensions but 'size' has {len(sizes)}")
        if not isinstance(dimensions, dict) or set(dimensions) != set(ids):
            raise SourceError("dimension", "'dimension' must describe exactly the dimensions listed in 'id'")
        self.ids: list[str] = ids
        self.sizes: list[int] = sizes
        self.labels: dict[str, str] = {}
        self.categories: dict[str, tuple[Category, ...]] = {}
        for dim_id, size in zip(ids, sizes, strict=True):
            self.labels[dim_id], self.categories[dim_id] = _categories(dim_id, dimensions[dim_id], size)
        self.count = math.prod(sizes)
        self.values = self._values(document.get("value"))
        self.statuses = self._statuses(document.get("status"))

    def roles(
        self, geography: str | None, time: str | None, metric: str | None, indicator: str | None
    ) -> dict[str, Role]:
        """Dimension id → role, from the arguments, then `role`, then Statistics Sweden's dimension codes."""
        declared = self.document.get("role") or {}
        if not isinstance(declared, dict):
            raise SourceError("role", "'role' must be an object")
        chosen: dict[str, Role] = {}
        for argument, key, fallback, role, required in (
            (geography, "geo", GEOGRAPHY_FALLBACK, Role.GEOGRAPHY, True),
            (time, "time", TIME_FALLBACK, Role.PERIOD, True),
            (metric, "metric", METRIC_FALLBACK, Role.INDICATOR, indicator is None),
        ):
            dim_id = argument or self._declared(declared, key) or (fallback if fallback in self.ids else None)
            if dim_id is None:
                if required:
                    reason = f"no {role} dimension: 'role.{key}' is absent and no dimension is {fallback!r}"
                    raise SourceError("role", reason)
                continue
            if dim_id not in self.ids:
                raise SourceError("role", f"the {role} dimension {dim_id!r} is not in 'id'")
            if dim_id in chosen:
                raise SourceError("role", f"dimension {dim_id!r} cannot be both {chosen[dim_id]} and {role}")
            chosen[dim_id] = role
        return chosen

    def _declared(self, declared: dict[str, Any], key: str) -> str | None:
        listed = declared.get(key) or []
        if not isinstance(listed, list) or not all(isinstance(i, str) for i in listed):
            raise SourceError(f"role.{key}", f"'role.{key}' must be a list of dimension ids")
        if len(listed) > 1:
            raise SourceError(f"role.{key}", f"several dimensions have role {key} ({', '.join(listed)}); name one")
        return listed[0] if listed else None

    def _values(self, value: Any) -> list[Any]:
        if isinstance(value, list):
            if len(value) != self.count:
                raise SourceError("value", f"'value' has {len(value)} entries but 'size' makes {self.count} cells")
            return value
        if isinstance(value, dict):
            dense: list[Any] = [None] * self.count
            for key, cell in value.items():
                dense[self._position(key, "value")] = cell
            return dense
        raise SourceError("value", "'value' must be an array or an object")

    def _statuses(self, status: Any) -> list[str]:
        if status is None:
            return [""] * self.count
        if isinstance(status, str):
            return [status] * self.count
        if isinstance(status, list):
            if len(status) == 1:
                return [status[0] or ""] * self.count
            if len(status) != self.count:
                raise SourceError("status", f"'status' has {len(status)} entries but 'size' makes {self.count} cells")
            return [s or "" for s in status]
        if isinstance(status, dict):
            dense = [""] * self.count
            for key, cell in status.items():
                dense[self._position(key, "status")] = cell or ""
            return dense
        raise SourceError("status", "'status' must be a string, an array or an object")

    def _position(self, key: str, where: str) -> int:
        if not key.isdigit() or int(key) >= self.count:
            raise SourceError(f"{where}[{key!r}]", f"position {key!r} is outside 0–{self.count - 1}")
        return int(key)


def _categories(dim_id: str, dimension: Any, size: int) -> tuple[str, tuple[Category, ...]]:
    """A dimension's label and its categories in index order, checked against its size."""
    where = f"dimension.{dim_id}"
    if not isinstance(dimension, dict) or not isinstance(dimension.get("category"), dict):
        raise SourceError(where, "a dimension needs a 'category' object")
    category = dimension["category"]
    index, labels = category.get("index"), category.get("label") or {}
    if not isinstance(labels, dict):
        raise SourceError(f"{where}.category.label", "'category.label' must be an object")
    if index is None:
        if len(labels) != 1:
            raise SourceError(f"{where}.category", "'category.index' may be left out only for a single category")
        codes = list(labels)
    elif isinstance(index, list):
        if not all(isinstance(code, str) for code in index) or len(set(index)) != len(index):
            raise SourceError(f"{where}.category.index", "'category.index' must list distinct codes")
        codes = index
    elif isinstance(index, dict):
        positions = sorted(index.items(), key=lambda item: item[1] if type(item[1]) is int else -1)
        if [position for _, position in positions] != list(range(len(index))):
            reason = f"the positions in 'category.index' are not 0–{len(index) - 1}"
            raise SourceError(f"{where}.category.index", reason)
        codes = [code for code, _ in positions]
    else:
        raise SourceError(f"{where}.category.index", "'category.index' must be an array or an object")
    if len(codes) != size:
        raise SourceError(f"{where}.category", f"{len(codes)} categories but 'size' says {size}")
    unknown = [code for code in labels if code not in codes]
    if unknown:
        raise SourceError(f"{where}.category.label", f"labels for codes not in the index: {', '.join(unknown)}")
    return str(dimension.get("label", dim_id)), tuple(Category(code, str(labels.get(code, code))) for code in codes)


def _read_cells(
    dataset: _Dataset, roles: Mapping[str, Role], indicator: str | None, symbols: StatusSymbols, builder: TableBuilder
) -> None:
    """Turn every cell into an observation, or into an error naming its position and coordinates."""
    role_of = {role: dim_id for dim_id, role in roles.items()}
    geography_of = _classified(dataset, role_of[Role.GEOGRAPHY], classify_geography, builder)
    period_of = _classified(dataset, role_of[Role.PERIOD], parse_period, builder)
    breakdown_ids = [dim_id for dim_id in dataset.ids if dim_id not in roles]
    strides = [math.prod(dataset.sizes[i + 1 :]) for i in range(len(dataset.sizes))]
    codes = [[category.code for category in dataset.categories[dim_id]] for dim_id in dataset.ids]
    for position in range(dataset.count):
        coordinates = {
            dim_id: codes[i][(position // strides[i]) % dataset.sizes[i]] for i, dim_id in enumerate(dataset.ids)
        }
        where = f"value[{position}] ({', '.join(f'{d}={c}' for d, c in coordinates.items())})"
        geography = geography_of.get(coordinates[role_of[Role.GEOGRAPHY]])
        period = period_of.get(coordinates[role_of[Role.PERIOD]])
        if geography is None or period is None:
            continue  # its category was reported once, with the number of cells it holds
        raw, symbol = dataset.values[position], dataset.statuses[position]
        try:
            number = _number(raw)
            value, status = resolve_cell(number, symbol, symbols)
        except ValueError as error:
            builder.error(where, str(error))
            continue
        metric = role_of.get(Role.INDICATOR)
        observation = Observation(
            indicator=coordinates[metric] if metric else str(indicator),
            geography=geography,
            period=period,
            breakdown=Breakdown({dim_id: coordinates[dim_id] for dim_id in breakdown_ids}),
            value=value,
            status=status,
            symbol=symbol,
        )
        builder.add(observation, where)


_Classified = TypeVar("_Classified", Geography, Period)


def _classified(
    dataset: _Dataset, dim_id: str, classify: Callable[[str], _Classified], builder: TableBuilder
) -> dict[str, _Classified]:
    """Classify each category of a dimension once; a category that fails is one error covering its cells."""
    result: dict[str, _Classified] = {}
    cells = dataset.count // max(1, len(dataset.categories[dim_id]))
    for category in dataset.categories[dim_id]:
        try:
            result[category.code] = classify(category.code)
        except ValueError as error:
            builder.error(f"dimension.{dim_id}.category {category.code!r}", f"{error}; its {cells} cells are not read")
    return result


def _number(raw: Any) -> Decimal | None:
    """A JSON-stat cell value as a Decimal; strings must be numbers too."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueError(f"bad number {raw!r}")
    if isinstance(raw, int | Decimal):
        return Decimal(raw)
    if isinstance(raw, str):
        return parse_decimal(raw)
    raise ValueError(f"bad number {raw!r}")


# ------------------------------------------------------------------------------------------------------ PxWeb CSV

CellFormat = Literal["codes", "codes_and_texts"]


def parse_pxweb_csv(
    text: str | bytes,
    *,
    source: str,
    cell_format: CellFormat = "codes",
    geography_column: str = GEOGRAPHY_FALLBACK,
    time_column: str = TIME_FALLBACK,
    indicator: str | None = None,
    symbols: StatusSymbols = DEFAULT_SYMBOLS,
) -> ParsedTable:
    """Read PxWeb's CSV output; only the unambiguous variants.

    Supported: comma, semicolon or tab separated (detected; with semicolons the decimal sign is a comma), an
    optional byte-order mark, and cells as codes (`UseCodes`, cell_format="codes") or as "code text"
    (`UseCodesAndTexts`, cell_format="codes_and_texts": the code is the first word). Two layouts:
    - wide: stub columns, then one column per period, headed "<period>" or "<content code> <period>" (with
      texts, "<content code> <content text> <period>"), e.g. "Region","Kon","BE0101N1 2020","BE0101N1 2021";
    - long: the time variable in the stub as its last column (`time_column`, matched without regard to case),
      then one value column per content, headed by its code, e.g. "Region","Tid","BE0101N1".
    Column names are matched without regard to case, so "region" finds the "Region" column. A breakdown is keyed
    on its column name as the header gives it, which with UseCodes is the variable's code ("Kon", not "kön").
    Refused: texts only (`UseTexts`) — labels are not codes and a renamed label would silently start a new
    series; space-separated output; a header with no content code and no `indicator=`.
    """
    if cell_format not in ("codes", "codes_and_texts"):
        raise ValueError(
            f"cell_format {cell_format!r} is not supported: a PxWeb CSV with texts only carries labels, not codes. "
            "Export with UseCodes or UseCodesAndTexts, or use JSON-stat."
        )
    builder = TableBuilder(source)
    try:
        rows, delimiter = read_csv_rows(text)
        layout = _CsvLayout(rows[0][1], cell_format, geography_column, time_column, indicator)
    except SourceError as fatal:
        builder.error(fatal.position, fatal.reason)
        return builder.build(())
    decimal_separator = "," if delimiter == ";" else "."
    recorders = {column: CategoryRecorder() for column in layout.stub}
    periods, indicators = CategoryRecorder(), CategoryRecorder()
    for line, row in rows[1:]:
        if len(row) != len(layout.header):
            builder.error(f"line {line}", f"{len(row)} fields but the header has {len(layout.header)}")
            continue
        _read_csv_row(line, row, layout, recorders, periods, indicators, decimal_separator, symbols, builder)
    dimensions = [
        recorders[column].dimension(layout.header[column], layout.header[column], role)
        for column, role in layout.stub.items()
    ]
    if not layout.long:
        dimensions.append(periods.dimension(time_column, time_column, Role.PERIOD))
    dimensions.append(indicators.dimension(METRIC_FALLBACK, METRIC_FALLBACK, Role.INDICATOR))
    return builder.build(dimensions)


class _CsvLayout:
    """Which PxWeb CSV column is what."""

    def __init__(
        self, header: Sequence[str], cell_format: CellFormat, geography: str, time: str, indicator: str | None
    ) -> None:
        self.header = [column.strip() for column in header]
        self.cell_format = cell_format
        folded = [column.casefold() for column in self.header]
        if folded.count(geography.casefold()) != 1:
            raise SourceError("line 1", f"the header needs exactly one geography column {geography!r}")
        geography_at = folded.index(geography.casefold())
        first_period = next((i for i, column in enumerate(self.header) if self._heading(column)), None)
        self.long = first_period is None
        if self.long:
            if time.casefold() not in folded:
                raise SourceError("line 1", f"no column is a period and there is no time column {time!r}")
            time_at = folded.index(time.casefold())
            value_columns = list(range(time_at + 1, len(self.header)))
            stub_end = time_at + 1
        else:
            assert first_period is not None
            value_columns = list(range(first_period, len(self.header)))
            stub_end = first_period
        if not value_columns or geography_at >= stub_end:
            raise SourceError("line 1", "the geography column must come before the value columns")
        self.stub: dict[int, Role] = dict.fromkeys(range(stub_end), Role.BREAKDOWN)
        self.stub[geography_at] = Role.GEOGRAPHY
        if self.long:
            self.stub[stub_end - 1] = Role.PERIOD
        self.values: dict[int, tuple[str, str, Period | None]] = {}
        for column in value_columns:
            self.values[column] = self._value_column(self.header[column], indicator)

    def _heading(self, column: str) -> bool:
        try:
            parse_period(column.rsplit(" ", 1)[-1])
        except ValueError:
            return False
        return True

    def _value_column(self, header: str, indicator: str | None) -> tuple[str, str, Period | None]:
        """(indicator code, its label, period or None) of a value column."""
        words = header.split()
        period: Period | None = None
        if not self.long:
            try:
                period = parse_period(words[-1])
            except (ValueError, IndexError) as error:
                reason = f"column {header!r} follows the period columns but names no period"
                raise SourceError("line 1", reason) from error
            words = words[:-1]
        if not words:
            if indicator is None:
                raise SourceError("line 1", f"column {header!r} names no content code; pass indicator=")
            return indicator, indicator, period
        if self.cell_format == "codes" and len(words) > 1:
            reason = f"column {header!r} is not '<content code> <period>': a label? (cell_format='codes')"
            raise SourceError("line 1", reason)
        return words[0], " ".join(words[1:]) or words[0], period


def _read_csv_row(
    line: int,
    row: Sequence[str],
    layout: _CsvLayout,
    recorders: Mapping[int, CategoryRecorder],
    periods: CategoryRecorder,
    indicators: CategoryRecorder,
    decimal_separator: str,
    symbols: StatusSymbols,
    builder: TableBuilder,
) -> None:
    geography: Geography | None = None
    period: Period | None = None
    breakdown: dict[str, str] = {}
    for column, role in layout.stub.items():
        where = f"line {line}, column {layout.header[column]!r}"
        cell = row[column].strip()
        if layout.cell_format == "codes" and " " in cell:
            builder.error(where, f"{cell!r} has a space: a label or 'code text', not a code (cell_format='codes')")
            return
        code, _, label = cell.partition(" ")
        if not code:
            builder.error(where, "empty cell")
            return
        try:
            if role is Role.GEOGRAPHY:
                geography = classify_geography(code)
            elif role is Role.PERIOD:
                period = parse_period(code)
        except ValueError as error:
            builder.error(where, str(error))
            return
        if role is Role.BREAKDOWN:
            breakdown[layout.header[column]] = code
        recorders[column].record(code, label or code)
    assert geography is not None
    for column, (indicator, indicator_label, heading_period) in layout.values.items():
        where = f"line {line}, column {layout.header[column]!r}"
        cell_period = heading_period or period
        assert cell_period is not None
        try:
            value, status, symbol = read_value_cell(row[column], decimal_separator=decimal_separator, symbols=symbols)
        except ValueError as error:
            builder.error(where, str(error))
            continue
        indicators.record(indicator, indicator_label)
        periods.record(cell_period.code, cell_period.label)
        observation = Observation(indicator, geography, cell_period, Breakdown(breakdown), value, status, symbol)
        builder.add(observation, where)
