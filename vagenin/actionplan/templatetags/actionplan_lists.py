"""Tags the action plan offers the templates of the apps below it, which may not import it:
`{% area_initiatives area %}` on the agreement's area pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Prefetch

from vagenin.actionplan.models import Initiative
from vagenin.agreement.models import AgreementPeriod, Area, FocusTheme

register = template.Library()

# Per focus theme on an area's page; the rest are one link away in the catalogue.
SHOWN_PER_THEME = 10


@register.inclusion_tag("actionplan/_area_initiatives.html")
def area_initiatives(area: Area) -> dict[str, Any]:
    """The published initiatives of an area, by focus theme, in three queries whatever their number.

    The area's themes should be prefetched (`Area.objects.with_themes()`). The links to the catalogue are
    offered for the current period only, the one the catalogue shows."""
    in_area = FocusTheme.objects.filter(area=area)
    initiatives = (
        Initiative.objects.published()
        .filter(themes__area=area)
        .distinct()
        .select_related("lead_organisation")
        .prefetch_related(Prefetch("themes", queryset=in_area, to_attr="area_themes"))
        .order_by("title_sv", "pk")
    )
    by_theme: dict[int, list[Initiative]] = {}
    for initiative in initiatives:
        for theme in initiative.area_themes:  # the Prefetch's to_attr
            by_theme.setdefault(theme.pk, []).append(initiative)
    current = AgreementPeriod.objects.current()
    groups = [
        (theme, by_theme[theme.pk][:SHOWN_PER_THEME], len(by_theme[theme.pk]))
        for theme in area.themes.all()
        if theme.pk in by_theme
    ]
    return {"area": area, "groups": groups, "in_catalogue": current is not None and current.pk == area.period_id}
