"""Pure modules: progress roll-up and the Swedish stemmer, tested without a database."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from vagenin.actionplan.progress import Node, mean_progress, rolled_up_progress
from vagenin.actionplan.search import stem, terms


def test_leaves_keep_their_progress_and_parents_get_the_weighted_mean() -> None:
    nodes = [
        Node(1, None, 1, 99),  # a parent's own value is ignored
        Node(2, 1, 3, 100),
        Node(3, 1, 1, 0),
        Node(4, None, 1, 40),
    ]
    assert rolled_up_progress(nodes) == {1: 75, 2: 100, 3: 0, 4: 40}


def test_progress_rolls_up_through_several_levels() -> None:
    nodes = [Node(1, None, 1, 0), Node(2, 1, 1, 0), Node(3, 2, 1, 50), Node(4, 2, 1, 100), Node(5, 1, 1, 0)]
    assert rolled_up_progress(nodes) == {1: 38, 2: 75, 3: 50, 4: 100, 5: 0}


def test_zero_weights_fall_back_to_a_plain_mean() -> None:
    assert rolled_up_progress([Node(1, None, 1, 0), Node(2, 1, 0, 20), Node(3, 1, 0, 60)])[1] == 40


def test_a_cycle_is_refused() -> None:
    with pytest.raises(ValueError, match="own ancestor"):
        rolled_up_progress([Node(1, 2, 1, 0), Node(2, 1, 1, 0)])


def test_mean_progress() -> None:
    assert mean_progress({1: 10, 2: 50}, [1, 2, 3]) == 30
    assert mean_progress({}, [1]) is None


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("kvinnorna", "kvinn"),
        ("kvinnor", "kvinn"),
        ("projektet", "projekt"),
        ("arbetsgivarna", "arbetsgiv"),
        ("språkcaféer", "språkcafé"),
        ("sfi", "sfi"),
    ],
)
def test_swedish_stems(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_terms_split_and_stem_a_query() -> None:
    assert terms("Läxhjälp för nyanlända ungdomar!") == ["läxhjälp", "för", "nyanländ", "ungdom"]


@pytest.mark.parametrize("module", ["progress.py", "search.py"])
def test_pure_modules_never_import_django(module: str) -> None:
    tree = ast.parse((Path(__file__).parent.parent / module).read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names} | {
        node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
    }
    assert not any(name.startswith("django") or name.startswith("vagenin") for name in imported), imported
