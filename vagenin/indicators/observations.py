"""The common shape of every imported statistics table: dimensions, observations and the problems found. No Django here.

Every importer (`pxweb`, `kolada`, `longcsv`) turns its source into a `ParsedTable`. An observation is keyed on
codes only: indicator (content) code, classified geography, parsed period and a mapping dimension code → value
code for the remaining breakdowns. Labels live in the dimensions, so a renamed label never changes a key.
Importers never raise on bad data: each problem becomes a `RowError` naming the source, where and why.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum


class Status(StrEnum):
    """What a published cell holds."""

    FINAL = "final"
    PRELIMINARY = "preliminary"
    MISSING = "missing"  # not available, too uncertain, or cannot occur
    SUPPRESSED = "suppressed"  # withheld for confidentiality


class Role(StrEnum):
    """What a dimension is to an observation."""

    INDICATOR = "indicator"
    GEOGRAPHY = "geography"
    PERIOD = "period"
    BREAKDOWN = "breakdown"


@dataclass(frozen=True)
class Category:
    """One value of a dimension: its code and its label."""

    code: str
    label: str


@dataclass(frozen=True)
class Dimension:
    """A dimension as the source describes it; categories in the source's own order."""

    code: str
    label: str
    role: Role
    categories: tuple[Category, ...]

    @property
    def values(self) -> dict[str, str]:
        """Code → label, in file order."""
        return {category.code: category.label for category in self.categories}

    def label_of(self, code: str) -> str:
        """The label of a code (the code itself when the source gave none)."""
        return self.values.get(code, code)


# ---------------------------------------------------------------------------------------------------- geography

# The 21 counties since 1998 (Skåne 12 and Västra Götaland 14 absorbed 11, 15 and 16).
COUNTY_CODES: frozenset[str] = frozenset(
    {"01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13"}
    | {"14", "17", "18", "19", "20", "21", "22", "23", "24", "25"}
)
SWEDEN_CODE = "00"


class Level(StrEnum):
    """The administrative level of a geography."""

    COUNTRY = "country"
    COUNTY = "county"
    MUNICIPALITY = "municipality"


@dataclass(frozen=True, order=True)
class Geography:
    """A classified geography with its canonical code: "00" Sweden, two digits a county, four a municipality."""

    code: str
    level: Level

    @property
    def county_code(self) -> str | None:
        """The county a county or municipality belongs to."""
        return None if self.level is Level.COUNTRY else self.code[:2]


SWEDEN = Geography(SWEDEN_CODE, Level.COUNTRY)
_DIGITS = re.compile(r"[0-9]+")


def classify_geography(code: str) -> Geography:
    """Classify an official geography code; raises ValueError with the reason when it is none.

    Accepted: "00", "SE" and Kolada's "0000" for Sweden; a county code ("20") or Kolada's form of it ("0020");
    a four-digit municipality code whose first two digits name a county ("2080"). Only the shape is checked,
    not a list of municipalities, so codes of municipalities formed later still classify.
    """
    text = code.strip()
    if text in {"00", "SE", "0000"}:
        return SWEDEN
    if not _DIGITS.fullmatch(text):
        raise ValueError(f"unknown geography {code!r}: not a Swedish region code")
    if len(text) == 2:
        if text in COUNTY_CODES:
            return Geography(text, Level.COUNTY)
        raise ValueError(f"unknown geography {code!r}: no county has that code")
    if len(text) == 4:
        county = text[:2]
        if county == "00" and text[2:] in COUNTY_CODES:
            return Geography(text[2:], Level.COUNTY)
        if county in COUNTY_CODES and text[2:] != "00":
            return Geography(text, Level.MUNICIPALITY)
        raise ValueError(f"unknown geography {code!r}: not a municipality code")
    if len(text) == 3:
        raise ValueError(f"unknown geography {code!r}: three digits (a municipality code that lost its leading zero?)")
    raise ValueError(f"unknown geography {code!r}: region codes have two or four digits")


# ------------------------------------------------------------------------------------------------------ periods


class PeriodKind(StrEnum):
    """The length of a period."""

    YEAR = "year"
    QUARTER = "quarter"
    MONTH = "month"
    SPAN = "span"  # several whole years, e.g. a survey's rolling four years


_YEAR = re.compile(r"([0-9]{4})")
_QUARTER = re.compile(r"([0-9]{4})[KQ]([1-4])")
_MONTH = re.compile(r"([0-9]{4})M(0[1-9]|1[0-2])")
_SPAN = re.compile(r"([0-9]{4})\s*[-–]\s*([0-9]{4})")
_FIRST_YEAR, _LAST_YEAR = 1800, 2200


