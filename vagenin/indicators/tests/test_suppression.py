"""Small-count suppression: examples, and the properties every suppressed table must have."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vagenin.indicators.suppression import (
    SuppressionError,
    lines_with_one_hidden,
    primary_cells,
    protect,
    suppress,
    table_equations,
)

PROPERTIES = settings(derandomize=True, max_examples=300, deadline=None, database=None)


def test_a_small_cell_is_hidden_with_its_row_and_column_complements() -> None:
    counts = [
        [3, 12, 20],
        [15, 9, 30],
        [40, 22, 11],
    ]
    table = suppress(counts)
    assert table.primary == {(0, 0)}
    # Row 0 takes its smallest other cell (12); column 0 its smallest other (15); then row 1 and column 1
    # have one hidden cell each, and the smallest in both is 9.
    assert table.secondary == {(0, 1), (1, 0), (1, 1)}
    assert table.cells == ((None, None, 20), (None, None, 30), (40, 22, 11))
    assert (table.row_totals, table.column_totals, table.grand_total) == ((35, 54, 73), (58, 43, 61), 162)


def test_zeros_are_shown_by_default_and_hidden_on_request() -> None:
    counts = [[0, 8, 9], [7, 6, 10]]
    assert suppress(counts).hidden == frozenset()
    hidden = suppress(counts, show_zero=False)
    assert hidden.primary == {(0, 0)}
    assert lines_with_one_hidden(hidden.hidden, 2, 3) == []


def test_a_zero_is_hidden_when_nothing_else_is_left_in_the_line() -> None:
    table = suppress([[3, 0], [8, 9]])
    assert table.primary == {(0, 0)} and (0, 1) in table.secondary
    assert lines_with_one_hidden(table.hidden, 2, 2) == []


def test_the_threshold_is_configurable() -> None:
    assert primary_cells([[3, 10], [11, 12]], threshold=3) == frozenset()
    assert primary_cells([[3, 10], [11, 12]], threshold=11) == {(0, 0), (0, 1)}


def test_a_line_of_one_cell_cannot_be_protected() -> None:
    with pytest.raises(SuppressionError, match="alone in its line"):
        suppress([[2, 10, 11]])
    assert suppress([[20, 10, 11]]).hidden == frozenset()


@pytest.mark.parametrize(
    ("counts", "message"),
    [([], "empty"), ([[1, 2], [3]], "as many cells"), ([[1, -2]], "not negative"), ([[1.5, 2]], "whole numbers")],
)
def test_tables_that_are_not_counts_are_refused(counts: list[list[int]], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        suppress(counts)


tables = st.integers(min_value=2, max_value=6).flatmap(
    lambda columns: st.lists(
        st.lists(st.integers(min_value=0, max_value=40), min_size=columns, max_size=columns), min_size=2, max_size=6
    )
)


@PROPERTIES
@given(tables, st.integers(min_value=1, max_value=10), st.booleans())
def test_properties(counts: list[list[int]], threshold: int, show_zero: bool) -> None:
    table = suppress(counts, threshold=threshold, show_zero=show_zero)
    rows, columns = len(counts), len(counts[0])
    # No row or column has exactly one hidden cell: none can be recovered from the published totals.
    assert lines_with_one_hidden(table.hidden, rows, columns) == []
    for r in range(rows):
        for c in range(columns):
            value = counts[r][c]
            if 0 < value < threshold or (value == 0 and not show_zero):
                assert table.cells[r][c] is None  # every small cell is hidden
            if table.cells[r][c] is not None:
                assert table.cells[r][c] == value  # what is shown is unchanged
    assert table.row_totals == tuple(sum(row) for row in counts)  # totals are published as they are
    assert table.column_totals == tuple(sum(column) for column in zip(*counts, strict=True))
    assert suppress(counts, threshold=threshold, show_zero=show_zero) == table  # deterministic


@PROPERTIES
@given(tables)
def test_a_table_without_small_cells_hides_nothing(counts: list[list[int]]) -> None:
    if all(value >= 5 or value == 0 for row in counts for value in row):
        assert suppress(counts).hidden == frozenset()


# ------------------------------------------------------------------------ any table of observations (protect)


def test_protect_hides_a_small_part_and_a_second_part_of_its_total() -> None:
    values = {"T": 20, "K": 3, "M": 17}
    marks = protect(values, [["T", "K", "M"]], threshold=5)
    # Hiding K alone would leave K = T − M; the smallest other part goes too, the total stays.
    assert marks == {"K": "primary", "M": "secondary"}


def test_protect_counts_what_the_source_withholds_as_hidden() -> None:
    values = {"T": 20, "K": None, "M": 17, "X": 3}
    # The source hid K but published T and M, which give it away: M goes too.
    assert protect(values, [["T", "K", "M"]], threshold=5) == {"X": "primary", "M": "secondary"}


def test_protect_follows_a_chain_of_equations() -> None:
    # County 20 = its municipalities; each municipality = women + men.
    values = {
        ("20", "T"): 100, ("20", "K"): 42, ("20", "M"): 58,
        ("2080", "T"): 60, ("2080", "K"): 2, ("2080", "M"): 58,
        ("2085", "T"): 40, ("2085", "K"): 40, ("2085", "M"): 0,
    }  # fmt: skip
    equations = [
        [("20", "T"), ("2080", "T"), ("2085", "T")],
        [("20", "K"), ("2080", "K"), ("2085", "K")],
        [("20", "M"), ("2080", "M"), ("2085", "M")],
        [("2080", "T"), ("2080", "K"), ("2080", "M")],
        [("2085", "T"), ("2085", "K"), ("2085", "M")],
    ]
    marks = protect(values, equations, threshold=5)
    hidden = set(marks)
    assert marks[("2080", "K")] == "primary"
    for equation in equations:
        assert sum(cell in hidden for cell in equation) != 1, equation


def test_table_equations_from_breakdowns_and_geography() -> None:
    keys = [
        ("20", "2024", {"gender": "T"}),
        ("20", "2024", {"gender": "K"}),
        ("2080", "2024", {"gender": "T"}),
        ("2080", "2024", {"gender": "K"}),
        ("2080", "2024", {"gender": "M"}),
    ]
    equations = table_equations(keys)
    cells = [[(geo, period, tuple(b.items())) for geo, period, b in equation] for equation in [
        [keys[0], keys[1]],
        [keys[2], keys[3], keys[4]],
        [keys[0], keys[2]],
        [keys[1], keys[3]],
    ]]  # fmt: skip
    assert sorted(map(str, equations)) == sorted(map(str, cells))


@PROPERTIES
@given(
    st.lists(st.lists(st.integers(0, 30), min_size=2, max_size=5), min_size=2, max_size=5).filter(
        lambda rows: len({len(row) for row in rows}) == 1
    )
)
def test_protect_never_leaves_an_equation_with_one_hidden_cell(counts: list[list[int]]) -> None:
    # A table with its margins as cells: row totals, column totals and the grand total.
    values: dict[tuple[int, int], int] = {}
    rows, columns = len(counts), len(counts[0])
    for r in range(rows):
        for c in range(columns):
            values[(r, c)] = counts[r][c]
        values[(r, -1)] = sum(counts[r])
    for c in range(columns):
        values[(-1, c)] = sum(row[c] for row in counts)
    values[(-1, -1)] = sum(map(sum, counts))
    equations = [[(r, -1), *((r, c) for c in range(columns))] for r in range(-1, rows)]
    equations += [[(-1, c), *((r, c) for r in range(rows))] for c in range(-1, columns)]
    marks = protect(values, equations, threshold=5)
    assert {k for k, v in marks.items() if v == "primary"} == {k for k, v in values.items() if 0 < v < 5}
    for equation in equations:
        assert sum(cell in marks for cell in equation) != 1
