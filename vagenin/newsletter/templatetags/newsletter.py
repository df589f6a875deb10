"""What other apps' templates show about the newsletter: the privacy notice's row for subscribers."""

from __future__ import annotations

from django import template

register = template.Library()


@register.inclusion_tag("newsletter/_privacy_row.html")
def newsletter_privacy_row() -> dict[str, int]:
    from vagenin.newsletter.tokens import CONFIRM_MAX_AGE

    return {"confirm_days": CONFIRM_MAX_AGE.days}
