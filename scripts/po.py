"""Reading gettext catalogues (.po) and compiled catalogues (.mo) without third-party packages."""

from __future__ import annotations

import gettext
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

# Escapes GNU gettext writes inside quoted strings.
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v", "\\": "\\", '"': '"'}
_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")\s*$")


class PoSyntaxError(ValueError):
    """A line of a .po file that is not gettext syntax."""

    def __init__(self, path: str, line: int, reason: str) -> None:
        self.path, self.line, self.reason = path, line, reason
        super().__init__(f"{path}:{line}: {reason}")


@dataclass
class Entry:
    """One message of a catalogue: the Swedish source text and its English translation(s)."""

    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    references: list[str] = field(default_factory=list)
    obsolete: bool = False
    line: int = 0

    @property
    def key(self) -> tuple[str | None, str, str | None]:
        """What identifies a message: context, singular and plural source text."""
        return (self.msgctxt, self.msgid, self.msgid_plural)

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    @property
    def is_fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def is_translated(self) -> bool:
        """Every form (singular, and each plural form) has a non-empty translation."""
        return bool(self.msgstr) and all(self.msgstr.values())

    def label(self) -> str:
        """The source text as a reader should see it in a problem report."""
        text = self.msgid if self.msgid_plural is None else f"{self.msgid} / {self.msgid_plural}"
        return f"[{self.msgctxt}] {text!r}" if self.msgctxt is not None else repr(text)


def unquote(literal: str, *, path: str = "<string>", line: int = 0) -> str:
    """The text of one double-quoted .po string literal, with escapes resolved."""
    if len(literal) < 2 or literal[0] != '"' or literal[-1] != '"':
        raise PoSyntaxError(path, line, f"expected a quoted string, got {literal!r}")
    body, out, i = literal[1:-1], [], 0
    while i < len(body):
        char = body[i]
        if char == "\\":
            if i + 1 >= len(body) or body[i + 1] not in _ESCAPES:
                raise PoSyntaxError(path, line, f"unknown escape in {literal!r}")
            out.append(_ESCAPES[body[i + 1]])
            i += 2
        elif char == '"':
            raise PoSyntaxError(path, line, f"unescaped quote in {literal!r}")
        else:
            out.append(char)
            i += 1
    return "".join(out)


def parse_po(text: str, *, path: str = "<string>") -> list[Entry]:
    """Every entry of a .po file in order, the header (msgid "") included, obsolete (#~) ones marked."""
    entries: list[Entry] = []
    current = Entry()
    started = False  # the current entry has a keyword line
    seen_msgstr = False
    last: tuple[str, int | None] | None = None  # the field a continuation line extends

    def finish() -> None:
        nonlocal current, started, seen_msgstr, last
        if started:
            if not seen_msgstr:
                raise PoSyntaxError(path, current.line, "entry has no msgstr")
            entries.append(current)
        current, started, seen_msgstr, last = Entry(), False, False, None

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
            if line.startswith("|"):  # previous msgid of an obsolete entry
                continue
        if not line:
            if not obsolete:
                finish()
            continue
        if line.startswith("#"):
            if seen_msgstr:
                finish()
            if line.startswith("#,"):
                current.flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
            elif line.startswith("#:"):
                current.references.extend(line[2:].split())
            continue
        if line.startswith('"'):
            if last is None:
                raise PoSyntaxError(path, number, "string continuation without a keyword before it")
            _append(current, last, unquote(line, path=path, line=number))
            continue
        match = _KEYWORD.match(line)
        if not match:
            raise PoSyntaxError(path, number, f"not gettext syntax: {raw!r}")
        keyword, index, literal = match.group(1), match.group(2), match.group(3)
        if keyword in ("msgctxt", "msgid") and seen_msgstr:
            finish()
        if not started:
            current.line = number
            started = True
        current.obsolete = current.obsolete or obsolete
        value = unquote(literal, path=path, line=number)
        if keyword.startswith("msgstr"):
            seen_msgstr = True
            slot: tuple[str, int | None] = ("msgstr", int(index) if index is not None else 0)
        else:
            slot = (keyword, None)
        _set(current, slot, value)
        last = slot
    finish()
    return entries


def _set(entry: Entry, slot: tuple[str, int | None], value: str) -> None:
    name, index = slot
    if name == "msgstr":
        entry.msgstr[index or 0] = value
    else:
        setattr(entry, name, value)


def _append(entry: Entry, slot: tuple[str, int | None], value: str) -> None:
    name, index = slot
    if name == "msgstr":
        entry.msgstr[index or 0] += value
    else:
        setattr(entry, name, (getattr(entry, name) or "") + value)


def read_po(path: Path, *, name: str | None = None) -> list[Entry]:
    """The entries of a .po file (UTF-8, as Django requires); `name` is how problems refer to it."""
    return parse_po(path.read_text(encoding="utf-8"), path=name or str(path))


def active(entries: list[Entry]) -> list[Entry]:
    """The real messages: no header, no obsolete entries."""
    return [entry for entry in entries if not entry.is_header and not entry.obsolete]


def mo_catalogue(data: bytes) -> dict[object, str]:
    """The messages of a compiled .mo file as Python's gettext reads them at run time."""
    return dict(gettext.GNUTranslations(io.BytesIO(data))._catalog)  # type: ignore[attr-defined]  # no public accessor
