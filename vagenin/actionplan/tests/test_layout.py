"""The action plan's layout: the sub-packages build on the core and never on one another; the core reaches into a
sub-package only where Django or Celery look for modules by name (urls.py, tasks.py, management commands)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

APP = Path(__file__).parent.parent
SUBPACKAGES = ("submissions", "overview", "exchange")
# Modules found by name: they mount, schedule or run what the sub-packages offer.
ENTRY_POINTS = {"urls.py", "tasks.py", "management"}


def _imports(path: Path) -> set[str]:
    """Every module the file imports, `from a import b` counted as both a and a.b."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _uses(path: Path, subpackage: str) -> bool:
    prefix = f"vagenin.actionplan.{subpackage}"
    return any(name == prefix or name.startswith(prefix + ".") for name in _imports(path))


def test_the_core_imports_no_subpackage() -> None:
    core = [
        path
        for path in APP.rglob("*.py")
        if path.relative_to(APP).parts[0] not in {*SUBPACKAGES, *ENTRY_POINTS, "tests", "migrations"}
    ]
    assert core
    offending = [str(path.relative_to(APP)) for path in core for sub in SUBPACKAGES if _uses(path, sub)]
    assert not offending, offending


@pytest.mark.parametrize("subpackage", SUBPACKAGES)
def test_subpackages_do_not_import_one_another(subpackage: str) -> None:
    others = [sub for sub in SUBPACKAGES if sub != subpackage]
    offending = [
        str(path.relative_to(APP))
        for path in (APP / subpackage).rglob("*.py")
        for other in others
        if _uses(path, other)
    ]
    assert not offending, offending
