"""Overviews of the action plan: counts per area and theme, coverage matrices, progress per area, initiatives
ending soon and indicators off target. No Django here: dataclasses in, plain data out."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from vagenin.actionplan.progress import Node, indicator_standing, mean_progress, rolled_up_progress

# Statuses of initiatives that have ended one way or another; they are no longer "ending soon".
CLOSED_STATUSES = frozenset({"completed", "cancelled"})
HEAT_LEVELS = 4  # heat-1 … heat-4; heat-0 is an empty cell


@dataclass(frozen=True)
class Area:
    id: int
    number: int
    name: str
    short_name: str
    slug: str


@dataclass(frozen=True)
class Theme:
    id: int
    area_id: int
    number: int
    name: str
    slug: str


@dataclass(frozen=True)
class Municipality:
    id: int
    code: str
    name: str


@dataclass(frozen=True)
class Organisation:
    id: int
    name: str
    slug: str


@dataclass(frozen=True)
class Initiative:
    """One initiative as the overviews see it."""

    id: int
    slug: str
    title: str
    summary: str
    parent_id: int | None
    weight: int
    progress: int
    status: str
    status_label: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    published: bool
    whole_county: bool
    lead_id: int
    partner_ids: tuple[int, ...] = ()
    theme_ids: tuple[int, ...] = ()
    municipality_ids: tuple[int, ...] = ()

    @property
    def organisation_ids(self) -> frozenset[int]:
        """The lead organisation and every partner."""
        return frozenset((self.lead_id, *self.partner_ids))


@dataclass(frozen=True)
class Indicator:
    """An indicator with its baseline, target and latest approved actual (if any)."""

    id: int
    initiative_id: int
    name: str
    unit: str
    direction: str
    baseline_value: Decimal
    baseline_date: datetime.date
    target_value: Decimal
    target_date: datetime.date
    latest_value: Decimal | None = None
    latest_date: datetime.date | None = None


@dataclass(frozen=True)
class Plan:
    """Everything in one agreement period the overviews need; `initiatives` holds drafts too (for roll-up)."""

    areas: tuple[Area, ...]
    themes: tuple[Theme, ...]
    municipalities: tuple[Municipality, ...]
    organisations: Mapping[int, Organisation]
    initiatives: tuple[Initiative, ...]
    indicators: tuple[Indicator, ...] = ()

    def shown(self, *, include_drafts: bool) -> list[Initiative]:
        """The initiatives an overview counts: published ones, or all of them for the secretariat."""
        return [i for i in self.initiatives if include_drafts or i.published]

    def area_of_theme(self) -> dict[int, int]:
        return {theme.id: theme.area_id for theme in self.themes}

    def area_ids(self, initiative: Initiative) -> frozenset[int]:
        """The areas an initiative serves: those of its themes."""
        areas = self.area_of_theme()
        return frozenset(areas[t] for t in initiative.theme_ids if t in areas)

    def progress(self) -> dict[int, int]:
        """Rolled-up progress of every initiative in the plan."""
        return rolled_up_progress(Node(i.id, i.parent_id, i.weight, i.progress) for i in self.initiatives)


@dataclass(frozen=True)
class Count:
    key: int
    label: str
    short_label: str
    count: int


@dataclass(frozen=True)
class ThemeCount:
    area: Area
    theme: Theme
    count: int


@dataclass
class Matrix:
    """Counts of initiatives by row (municipality or organisation) and column (area), with distinct totals."""

    rows: list[tuple[int, str]]
    columns: list[tuple[int, str]]
    cells: list[list[int]]
    row_totals: list[int]
    column_totals: list[int]
    total: int
    maximum: int = field(init=False)

    def __post_init__(self) -> None:
        self.maximum = max((value for row in self.cells for value in row), default=0)

    def level(self, value: int) -> int:
        return heat_level(value, self.maximum)

    def table(self) -> list[tuple[str, list[tuple[int, int]], int]]:
        """Rows as (label, [(count, heat level) per column], row total) for a template."""
        return [
            (label, [(value, self.level(value)) for value in values], total)
            for (_, label), values, total in zip(self.rows, self.cells, self.row_totals, strict=True)
        ]


def heat_level(value: int, maximum: int) -> int:
    """0 for an empty cell, else 1–4 in equal steps up to the largest value."""
    if value <= 0 or maximum <= 0:
        return 0
    return max(1, min(HEAT_LEVELS, -(-value * HEAT_LEVELS // maximum)))


def counts_per_area(plan: Plan, shown: Sequence[Initiative]) -> list[Count]:
    """How many of the shown initiatives serve each area (an initiative may serve several)."""
    counts = dict.fromkeys((area.id for area in plan.areas), 0)
    for initiative in shown:
        for area_id in plan.area_ids(initiative):
            counts[area_id] += 1
    return [Count(area.id, area.name, area.short_name or area.name, counts[area.id]) for area in plan.areas]


def counts_per_theme(plan: Plan, shown: Sequence[Initiative]) -> list[ThemeCount]:
    """How many of the shown initiatives serve each theme, in area order."""
    counts = dict.fromkeys((theme.id for theme in plan.themes), 0)
    for initiative in shown:
        for theme_id in set(initiative.theme_ids):
            if theme_id in counts:
                counts[theme_id] += 1
    areas = {area.id: area for area in plan.areas}
    themes = sorted(plan.themes, key=lambda t: (areas[t.area_id].number, t.number))
    return [ThemeCount(areas[theme.area_id], theme, counts[theme.id]) for theme in themes]


def _matrix(
    plan: Plan,
    shown: Sequence[Initiative],
    rows: list[tuple[int, str]],
    row_keys: Mapping[int, frozenset[int]],
) -> Matrix:
    """Count initiatives per (row, area); `row_keys` gives each initiative's row ids."""
    columns = [(area.id, area.short_name or area.name) for area in plan.areas]
    row_index = {row_id: n for n, (row_id, _) in enumerate(rows)}
    column_index = {area_id: n for n, (area_id, _) in enumerate(columns)}
    cells = [[0] * len(columns) for _ in rows]
    row_sets: list[set[int]] = [set() for _ in rows]
    column_sets: list[set[int]] = [set() for _ in columns]
    counted: set[int] = set()
    for initiative in shown:
        areas = [column_index[a] for a in plan.area_ids(initiative) if a in column_index]
        places = [row_index[r] for r in row_keys.get(initiative.id, frozenset()) if r in row_index]
        for r in places:
            row_sets[r].add(initiative.id)
            for c in areas:
                cells[r][c] += 1
        if places:
            counted.add(initiative.id)
            for c in areas:
                column_sets[c].add(initiative.id)
    return Matrix(
        rows=rows,
        columns=columns,
        cells=cells,
        row_totals=[len(ids) for ids in row_sets],
        column_totals=[len(ids) for ids in column_sets],
        total=len(counted),
    )


