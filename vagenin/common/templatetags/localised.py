"""`{% load localised %}`: numbers, money and percentages in the reader's language, and Swedish marked as such.

- `{{ value|quantity }}`: a number without needless decimals, thousands grouped: "120", "2 300 000"
  ("2,300,000" in English), "0,5" ("0.5").
- `{{ value|sek }}`: an amount of money: "2 300 000 kr" in Swedish, "SEK 2,300,000" in English.
- `{{ value|percent }}`: "75 %" in Swedish, "75%" in English.
- `{{ text|plain }}`: the text without its language mark, for attributes and `<title>`.
- `{{ text|is_swedish_fallback }}`: whether it is Swedish shown to an English reader (no English exists).
- `{{ text|paragraphs }}`, `{{ text|words:40 }}`: `linebreaks` and `truncatewords` that keep the mark.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.template.defaultfilters import floatformat, linebreaks_filter, truncatewords
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from vagenin.common.models import SwedishFallback

register = template.Library()


@register.filter
def quantity(value: Any) -> str:
    """A number as people write it: grouped thousands, decimals only when there are any (at most four)."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    exponent = number.normalize().as_tuple().exponent
    places = min(-exponent, 4) if isinstance(exponent, int) and exponent < 0 else 0
    return str(floatformat(number, f"{places}g"))


@register.filter
def sek(value: Any) -> str:
    """An amount in Swedish kronor: "2 300 000 kr", in English "SEK 2,300,000"."""
    if value is None or value == "":
        return ""
    return _("%(amount)s kr") % {"amount": quantity(value)}


@register.filter
def percent(value: Any) -> str:
    """A percentage: "75 %" (with a no-break space) in Swedish, "75%" in English."""
    if value is None or value == "":
        return ""
    # The space before % is a no-break space, so that the sign never starts a line.
    return (_("%(value)s %%") % {"value": quantity(value)}).replace(" ", "\u00a0")


@register.filter
def plain(value: Any) -> str:
    """The text as a plain string: a Swedish fallback loses its `<span lang="sv">` (for attributes, `<title>`)."""
    return "" if value is None else str(value)


@register.filter
def is_swedish_fallback(value: Any) -> bool:
    return isinstance(value, SwedishFallback)


def _marked(value: Any, html: str) -> SafeString:
    """Rendered text, in a `<div lang="sv">` when it is Swedish shown to an English reader."""
    if isinstance(value, SwedishFallback):
        return format_html('<div lang="sv">{}</div>', mark_safe(html))  # html is a filter's escaped output
    return mark_safe(html)  # ditto


@register.filter(needs_autoescape=True)
def paragraphs(value: Any, autoescape: bool = True) -> SafeString:
    """`linebreaks` that keeps the language mark: Swedish fallback text is wrapped in `<div lang="sv">`."""
    return _marked(value, linebreaks_filter(value, autoescape))


@register.filter
def words(value: Any, count: int) -> Any:
    """`truncatewords` that keeps the language mark of Swedish fallback text."""
    shortened = truncatewords(value, count)
    return SwedishFallback(shortened) if isinstance(value, SwedishFallback) else shortened
