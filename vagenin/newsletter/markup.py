"""A small Markdown subset for news and newsletter texts, rendered to safe HTML and to plain text. No Django here.

Only what the secretariat needs: `## ` and `### ` headings, `- ` and `1. ` lists, paragraphs, `**bold**`,
`*emphasis*` and `[text](https://…)` links. Everything else is text: every character of the input is
escaped, and only the tags written by this module reach the page. Links keep only http, https and mailto
addresses; any other scheme (javascript:, data:, vbscript: …) is shown as plain text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_LINK = re.compile(r"\[([^\]\n]{1,300})\]\(([^)\s]{1,2000})\)")
_BOLD = re.compile(r"\*\*([^*\n]+)\*\*")
_EM = re.compile(r"(?<![*\w])\*([^*\n]+)\*(?![*\w])")
_ORDERED = re.compile(r"^\d{1,3}[.)] +")
_SAFE_SCHEMES = ("https://", "http://", "mailto:")


@dataclass(frozen=True)
class Block:
    kind: str  # "h2", "h3", "ul", "ol", "p"
    lines: tuple[str, ...]


def safe_url(url: str) -> str | None:
    """The address if it is an http(s) or mailto link (no control characters), else None."""
    if any(ord(char) < 0x21 or char in "\"'<>`\\" for char in url):
        return None
    lowered = url.lower()
    return url if lowered.startswith(_SAFE_SCHEMES) and len(url) > len("mailto:") else None


def blocks(text: str) -> list[Block]:
    """The text cut into headings, lists and paragraphs."""
    result: list[Block] = []
    paragraph: list[str] = []
    items: list[str] = []
    list_kind = ""

    def flush() -> None:
        nonlocal paragraph, items, list_kind
        if paragraph:
            result.append(Block("p", tuple(paragraph)))
            paragraph = []
        if items:
            result.append(Block(list_kind, tuple(items)))
            items, list_kind = [], ""

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("### "):
            flush()
            result.append(Block("h3", (line[4:].strip(),)))
        elif line.startswith("## "):
            flush()
            result.append(Block("h2", (line[3:].strip(),)))
        elif line.startswith(("- ", "* ")) or _ORDERED.match(line):
            kind = "ol" if _ORDERED.match(line) else "ul"
            if paragraph or (items and kind != list_kind):
                flush()
            list_kind = kind
            items.append(_ORDERED.sub("", line, count=1) if kind == "ol" else line[2:].strip())
        elif items and raw.startswith(("  ", "\t")):
            items[-1] = f"{items[-1]} {line}"
        else:
            if items:
                flush()
            paragraph.append(line)
    flush()
    return result


def _inline_html(text: str, link_attrs: str) -> str:
    out: list[str] = []
    position = 0
    for match in _LINK.finditer(text):
        out.append(_emphasis(html.escape(text[position : match.start()], quote=True)))
        label, url = match.group(1), match.group(2)
        checked = safe_url(url)
        if checked is None:
            out.append(_emphasis(html.escape(match.group(0), quote=True)))
        else:
            escaped_url = html.escape(checked, quote=True)
            out.append(f'<a href="{escaped_url}"{link_attrs}>{_emphasis(html.escape(label, quote=True))}</a>')
        position = match.end()
    out.append(_emphasis(html.escape(text[position:], quote=True)))
    return "".join(out)


def _emphasis(escaped: str) -> str:
    escaped = _BOLD.sub(r"<strong>\1</strong>", escaped)
    return _EM.sub(r"<em>\1</em>", escaped)


def to_html(text: str, *, heading_offset: int = 0, styles: dict[str, str] | None = None) -> str:
    """Safe HTML for the text. `heading_offset` moves headings down (## becomes h3 with 1);
    `styles` gives inline style attributes per tag, for e-mail."""
    styles = styles or {}

    def attrs(tag: str) -> str:
        style = styles.get(tag)
        return f' style="{html.escape(style, quote=True)}"' if style else ""

    link_attrs = attrs("a")
    parts: list[str] = []
    for block in blocks(text):
        if block.kind in ("h2", "h3"):
            level = min(int(block.kind[1]) + heading_offset, 6)
            tag = f"h{level}"
            parts.append(f"<{tag}{attrs(block.kind)}>{_inline_html(block.lines[0], link_attrs)}</{tag}>")
        elif block.kind in ("ul", "ol"):
            items = "".join(f"<li{attrs('li')}>{_inline_html(item, link_attrs)}</li>" for item in block.lines)
            parts.append(f"<{block.kind}{attrs(block.kind)}>{items}</{block.kind}>")
        else:
            inner = "<br>".join(_inline_html(line, link_attrs) for line in block.lines)
            parts.append(f"<p{attrs('p')}>{inner}</p>")
    return "\n".join(parts)


def _inline_text(text: str) -> str:
    def link(match: re.Match[str]) -> str:
        url = safe_url(match.group(2))
        return f"{match.group(1)} <{url}>" if url else match.group(0)

    text = _LINK.sub(link, text)
    text = _BOLD.sub(r"\1", text)
    return _EM.sub(r"\1", text)


def to_text(text: str) -> str:
    """The text as plain text for e-mail: headings underlined, lists with dashes, links as <address>."""
    parts: list[str] = []
    for block in blocks(text):
        if block.kind in ("h2", "h3"):
            heading = _inline_text(block.lines[0])
            parts.append(f"{heading}\n{('=' if block.kind == 'h2' else '-') * len(heading)}")
        elif block.kind == "ul":
            parts.append("\n".join(f"- {_inline_text(item)}" for item in block.lines))
        elif block.kind == "ol":
            parts.append("\n".join(f"{number}. {_inline_text(item)}" for number, item in enumerate(block.lines, 1)))
        else:
            parts.append("\n".join(_inline_text(line) for line in block.lines))
    return "\n\n".join(parts)
