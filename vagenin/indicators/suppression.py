"""Small-count suppression for a published two-way table of counts with its margins. No Django here.

Primary suppression hides every interior cell below the threshold (default 5): those are the cells that could
point out a few people. A zero is hidden too unless zeros may be shown (`show_zero`, the default: a zero
usually tells nothing about anyone).

Secondary suppression protects the primary cells against subtraction. The row and column totals are always
published, so a row or column with exactly one hidden cell gives that cell away (total minus the rest). While
any row or column has exactly one hidden cell, a second cell in it is hidden: the smallest remaining non-zero
cell (ties: first row, then first column), or a zero when nothing else is left. Hiding a cell may leave another
line with a single hidden cell, so this repeats until no line has one.

What this guarantees: no hidden cell equals a published total minus published cells. What it does not: the
hidden cells of a line still sum to a known number, and several lines together can narrow a hidden cell to an
interval; a statistical agency's audit (e.g. τ-ARGUS) is the stronger check for tables published at scale.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

Cell = tuple[int, int]  # (row, column)


class SuppressionError(ValueError):
    """The table cannot be protected as asked."""


@dataclass(frozen=True)
class SuppressedTable:
    """A table ready to publish: interior cells (None where hidden) and the margins, which are always shown."""

    cells: tuple[tuple[int | None, ...], ...]
    row_totals: tuple[int, ...]
    column_totals: tuple[int, ...]
    grand_total: int
    primary: frozenset[Cell]
    secondary: frozenset[Cell]

    @property
    def hidden(self) -> frozenset[Cell]:
        """Every hidden cell."""
        return self.primary | self.secondary


def primary_cells(counts: Sequence[Sequence[int]], *, threshold: int = 5, show_zero: bool = True) -> frozenset[Cell]:
    """The cells below the threshold (zeros only when they may not be shown)."""
    _check(counts, threshold)
    return frozenset(
        (r, c)
        for r, row in enumerate(counts)
        for c, value in enumerate(row)
        if value < threshold and (value > 0 or not show_zero)
    )


def suppress(counts: Sequence[Sequence[int]], *, threshold: int = 5, show_zero: bool = True) -> SuppressedTable:
    """Primary and secondary suppression of a table of counts; margins are computed from the counts."""
    primary = primary_cells(counts, threshold=threshold, show_zero=show_zero)
    hidden = set(primary)
    rows, columns = len(counts), len(counts[0]) if counts else 0
    lines = [[(r, c) for c in range(columns)] for r in range(rows)]
    lines += [[(r, c) for r in range(rows)] for c in range(columns)]
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(cell in hidden for cell in line) == 1:
                hidden.add(_complement(counts, line, hidden))
                changed = True
    return SuppressedTable(
        cells=tuple(
            tuple(None if (r, c) in hidden else value for c, value in enumerate(row)) for r, row in enumerate(counts)
        ),
        row_totals=tuple(sum(row) for row in counts),
        column_totals=tuple(sum(counts[r][c] for r in range(rows)) for c in range(columns)),
        grand_total=sum(sum(row) for row in counts),
        primary=primary,
        secondary=frozenset(hidden - primary),
    )


def lines_with_one_hidden(hidden: frozenset[Cell] | set[Cell], rows: int, columns: int) -> list[str]:
    """The rows and columns that give a hidden cell away by subtraction ("row 2", "column 0"); none when safe."""
    found = [f"row {r}" for r in range(rows) if sum((r, c) in hidden for c in range(columns)) == 1]
    return found + [f"column {c}" for c in range(columns) if sum((r, c) in hidden for r in range(rows)) == 1]


def _complement(counts: Sequence[Sequence[int]], line: Sequence[Cell], hidden: set[Cell]) -> Cell:
    """The cell to hide beside a line's single hidden cell."""
    candidates = [cell for cell in line if cell not in hidden]
    if not candidates:
        raise SuppressionError(f"cell {line[0]} is alone in its line: its total would give it away")
    non_zero = [cell for cell in candidates if counts[cell[0]][cell[1]] > 0]
    return min(non_zero or candidates, key=lambda cell: (counts[cell[0]][cell[1]], cell))


def _check(counts: Sequence[Sequence[int]], threshold: int) -> None:
    if threshold < 1:
        raise ValueError("the threshold must be at least 1")
    if not counts or not counts[0]:
        raise ValueError("the table is empty")
    if any(len(row) != len(counts[0]) for row in counts):
        raise ValueError("every row must have as many cells")
    if any(type(value) is not int or value < 0 for row in counts for value in row):
        raise ValueError("cells must be counts: whole numbers, not negative")


# ------------------------------------------------------------------------------------- any table of observations

Key = TypeVar("Key", bound=Hashable)

