"""The Markdown subset renderer: structure, and nothing unsafe gets through. No database."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from vagenin.newsletter import markup

ALLOWED_TAGS = {"h2", "h3", "p", "ul", "ol", "li", "a", "strong", "em", "br"}


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, attrs))


def test_headings_lists_paragraphs_and_links() -> None:
    text = "## Rubrik\n\nEtt stycke med **fet** och *kursiv* text.\n\n- ett\n- två\n\n1. först\n2. sedan\n\n[Länk](https://example.org/a?b=1&c=2)"
    html = markup.to_html(text)
    assert "<h2>Rubrik</h2>" in html
    assert "<p>Ett stycke med <strong>fet</strong> och <em>kursiv</em> text.</p>" in html
    assert "<ul><li>ett</li><li>två</li></ul>" in html
    assert "<ol><li>först</li><li>sedan</li></ol>" in html
    assert '<a href="https://example.org/a?b=1&amp;c=2">Länk</a>' in html


def test_heading_offset_and_styles() -> None:
    html = markup.to_html("## A\n\ntext", heading_offset=1, styles={"p": "margin:0"})
    assert "<h3>A</h3>" in html
    assert '<p style="margin:0">text</p>' in html


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[klick](javascript:alert(1))",
        "[klick](JaVaScRiPt:alert(1))",
        "[klick](data:text/html;base64,PHNjcmlwdD4=)",
        "[klick](vbscript:msgbox)",
        '[klick](https://example.org/"onmouseover="alert(1))',
        "[a](https://example.org/<script>)",
        "## <svg onload=alert(1)>",
        "- <iframe src=//evil.example>",
        "**<b onclick=x>**",
        "[<img src=x onerror=alert(1)>](https://example.org)",
        "<a href='javascript:alert(1)'>x</a>",
    ],
)
def test_nothing_unsafe_gets_through(attack: str) -> None:
    """Parsed as a browser would: only allowed tags, only safe href values, no event handlers."""
    found = _Elements()
    found.feed(markup.to_html(attack))
    for tag, attributes in found.elements:
        assert tag in ALLOWED_TAGS, tag
        for name, value in attributes:
            assert name == "href", name
            assert (value or "").lower().startswith(("https://", "http://", "mailto:")), value


def test_only_the_modules_own_tags_appear() -> None:
    import re

    html = markup.to_html("## x\n\n<b>y</b> [z](https://e.example) - a\n\n- b\n\n1. c")
    tags = set(re.findall(r"</?([a-z0-9]+)", html))
    assert tags <= ALLOWED_TAGS


def test_plain_text() -> None:
    text = markup.to_text("## Rubrik\n\nSe [sidan](https://example.org) **nu**.\n\n- ett\n- två\n\n1. a\n2. b")
    assert text == "Rubrik\n======\n\nSe sidan <https://example.org> nu.\n\n- ett\n- två\n\n1. a\n2. b"


def test_unsafe_link_stays_text_in_plain_text() -> None:
    assert markup.to_text("[x](javascript:alert(1))") == "[x](javascript:alert(1))"


def test_no_django_import() -> None:
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(markup))
    names = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    names += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert not [name for name in names if name.startswith("django")]
