"""Every data table in the templates scrolls on its own on a phone, in a region keyboard users can reach.

The region is the `{% scrolltable %}` tag (common/templatetags/tables.py). The accessibility sweep
(browser/test_accessibility.py) checks the tables the demo data makes wide; this check covers every table,
however long its content may become.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template import Context, Template, TemplateSyntaxError

VAGENIN = Path(__file__).resolve().parents[2]
TEMPLATES_WITH_TABLES = [path for path in sorted(VAGENIN.glob("*/templates/**/*.html")) if "<table" in path.read_text()]
# The template tag just before a <table>, and its arguments.
TAG_BEFORE_TABLE = re.compile(r"(\{%[^%]*%\})\s*<table[\s>]")
SCROLLTABLE = re.compile(r"\{% scrolltable (.+?) %\}")
LITERAL = re.compile(r'^"([^"]*)"$')
LOAD_TABLES = re.compile(r"\{% load [^%]*\btables\b[^%]*%\}")


def table_problems(template: str) -> list[str]:
    """What is wrong with the markup around each <table> of a template's text."""
    problems = []
    tables = template.count("<table")
    tags = TAG_BEFORE_TABLE.findall(template)
    if len(tags) < tables:
        problems.append(f"{tables - len(tags)} <table> not right after a {{% scrolltable %}} tag")
    if template.count("{% endscrolltable %}") != tables:
        problems.append("every {% scrolltable %} needs its {% endscrolltable %}")
    if tables and not LOAD_TABLES.search(template):
        problems.append("{% load tables %} is missing")
    for tag in tags:
        match = SCROLLTABLE.fullmatch(tag)
        if match is None:
            problems.append(f'{tag}: expected {{% scrolltable "the caption\'s id" %}}')
            continue
        literal = LITERAL.match(match.group(1))
        caption_id = literal.group(1) if literal else None
        if caption_id is not None and f'<caption id="{caption_id}"' not in template:
            problems.append(f"{tag}: names no <caption> of the same template")
        if caption_id is None and "<caption id=" not in template:
            problems.append(f"{tag}: the table needs a <caption> with an id")
    return problems


def test_table_problems_finds_a_bare_table_and_a_missing_caption() -> None:
    good = '{% load tables %}{% scrolltable "c" %}<table><caption id="c"></table>{% endscrolltable %}'
    assert table_problems(good) == []
    assert len(table_problems('{% load tables %}<div class="table-scroll"><table><caption id="c">')) >= 1
    assert len(table_problems(good.replace('"c" %}', '"x" %}'))) == 1
    assert len(table_problems("{% load tables %}<section>\n  <table>")) >= 1
    assert len(table_problems("{% if rows %}<table>")) >= 1
    assert table_problems(good.replace("{% load tables %}", "{% load i18n tables %}")) == []


def test_the_tag_renders_a_focusable_region_named_by_the_caption() -> None:
    template = Template(
        '{% load tables %}{% scrolltable "row-" key "-caption" class="wide" %}<table>{{ cell }}</table>'
        "{% endscrolltable %}"
    )
    html = template.render(Context({"key": "a&b", "cell": "<b>"}))
    assert html == (
        '<div class="table-scroll wide" tabindex="0" role="region" aria-labelledby="row-a&amp;b-caption">'
        "<table>&lt;b&gt;</table></div>"
    )


def test_the_tag_needs_the_caption_id() -> None:
    with pytest.raises(TemplateSyntaxError):
        Template("{% load tables %}{% scrolltable %}<table></table>{% endscrolltable %}")


@pytest.mark.parametrize("path", TEMPLATES_WITH_TABLES, ids=lambda path: str(path.relative_to(VAGENIN)))
def test_every_table_scrolls_in_a_focusable_named_region(path: Path) -> None:
    assert table_problems(path.read_text()) == []
