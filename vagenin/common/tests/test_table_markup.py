"""Every data table in the templates scrolls on its own on a phone, in a region keyboard users can reach.

The accessibility sweep (browser/test_accessibility.py) checks the tables the demo data makes wide;
this check covers every table, however long its content may become.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

VAGENIN = Path(__file__).resolve().parents[2]
TEMPLATES_WITH_TABLES = [path for path in sorted(VAGENIN.glob("*/templates/**/*.html")) if "<table" in path.read_text()]
# The opening tag just before a <table>, and that tag's attributes.
TAG_BEFORE_TABLE = re.compile(r"(<[a-z][^>]*>)\s*<table[\s>]")
ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')
PATTERN = '<div class="table-scroll" tabindex="0" role="region" aria-labelledby="{caption}">'


def table_problems(template: str) -> list[str]:
    """What is wrong with the markup around each <table> of a template's text."""
    problems = []
    tables = template.count("<table")
    wrapped = TAG_BEFORE_TABLE.findall(template)
    if len(wrapped) < tables:
        problems.append(f"{tables - len(wrapped)} <table> not right after the opening tag of its region")
    for tag in wrapped:
        attributes = dict(ATTRIBUTE.findall(tag))
        if not (
            tag.startswith("<div ")
            and "table-scroll" in attributes.get("class", "").split()
            and attributes.get("tabindex") == "0"
            and attributes.get("role") == "region"
        ):
            problems.append(f"{tag}: expected {PATTERN.format(caption='the caption id')}")
            continue
        label = attributes.get("aria-labelledby", "")
        if not label or f'id="{label}"' not in template:
            problems.append(f"{tag}: aria-labelledby must name an element of the same template (the caption)")
    return problems


def test_table_problems_finds_a_bare_wrapper_and_a_missing_label() -> None:
    assert table_problems(PATTERN.format(caption="c") + '<table><caption id="c">') == []
    assert len(table_problems('<div class="table-scroll"><table><caption id="c">')) == 1
    assert len(table_problems(PATTERN.format(caption="x") + '<table><caption id="c">')) == 1
    assert len(table_problems("<section>\n  <table>")) == 1
    assert len(table_problems("{% if rows %}<table>")) == 1


@pytest.mark.parametrize("path", TEMPLATES_WITH_TABLES, ids=lambda path: str(path.relative_to(VAGENIN)))
def test_every_table_scrolls_in_a_focusable_named_region(path: Path) -> None:
    assert table_problems(path.read_text()) == []
