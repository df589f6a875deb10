"""Matching Migrationsverket's municipality names and codes against the caller's list. No Django here."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

#: Migrationsverket's spellings that :func:`normalise_name` cannot match, with the official name they mean.
#: Found by matching every row of the 2018 exports against all 290 municipalities; add one only when a
#: real export needs it, and add a test row for it.
ALIASES: Mapping[str, str] = {
    "MALUNG": "Malung-Sälen",  # Anvisningar enligt kommuntalen 2018; Kommunmottagna writes MALUNG-SÄLEN
    "DALSED": "Dals-Ed",  # Anvisningar enligt kommuntalen 2018; Kommunmottagna writes DALS-ED
}


class UnknownMunicipality(LookupError):
    """A name or code matches no municipality, or more than one."""


def _fold(char: str, *, keep_swedish: bool) -> str:
    """A character without its accents; å, ä and ö are letters of their own in Swedish and kept if asked."""
    if keep_swedish and char in "åäö":
        return char
    return "".join(part for part in unicodedata.normalize("NFD", char) if not unicodedata.combining(part))


def normalise_name(name: str, *, ascii_only: bool = False) -> str:
    """A name as matched: lower case, accents dropped (å, ä, ö kept unless ascii_only), hyphens and other
    punctuation as single spaces, and no "kommun" or "stad" suffix."""
    return _name_keys(name, ascii_only=ascii_only)[0]


def _name_keys(name: str, *, ascii_only: bool = False) -> list[str]:
    """The normalised name, then, if it had a "kommun" or "stad" suffix after an s, the name without that s."""
    text = unicodedata.normalize("NFC", name).casefold()
    text = "".join(_fold(char, keep_swedish=not ascii_only) for char in text)
    text = re.sub(r"[^\w]+|_", " ", text).strip()
    key = re.sub(r" (kommun|stad)$", "", text)
    return [key, key[:-1]] if key != text and key.endswith("s") else [key]


class MunicipalityNames:
    """The caller's municipalities (code → official name), matched by code or by name.

    A name (after :data:`ALIASES`) is tried against the official names, step by step: normalised as they
    are; the genitive "s" of "Faluns kommun" dropped from the name, then from the official names; and
    finally with å, ä and ö folded too ("MALA" finds Malå). The first step that finds exactly one
    municipality wins, so Håbo and Habo stay apart; a step that finds several is an error.
    """

    def __init__(self, names: Mapping[str, str]) -> None:
        self._names = dict(names)
        self._exact: dict[str, set[str]] = {}
        self._genitive: dict[str, set[str]] = {}
        self._ascii: dict[str, set[str]] = {}
        for code, official in self._names.items():
            keys = _name_keys(official)
            self._exact.setdefault(keys[0], set()).add(code)
            for key in keys[1:]:
                self._genitive.setdefault(key, set()).add(code)
            for key in _name_keys(official, ascii_only=True):
                self._ascii.setdefault(key, set()).add(code)
        self._aliases = {normalise_name(alias): target for alias, target in ALIASES.items()}

    def name(self, code: str) -> str | None:
        """The official name of a code, or None."""
        return self._names.get(code)

    def __contains__(self, code: object) -> bool:
        return code in self._names

    def match(self, name: str) -> str:
        """The code of the municipality a name means; UnknownMunicipality if none or several."""
        alias = self._aliases.get(normalise_name(name))
        keys = _name_keys(alias or name)
        ascii_keys = _name_keys(alias or name, ascii_only=True)
        steps = ((self._exact, keys[:1]), (self._exact, keys[1:]), (self._genitive, keys), (self._ascii, ascii_keys))
        for lookup, candidates in steps:
            codes = set().union(*(lookup.get(key, set()) for key in candidates))
            if len(codes) == 1:
                return codes.pop()
            if len(codes) > 1:
                raise UnknownMunicipality(f"municipality {name!r} is ambiguous: codes {', '.join(sorted(codes))}")
        raise UnknownMunicipality(f"unknown municipality {name!r}")