@functools.total_ordering
@dataclass(frozen=True)
class Period:
    """A year, quarter, month or span of whole years."""

    kind: PeriodKind
    year: int  # the first year
    number: int = 0  # the quarter (1–4) or month (1–12); 0 for years and spans
    end_year: int = 0  # the last year of a span; equal to `year` otherwise

    def __post_init__(self) -> None:
        if self.end_year == 0:
            object.__setattr__(self, "end_year", self.year)
        limit = {PeriodKind.QUARTER: 4, PeriodKind.MONTH: 12}.get(self.kind, 0)
        if not (1 <= self.number <= limit if limit else self.number == 0):
            raise ValueError(f"a {self.kind} period cannot have number {self.number}")
        if (self.end_year > self.year) != (self.kind is PeriodKind.SPAN) or self.end_year < self.year:
            raise ValueError(f"a {self.kind} period cannot run from {self.year} to {self.end_year}")

    @property
    def code(self) -> str:
        """The canonical code: "2024", "2024K1", "2024M03", "2004-2007"."""
        if self.kind is PeriodKind.QUARTER:
            return f"{self.year}K{self.number}"
        if self.kind is PeriodKind.MONTH:
            return f"{self.year}M{self.number:02d}"
        if self.kind is PeriodKind.SPAN:
            return f"{self.year}-{self.end_year}"
        return str(self.year)

    @property
    def label(self) -> str:
        """The code as printed: a span takes an en dash."""
        return self.code.replace("-", "–") if self.kind is PeriodKind.SPAN else self.code

    @property
    def _sort_key(self) -> tuple[int, int, int, int]:
        first_month = {PeriodKind.QUARTER: 3 * self.number - 2, PeriodKind.MONTH: self.number}.get(self.kind, 1)
        length = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3}.get(self.kind, 12 * (self.end_year - self.year + 1))
        return (self.year, first_month, length, self.end_year)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._sort_key < other._sort_key

    def __str__(self) -> str:
        return self.label


def parse_period(text: str | int) -> Period:
    """Parse "2024", "2024K1"/"2024Q1", "2024M03" or "2004–2007"/"2004-2007"; raises ValueError with the reason."""
    raw = str(text).strip().upper()
    if match := _YEAR.fullmatch(raw):
        period = Period(PeriodKind.YEAR, int(match[1]))
    elif match := _QUARTER.fullmatch(raw):
        period = Period(PeriodKind.QUARTER, int(match[1]), int(match[2]))
    elif match := _MONTH.fullmatch(raw):
        period = Period(PeriodKind.MONTH, int(match[1]), int(match[2]))
    elif match := _SPAN.fullmatch(raw):
        start, end = int(match[1]), int(match[2])
        if end <= start:
            raise ValueError(f"bad period {text!r}: a span must end after it starts")
        period = Period(PeriodKind.SPAN, start, end_year=end)
    else:
        raise ValueError(f"bad period {text!r}: expected 2024, 2024K1, 2024M03 or 2004–2007")
    if period.year < _FIRST_YEAR or period.end_year > _LAST_YEAR:
        raise ValueError(f"bad period {text!r}: year outside {_FIRST_YEAR}–{_LAST_YEAR}")
    return period


# ------------------------------------------------------------------------------------------------- observations