def municipality_matrix(plan: Plan, shown: Sequence[Initiative]) -> Matrix:
    """Municipality × area; an initiative for the whole county counts in every municipality."""
    everywhere = frozenset(m.id for m in plan.municipalities)
    keys = {i.id: everywhere if i.whole_county else frozenset(i.municipality_ids) for i in shown}
    rows = [(m.id, m.name) for m in plan.municipalities]
    return _matrix(plan, shown, rows, keys)


def organisation_matrix(plan: Plan, shown: Sequence[Initiative]) -> Matrix:
    """Organisation × area, counting each initiative once for its lead and once for each partner."""
    keys = {i.id: i.organisation_ids for i in shown}
    involved = {org_id for ids in keys.values() for org_id in ids if org_id in plan.organisations}
    organisations = sorted((plan.organisations[o] for o in involved), key=lambda o: (o.name.casefold(), o.id))
    return _matrix(plan, shown, [(o.id, o.name) for o in organisations], keys)


@dataclass(frozen=True)
class AreaProgress:
    area: Area
    progress: int | None  # None when the area has no top-level initiative
    initiatives: int


def progress_per_area(plan: Plan, shown: Sequence[Initiative], progress: Mapping[int, int]) -> list[AreaProgress]:
    """The mean rolled-up progress of each area's top-level initiatives."""
    top_level: dict[int, list[int]] = {area.id: [] for area in plan.areas}
    for initiative in shown:
        if initiative.parent_id is None:
            for area_id in plan.area_ids(initiative):
                top_level[area_id].append(initiative.id)
    return [
        AreaProgress(area, mean_progress(progress, top_level[area.id]), len(top_level[area.id])) for area in plan.areas
    ]


def ending_within(shown: Iterable[Initiative], *, today: datetime.date, days: int) -> list[Initiative]:
    """Initiatives still running that end between today and `days` days from now, soonest first."""
    last = today + datetime.timedelta(days=days)
    return sorted(
        (i for i in shown if i.ends_on is not None and today <= i.ends_on <= last and i.status not in CLOSED_STATUSES),
        key=lambda i: (i.ends_on, i.title.casefold()),
    )


@dataclass(frozen=True)
class OffTarget:
    indicator: Indicator
    initiative: Initiative
    expected: Decimal  # rounded to two decimals, as the values are stored

    @property
    def actual(self) -> Decimal:
        assert self.indicator.latest_value is not None
        return self.indicator.latest_value

    @property
    def gap(self) -> Decimal:
        """How far behind the line, always positive."""
        return abs(self.actual - self.expected)


def indicator_status(indicator: Indicator) -> tuple[Decimal, bool] | None:
    """(expected value at the latest actual's date, off target?) or None when nothing has been reported."""
    if indicator.latest_value is None or indicator.latest_date is None:
        return None
    return indicator_standing(
        direction=indicator.direction,
        baseline_value=indicator.baseline_value,
        baseline_date=indicator.baseline_date,
        target_value=indicator.target_value,
        target_date=indicator.target_date,
        actual=indicator.latest_value,
        on=indicator.latest_date,
    )


def indicators_off_target(plan: Plan, shown: Sequence[Initiative]) -> list[OffTarget]:
    """Indicators of the shown initiatives whose latest approved actual is behind the line."""
    by_id = {initiative.id: initiative for initiative in shown}
    found = []
    for indicator in plan.indicators:
        initiative = by_id.get(indicator.initiative_id)
        status = indicator_status(indicator)
        if initiative is None or status is None:
            continue
        expected, off = status
        if off:
            found.append(OffTarget(indicator, initiative, expected))
    # Ordered by initiative, not by gap: the indicators count different units.
    return sorted(found, key=lambda o: (initiative_sort_key(o.initiative), o.indicator.name.casefold()))


def initiative_sort_key(initiative: Initiative) -> tuple[str, int]:
    return initiative.title.casefold(), initiative.id
