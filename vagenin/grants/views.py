"""Views of grants: the public programmes, calls and granted grants; applying; the grant officer's handling."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Sum
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vagenin.accounts.permissions import editable_organisation_ids, is_coordinator
from vagenin.accounts.types import AuthenticatedRequest
from vagenin.actionplan.models import Initiative
from vagenin.common.pagecache import cache_for_anonymous
from vagenin.grants import services
from vagenin.grants.forms import (
    ApplicationAnswersForm,
    ApplicationFilterForm,
    AssignReviewerForm,
    CallForm,
    CommentForm,
    CriterionForm,
    DecisionForm,
    DocumentForm,
    FieldForm,
    FinalReportForm,
    MessageForm,
    NewFormForm,
    PaidForm,
    ProgrammeForm,
    ReviewForm,
    StartApplicationForm,
)
from vagenin.grants.models import (
    Application,
    ApplicationFile,
    ApplicationForm,
    Call,
    FieldKind,
    FinalReport,
    FormField,
    Programme,
    ProgrammeDocument,
    ReportStatus,
    ReviewAssignment,
    Score,
    Status,
)
from vagenin.grants.pdf import answered_questions, decision_letter_pdf, receipt_pdf
from vagenin.grants.permissions import (
    acts_on_own_application,
    can_apply_for,
    get_application_for,
    get_assignment_for,
    get_call_for,
    get_form_version_for,
    get_programme_for,
    is_grant_officer,
    require_grant_officer,
)
from vagenin.grants.services import TransitionError

PAGE_SIZE = 50
PUBLIC_GRANT_FIELDS = (
    "uuid",
    "title",
    "purpose",
    "amount_granted",
    "call__year",
    "call__programme__code",
    "organisation__name",
    "organisation__name_en",
)


def _refused(request: HttpRequest, error: TransitionError) -> None:
    messages.error(request, _("Det gick inte: %(reason)s") % {"reason": str(error)})


def _pdf(content: bytes | None, name: str) -> HttpResponse:
    if content is None:
        return HttpResponse(_("PDF kan inte skapas på den här servern."), status=503, content_type="text/plain")
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# Public -----------------------------------------------------------------------------------------


@cache_for_anonymous
def index(request: HttpRequest) -> HttpResponse:
    """The programmes with their open and coming calls."""
    now = timezone.now()
    calls = Call.objects.published().filter(closes_at__gt=now).select_related("programme").order_by("closes_at")
    programmes = Programme.objects.prefetch_related(Prefetch("calls", queryset=calls, to_attr="current_calls"))
    return render(request, "grants/index.html", {"programmes": programmes, "now": now})


@cache_for_anonymous
def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_programme_for(request.user, slug)
    calls = programme.calls.published().order_by("-opens_at")
    return render(
        request,
        "grants/programme.html",
        {"programme": programme, "calls": calls, "documents": programme.documents.all(), "now": timezone.now()},
    )


def document_download(request: HttpRequest, slug: str, document_id: uuid.UUID) -> FileResponse:
    programme = get_programme_for(request.user, slug)
    document = get_object_or_404(ProgrammeDocument, programme=programme, uuid=document_id)
    extension = (document.file.name or "").rsplit(".", 1)[-1]
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=f"{document.title}.{extension}",
        content_type=document.content_type,
    )


@cache_for_anonymous
def call_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A call's public page: what it funds, when it is open, how much there is, how to apply."""
    call = get_call_for(request.user, slug)
    context = {
        "call": call,
        "criteria": call.criteria.all(),
        "questions": call.form_version.fields.all(),
        "now": timezone.now(),
    }
    return render(request, "grants/call.html", context)


