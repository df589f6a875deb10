"""Access helpers for grants: who sees and handles programmes, calls, forms, applications, reviews and reports."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from vagenin.accounts.models import StaffRole
from vagenin.accounts.permissions import can_edit_organisation, has_role, is_coordinator, is_staff_user
from vagenin.common.workflow import is_independent_reviewer
from vagenin.grants.models import Application, Call, FinalReport, FormVersion, Programme, ReviewAssignment


def is_grant_officer(user: Any) -> bool:
    """Grant officers handle the programmes; secretariat coordinators stand in for them."""
    return has_role(user, StaffRole.GRANT_OFFICER) or is_coordinator(user)


def require_grant_officer(user: Any) -> None:
    """Raise PermissionDenied (403) unless the user handles grants."""
    if not is_grant_officer(user):
        raise PermissionDenied("Only grant officers may do this.")


def may_review(user: Any) -> bool:
    """Reviewers are staff users (any staff role)."""
    return is_staff_user(user)


def acts_on_own_submission(
    actor: Any, *, organisation_ids: Iterable[int | None], submitter_ids: Iterable[int | None]
) -> bool:
    """Whether the actor submitted the thing, or belongs to an organisation that submitted it.

    Such an actor may not review, decide or approve it: the site's one rule for every review step
    (`vagenin.common.workflow`), given the organisations behind the thing (applicant and co-applicants) and
    the users who made or submitted it.
    """
    if actor is None or not actor.is_authenticated:
        return False
    return not is_independent_reviewer(actor, made_by_ids=submitter_ids, organisation_ids=organisation_ids)


def acts_on_own_application(actor: Any, application: Application) -> bool:
    """The rule above for an application: its applicant, its co-applicants, whoever made or sent it."""
    organisation_ids = [application.organisation_id, *application.co_applicants.values_list("pk", flat=True)]
    return acts_on_own_submission(
        actor,
        organisation_ids=organisation_ids,
        submitter_ids=[application.created_by_id, application.submitted_by_id],
    )


def acts_on_own_report(actor: Any, report: FinalReport) -> bool:
    """The rule above for a final report: also whoever submitted the report."""
    return acts_on_own_application(actor, report.application) or acts_on_own_submission(
        actor, organisation_ids=[], submitter_ids=[report.submitted_by_id]
    )


def can_apply_for(user: Any, application: Application) -> bool:
    return can_edit_organisation(user, application.organisation_id)


def get_programme_for(user: Any, slug: str) -> Programme:
    """Programmes are public."""
    return get_object_or_404(Programme, slug=slug)


def get_call_for(user: Any, slug: str) -> Call:
    """A published call for everyone; unpublished ones only for grant officers (404 for the rest)."""
    call = get_object_or_404(Call.objects.select_related("programme", "form_version__form"), slug=slug)
    if not call.published and not is_grant_officer(user):
        raise Http404("No such call.")
    return call


def get_form_version_for(user: Any, version_id: uuid.UUID) -> FormVersion:
    require_grant_officer(user)
    return get_object_or_404(FormVersion.objects.select_related("form__programme"), uuid=version_id)


def get_application_for(
    user: Any, application_id: uuid.UUID, need: Literal["view", "edit", "officer"] = "view"
) -> Application:
    """An application its organisation's editors may see and edit, its reviewers see, grant officers handle."""
    application = get_object_or_404(
        Application.objects.select_related("call__programme", "organisation__municipality", "form_version"),
        uuid=application_id,
    )
    if need == "officer":
        require_grant_officer(user)
        return application
    applicant = can_apply_for(user, application)
    if need == "edit":
        if not applicant:
            raise Http404("No such application for this user.")
        return application
    if applicant or is_grant_officer(user):
        return application
    if user.is_authenticated and application.reviews.filter(reviewer=user).exists():
        return application
    raise Http404("No such application for this user.")


def get_assignment_for(user: Any, assignment_id: uuid.UUID) -> ReviewAssignment:
    """A review assignment, for its reviewer only."""
    assignment = get_object_or_404(
        ReviewAssignment.objects.select_related("application__call__programme", "application__organisation"),
        uuid=assignment_id,
    )
    if not user.is_authenticated or assignment.reviewer_id != user.pk:
        raise Http404("No such review for this user.")
    return assignment