class Breakdown(Mapping[str, str]):
    """An immutable, hashable mapping dimension code → value code; equal to any mapping with the same items."""

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[str, str] | Iterable[tuple[str, str]] = ()) -> None:
        self._items: tuple[tuple[str, str], ...] = tuple(sorted(dict(items).items()))

    def __getitem__(self, key: str) -> str:
        for code, value in self._items:
            if code == key:
                return value
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return (code for code, _ in self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(self._items)

    def __repr__(self) -> str:
        return f"Breakdown({dict(self._items)!r})"


@dataclass(frozen=True)
class Observation:
    """One figure: which indicator, where, when, for which breakdown, and its value and status."""

    indicator: str
    geography: Geography
    period: Period
    breakdown: Breakdown
    value: Decimal | None
    status: Status
    symbol: str = ""  # the source's own status mark, kept for the record

    def __post_init__(self) -> None:
        has_value = self.value is not None
        if has_value != (self.status in {Status.FINAL, Status.PRELIMINARY}):
            raise ValueError(f"an observation with status {self.status} {'has' if has_value else 'lacks'} a value")

    @property
    def key(self) -> tuple[str, Geography, Period, Breakdown]:
        """What makes the observation unique in a table."""
        return (self.indicator, self.geography, self.period, self.breakdown)


@dataclass(frozen=True)
class RowError:
    """A problem in a source: which source, where in it, and why."""

    source: str
    position: str  # "line 12", "line 12, column 'year'", "value[37] (Region=2080, Tid=2024)", "file"
    reason: str

    def __str__(self) -> str:
        return f"{self.source}, {self.position}: {self.reason}"


@dataclass(frozen=True)
class ParsedTable:
    """What an importer read: the dimensions, the observations, and every problem it found."""

    source: str
    label: str
    dimensions: tuple[Dimension, ...]
    observations: tuple[Observation, ...]
    errors: tuple[RowError, ...]

    def dimension(self, code: str) -> Dimension:
        """The dimension with this code."""
        for dimension in self.dimensions:
            if dimension.code == code:
                return dimension
        raise KeyError(code)

    def get(self, indicator: str, geography: str, period: str | int, **breakdown: str) -> Observation:
        """The observation at these codes (breakdown given as dimension=value); KeyError when absent."""
        key = (indicator, classify_geography(geography), parse_period(period), Breakdown(breakdown))
        for observation in self.observations:
            if observation.key == key:
                return observation
        raise KeyError(key)


# ---------------------------------------------------------------------------------------------- cells and numbers


@dataclass(frozen=True)
class StatusSymbols:
    """Which status marks mean what; the defaults are the marks of Swedish official statistics tables."""

    missing: frozenset[str] = frozenset({"..", "."})  # not available or too uncertain; cannot occur
    suppressed: frozenset[str] = frozenset({"x", "X"})  # may not be published
    preliminary: frozenset[str] = frozenset({"*", "p"})
    zero: frozenset[str] = frozenset({"-", "–"})  # nothing to report: the magnitude is zero

    def classify(self, symbol: str) -> Status | None:
        """The status a mark stands for (FINAL for a zero mark), or None when it is not known."""
        if symbol in self.missing:
            return Status.MISSING
        if symbol in self.suppressed:
            return Status.SUPPRESSED
        if symbol in self.preliminary:
            return Status.PRELIMINARY
        if symbol in self.zero:
            return Status.FINAL
        return None


DEFAULT_SYMBOLS = StatusSymbols()
_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")
_GROUPING = str.maketrans("", "", " \u00a0\u202f\u2009")


def parse_decimal(text: str, *, decimal_separator: str = ".") -> Decimal:
    """A number as written in a file; raises ValueError with the reason.

    With a decimal comma, spaces (also non-breaking and thin) may group thousands; with a decimal point nothing
    groups. A minus sign (U+2212) counts as a minus. Never NaN or infinity.
    """
    raw = text.strip().replace("\u2212", "-")
    if decimal_separator == ",":
        if "." in raw:
            raise ValueError(f"bad number {text!r}: a point where the file uses decimal comma")
        raw = raw.translate(_GROUPING).replace(",", ".")
    elif "," in raw:
        raise ValueError(f"bad number {text!r}: a comma where the file uses decimal point")
    if not _NUMBER.fullmatch(raw):
        raise ValueError(f"bad number {text!r}")
    try:
        return Decimal(raw)
    except InvalidOperation as error:  # pragma: no cover - the pattern admits only valid literals
        raise ValueError(f"bad number {text!r}") from error


def resolve_cell(value: Decimal | None, symbol: str, symbols: StatusSymbols) -> tuple[Decimal | None, Status]:
    """Value and status of a cell from its value (None when absent) and status mark; ValueError for unknown marks."""
    if not symbol:
        return (value, Status.FINAL) if value is not None else (None, Status.MISSING)
    status = symbols.classify(symbol)
    if status is None:
        raise ValueError(f"unknown status symbol {symbol!r}")
    if symbol in symbols.zero:
        return (value if value is not None else Decimal(0), Status.FINAL)
    if status is Status.PRELIMINARY:
        return (value, status) if value is not None else (None, Status.MISSING)
    return (None, status)


# -------------------------------------------------------------------------------------------------- the builder


@dataclass
class TableBuilder:
    """Collects an importer's observations and errors; refuses a second observation with the same key."""

    source: str
    observations: list[Observation] = field(default_factory=list, init=False)
    errors: list[RowError] = field(default_factory=list, init=False)
    _seen: dict[tuple[str, Geography, Period, Breakdown], str] = field(default_factory=dict, init=False, repr=False)

    def error(self, position: str, reason: str) -> None:
        """Record a problem."""
        self.errors.append(RowError(self.source, position, reason))

    def add(self, observation: Observation, position: str) -> None:
        """Record an observation, or an error if one with the same key came before."""
        first = self._seen.get(observation.key)
        if first is not None:
            self.error(position, f"duplicate observation (first at {first})")
            return
        self._seen[observation.key] = position
        self.observations.append(observation)

    def build(self, dimensions: Iterable[Dimension], label: str = "") -> ParsedTable:
        """The finished table."""
        return ParsedTable(self.source, label, tuple(dimensions), tuple(self.observations), tuple(self.errors))


class CategoryRecorder:
    """Records the codes and labels a column shows, in the order they first appear."""

    def __init__(self) -> None:
        self._labels: dict[str, str] = {}

    def record(self, code: str, label: str) -> None:
        """Note a code and its label (the first label seen wins)."""
        self._labels.setdefault(code, label)

    def dimension(self, code: str, label: str, role: Role) -> Dimension:
        """The dimension the column described."""
        return Dimension(code, label, role, tuple(Category(c, lbl) for c, lbl in self._labels.items()))
