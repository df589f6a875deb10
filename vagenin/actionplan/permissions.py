"""Access helpers for initiatives and progress reports. Coordinator-only pages use
`vagenin.accounts.permissions.require_coordinator`; the sub-packages keep their own checks in their permissions.py."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from vagenin.accounts.permissions import (
    can_edit_organisation,
    editable_organisation_ids,
    is_coordinator,
    require_coordinator,
)
from vagenin.actionplan.models import Initiative, ProgressReport, Visibility


def can_edit_initiative(user: Any, initiative: Initiative) -> bool:
    """Coordinators edit every initiative; editors those their organisation leads."""
    return can_edit_organisation(user, initiative.lead_organisation_id)


def may_create_initiatives(user: Any) -> bool:
    return is_coordinator(user) or bool(editable_organisation_ids(user))


def editable_initiatives(user: Any, initiatives: QuerySet[Initiative]) -> QuerySet[Initiative]:
    """Those of `initiatives` the user may edit: every one for a coordinator, else their organisations' own."""
    if is_coordinator(user):
        return initiatives
    return initiatives.filter(lead_organisation_id__in=editable_organisation_ids(user))


def get_initiative_for(user: Any, slug: str, need: Literal["view", "edit"] = "view") -> Initiative:
    """The initiative if the user may `need` it; drafts and other organisations' initiatives are 404."""
    initiative = get_object_or_404(
        Initiative.objects.select_related("lead_organisation", "period", "parent", "contact_person"), slug=slug
    )
    check_initiative_for(user, initiative, need)
    return initiative


def get_initiative_and_children_for(user: Any, slug: str) -> tuple[Initiative, list[Initiative]]:
    """`get_initiative_for(user, slug)` with its sub-initiatives (drafts included), read in the same query."""
    family = Initiative.objects.select_related("lead_organisation", "period", "parent", "contact_person")
    # Ordered by title (the model's ordering), so the children come in the order the page lists them.
    rows = list(family.filter(Q(slug=slug) | Q(parent__slug=slug)).order_by("title_sv", "pk"))
    initiative = next((row for row in rows if row.slug == slug), None)
    if initiative is None:
        raise Http404("No such initiative.")
    check_initiative_for(user, initiative, "view")
    return initiative, [row for row in rows if row.parent_id == initiative.pk]


def check_initiative_for(user: Any, initiative: Initiative, need: Literal["view", "edit"] = "view") -> None:
    """404 unless the user may `need` the initiative."""
    editable = can_edit_initiative(user, initiative)
    if need == "edit" and not editable:
        raise Http404("No such initiative for this user.")
    if need == "view" and initiative.visibility != Visibility.PUBLISHED and not editable:
        raise Http404("No such initiative for this user.")


def get_report_for(user: Any, report_id: uuid.UUID, need: Literal["edit", "review"] = "edit") -> ProgressReport:
    """A progress report its initiative's editors may edit, or a coordinator may review."""
    report = get_object_or_404(
        ProgressReport.objects.select_related("initiative__lead_organisation", "reporting_round"), uuid=report_id
    )
    if need == "review":
        require_coordinator(user)
    elif not can_edit_initiative(user, report.initiative):
        raise Http404("No such report for this user.")
    return report
