"""Sentences that state figures for the integration report, in Swedish and English, made from data. No Django here.

The caller gives plain numbers, names and the subject ("Andelen utrikes födda 20–64 år" / "The share of
foreign-born aged 20–64", written to open a sentence, in the sentence's language); the functions choose the
words (rose / fell / was unchanged, highest / lowest, higher / lower than) and format every figure for the
language: Swedish "12,3 %" and "2 300" with a decimal comma, a non-breaking space before the per cent sign and
between thousands, and a true minus sign; English "12.3%" and "2,300". Comparisons are made on the figures as
printed, so a sentence never says "rose from 12,3 % to 12,3 %".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Literal

from vagenin.indicators.observations import Period, PeriodKind, parse_period

Language = Literal["sv", "en"]
Number = Decimal | int | float

NBSP = "\u00a0"
MINUS = "\u2212"


class Unit(StrEnum):
    """What a figure counts."""

    PERCENT = "percent"
    NUMBER = "number"


_MONTHS: dict[str, tuple[str, ...]] = {
    "sv": (
        *("januari", "februari", "mars", "april", "maj", "juni"),
        *("juli", "augusti", "september", "oktober", "november", "december"),
    ),
    "en": (
        *("January", "February", "March", "April", "May", "June"),
        *("July", "August", "September", "October", "November", "December"),
    ),
}
_QUARTERS = {"sv": ("första", "andra", "tredje", "fjärde"), "en": ("first", "second", "third", "fourth")}


def rounded(value: Number, decimals: int) -> Decimal:
    """The value rounded half away from zero, as official statistics round."""
    exact = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    result = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return result.copy_abs() if result.is_zero() else result


def format_number(value: Number, *, language: Language, decimals: int = 0) -> str:
    """A number for running text: "2 300,5" (with non-breaking spaces) or "2,300.5"."""
    number = rounded(value, decimals)
    whole, _, fraction = f"{number.copy_abs():f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        whole, groups = whole[:-3], [whole[-3:], *groups]
    separator, point, minus = (NBSP, ",", MINUS) if language == "sv" else (",", ".", "-")
    text = separator.join([whole, *groups]) + (point + fraction if fraction else "")
    return (minus if number < 0 else "") + text


def format_value(value: Number, *, unit: Unit, language: Language, decimals: int) -> str:
    """A figure with its unit: "12,3 %" / "12.3%", or a plain number."""
    number = format_number(value, language=language, decimals=decimals)
    if unit is Unit.PERCENT:
        return f"{number}{NBSP}%" if language == "sv" else f"{number}%"
    return number


def period_phrase(period: str | int | Period, *, language: Language) -> str:
    """When, as an adverbial: "år 2024", "i mars 2024", "första kvartalet 2024", "perioden 2004–2007" / "in 2024"."""
    p = period if isinstance(period, Period) else parse_period(period)
    if p.kind is PeriodKind.MONTH:
        month = _MONTHS[language][p.number - 1]
        return f"i {month} {p.year}" if language == "sv" else f"in {month} {p.year}"
    if p.kind is PeriodKind.QUARTER:
        ordinal = _QUARTERS[language][p.number - 1]
        return f"{ordinal} kvartalet {p.year}" if language == "sv" else f"in the {ordinal} quarter of {p.year}"
    if p.kind is PeriodKind.SPAN:
        return f"perioden {p.label}" if language == "sv" else f"in {p.label}"
    return f"år {p.year}" if language == "sv" else f"in {p.year}"


def change_sentence(
    *,
    subject: str,
    start_period: str | int | Period,
    start_value: Number,
    end_period: str | int | Period,
    end_value: Number,
    language: Language,
    unit: Unit = Unit.PERCENT,
    decimals: int = 1,
) -> str:
    """How a figure changed: "… steg från 12,3 % år 2000 till 21,8 % år 2024." / "… rose from 12.3% in 2000 …"."""
    start, end = rounded(start_value, decimals), rounded(end_value, decimals)
    first = format_value(start, unit=unit, language=language, decimals=decimals)
    last = format_value(end, unit=unit, language=language, decimals=decimals)
    when_first = period_phrase(start_period, language=language)
    when_last = period_phrase(end_period, language=language)
    if start == end:
        if language == "sv":
            return f"{subject} var {first} både {when_first} och {when_last}."
        return f"{subject} was {first} both {when_first} and {when_last}."
    if language == "sv":
        verb = "steg" if end > start else "sjönk"
        return f"{subject} {verb} från {first} {when_first} till {last} {when_last}."
    verb = "rose" if end > start else "fell"
    return f"{subject} {verb} from {first} {when_first} to {last} {when_last}."


def extremes_sentence(
    *,
    subject: str,
    values: Mapping[str, Number | None],
    period: str | int | Period,
    language: Language,
    unit: Unit = Unit.PERCENT,
    decimals: int = 1,
) -> str:
    """Where a figure was highest and lowest: "… var år 2024 högst i Ludvika (20,1 %) och lägst i Gagnef (7,0 %)."

    Areas without a figure (None) are left out; ties at the printed precision name every tied area.
    """
    known = {name: rounded(value, decimals) for name, value in values.items() if value is not None}
    if len(known) < 2:
        raise ValueError("highest and lowest need figures for at least two areas")
    when = period_phrase(period, language=language)
    top, bottom = max(known.values()), min(known.values())
    if top == bottom:
        figure = format_value(top, unit=unit, language=language, decimals=decimals)
        if language == "sv":
            return f"{subject} var {when} lika i alla jämförda områden ({figure})."
        return f"{subject} was the same in all areas compared ({figure}) {when}."

    def places(level: Decimal) -> str:
        names = sorted((name for name, value in known.items() if value == level), key=swedish_sort_key)
        figure = format_value(level, unit=unit, language=language, decimals=decimals)
        return f"{join_words(names, language=language)} ({figure})"

    if language == "sv":
        return f"{subject} var {when} högst i {places(top)} och lägst i {places(bottom)}."
    return f"{subject} was highest in {places(top)} and lowest in {places(bottom)} {when}."


def comparison_sentence(
    *,
    subject: str,
    place: str,
    value: Number,
    references: Sequence[tuple[str, Number]],
    period: str | int | Period,
    language: Language,
    unit: Unit = Unit.PERCENT,
    decimals: int = 1,
) -> str:
    """A figure beside others: "… i Falun var 12,3 % år 2024, lägre än i Dalarnas län (14,1 %) och i riket (20,0 %)."

    The references are (name as it follows "i"/"in", figure), e.g. ("Dalarnas län", 14.1), ("riket", 20.0).
    """
    if not references:
        raise ValueError("a comparison needs at least one reference")
    own = rounded(value, decimals)
    groups: dict[str, list[str]] = {}  # in the order the references first show each relation
    for name, reference_value in references:
        other = rounded(reference_value, decimals)
        relation = "higher" if own > other else "lower" if own < other else "same"
        text = format_value(other, unit=unit, language=language, decimals=decimals)
        groups.setdefault(relation, []).append(f"{'i' if language == 'sv' else 'in'} {name} ({text})")
    words = {
        "sv": {"higher": "högre än", "lower": "lägre än", "same": "samma som"},
        "en": {"higher": "higher than", "lower": "lower than", "same": "the same as"},
    }[language]
    parts = [f"{words[relation]} {join_words(items, language=language)}" for relation, items in groups.items()]
    contrast = " men " if language == "sv" else " but "
    relations = contrast.join(parts) if len(parts) == 2 else join_words(parts, language=language)
    figure = format_value(own, unit=unit, language=language, decimals=decimals)
    when = period_phrase(period, language=language)
    if language == "sv":
        return f"{subject} i {place} var {figure} {when}, {relations}."
    return f"{subject} in {place} was {figure} {when}, {relations}."


def join_words(items: Sequence[str], *, language: Language) -> str:
    """Words joined as a list: "A och B", "A, B och C" / "A and B", "A, B and C"."""
    conjunction = " och " if language == "sv" else " and "
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + conjunction + items[-1]


_SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "é": "e", "ü": "y"})


def swedish_sort_key(name: str) -> str:
    """Sorts names as a Swedish reader expects: å, ä, ö after z."""
    return name.casefold().translate(_SWEDISH_ORDER)
