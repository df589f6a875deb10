"""The page-feedback form that base.html includes at the foot of every public page."""

from __future__ import annotations

from typing import Any

from django import template

from vagenin.pages.forms import PageFeedbackForm

register = template.Library()


@register.simple_tag(takes_context=True)
def page_feedback_form(context: dict[str, Any]) -> PageFeedbackForm:
    """An empty feedback form about the page being shown."""
    request = context.get("request")
    return PageFeedbackForm(initial={"page": request.path if request else "/"})
