"""The indicators core stays pure: no Django, and nothing from the project outside these modules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent
# The Django part of the app (models, services, views) is built on these and may import Django; these may not.
PURE = ["kolada.py", "longcsv.py", "narrative.py", "observations.py", "pxweb.py", "reading.py", "suppression.py"]


@pytest.mark.parametrize("module", PURE)
def test_pure_modules_never_import_django(module: str) -> None:
    tree = ast.parse((PACKAGE / module).read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names} | {
        node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
    }
    project = {name for name in imported if name.startswith(("django", "vagenin"))}
    assert all(name.removeprefix("vagenin.indicators.") + ".py" in PURE for name in project), project