@cache_for_anonymous
def granted(request: HttpRequest) -> HttpResponse:
    """Granted grants: recipient, purpose, amount and year. Public records; nothing else of an application."""
    # Only what the public list shows: sorting every granted grant is cheaper with narrow rows.
    grants = (
        Application.objects.granted()
        .select_related("call__programme", "organisation")
        .only(*PUBLIC_GRANT_FIELDS)
        .order_by("-call__year", "organisation__name", "pk")
    )
    year = request.GET.get("ar", "")
    if year.isdigit():
        grants = grants.filter(call__year=int(year))
    programme = request.GET.get("program", "")
    if programme:
        grants = grants.filter(call__programme__slug=programme)
    page = Paginator(grants, PAGE_SIZE).get_page(request.GET.get("sida"))
    years = (
        Call.objects.filter(Exists(Application.objects.granted().filter(call=OuterRef("pk"))))
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )
    return render(
        request,
        "grants/granted.html",
        {
            "page": page,
            "years": years,
            "year": year,
            "programmes": Programme.objects.all(),
            "programme": programme,
            "total": grants.aggregate(total=Sum("amount_granted"))["total"] or 0,
        },
    )


# Applying ---------------------------------------------------------------------------------------


@login_required
def my_applications(request: AuthenticatedRequest) -> HttpResponse:
    """The applications of the user's organisations."""
    organisations = editable_organisation_ids(request.user)
    if not organisations and not is_coordinator(request.user):
        raise PermissionDenied
    applications = Application.objects.for_list()
    if not is_coordinator(request.user):
        applications = applications.of_organisations(organisations)
    page = Paginator(applications.order_by("-created_at", "pk"), PAGE_SIZE).get_page(request.GET.get("sida"))
    return render(request, "grants/my_applications.html", {"page": page})


