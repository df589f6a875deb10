"""The page-feedback form that base.html includes at the foot of every public page.

The form is the same on every page but for two values: the page it is about and the CSRF token. Rendering
its widgets is most of what the page frame costs, so it is rendered once per language and process, with
marks where the two values go, and the marks are filled in for each page (issue 15: the frame's share of the
baseline). The translations and templates only change with a deployment, which restarts the processes.
"""

from __future__ import annotations

import functools
from typing import Any

from django import template
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from vagenin.pages.forms import PageFeedbackForm

register = template.Library()

PAGE_MARK = "__vagenin_feedback_page__"
CSRF_MARK = "__vagenin_feedback_csrf__"


@functools.lru_cache(maxsize=8)
def _rendered(language: str | None) -> str:
    """The form's HTML in the active language, with the marks (the language is the cache key)."""
    form = PageFeedbackForm(initial={"page": PAGE_MARK})
    return render_to_string("pages/_page_feedback_form.html", {"form": form, "csrf_mark": CSRF_MARK})


@register.simple_tag(takes_context=True)
def page_feedback(context: dict[str, Any]) -> SafeString:
    """An empty feedback form about the page being shown."""
    request = context.get("request")
    page = request.path if request is not None else "/"
    token = get_token(request) if request is not None else ""
    html = _rendered(get_language()).replace(PAGE_MARK, escape(page)).replace(CSRF_MARK, token)
    return mark_safe(html)  # our template's output; the page is escaped, the token is [A-Za-z0-9]
