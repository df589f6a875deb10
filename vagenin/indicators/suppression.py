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

from collections.abc import Sequence
from dataclasses import dataclass

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
