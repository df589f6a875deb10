"""Views of the action plan: the public catalogue, partners' editing and reporting, and the secretariat's review."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.db.models import Prefetch, Q
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from vagenin.accounts.models import User
from vagenin.accounts.permissions import require_coordinator
from vagenin.accounts.types import AuthenticatedRequest
from vagenin.actionplan import services
from vagenin.actionplan.forms import (
    AttachmentForm,
    CatalogueFilterForm,
    FundingForm,
    IndicatorForm,
    InitiativeForm,
    LinkForm,
    MilestoneForm,
    PartnerForm,
    PublicationReviewForm,
    ReportForm,
    ReviewForm,
    RoundForm,
    StartReportForm,
    catalogue_organisations,
    initiative_label,
    parent_choices,
)
from vagenin.actionplan.models import (
    Attachment,
    Funding,
    Indicator,
    IndicatorActual,
    Initiative,
    InitiativePartner,
    Link,
    Milestone,
    ProgressReport,
    ReportingRound,
    ReportStatus,
    Visibility,
)
from vagenin.actionplan.permissions import (
    can_edit_initiative,
    editable_initiatives,
    get_initiative_and_children_for,
    get_initiative_for,
    get_report_for,
    may_create_initiatives,
)
from vagenin.actionplan.queries import family_progress, tree_progress
from vagenin.agreement.models import AgreementPeriod
from vagenin.common.pagecache import cache_for_anonymous
from vagenin.organisations.search import search_organisations

PAGE_SIZE = 20


# The public catalogue ---------------------------------------------------------------------------


@cache_for_anonymous
def catalogue(request: HttpRequest) -> HttpResponse:
    """Published initiatives, filtered, searched and paginated."""
    period = AgreementPeriod.objects.current_or_404()
    form = CatalogueFilterForm(request.GET or None, period=period)
    initiatives = form.filter(Initiative.objects.published().filter(period=period).for_list())
    order = "-published_at" if request.GET.get("ordning") == "nya" else "title_sv"
    page = Paginator(initiatives.order_by(order, "pk"), PAGE_SIZE).get_page(request.GET.get("sida"))
    progress = tree_progress(list(page.object_list))
    for initiative in page.object_list:
        initiative.rolled_up_progress = progress.get(initiative.pk, initiative.progress)  # type: ignore[attr-defined]  # shown by the template
    return render(request, "actionplan/catalogue.html", {"form": form, "page": page, "period": period})


def catalogue_organisation_search(request: HttpRequest) -> HttpResponse:
    """JSON for the catalogue's organisation filter: the organisations it filters by (forms.catalogue_organisations)
    whose name matches ?q=. Public, like the catalogue: the names are those its initiatives already show."""
    period = AgreementPeriod.objects.current_or_404()
    found = search_organisations(catalogue_organisations(period), request.GET.get("q", ""))
    response = JsonResponse({"results": found.results, "more": found.more})
    response["Cache-Control"] = "private, no-store"
    return response


@cache_for_anonymous
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    """An initiative's public page (drafts only for those who may edit them)."""
    initiative, children = get_initiative_and_children_for(request.user, slug)
    actuals = IndicatorActual.objects.order_by("period_end")
    indicators = initiative.indicators.prefetch_related(Prefetch("actuals", queryset=actuals))
    can_edit = can_edit_initiative(request.user, initiative)
    progress = family_progress(initiative, children)
    if not can_edit:
        children = [child for child in children if child.visibility == Visibility.PUBLISHED]
    context = {
        "initiative": initiative,
        "progress": progress.get(initiative.pk, initiative.progress),
        "children": [(child, progress.get(child.pk, child.progress)) for child in children],
        "themes": initiative.themes.select_related("area__period"),
        "principles": initiative.principles.all(),
        "target_groups": initiative.target_groups.all(),
        "municipalities": initiative.municipalities.all(),
        "partners": initiative.partners.select_related("organisation"),
        "funding": initiative.funding.all(),
        "milestones": initiative.milestones.all(),
        "indicators": indicators,
        "links": initiative.links.all(),
        "attachments": initiative.attachments.all(),
        "can_edit": can_edit,
        "reports": initiative.reports.filter(status=ReportStatus.APPROVED)[:5],
    }
    return render(request, "actionplan/detail.html", context)


# Partners' own initiatives ----------------------------------------------------------------------


