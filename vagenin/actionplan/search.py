"""A light Swedish stemmer for the catalogue's search where PostgreSQL's Swedish text search is not at hand.
No Django here."""

from __future__ import annotations

import re

# Longest first: definite plural, then plural and definite endings. Deliberately conservative.
_SUFFIXES = (
    "arnas",
    "ernas",
    "ornas",
    "arna",
    "erna",
    "orna",
    "heten",
    "heter",
    "ande",
    "ende",
    "aste",
    "ast",
    "ens",
    "ets",
    "ar",
    "er",
    "or",
    "en",
    "et",
    "na",
    "as",
    "es",
    "s",
    "a",
    "e",
)
_MIN_STEM = 3


def stem(word: str) -> str:
    """Strip one common Swedish inflection ending, keeping at least three letters."""
    word = word.lower()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)]
    return word


def terms(query: str) -> list[str]:
    """The stems of the words in a search query (letters and digits only, at most eight words)."""
    words = re.findall(r"[\wåäöéü]+", query.lower())
    return [stem(word) for word in words[:8] if len(word) > 1]
