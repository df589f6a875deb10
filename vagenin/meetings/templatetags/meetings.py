"""Tags the meetings module offers other apps' templates: `{% initiative_meetings initiative %}`."""

from __future__ import annotations

from typing import Any

from django import template

from vagenin.meetings.services import guest_retention_days

register = template.Library()


@register.inclusion_tag("meetings/_initiative_meetings.html")
def initiative_meetings(initiative: Any) -> dict[str, Any]:
    """A link from an initiative's page to the meetings and decisions that concern it.

    No database query: the initiative page already spends the whole query budget (15), so the list itself is
    on the decision register filtered by the initiative (`/moten/beslut/?insats=<slug>`).
    """
    return {"initiative": initiative}


@register.inclusion_tag("meetings/_privacy_row.html")
def meetings_privacy_row() -> dict[str, Any]:
    """The privacy notice's row about registrations, with the retention period from the settings."""
    return {"days": guest_retention_days()}
