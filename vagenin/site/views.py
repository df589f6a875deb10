"""The staff start page (what the user can do, by role, drawn from every app) and the data subject's rights."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vagenin.accounts import permissions
from vagenin.accounts.models import StaffRole
from vagenin.accounts.permissions import require_coordinator
from vagenin.accounts.types import AuthenticatedRequest
from vagenin.actionplan.models import Initiative, ProgressReport, Visibility
from vagenin.actionplan.submissions.services import pending_submission_count
from vagenin.common import personaldata
from vagenin.common.audit import record
from vagenin.organisations.models import Organisation
from vagenin.pages.models import Message
from vagenin.site import start
from vagenin.site.forms import EraseForm, SubjectForm


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
        "publications_pending": (
            Initiative.objects.filter(visibility=Visibility.PENDING).count() if permissions.is_coordinator(user) else 0
        ),
        "sections": start.sections(user),
        "returned_reports": start.returned_reports(user),
    }
    return render(request, "site/dashboard.html", context)


@login_required
def personal_data(request: AuthenticatedRequest) -> HttpResponse:
    """Everything the platform holds about a person (by e-mail or name), to hand over or erase (GDPR art. 15–20)."""
    require_coordinator(request.user)
    form = SubjectForm(request.GET or None)
    subject = personaldata.Subject()
    if form.is_valid():
        subject = personaldata.Subject(email=form.cleaned_data["email"], name=form.cleaned_data["name"])
    found = personaldata.find(subject)
    if subject and request.GET.get("format") == "json":
        data = personaldata.export(subject)
        counts = {label: len(rows) for label, rows in data["records"].items()}
        record(actor=request.user, action="personal_data.exported", obj=request.user, changes={"records": counts})
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2, default=str), content_type="application/json; charset=utf-8"
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="personuppgifter-{stamp}.json"'
        return response
    erase_form = EraseForm(initial=form.cleaned_data if form.is_valid() else None)
    context = {"form": form, "erase_form": erase_form, "subject": subject, "found": found, "searched": bool(subject)}
    return render(request, "site/personal_data.html", context)


@login_required
@require_POST
def personal_data_erase(request: AuthenticatedRequest) -> HttpResponse:
    """Erase or anonymise everything found about the person; the audit row says what, and nothing about whom."""
    require_coordinator(request.user)
    form = EraseForm(request.POST)
    if not form.is_valid():
        subject = personaldata.Subject(
            email=request.POST.get("radera-email", ""), name=request.POST.get("radera-name", "")
        )
        context = {
            "form": SubjectForm(initial={"email": subject.email, "name": subject.name}),
            "erase_form": form,
            "subject": subject,
            "found": personaldata.find(subject),
            "searched": bool(subject),
        }
        return render(request, "site/personal_data.html", context, status=400)
    subject = personaldata.Subject(email=form.cleaned_data["email"], name=form.cleaned_data["name"])
    done = personaldata.erase(actor=request.user, subject=subject)
    total = sum(sum(counts.values()) for counts in done.values())
    if total:
        messages.success(request, _("%(count)s uppgifter har raderats eller avidentifierats.") % {"count": total})
    else:
        messages.info(request, _("Inga uppgifter hittades om personen; inget har ändrats."))
    return redirect("site:personal_data")
