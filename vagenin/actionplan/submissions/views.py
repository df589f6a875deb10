"""Project submissions: the public form, the submitter's private edit link, and the secretariat's moderation."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vagenin.accounts.models import User
from vagenin.accounts.permissions import require_coordinator
from vagenin.actionplan.models import ProjectSubmission
from vagenin.actionplan.services import TransitionError
from vagenin.actionplan.submissions import services
from vagenin.actionplan.submissions.forms import (
    DeclineForm,
    ProjectSubmissionForm,
    PublishForm,
    RequestChangesForm,
    SubmissionEditForm,
)
from vagenin.actionplan.submissions.permissions import get_submission_by_token, get_submission_for_moderation
from vagenin.agreement.models import AgreementPeriod
from vagenin.common.clientip import client_key
from vagenin.common.middleware import personal_data
from vagenin.common.ratelimit import hit
from vagenin.common.workflow import OwnWorkError

# At most this many stored submissions per client address and window; a person rarely sends more.
RATE_LIMIT = 5
RATE_WINDOW_SECONDS = 60 * 60
QUEUE_PAGE_SIZE = 25


def _actor(request: HttpRequest) -> User:
    """The logged-in user; only views behind login_required ask."""
    assert isinstance(request.user, User)
    return request.user


def _over_rate_limit(request: HttpRequest, scope: str) -> bool:
    return not hit(scope=scope, key=client_key(request), limit=RATE_LIMIT, window_seconds=RATE_WINDOW_SECONDS)


def _rate_limited(request: HttpRequest) -> HttpResponse:
    context = {"minutes": RATE_WINDOW_SECONDS // 60, "secretariat_email": settings.SECRETARIAT_EMAIL}
    response = render(request, "actionplan/submissions/rate_limited.html", context, status=429)
    response["Retry-After"] = str(RATE_WINDOW_SECONDS)
    return response


def _form_context(form: object) -> dict[str, object]:
    return {"form": form, "retention_days": services.submission_retention_days()}


# The submitter's pages --------------------------------------------------------------------------


def submit(request: HttpRequest) -> HttpResponse:
    """The public form: anyone may send a project for the catalogue, without an account."""
    form = ProjectSubmissionForm(request.POST or None, period=AgreementPeriod.objects.current_or_404())
    if request.method == "POST" and form.is_valid():
        # A bot that filled the honeypot is told it succeeded, so it learns nothing; nothing is stored.
        if form.is_from_bot:
            return redirect("actionplan:submit_thanks")
        if services.duplicate_of(data=form.content(), submitter_email=form.cleaned_data["submitter_email"]):
            form.add_error(
                None,
                _(
                    "Vi har redan fått just det här projektet från dig, så du behöver inte skicka det igen. "
                    "Kansliet hör av sig till din e-postadress."
                ),
            )
            return render(request, "actionplan/submissions/submit.html", _form_context(form))
        if _over_rate_limit(request, "project-submission"):
            return _rate_limited(request)
        services.submit_project(
            data=form.content(),
            submitter_email=form.cleaned_data["submitter_email"],
            language=get_language() or settings.LANGUAGE_CODE,
        )
        return redirect("actionplan:submit_thanks")
    return render(request, "actionplan/submissions/submit.html", _form_context(form))


def submit_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "actionplan/submissions/thanks.html")


@personal_data
def submission_edit(request: HttpRequest, token: uuid.UUID) -> HttpResponse:
    """The submitter corrects their project through the private link and sends it back to the queue."""
    submission = get_submission_by_token(token)
    # The form validates on a copy (CopyingModelForm): the page shows the stored values beside the typed ones.
    form = SubmissionEditForm(
        request.POST or None, instance=submission, period=AgreementPeriod.objects.current_or_404()
    )
    if request.method == "POST" and form.is_valid():
        if _over_rate_limit(request, "project-submission-edit"):
            return _rate_limited(request)
        try:
            services.resubmit_project(submission=submission, data=form.cleaned_data)
        except TransitionError as error:
            raise Http404("The submission was decided meanwhile.") from error
        messages.success(request, _("Tack! Dina ändringar är skickade till kansliet."))
        return redirect("actionplan:submit_thanks")
    context = _form_context(form) | {"submission": submission}
    return render(request, "actionplan/submissions/edit.html", context)


# The secretariat's moderation -------------------------------------------------------------------


@login_required
def moderation_queue(request: HttpRequest) -> HttpResponse:
    """Submissions waiting for a decision (and those waiting for the submitter's changes), oldest first."""
    require_coordinator(request.user)
    page = Paginator(ProjectSubmission.objects.for_queue(), QUEUE_PAGE_SIZE).get_page(request.GET.get("sida"))
    context = {"page": page, "pending_count": services.pending_submission_count()}
    return render(request, "actionplan/submissions/queue.html", context)


def _detail(request: HttpRequest, submission: ProjectSubmission, status: int = 200, **forms: Any) -> HttpResponse:
    context: dict[str, Any] = {
        "submission": submission,
        "themes": submission.themes.select_related("area").order_by("area__number", "number"),
        "municipalities": submission.municipalities.all(),
    }
    if submission.is_open:
        context |= {
            "publish_form": PublishForm(
                prefix="publish", period=AgreementPeriod.objects.current_or_404(), submission=submission
            ),
            "changes_form": RequestChangesForm(prefix="changes"),
            "decline_form": DeclineForm(prefix="decline"),
        }
        context |= forms
    return render(request, "actionplan/submissions/detail.html", context, status=status)


def _own_submission(request: HttpRequest, submission: ProjectSubmission) -> HttpResponse:
    messages.error(request, _("Du har själv skickat in projektet. En annan samordnare behöver granska det."))
    return redirect("actionplan:moderation_detail", submission_id=submission.uuid)


def _already_decided(request: HttpRequest, submission: ProjectSubmission) -> HttpResponse:
    """Tell the coordinator why nothing happened: someone (maybe in another tab) decided it already."""
    current = ProjectSubmission.objects.get(pk=submission.pk)
    messages.error(
        request,
        _("Beslutet sparades inte: projektet har redan fått statusen ”%(status)s”.")
        % {"status": current.get_status_display()},
    )
    return redirect("actionplan:moderation_detail", submission_id=submission.uuid)


@login_required
def moderation_detail(request: HttpRequest, submission_id: uuid.UUID) -> HttpResponse:
    """One submission with the three decisions: publish, ask for changes, decline."""
    submission = get_submission_for_moderation(request.user, submission_id)
    return _detail(request, submission)


@login_required
@require_POST
def moderation_publish(request: HttpRequest, submission_id: uuid.UUID) -> HttpResponse:
    submission = get_submission_for_moderation(request.user, submission_id)
    if not submission.is_open:
        return _already_decided(request, submission)
    period = AgreementPeriod.objects.current_or_404()
    form = PublishForm(request.POST, prefix="publish", period=period, submission=submission)
    if not form.is_valid():
        return _detail(request, submission, status=400, publish_form=form)
    try:
        initiative = services.publish_submission(
            actor=_actor(request),
            submission=submission,
            period=period,
            data=form.initiative_data(),
            website=form.cleaned_data["website"],
            new_organisation=form.new_organisation_data(),
        )
    except OwnWorkError:
        return _own_submission(request, submission)
    except TransitionError:
        return _already_decided(request, submission)
    messages.success(
        request,
        _("”%(title)s” är publicerat i projektkatalogen och insändaren har fått besked.") % {"title": initiative},
    )
    return redirect("actionplan:moderation")


@login_required
@require_POST
def moderation_request_changes(request: HttpRequest, submission_id: uuid.UUID) -> HttpResponse:
    submission = get_submission_for_moderation(request.user, submission_id)
    if not submission.is_open:
        return _already_decided(request, submission)
    form = RequestChangesForm(request.POST, prefix="changes")
    if not form.is_valid():
        return _detail(request, submission, status=400, changes_form=form)
    try:
        services.request_changes(actor=_actor(request), submission=submission, message=form.cleaned_data["message"])
    except OwnWorkError:
        return _own_submission(request, submission)
    except TransitionError:
        return _already_decided(request, submission)
    messages.success(request, _("Insändaren har fått e-post med ditt meddelande och en länk för att komplettera."))
    return redirect("actionplan:moderation")


@login_required
@require_POST
def moderation_decline(request: HttpRequest, submission_id: uuid.UUID) -> HttpResponse:
    submission = get_submission_for_moderation(request.user, submission_id)
    if not submission.is_open:
        return _already_decided(request, submission)
    form = DeclineForm(request.POST, prefix="decline")
    if not form.is_valid():
        return _detail(request, submission, status=400, decline_form=form)
    try:
        services.decline_submission(actor=_actor(request), submission=submission, reason=form.cleaned_data["reason"])
    except OwnWorkError:
        return _own_submission(request, submission)
    except TransitionError:
        return _already_decided(request, submission)
    messages.success(request, _("Projektet är avböjt och insändaren har fått besked med skälet."))
    return redirect("actionplan:moderation")