# Codes that stand for "all" in a breakdown dimension: Statistics Sweden's "1+2" for both sexes, Kolada's "T",
# and the usual spellings of total. A definition's headline breakdown names its own totals besides these.
TOTAL_CODES: frozenset[str] = frozenset({"T", "1+2", "TOT", "tot", "Tot", "total", "Total", "totalt", "Totalt", "SA"})


def protect(
    values: Mapping[Key, Decimal | int | None],
    equations: Iterable[Sequence[Key]],
    *,
    threshold: int,
    show_zero: bool = True,
) -> dict[Key, str]:
    """Which cells to hide: `"primary"` (below the threshold) or `"secondary"` (would give a hidden one away).

    `values` holds every published cell; None marks one the source already withholds (it counts as hidden).
    Each equation lists a total first and then its parts (both sexes, then women and men; a county, then its
    municipalities): cells whose sum the reader knows. An equation with exactly one hidden cell gives it away,
    so another of its cells is hidden: the smallest non-zero one (then a zero; the first cell, which is the
    total, only when nothing else is left), ties in the order of `values`. Repeated until no equation has one.
    Each cell and equation is visited a bounded number of times, so millions of cells take seconds.
    """
    if threshold < 1:
        raise ValueError("the threshold must be at least 1")
    order = {key: index for index, key in enumerate(values)}
    result: dict[Key, str] = {
        key: "primary"
        for key, value in values.items()
        if value is not None and value < threshold and (value > 0 or not show_zero)
    }
    hidden = {key for key, value in values.items() if value is None} | set(result)
    lines = [tuple(cell for cell in equation if cell in values) for equation in equations]
    lines = [line for line in lines if len(line) >= 2]
    member: dict[Key, list[int]] = {}
    for index, line in enumerate(lines):
        for cell in line:
            member.setdefault(cell, []).append(index)
    count = [sum(cell in hidden for cell in line) for line in lines]
    queue = [index for index, n in enumerate(count) if n == 1]
    while queue:
        index = queue.pop()
        if count[index] != 1:
            continue
        line = lines[index]
        candidates = [cell for cell in line if cell not in hidden]
        parts = [cell for cell in candidates if cell != line[0]] or candidates  # the total only as a last resort
        chosen = min(parts, key=lambda cell: (values[cell] == 0, values[cell] or 0, order[cell]))
        hidden.add(chosen)
        result[chosen] = "secondary"
        for other in member[chosen]:
            count[other] += 1
            if count[other] == 1:
                queue.append(other)
    return result


def table_equations(
    keys: Iterable[tuple[str, Hashable, Mapping[str, str]]], totals: Mapping[str, str] = {}
) -> list[list[tuple[str, Hashable, tuple[tuple[str, str], ...]]]]:
    """The equations of one indicator's cells, each cell given as (geography code, period, breakdown).

    Breakdowns: for each dimension with a total code (`TOTAL_CODES`, or the one `totals` names for it), the total
    cell and the cells that differ from it only in that dimension. Geography: a county and its municipalities
    (first two digits), Sweden ("00") and the counties, each for the same period and breakdown. An equation is
    listed whenever its total is there, even if some parts are not: that hides more, never less.
    Cells come back as (geography, period, sorted breakdown items), the total first in each equation.
    """
    cells = [(geo, period, tuple(sorted(breakdown.items()))) for geo, period, breakdown in keys]
    equations: list[list[tuple[str, Hashable, tuple[tuple[str, str], ...]]]] = []
    groups: dict[tuple[object, ...], list[tuple[str, Hashable, tuple[tuple[str, str], ...]]]] = {}
    dimensions = sorted({dim for _geo, _period, items in cells for dim, _value in items})
    for dim in dimensions:
        total_codes = TOTAL_CODES | ({totals[dim]} if dim in totals else set())
        groups.clear()
        for cell in cells:
            geo, period, items = cell
            rest = tuple(item for item in items if item[0] != dim)
            groups.setdefault((geo, period, rest), []).append(cell)
        for members in groups.values():
            heads = [c for c in members if dict(c[2]).get(dim) in total_codes]
            parts = [c for c in members if dim in dict(c[2]) and dict(c[2])[dim] not in total_codes]
            if len(heads) == 1 and parts:
                equations.append([heads[0], *parts])
    by_place: dict[tuple[object, ...], list[tuple[str, Hashable, tuple[tuple[str, str], ...]]]] = {}
    for cell in cells:
        by_place.setdefault((cell[1], cell[2]), []).append(cell)
    for members in by_place.values():
        codes = {c[0]: c for c in members}
        for code, cell in codes.items():
            if len(code) == 2:
                parts = [c for other, c in codes.items() if len(other) == 4 and other[:2] == code]
                if code == "00":
                    parts = [c for other, c in codes.items() if len(other) == 2 and other != "00"]
                if parts:
                    equations.append([cell, *parts])
    return equations