@login_required
def apply(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """Start an application to an open call for one of the user's organisations."""
    call = get_call_for(request.user, slug)
    form = StartApplicationForm(request.POST or None, user=request.user, programme=call.programme)
    if not form.fields["organisation"].queryset.exists():  # type: ignore[attr-defined]  # ModelChoiceField
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            application = services.start_application(
                actor=request.user, call=call, organisation=form.cleaned_data["organisation"]
            )
        except TransitionError as error:
            _refused(request, error)
            return redirect(call.get_absolute_url())
        messages.success(request, _("Utkastet är skapat. Det sparas varje gång du trycker Spara."))
        return redirect("grants:application_edit", application_id=application.uuid)
    return render(request, "grants/apply.html", {"call": call, "form": form})


@login_required
def application_detail(request: AuthenticatedRequest, application_id: uuid.UUID) -> HttpResponse:
    """One page for the application: its state, the officer's messages, the answers, what to do next."""
    application = get_application_for(request.user, application_id)
    officer = is_grant_officer(request.user)
    context: dict[str, Any] = {
        "application": application,
        "questions": answered_questions(application),
        "co_applicants": application.co_applicants.all(),
        "messages_list": application.messages.select_related("author"),
        "is_applicant": can_apply_for(request.user, application),
        "is_officer": officer,
        "message_form": MessageForm(),
        "report": FinalReport.objects.filter(application=application).first(),
        "problems": services.problems(application) if application.is_editable else [],
        "call_open": application.call.is_open,
    }
    return render(request, "grants/application.html", context)


@login_required
def application_edit(request: AuthenticatedRequest, application_id: uuid.UUID) -> HttpResponse:
    application = get_application_for(request.user, application_id, need="edit")
    if not application.is_editable:
        messages.error(request, _("Ansökan kan inte ändras i sitt nuvarande läge."))
        return redirect(application.get_absolute_url())
    form = ApplicationAnswersForm(
        request.POST or None,
        request.FILES or None,
        application=application,
        initial={
            "title": application.title,
            "purpose": application.purpose,
            "amount_requested": application.amount_requested,
            "co_applicants": list(application.co_applicants.all()),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_application(
                actor=request.user,
                application=application,
                data=form.core(),
                answers=form.answers(),
                co_applicants=form.cleaned_data["co_applicants"],
                uploads=form.uploads,
            )
        except TransitionError as error:
            _refused(request, error)
            return redirect(application.get_absolute_url())
        messages.success(request, _("Ansökan är sparad."))
        if "submit" in request.POST:
            return redirect("grants:application", application_id=application.uuid)
        return redirect("grants:application_edit", application_id=application.uuid)
    files = application.files.all()
    return render(
        request,
        "grants/application_form.html",
        {"application": application, "form": form, "rows": form.question_rows(), "files": files},
        status=400 if request.method == "POST" else 200,
    )


def _post_action(
    request: AuthenticatedRequest, application_id: uuid.UUID, need: str, action: Callable[[Application], str]
) -> HttpResponse:
    application = get_application_for(request.user, application_id, need=need)  # type: ignore[arg-type]  # literal
    try:
        done = action(application)
    except TransitionError as error:
        _refused(request, error)
    else:
        messages.success(request, done)
    return redirect(application.get_absolute_url())


@login_required
@require_POST
def application_submit(request: AuthenticatedRequest, application_id: uuid.UUID) -> HttpResponse:
    def act(application: Application) -> str:
        try:
            services.submit_application(actor=request.user, application=application)
        except TransitionError as error:
            if error.code == "closed":
                raise TransitionError(
                    _("Utlysningen stängde %(closes)s. Ansökan kan inte längre skickas in.")
                    % {"closes": timezone.localtime(application.call.closes_at).strftime("%Y-%m-%d %H:%M:%S")}
                ) from error
            raise
        return _("Ansökan är inskickad. Du får ett kvitto med en PDF av ansökan med e-post.")

    return _post_action(request, application_id, "edit", act)


@login_required
@require_POST
def application_withdraw(request: AuthenticatedRequest, application_id: uuid.UUID) -> HttpResponse:
    def act(application: Application) -> str:
        services.withdraw_application(actor=request.user, application=application)
        return _("Ansökan är återkallad.")

    return _post_action(request, application_id, "edit", act)


@login_required
@require_POST
def application_message(request: AuthenticatedRequest, application_id: uuid.UUID) -> HttpResponse:
    application = get_application_for(request.user, application_id)
    officer = is_grant_officer(request.user) and not acts_on_own_application(request.user, application)
    if not officer and not can_apply_for(request.user, application):
        raise Http404
    form = MessageForm(request.POST)
    if form.is_valid():
        services.send_message(
            actor=request.user, application=application, body=form.cleaned_data["body"], from_officer=officer
        )
        messages.success(request, _("Meddelandet är skickat."))
    else:
        messages.error(request, _("Skriv ett meddelande."))
    return redirect(application.get_absolute_url())


@login_required
def application_receipt(request: AuthenticatedRequest, application_id: uuid.UUID) -> HttpResponse:
    application = get_application_for(request.user, application_id)
    if application.submitted_at is None:
        raise Http404
    return _pdf(receipt_pdf(application, translation.get_language() or "sv"), f"ansokan-{application.uuid}.pdf")


@login_required
def decision_letter(request: AuthenticatedRequest, application_id: uuid.UUID) -> HttpResponse:
    application = get_application_for(request.user, application_id)
    if not application.decided_on:
        raise Http404
    return _pdf(decision_letter_pdf(application, translation.get_language() or "sv"), f"beslut-{application.uuid}.pdf")


@login_required
def file_download(request: AuthenticatedRequest, application_id: uuid.UUID, file_id: uuid.UUID) -> FileResponse:
    application = get_application_for(request.user, application_id)
    stored = get_object_or_404(ApplicationFile, application=application, uuid=file_id)
    return FileResponse(
        stored.file.open("rb"), as_attachment=True, filename=stored.name, content_type=stored.content_type
    )


@login_required
@require_POST
def file_remove(request: AuthenticatedRequest, application_id: uuid.UUID, file_id: uuid.UUID) -> HttpResponse:
    application = get_application_for(request.user, application_id, need="edit")
    stored = get_object_or_404(ApplicationFile, application=application, uuid=file_id)
    try:
        services.remove_file(actor=request.user, stored=stored)
    except TransitionError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Filen är borttagen."))
    return redirect("grants:application_edit", application_id=application.uuid)


def _budget(application: Application) -> list[dict[str, Any]]:
    for field in application.form_version.fields.all():
        if field.kind == FieldKind.BUDGET:
            return list(application.answers.get(str(field.uuid)) or [])
    return []


@login_required
def final_report(request: AuthenticatedRequest, application_id: uuid.UUID) -> HttpResponse:
    """The granted organisation's final report: save a draft, then submit it."""
    application = get_application_for(request.user, application_id, need="edit")
    if application.status != Status.PAID:
        raise Http404("Only a paid grant has a final report to write.")
    report = FinalReport.objects.filter(application=application).first()
    if report and report.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
        messages.error(request, _("Slutrapporten är inskickad och kan inte ändras."))
        return redirect(application.get_absolute_url())
    form = FinalReportForm(
        request.POST or None,
        application=application,
        asks_participants=application.call.programme.asks_participants,
        budget=_budget(application),
    )
    if request.method == "POST" and form.is_valid():
        try:
            report = services.save_final_report(
                actor=request.user,
                application=application,
                narrative=form.cleaned_data["narrative"],
                participants=form.participants(),
                spent=form.spent(),
                amount_used=form.cleaned_data["amount_used"],
            )
            if "submit" in request.POST:
                services.submit_final_report(actor=request.user, report=report)
                messages.success(request, _("Slutrapporten är inskickad."))
                return redirect(application.get_absolute_url())
        except TransitionError as error:
            _refused(request, error)
            return redirect(application.get_absolute_url())
        messages.success(request, _("Slutrapporten är sparad."))
        return redirect("grants:final_report", application_id=application.uuid)
    return render(request, "grants/final_report.html", {"application": application, "form": form, "report": report})


# The grant officer ------------------------------------------------------------------------------


@login_required
def officer_list(request: AuthenticatedRequest) -> HttpResponse:
    """Every submitted application, filtered and searched, with what the officer needs to pick the next one."""
    require_grant_officer(request.user)
    form = ApplicationFilterForm(request.GET or None)
    applications = Application.objects.not_draft().for_list()
    if form.is_valid():
        data = form.cleaned_data
        if data.get("status"):
            applications = applications.filter(status=data["status"])
        if data.get("call"):
            applications = applications.filter(call=data["call"])
        if data.get("q"):
            applications = applications.filter(
                Q(title__icontains=data["q"])
                | Q(organisation__name__icontains=data["q"])
                | Q(registration_number__icontains=data["q"])
            )
    page = Paginator(applications.order_by("-submitted_at", "pk"), PAGE_SIZE).get_page(request.GET.get("sida"))
    # Reviewers counted for the page's rows only: a Count() over every application would group them all.
    reviewers = dict(
        ReviewAssignment.objects.filter(application__in=[a.pk for a in page.object_list])
        .values_list("application_id")
        .annotate(n=Count("pk"))
        .values_list("application_id", "n")
    )
    for application in page.object_list:
        application.reviewers = reviewers.get(application.pk, 0)  # type: ignore[attr-defined]  # for the template
    # This year's and last year's calls; older ones are in the statistics per programme and year.
    calls = (
        Call.objects.filter(year__gte=timezone.localdate().year - 1)
        .select_related("programme")
        .annotate(
            requested=Sum(
                "applications__amount_requested", filter=~Q(applications__status__in=[Status.DRAFT, Status.WITHDRAWN])
            ),
            granted=Sum("applications__amount_granted"),
            count=Count("applications", filter=~Q(applications__status=Status.DRAFT)),
        )
        .order_by("-year", "programme__name_sv")
    )
    return render(request, "grants/officer_list.html", {"page": page, "form": form, "calls": calls})


@login_required
def officer_application(request: AuthenticatedRequest, application_id: uuid.UUID) -> HttpResponse:
    """The officer's page for an application: reviewers and their scores, messages, decision, payment, report."""
    application = get_application_for(request.user, application_id, need="officer")
    reviews = application.reviews.select_related("reviewer").prefetch_related("scores")
    criteria = list(application.call.criteria.all())
    report = FinalReport.objects.filter(application=application).first()
    context = {
        "application": application,
        "own": acts_on_own_application(request.user, application),
        "reviews": reviews,
        "criteria": criteria,
        "assign_form": AssignReviewerForm(),
        "message_form": MessageForm(),
        "decision_form": DecisionForm(application=application, initial={"decided_on": timezone.localdate()}),
        "paid_form": PaidForm(initial={"paid_on": timezone.localdate()}),
        "comment_form": CommentForm(),
        "report": report,
        "spent_rows": [
            (line, report.spent.get(str(n), 0) if report else 0) for n, line in enumerate(_budget(application))
        ],
        "initiatives": Initiative.objects.filter(lead_organisation=application.organisation).order_by("title_sv"),
    }
    return render(request, "grants/officer_application.html", context)


def _officer_action(
    request: AuthenticatedRequest, application_id: uuid.UUID, action: Callable[[Application], str]
) -> HttpResponse:
    application = get_application_for(request.user, application_id, need="officer")
    try:
        done = action(application)
    except TransitionError as error:
        _refused(request, error)
    else:
        messages.success(request, done)
    return redirect("grants:officer_application", application_id=application.uuid)


@login_required
@require_POST
def officer_start_review(request: AuthenticatedRequest, application_id: uuid.UUID) -> HttpResponse:
    def act(application: Application) -> str:
        services.start_review(actor=request.user, application=application)
        return _("Ansökan är under handläggning.")

    return _officer_action(request, application_id, act)


@login_required
@require_POST
def officer_request_information(request: AuthenticatedRequest, application_id: uuid.UUID) -> HttpResponse:
    form = MessageForm(request.POST)

    def act(application: Application) -> str:
        if not form.is_valid():
            raise TransitionError(_("Skriv vad som saknas."))
        services.request_information(actor=request.user, application=application, body=form.cleaned_data["body"])
        return _("Kompletteringen är begärd och den sökande har fått e-post.")

    return _officer_action(request, application_id, act)


@login_required
@require_POST
def officer_assign(request: AuthenticatedRequest, application_id: uuid.UUID) -> HttpResponse:
    form = AssignReviewerForm(request.POST)

    def act(application: Application) -> str:
        if not form.is_valid():
            raise TransitionError(_("Välj en granskare."))
        try:
            services.assign_reviewer(
                actor=request.user, application=application, reviewer=form.cleaned_data["reviewer"]
            )
        except TransitionError as error:
            if error.code == "conflict":
                raise TransitionError(
                    _(
                        "%(name)s är jävig: hen hör till en sökande eller medsökande organisation "
                        "och kan inte granska ansökan."
                    )
                    % {"name": form.cleaned_data["reviewer"]}
                ) from error
            raise
        return _("Granskaren är tilldelad och har fått e-post.")

    return _officer_action(request, application_id, act)


@login_required
@require_POST
def officer_unassign(
    request: AuthenticatedRequest, application_id: uuid.UUID, assignment_id: uuid.UUID
) -> HttpResponse:
    def act(application: Application) -> str:
        assignment = get_object_or_404(ReviewAssignment, application=application, uuid=assignment_id)
        services.remove_reviewer(actor=request.user, assignment=assignment)
        return _("Granskaren är borttagen.")

    return _officer_action(request, application_id, act)


@login_required
@require_POST
def officer_decide(request: AuthenticatedRequest, application_id: uuid.UUID) -> HttpResponse:
    application = get_application_for(request.user, application_id, need="officer")
    form = DecisionForm(request.POST, application=application)

    def act(application: Application) -> str:
        if not form.is_valid():
            raise TransitionError(" ".join(str(e) for errors in form.errors.values() for e in errors))
        services.decide(
            actor=request.user,
            application=application,
            **form.cleaned_data
            | {
                "amount_granted": form.cleaned_data.get("amount_granted") or 0,
                "conditions": form.cleaned_data.get("conditions") or "",
            },
        )
        return _("Beslutet är registrerat. Beslutsbrevet kan laddas ner.")

    return _officer_action(request, application_id, act)


@login_required
@require_POST
def officer_paid(request: AuthenticatedRequest, application_id: uuid.UUID) -> HttpResponse:
    form = PaidForm(request.POST)

    def act(application: Application) -> str:
        if not form.is_valid():
            raise TransitionError(_("Ange utbetalningsdatum."))
        services.mark_paid(actor=request.user, application=application, paid_on=form.cleaned_data["paid_on"])
        return _("Utbetalningen är registrerad.")

    return _officer_action(request, application_id, act)


@login_required
@require_POST
def officer_close(request: AuthenticatedRequest, application_id: uuid.UUID) -> HttpResponse:
    def act(application: Application) -> str:
        services.close_application(actor=request.user, application=application)
        return _("Ärendet är avslutat.")

    return _officer_action(request, application_id, act)


@login_required
@require_POST
def officer_report(request: AuthenticatedRequest, application_id: uuid.UUID) -> HttpResponse:
    form = CommentForm(request.POST)

    def act(application: Application) -> str:
        report = get_object_or_404(FinalReport, application=application)
        comment = form.cleaned_data.get("comment", "") if form.is_valid() else ""
        if request.POST.get("decision") == "approve":
            services.approve_final_report(actor=request.user, report=report, comment=comment)
            return _("Slutrapporten är godkänd.")
        services.return_final_report(actor=request.user, report=report, comment=comment)
        return _("Slutrapporten är återsänd för komplettering.")

    return _officer_action(request, application_id, act)


@login_required
@require_POST
def officer_initiative(request: AuthenticatedRequest, application_id: uuid.UUID) -> HttpResponse:
    def act(application: Application) -> str:
        slug = request.POST.get("initiative", "")
        initiative = get_object_or_404(Initiative, slug=slug) if slug else None
        linked = services.link_initiative(actor=request.user, application=application, initiative=initiative)
        return _("Bidraget är kopplat till insatsen ”%(title)s” i handlingsplanen.") % {"title": linked.title}

    return _officer_action(request, application_id, act)


@login_required
def call_review(request: AuthenticatedRequest, call_slug: str) -> HttpResponse:
    """A call's applications with scores side by side, the workload per reviewer, and requested against available."""
    require_grant_officer(request.user)
    call = get_object_or_404(Call.objects.select_related("programme"), slug=call_slug)
    criteria = list(call.criteria.all())
    handled = call.applications.not_draft().exclude(status=Status.WITHDRAWN)
    sums = handled.aggregate(requested=Sum("amount_requested"), granted=Sum("amount_granted"))
    page = Paginator(
        handled.select_related("organisation")
        .prefetch_related(
            Prefetch("reviews", queryset=ReviewAssignment.objects.select_related("reviewer").prefetch_related("scores"))
        )
        .order_by("organisation__name", "pk"),
        PAGE_SIZE,
    ).get_page(request.GET.get("sida"))
    rows = []
    for application in page.object_list:
        reviews = list(application.reviews.all())
        per_criterion = []
        for criterion in criteria:
            values = [s.score for r in reviews for s in r.scores.all() if s.criterion_id == criterion.pk]
            per_criterion.append({"values": values, "mean": round(sum(values) / len(values), 1) if values else None})
        totals = [r.total() for r in reviews if r.scores.all()]
        rows.append(
            {
                "application": application,
                "reviews": reviews,
                "criteria": per_criterion,
                "mean_total": round(sum(totals) / len(totals), 1) if totals else None,
            }
        )
    workload = (
        ReviewAssignment.objects.filter(application__call=call)
        .values("reviewer__full_name", "reviewer__email")
        .annotate(assigned=Count("pk"), done=Count("pk", filter=Q(submitted_at__isnull=False)))
        .order_by("reviewer__full_name", "reviewer__email")
    )
    return render(
        request,
        "grants/call_review.html",
        {
            "call": call,
            "criteria": criteria,
            "rows": rows,
            "page": page,
            "workload": workload,
            "requested": sums["requested"] or 0,
            "granted_total": sums["granted"] or 0,
            "max_total": sum(c.max_score for c in criteria),
        },
    )


# Reviewers --------------------------------------------------------------------------------------


@login_required
def my_reviews(request: AuthenticatedRequest) -> HttpResponse:
    assignments = (
        ReviewAssignment.objects.filter(reviewer=request.user)
        .select_related("application__call__programme", "application__organisation")
        .order_by("submitted_at", "-assigned_at", "pk")
    )
    page = Paginator(assignments, PAGE_SIZE).get_page(request.GET.get("sida"))
    if not page.object_list and not is_grant_officer(request.user):
        raise PermissionDenied
    return render(request, "grants/my_reviews.html", {"page": page})


@login_required
def review(request: AuthenticatedRequest, assignment_id: uuid.UUID) -> HttpResponse:
    """The reviewer declares no conflict of interest, scores against the call's criteria and comments."""
    assignment = get_assignment_for(request.user, assignment_id)
    application = assignment.application
    criteria = list(application.call.criteria.all())
    scores = {s.criterion_id: s.score for s in Score.objects.filter(assignment=assignment)}
    form = ReviewForm(
        request.POST or None,
        criteria=criteria,
        initial_scores=scores,
        initial={"comment": assignment.comment, "no_conflict": assignment.no_conflict_declared_at is not None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_review(
                actor=request.user,
                assignment=assignment,
                no_conflict=form.cleaned_data["no_conflict"],
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
                final="done" in request.POST,
            )
        except TransitionError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Bedömningen är sparad."))
            return redirect("grants:my_reviews")
    return render(
        request,
        "grants/review.html",
        {
            "assignment": assignment,
            "application": application,
            "form": form,
            "questions": answered_questions(application),
        },
    )


# Programmes, calls and forms (grant officer) ----------------------------------------------------


@login_required
def manage(request: AuthenticatedRequest) -> HttpResponse:
    """The officer's list of programmes, their forms and calls."""
    require_grant_officer(request.user)
    programmes = Programme.objects.prefetch_related(
        Prefetch("calls", queryset=Call.objects.order_by("-opens_at")),
        Prefetch("forms", queryset=ApplicationForm.objects.prefetch_related("versions")),
    )
    return render(request, "grants/manage.html", {"programmes": programmes})


@login_required
def programme_edit(request: AuthenticatedRequest, slug: str | None = None) -> HttpResponse:
    require_grant_officer(request.user)
    programme = get_programme_for(request.user, slug) if slug else None
    form = ProgrammeForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        programme = services.save_programme(
            actor=request.user,
            programme=Programme.objects.get(pk=programme.pk) if programme else None,
            data=form.cleaned_data,
        )
        messages.success(request, _("Programmet är sparat."))
        return redirect("grants:manage")
    documents = programme.documents.all() if programme else []
    return render(
        request,
        "grants/programme_form.html",
        {
            "form": form,
            "programme": programme,
            "documents": documents,
            "document_form": DocumentForm(),
            "new_form": NewFormForm(),
        },
    )


@login_required
@require_POST
def programme_document(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    require_grant_officer(request.user)
    programme = get_programme_for(request.user, slug)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        services.add_programme_document(
            actor=request.user,
            programme=programme,
            title=form.cleaned_data["title"],
            file=form.cleaned_data["file"],
            content_type=form.content_type,
        )
        messages.success(request, _("Dokumentet är uppladdat."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("grants:programme_edit", slug=programme.slug)


@login_required
@require_POST
def form_create(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    require_grant_officer(request.user)
    programme = get_programme_for(request.user, slug)
    form = NewFormForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ge formuläret ett namn."))
        return redirect("grants:programme_edit", slug=programme.slug)
    created = services.create_form(actor=request.user, programme=programme, name=form.cleaned_data["name"])
    return redirect("grants:form_version", version_id=created.versions.get().uuid)


@login_required
def form_version(
    request: AuthenticatedRequest, version_id: uuid.UUID, field_id: uuid.UUID | None = None
) -> HttpResponse:
    """A form version's questions; while no call using it has opened, add and change them."""
    version = get_form_version_for(request.user, version_id)
    field = get_object_or_404(FormField, version=version, uuid=field_id) if field_id else None
    form = FieldForm(request.POST or None, instance=field)
    locked = version.is_locked()
    if request.method == "POST" and form.is_valid():
        try:
            services.save_field(
                actor=request.user,
                version=version,
                field=FormField.objects.get(pk=field.pk) if field else None,
                data=form.cleaned_data,
            )
        except TransitionError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Frågan är sparad."))
        return redirect("grants:form_version", version_id=version.uuid)
    return render(
        request,
        "grants/form_version.html",
        {"version": version, "fields": version.fields.all(), "form": form, "field": field, "locked": locked},
    )


@login_required
@require_POST
def form_field_remove(request: AuthenticatedRequest, version_id: uuid.UUID, field_id: uuid.UUID) -> HttpResponse:
    version = get_form_version_for(request.user, version_id)
    field = get_object_or_404(FormField, version=version, uuid=field_id)
    try:
        services.remove_field(actor=request.user, field=field)
    except TransitionError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Frågan är borttagen."))
    return redirect("grants:form_version", version_id=version.uuid)


@login_required
@require_POST
def form_new_version(request: AuthenticatedRequest, version_id: uuid.UUID) -> HttpResponse:
    version = get_form_version_for(request.user, version_id)
    created = services.new_version(actor=request.user, form=version.form)
    messages.success(
        request,
        _("Version %(number)s är skapad som en kopia. Ändra den och välj den i utlysningen.")
        % {"number": created.number},
    )
    return redirect("grants:form_version", version_id=created.uuid)


@login_required
def call_edit(request: AuthenticatedRequest, slug: str, call_slug: str | None = None) -> HttpResponse:
    require_grant_officer(request.user)
    programme = get_programme_for(request.user, slug)
    call = get_object_or_404(Call, programme=programme, slug=call_slug) if call_slug else None
    form = CallForm(request.POST or None, instance=call, programme=programme)
    criterion_form = CriterionForm()
    if request.method == "POST" and form.is_valid():
        try:
            call = services.save_call(
                actor=request.user,
                call=Call.objects.get(pk=call.pk) if call else None,
                programme=programme,
                data=form.cleaned_data,
            )
        except TransitionError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Utlysningen är sparad."))
            return redirect("grants:call_edit", slug=programme.slug, call_slug=call.slug)
    return render(
        request,
        "grants/call_form.html",
        {
            "programme": programme,
            "call": call,
            "form": form,
            "criterion_form": criterion_form,
            "criteria": call.criteria.all() if call else [],
        },
    )


@login_required
@require_POST
def criterion_add(request: AuthenticatedRequest, slug: str, call_slug: str) -> HttpResponse:
    require_grant_officer(request.user)
    call = get_object_or_404(Call, programme__slug=slug, slug=call_slug)
    form = CriterionForm(request.POST)
    if form.is_valid():
        services.save_criterion(actor=request.user, call=call, criterion=None, data=form.cleaned_data)
        messages.success(request, _("Kriteriet är tillagt."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("grants:call_edit", slug=slug, call_slug=call.slug)
