"""Tags the indicators module offers other apps' templates: `{% initiative_series initiative %}`."""

from __future__ import annotations

from typing import Any

from django import template
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet

from vagenin.indicators.models import InitiativeSeries
from vagenin.indicators.series import followed_series, links_followed

register = template.Library()
JOIN = "official_series__series"


@register.inclusion_tag("indicators/_initiative_series.html", takes_context=True)
def initiative_series(context: template.Context, initiative: Any) -> dict[str, Any]:
    """The official series an initiative's indicators follow, each with its latest figure and a link to it.

    The initiative page is held to the site-wide query budget (15) and spends all of it, so the tag asks nothing
    of its own when no indicator follows a series: placed before the page lists its indicators, it joins the
    links to the page's own query of them (the `indicators` queryset in the context, not yet read) and reads
    the result the page then reuses. Only a page whose indicators do follow a series adds a query, for the
    latest figures. Without such a queryset in the context it asks the database itself (one or two queries).
    """
    indicators = context.get("indicators")
    if isinstance(indicators, QuerySet) and indicators._result_cache is None:
        indicators.query.add_select_related([JOIN])
        links: list[InitiativeSeries] = []
        for indicator in indicators:
            try:
                links.append(indicator.official_series)
            except ObjectDoesNotExist:
                continue
        return {"rows": links_followed(links)}
    return {"rows": followed_series(initiative_ids=[initiative.pk]).get(initiative.pk, [])}