@login_required
def my_initiatives(request: AuthenticatedRequest) -> HttpResponse:
    """The initiatives of the user's organisations (all of them for a coordinator), drafts included."""
    if not may_create_initiatives(request.user):
        raise PermissionDenied
    initiatives = editable_initiatives(request.user, Initiative.objects.for_list().select_related("parent"))
    open_reports = ProgressReport.objects.open().select_related("reporting_round")
    initiatives = initiatives.prefetch_related(Prefetch("reports", queryset=open_reports, to_attr="open_reports"))
    page = Paginator(initiatives.order_by("lead_organisation__name", "title_sv"), 50).get_page(request.GET.get("sida"))
    return render(request, "actionplan/my_initiatives.html", {"page": page})


@login_required
def initiative_create(request: AuthenticatedRequest) -> HttpResponse:
    if not may_create_initiatives(request.user):
        raise PermissionDenied
    period = AgreementPeriod.objects.current_or_404()
    form = InitiativeForm(request.POST or None, user=request.user, period=period)
    if request.method == "POST" and form.is_valid():
        initiative = services.create_initiative(actor=request.user, period=period, data=form.cleaned_data)
        messages.success(request, _("Insatsen är sparad som utkast. Publicera den när den är klar."))
        return redirect("actionplan:manage", slug=initiative.slug)
    return render(request, "actionplan/initiative_form.html", {"form": form, "initiative": None})


