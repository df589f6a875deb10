"""The staff start page: what the user can do, by role, drawn from every app."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from vagenin.accounts import permissions
from vagenin.accounts.models import StaffRole
from vagenin.accounts.types import AuthenticatedRequest
from vagenin.actionplan.models import ProgressReport
from vagenin.actionplan.submissions import pending_submission_count
from vagenin.organisations.models import Organisation
from vagenin.pages.models import Message


@login_required
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    """What the user can do, by role."""
    user = request.user
    context = {
        "roles": [StaffRole(role).label for role in sorted(permissions.staff_roles(user))],
        "organisations": Organisation.objects.filter(pk__in=permissions.editable_organisation_ids(user)),
        "reports_awaiting_review": (
            ProgressReport.objects.awaiting_review().count() if permissions.is_coordinator(user) else 0
        ),
        "unhandled_messages": Message.objects.unhandled().count() if permissions.is_coordinator(user) else 0,
        "submissions_pending": pending_submission_count() if permissions.is_coordinator(user) else 0,
    }
    return render(request, "site/dashboard.html", context)
