"""`{% per_language "template.html" %}`: a part of every page that depends on nothing but the language.

The main navigation and the footer are the same on every page in a language; rendering their links and
translations is part of what every page pays (the frame, issue 15). They are rendered once per language and
process and reused. The template must not use the request, the user or the page's context (it is rendered
without them); the translations and templates only change with a deployment, which restarts the processes.
"""

from __future__ import annotations

import functools

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()


@functools.lru_cache(maxsize=64)
def _rendered(name: str, language: str | None) -> str:
    return render_to_string(name)


@register.simple_tag
def per_language(name: str) -> SafeString:
    """The template rendered without context, once per language and process."""
    return mark_safe(_rendered(name, get_language()))  # our template's output
