"""Small-count suppression: examples, and the properties every suppressed table must have."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vagenin.indicators.suppression import SuppressionError, lines_with_one_hidden, primary_cells, suppress

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