@login_required
def initiative_edit(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    initiative = get_initiative_for(request.user, slug, need="edit")
    form = InitiativeForm(request.POST or None, instance=initiative, user=request.user, period=initiative.period)
    if request.method == "POST" and form.is_valid():
        services.update_initiative(actor=request.user, initiative=initiative, data=form.cleaned_data)
        messages.success(request, _("Ändringarna är sparade."))
        return redirect("actionplan:manage", slug=initiative.slug)
    return render(request, "actionplan/initiative_form.html", {"form": form, "initiative": initiative})


def _manage_context(request: HttpRequest, initiative: Initiative, **forms: object) -> dict[str, object]:
    assert isinstance(request.user, User)  # the views are login_required
    context: dict[str, object] = {
        "initiative": initiative,
        "first_publication_reviewed": not services.publishes_directly(request.user, initiative),
        "partners": initiative.partners.select_related("organisation"),
        "funding": initiative.funding.all(),
        "milestones": initiative.milestones.all(),
        "indicators": initiative.indicators.with_latest_actual(),
        "reports": initiative.reports.select_related("reporting_round"),
        "partner_form": PartnerForm(initiative=initiative),
        "funding_form": FundingForm(),
        "milestone_form": MilestoneForm(),
        "indicator_form": IndicatorForm(),
        "link_form": LinkForm(),
        "attachment_form": AttachmentForm(),
        "links": initiative.links.all(),
        "attachments": initiative.attachments.all(),
        "report_form": StartReportForm(initiative=initiative),
        "has_children": initiative.children.exists(),
    }
    context.update(forms)
    return context


@login_required
def manage(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """An initiative's working page: partners, funding, milestones, indicators, reports."""
    initiative = get_initiative_for(request.user, slug, need="edit")
    return render(request, "actionplan/manage.html", _manage_context(request, initiative))


def _manage_with_error(request: HttpRequest, initiative: Initiative, **forms: object) -> HttpResponse:
    """Re-render the working page with one invalid sub-form, keeping what was typed."""
    return render(request, "actionplan/manage.html", _manage_context(request, initiative, **forms), status=400)


@login_required
@require_POST
def initiative_visibility(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    initiative = get_initiative_for(request.user, slug, need="edit")
    if request.POST.get("visibility") != "published":
        services.set_visibility(actor=request.user, initiative=initiative, visibility=Visibility.DRAFT)
        messages.success(request, _("Insatsen är inte längre publicerad."))
        return redirect("actionplan:manage", slug=initiative.slug)
    try:
        initiative = services.request_publication(actor=request.user, initiative=initiative)
    except services.TransitionError:
        messages.error(request, _("Insatsen är redan publicerad eller väntar på granskning."))
        return redirect("actionplan:manage", slug=initiative.slug)
    if initiative.visibility == Visibility.PUBLISHED:
        messages.success(request, _("Insatsen är publicerad i projektkatalogen."))
    else:
        messages.success(
            request,
            _(
                "Insatsen har skickats till kansliet, som granskar den innan den publiceras första gången. "
                "Du får e-post när det är gjort."
            ),
        )
    return redirect("actionplan:manage", slug=initiative.slug)


@login_required
def publication_queue(request: AuthenticatedRequest) -> HttpResponse:
    """Partners' initiatives waiting for their first publication, oldest first, each with its decision form."""
    require_coordinator(request.user)
    waiting = (
        Initiative.objects.filter(visibility=Visibility.PENDING)
        .select_related("lead_organisation")
        .order_by("updated_at", "pk")
    )
    page = Paginator(waiting, 25).get_page(request.GET.get("sida"))
    rows = [(initiative, PublicationReviewForm(prefix=_decision_prefix(initiative))) for initiative in page]
    return render(request, "actionplan/publication_queue.html", {"page": page, "rows": rows})


def _decision_prefix(initiative: Initiative) -> str:
    """Each row's form has a prefix of its own, so that the queue's field ids are unique on the page."""
    return f"i{initiative.pk}"


@login_required
@require_POST
def publication_decide(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    require_coordinator(request.user)
    initiative = get_initiative_for(request.user, slug, need="edit")
    form = PublicationReviewForm(request.POST, prefix=_decision_prefix(initiative))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, f"{initiative.title}: {error}")
        return redirect("actionplan:publication_queue")
    try:
        if form.cleaned_data["decision"] == PublicationReviewForm.PUBLISH:
            services.approve_publication(actor=request.user, initiative=initiative)
            messages.success(request, _("%(title)s är publicerad.") % {"title": initiative.title})
        else:
            services.return_publication(actor=request.user, initiative=initiative, comment=form.cleaned_data["comment"])
            messages.success(request, _("%(title)s är tillbakaskickad till partnern.") % {"title": initiative.title})
    except services.OwnWorkError:
        messages.error(request, _("Du kan inte granska en publicering som du själv har begärt."))
    except services.TransitionError:
        messages.error(request, _("%(title)s har redan hanterats.") % {"title": initiative.title})
    return redirect("actionplan:publication_queue")


RECENT_DAYS = 30


@login_required
def recent_changes(request: AuthenticatedRequest) -> HttpResponse:
    """What partners changed in initiatives lately (live at once), newest first; ?alla=1 for everyone's changes."""
    require_coordinator(request.user)
    everyone = request.GET.get("alla") == "1"
    since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    page = Paginator(services.recent_changes(since=since, partners_only=not everyone), 50).get_page(
        request.GET.get("sida")
    )
    initiatives = Initiative.objects.filter(pk__in=[int(entry.object_id) for entry in page.object_list]).only(
        "pk", "slug", "title_sv", "title_en", "visibility"
    )
    by_id = {str(initiative.pk): initiative for initiative in initiatives}
    rows = [(entry, by_id.get(entry.object_id)) for entry in page.object_list]
    context = {"page": page, "rows": rows, "everyone": everyone, "days": RECENT_DAYS}
    return render(request, "actionplan/recent_changes.html", context)


@login_required
@require_POST
def partner_add(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    initiative = get_initiative_for(request.user, slug, need="edit")
    form = PartnerForm(request.POST, initiative=initiative)
    if not form.is_valid():
        return _manage_with_error(request, initiative, partner_form=form)
    services.add_partner(actor=request.user, initiative=initiative, **form.cleaned_data)
    messages.success(request, _("Samverkansparten är tillagd."))
    return redirect("actionplan:manage", slug=initiative.slug)


@login_required
@require_POST
def partner_remove(request: AuthenticatedRequest, slug: str, organisation: str) -> HttpResponse:
    initiative = get_initiative_for(request.user, slug, need="edit")
    partner = get_object_or_404(InitiativePartner, initiative=initiative, organisation__slug=organisation)
    services.remove_partner(actor=request.user, partner=partner)
    messages.success(request, _("Samverkansparten är borttagen."))
    return redirect("actionplan:manage", slug=initiative.slug)


@login_required
@require_POST
def funding_add(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    initiative = get_initiative_for(request.user, slug, need="edit")
    form = FundingForm(request.POST)
    if not form.is_valid():
        return _manage_with_error(request, initiative, funding_form=form)
    services.add_funding(actor=request.user, initiative=initiative, **form.cleaned_data)
    messages.success(request, _("Finansieringen är tillagd."))
    return redirect("actionplan:manage", slug=initiative.slug)


@login_required
@require_POST
def funding_remove(request: AuthenticatedRequest, slug: str, funding: uuid.UUID) -> HttpResponse:
    initiative = get_initiative_for(request.user, slug, need="edit")
    funding_obj = get_object_or_404(Funding, initiative=initiative, uuid=funding)
    services.remove_funding(actor=request.user, funding=funding_obj)
    messages.success(request, _("Finansieringen är borttagen."))
    return redirect("actionplan:manage", slug=initiative.slug)


@login_required
@require_POST
def link_add(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    initiative = get_initiative_for(request.user, slug, need="edit")
    form = LinkForm(request.POST)
    if not form.is_valid():
        return _manage_with_error(request, initiative, link_form=form)
    services.add_link(actor=request.user, initiative=initiative, **form.cleaned_data)
    messages.success(request, _("Länken är tillagd."))
    return redirect("actionplan:manage", slug=initiative.slug)


@login_required
@require_POST
def link_remove(request: AuthenticatedRequest, slug: str, link: uuid.UUID) -> HttpResponse:
    initiative = get_initiative_for(request.user, slug, need="edit")
    services.remove_link(actor=request.user, link=get_object_or_404(Link, initiative=initiative, uuid=link))
    messages.success(request, _("Länken är borttagen."))
    return redirect("actionplan:manage", slug=initiative.slug)


@login_required
@require_POST
def attachment_add(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    initiative = get_initiative_for(request.user, slug, need="edit")
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        return _manage_with_error(request, initiative, attachment_form=form)
    services.add_attachment(
        actor=request.user,
        initiative=initiative,
        title=form.cleaned_data["title"],
        file=form.cleaned_data["file"],
        content_type=form.content_type,
    )
    messages.success(request, _("Bilagan är uppladdad."))
    return redirect("actionplan:manage", slug=initiative.slug)


@login_required
@require_POST
def attachment_remove(request: AuthenticatedRequest, slug: str, attachment: uuid.UUID) -> HttpResponse:
    initiative = get_initiative_for(request.user, slug, need="edit")
    attachment_obj = get_object_or_404(Attachment, initiative=initiative, uuid=attachment)
    services.remove_attachment(actor=request.user, attachment=attachment_obj)
    messages.success(request, _("Bilagan är borttagen."))
    return redirect("actionplan:manage", slug=initiative.slug)


def attachment_download(request: HttpRequest, slug: str, attachment: uuid.UUID) -> FileResponse:
    """An attachment, for whoever may see its initiative; served as a download, never rendered inline as HTML."""
    initiative = get_initiative_for(request.user, slug)
    attachment_obj = get_object_or_404(Attachment, initiative=initiative, uuid=attachment)
    extension = (attachment_obj.file.name or "").rsplit(".", 1)[-1]
    response = FileResponse(
        attachment_obj.file.open("rb"),
        as_attachment=True,
        filename=f"{slugify(attachment_obj.title) or 'bilaga'}.{extension}",
        content_type=attachment_obj.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _edit_part(
    request: HttpRequest,
    slug: str,
    part_id: uuid.UUID | None,
    *,
    model: type[Milestone] | type[Indicator],
    form_class: type[MilestoneForm] | type[IndicatorForm],
    form_key: str,
    save: Callable[..., object],
    saved: str,
    title: str,
) -> HttpResponse:
    """Add a part of an initiative (POST to the add address, errors shown on the working page) or change one."""
    initiative = get_initiative_for(request.user, slug, need="edit")
    part = get_object_or_404(model, initiative=initiative, uuid=part_id) if part_id else None
    # A new part is validated as one of this initiative's (a milestone's done date against its start).
    form = form_class(request.POST or None, instance=part or model(initiative=initiative))
    if request.method == "POST":
        if form.is_valid():
            save(actor=request.user, initiative=initiative, instance=part, data=form.cleaned_data)
            messages.success(request, saved)
            return redirect("actionplan:manage", slug=initiative.slug)
        if part is None:
            return _manage_with_error(request, initiative, **{form_key: form})
    elif part is None:
        return redirect("actionplan:manage", slug=initiative.slug)
    return render(request, "actionplan/subform.html", {"initiative": initiative, "form": form, "title": title})


@login_required
def milestone_edit(request: AuthenticatedRequest, slug: str, milestone: uuid.UUID | None = None) -> HttpResponse:
    return _edit_part(
        request,
        slug,
        milestone,
        model=Milestone,
        form_class=MilestoneForm,
        form_key="milestone_form",
        save=services.save_milestone,
        saved=_("Delmålet är sparat."),
        title=_("Ändra delmål"),
    )


@login_required
def indicator_edit(request: AuthenticatedRequest, slug: str, indicator: uuid.UUID | None = None) -> HttpResponse:
    return _edit_part(
        request,
        slug,
        indicator,
        model=Indicator,
        form_class=IndicatorForm,
        form_key="indicator_form",
        save=services.save_indicator,
        saved=_("Indikatorn är sparad."),
        title=_("Ändra indikator"),
    )


# Progress reports -------------------------------------------------------------------------------


@login_required
@require_POST
def report_start(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    initiative = get_initiative_for(request.user, slug, need="edit")
    form = StartReportForm(request.POST, initiative=initiative)
    if not form.is_valid():
        return _manage_with_error(request, initiative, report_form=form)
    try:
        report = services.start_report(
            actor=request.user,
            initiative=initiative,
            reporting_round=form.cleaned_data.get("round"),
            period_start=form.cleaned_data["period_start"],
            period_end=form.cleaned_data["period_end"],
        )
    except (services.TransitionError, IntegrityError):
        form.add_error(None, _("Det finns redan en öppen rapport för den perioden."))
        return _manage_with_error(request, initiative, report_form=form)
    return redirect("actionplan:report_edit", report_id=report.uuid)


@login_required
def report_edit(request: AuthenticatedRequest, report_id: uuid.UUID) -> HttpResponse:
    """Write (or complete) a progress report; save as draft or submit to the secretariat."""
    report = get_report_for(request.user, report_id)
    if report.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
        return render(request, "actionplan/report_detail.html", {"report": report, "review_form": None})
    form = ReportForm(request.POST or None, report=report)
    if request.method == "POST" and form.is_valid():
        services.save_report(
            actor=request.user,
            report=report,
            narrative=form.cleaned_data["narrative"],
            progress=form.cleaned_data["progress"],
            status_after=form.cleaned_data["status_after"],
            values=form.values(),
            milestones_done=form.milestones_done(),
        )
        if "submit" in request.POST:
            try:
                services.submit_report(actor=request.user, report=report)
            except services.TransitionError:
                report.refresh_from_db(fields=["status"])
                if report.status not in (
                    ReportStatus.DRAFT,
                    ReportStatus.RETURNED,
                ):  # submitted meanwhile (another tab)
                    messages.info(request, _("Rapporten är redan inskickad till kansliet."))
                    return redirect("actionplan:manage", slug=report.initiative.slug)
                form.add_error("narrative", _("Skriv en lägesbeskrivning innan du skickar in rapporten."))
                return render(request, "actionplan/report_form.html", {"report": report, "form": form}, status=400)
            messages.success(request, _("Rapporten är inskickad till kansliet."))
            return redirect("actionplan:manage", slug=report.initiative.slug)
        messages.success(request, _("Rapporten är sparad som utkast."))
        return redirect("actionplan:report_edit", report_id=report.uuid)
    return render(request, "actionplan/report_form.html", {"report": report, "form": form})


# The secretariat's review and reporting rounds --------------------------------------------------


@login_required
def review_queue(request: AuthenticatedRequest) -> HttpResponse:
    require_coordinator(request.user)
    reports = (
        ProgressReport.objects.awaiting_review()
        .select_related("initiative__lead_organisation", "reporting_round", "submitted_by")
        .order_by("submitted_at")
    )
    page = Paginator(reports, 50).get_page(request.GET.get("sida"))
    return render(request, "actionplan/review_queue.html", {"page": page})


@login_required
def report_review(request: AuthenticatedRequest, report_id: uuid.UUID) -> HttpResponse:
    report = get_report_for(request.user, report_id, need="review")
    may_review = services.may_review(request.user, report)
    form = ReviewForm(request.POST or None) if report.status == ReportStatus.SUBMITTED and may_review else None
    if request.method == "POST" and not may_review:
        messages.error(
            request, _("Du har själv skrivit eller skickat in rapporten. En annan samordnare behöver granska den.")
        )
        return redirect("actionplan:report_review", report_id=report.uuid)
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            if form.cleaned_data["decision"] == ReviewForm.APPROVE:
                services.approve_report(actor=request.user, report=report, comment=form.cleaned_data["comment"])
                messages.success(request, _("Rapporten är godkänd och räknas nu."))
            else:
                services.return_report(actor=request.user, report=report, comment=form.cleaned_data["comment"])
                messages.success(request, _("Rapporten är återsänd till partnern."))
        except services.TransitionError:
            messages.error(request, _("Rapporten har redan hanterats."))
        return redirect("actionplan:review_queue")
    context = {"report": report, "review_form": form, "own_report": not may_review}
    return render(request, "actionplan/report_detail.html", context)


def _tell_who_was_not_reached(request: HttpRequest, mailed: services.RoundMail) -> None:
    if mailed.without_editor:
        names = ", ".join(organisation.name for organisation in mailed.without_editor)
        messages.warning(
            request,
            _(
                "Ingen e-post gick till %(names)s: organisationen saknar redaktör. "
                "Bjud in en redaktör eller kontakta dem."
            )
            % {"names": names},
        )


@login_required
def rounds(request: AuthenticatedRequest) -> HttpResponse:
    require_coordinator(request.user)
    period = AgreementPeriod.objects.current_or_404()
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reporting_round, mailed = services.open_reporting_round(
            actor=request.user, agreement_period=period, **form.cleaned_data
        )
        messages.success(
            request,
            ngettext(
                "Rapporteringsomgången är öppnad. %(count)s e-postmeddelande har skickats till redaktörerna.",
                "Rapporteringsomgången är öppnad. %(count)s e-postmeddelanden har skickats till redaktörerna.",
                mailed.sent,
            )
            % {"count": mailed.sent},
        )
        _tell_who_was_not_reached(request, mailed)
        return redirect("actionplan:round", round_id=reporting_round.uuid)
    round_list = ReportingRound.objects.filter(agreement_period=period)
    return render(request, "actionplan/rounds.html", {"form": form, "rounds": round_list, "period": period})


@login_required
def round_detail(request: AuthenticatedRequest, round_id: uuid.UUID) -> HttpResponse:
    """Who has reported in a round, and who has not."""
    require_coordinator(request.user)
    reporting_round = get_object_or_404(ReportingRound, uuid=round_id)
    if request.method == "POST":
        mailed = services.remind_missing(actor=request.user, reporting_round=reporting_round)
        messages.success(
            request,
            ngettext(
                "Påminnelse skickad (%(count)s e-postmeddelande).",
                "Påminnelse skickad (%(count)s e-postmeddelanden).",
                mailed.sent,
            )
            % {"count": mailed.sent},
        )
        _tell_who_was_not_reached(request, mailed)
        return redirect("actionplan:round", round_id=reporting_round.uuid)
    reports = reporting_round.reports.select_related("initiative__lead_organisation")
    context = {
        "round": reporting_round,
        "missing": services.missing_reports(reporting_round),
        "reports": reports,
    }
    return render(request, "actionplan/round_detail.html", context)


PARENT_SEARCH_LIMIT = 20


@login_required
def parent_search(request: AuthenticatedRequest) -> HttpResponse:
    """JSON for the initiative form's combobox: the period's (?period=, else the current one) top-level initiatives
    the user may edit whose title matches ?q=, without ?utom= (the initiative being edited). The form's own
    queryset decides (forms.parent_choices)."""
    if not may_create_initiatives(request.user):
        raise PermissionDenied
    slug = request.GET.get("period", "")
    period = get_object_or_404(AgreementPeriod, slug=slug) if slug else AgreementPeriod.objects.current_or_404()
    exclude = Initiative.objects.filter(slug=request.GET.get("utom", "")).first()
    query = " ".join(request.GET.get("q", "").split())[:100]
    rows: list[Initiative] = []
    if query:
        matching = parent_choices(request.user, period, exclude=exclude).filter(
            Q(title_sv__icontains=query) | Q(title_en__icontains=query)
        )
        rows = list(matching.select_related("lead_organisation")[: PARENT_SEARCH_LIMIT + 1])
    results = [
        {"id": str(row.pk), "label": initiative_label(row), "detail": row.lead_organisation.display_name}
        for row in rows[:PARENT_SEARCH_LIMIT]
    ]
    response = JsonResponse({"results": results, "more": len(rows) > PARENT_SEARCH_LIMIT})
    response["Cache-Control"] = "private, no-store"
    return response
