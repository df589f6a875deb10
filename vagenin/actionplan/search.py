"""A light Swedish stemmer for the catalogue's search where PostgreSQL's Swedish text search is not at hand.
No Django here."""

from __future__ import annotations

import re
import unicodedata

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

# PostgreSQL's Swedish stop words (tsearch_data/swedish.stop, from Snowball), which its text search leaves out.
_STOP_LIST = (
    "och det att i en jag hon som han på den med var sig för så till är men ett om hade de av icke mig du henne "
    "då sin nu har inte hans honom skulle hennes där min man ej vid kunde något från ut när efter upp vi dem vara "
    "vad över än dig kan sina här ha mot alla under någon eller allt mycket sedan ju denna själv detta åt utan "
    "varit hur ingen mitt ni bli blev oss din dessa några deras blir mina samma vilken er sådan vår blivit dess "
    "inom mellan sådant varför varje vilka ditt vem vilket sitta sådana vart dina vars vårt våra ert era vilkas"
)
SWEDISH_STOP_WORDS = frozenset(_STOP_LIST.split())


def stem(word: str) -> str:
    """Strip one common Swedish inflection ending, keeping at least three letters."""
    word = word.lower()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)]
    return word


def fold(text: str | None) -> str:
    """Lower case without accents ("Rädda Barnen" → "radda barnen"), as PostgreSQL's `unaccent` and `lower` do."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(query: str) -> list[str]:
    """The words of a search query (letters and digits only, at most eight, none of one letter)."""
    return [word for word in re.findall(r"\w+", query.lower())[:8] if len(word) > 1]


def terms(query: str) -> list[str]:
    """The stems of the words in a search query (letters and digits only, at most eight words)."""
    return [stem(word) for word in words(query)]


def folded_terms(query: str) -> list[str]:
    """The stems of the words in a search query, folded (lower case, no accents), to look for in folded text."""
    return [fold(term) for term in terms(query)]
