"""Overviews of the action plan and the action plan as a document (web page, PDF and XLSX). Public: published
initiatives only; coordinators may add drafts to the overview."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext, pgettext
from django.utils.translation import gettext as _

from vagenin.actionplan import charts
from vagenin.actionplan.overview import builds, document, figures, tasks
from vagenin.actionplan.overview.forms import OverviewFilterForm
from vagenin.actionplan.overview.permissions import may_include_drafts
from vagenin.actionplan.overview.queries import load_plan
from vagenin.agreement.models import AgreementPeriod
from vagenin.common.pagecache import cache_for_anonymous

DEFAULT_DAYS = 90
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _period_from(request: HttpRequest) -> AgreementPeriod:
    """The period named by ?period=<slug>, or the current one."""
    slug = request.GET.get("period")
    if slug:
        period = AgreementPeriod.objects.filter(slug=slug).first()
        if period is not None:
            return period
    return AgreementPeriod.objects.current_or_404()


@dataclass(frozen=True)
class Filters:
    period: AgreementPeriod
    days: int
    include_drafts: bool


def _filters(request: HttpRequest, include_drafts_allowed: bool) -> tuple[OverviewFilterForm, Filters]:
    """The bound filter form (defaults filled in) and what it selects; invalid values fall back to the defaults."""
    current = AgreementPeriod.objects.current_or_404()
    data = request.GET.copy()
    data.setdefault("period", current.slug)
    data.setdefault("dagar", str(DEFAULT_DAYS))
    periods = list(AgreementPeriod.objects.order_by("-starts_on"))
    form = OverviewFilterForm(data, periods=periods, may_include_drafts=include_drafts_allowed)
    form.is_valid()
    cleaned = form.cleaned_data
    return form, Filters(
        period=cleaned.get("period") or current,
        days=cleaned.get("dagar") or DEFAULT_DAYS,
        include_drafts=include_drafts_allowed and bool(cleaned.get("utkast")),
    )


def _area_summary(counts: list[figures.Count], total: int) -> str:
    if not total:
        return _("Det finns inga insatser att visa.")
    top = max(counts, key=lambda c: c.count)
    return ngettext(
        "%(total)s insats; flest insatser finns inom %(area)s (%(count)s).",
        "%(total)s insatser; flest insatser finns inom %(area)s (%(count)s).",
        total,
    ) % {"total": total, "area": top.label, "count": top.count}


def _matrix_summary(matrix: figures.Matrix, *, municipalities: bool) -> str:
    covered = [(total, label) for (_, label), total in zip(matrix.rows, matrix.row_totals, strict=True) if total]
    if not covered:
        return _("Inga insatser att visa.")
    most, label = max(covered, key=lambda pair: pair[0])
    if municipalities:
        return _("%(covered)s av %(all)s kommuner har minst en insats; flest har %(name)s (%(count)s).") % {
            "covered": len(covered),
            "all": len(matrix.rows),
            "name": label,
            "count": most,
        }
    return ngettext(
        "%(organisations)s organisation deltar; flest insatser har %(name)s (%(count)s).",
        "%(organisations)s organisationer deltar; flest insatser har %(name)s (%(count)s).",
        len(covered),
    ) % {"organisations": len(covered), "name": label, "count": most}


def _progress_summary(rows: list[figures.AreaProgress]) -> str:
    known = [row for row in rows if row.progress is not None]
    if not known:
        return _("Inget samverkansområde har insatser ännu.")
    high = max(known, key=lambda row: row.progress or 0)
    low = min(known, key=lambda row: row.progress or 0)
    return _(
        "Högst genomsnittligt framsteg har %(high_area)s (%(high)s procent), lägst %(low_area)s (%(low)s procent)."
    ) % {"high_area": high.area.name, "high": high.progress, "low_area": low.area.name, "low": low.progress}


@cache_for_anonymous
def overview_page(request: HttpRequest) -> HttpResponse:
    """Initiatives per area and theme, coverage heat maps, progress per area, what ends soon and what lags."""
    form, filters = _filters(request, may_include_drafts(request.user))
    plan = load_plan(filters.period)
    shown = plan.shown(include_drafts=filters.include_drafts)
    progress = plan.progress()
    area_counts = figures.counts_per_area(plan, shown)
    area_progress = figures.progress_per_area(plan, shown, progress)
    municipality_matrix = figures.municipality_matrix(plan, shown)
    organisation_matrix = figures.organisation_matrix(plan, shown)
    ending = figures.ending_within(shown, today=timezone.localdate(), days=filters.days)
    off_target = figures.indicators_off_target(plan, shown)
    shown_ids = {i.id for i in shown}
    reported = sum(1 for i in plan.indicators if i.initiative_id in shown_ids and i.latest_value is not None)
    area_summary = _area_summary(area_counts, len(shown))
    progress_summary = _progress_summary(area_progress)
    lead = {i.id: plan.organisations[i.lead_id].name for i in ending if i.lead_id in plan.organisations}
    context = {
        "form": form,
        "filters": filters,
        "total": len(shown),
        "area_counts": area_counts,
        "area_summary": area_summary,
        "area_chart": _svg(
            charts.bar_chart(
                chart_id="chart-areas",
                title=_("Insatser per samverkansområde"),
                description=area_summary,
                bars=[charts.Bar(count.short_label, count.count) for count in area_counts],
            )
        ),
        "theme_counts": figures.counts_per_theme(plan, shown),
        "municipality_matrix": municipality_matrix,
        "municipality_summary": _matrix_summary(municipality_matrix, municipalities=True),
        "organisation_matrix": organisation_matrix,
        "organisation_summary": _matrix_summary(organisation_matrix, municipalities=False),
        "area_progress": area_progress,
        "progress_summary": progress_summary,
        "progress_chart": _svg(
            charts.bar_chart(
                chart_id="chart-progress",
                title=_("Genomsnittligt framsteg per samverkansområde"),
                description=progress_summary,
                bars=[
                    charts.Bar(row.area.short_name or row.area.name, row.progress, _percent(row))
                    for row in area_progress
                ],
                maximum=100,
                track=True,
            )
        ),
        "ending": [(initiative, lead.get(initiative.id, ""), progress.get(initiative.id)) for initiative in ending],
        "off_target": off_target,
        "reported_indicators": reported,
    }
    return render(request, "actionplan/overview/overview.html", context)


def _percent(row: figures.AreaProgress) -> str:
    return "–" if row.progress is None else f"{row.progress} %"


def _svg(markup: str) -> SafeString:
    # charts.py escapes every text and attribute it writes, so its markup is safe to insert as it is.
    return mark_safe(markup)


# The action plan as a document --------------------------------------------------------------------


def _stored(request: HttpRequest, period: AgreementPeriod, output: builds.Format) -> HttpResponseBase:
    """The document as a file built by a task: served when current, else queued and "being prepared"."""
    language = get_language() or settings.LANGUAGE_CODE
    current = builds.version(period)
    build = builds.read(period, language, output)
    if builds.needs_build(build, current):
        builds.claim(period, language, output, current)
        tasks.build_document.delay(period.pk, language, output)
        build = builds.read(period, language, output)  # with Celery eager the build is done by now
    context = {"period": period, "build": build, "output": output, "steps": builds.STEPS}
    if build.version == current and build.status == "unavailable":
        return render(request, "actionplan/overview/pdf_unavailable.html", context, status=503)
    path = builds.file_path(period, build)
    if build.version == current and path is not None and build.built_at is not None:
        built_on = timezone.localdate(build.built_at)
        # In the reader's language: action-plan-2015-2020-….pdf for the English document.
        stem = pgettext("file name", "handlingsplan")
        name = document.filename(f"{stem}-{period.slug}", built_on, output)
        try:
            return FileResponse(
                path.open("rb"), as_attachment=True, filename=name, content_type=builds.CONTENT_TYPES[output]
            )
        except FileNotFoundError:
            pass  # replaced by a newer build meanwhile: say it is being prepared
    response = render(request, "actionplan/overview/document_preparing.html", context, status=202)
    response["Cache-Control"] = "no-store"
    return response


@cache_for_anonymous
def document_page(request: HttpRequest) -> HttpResponseBase:
    """The current action plan per area and theme; ?format=pdf or ?format=xlsx downloads it, built by a task."""
    period = _period_from(request)
    output = request.GET.get("format", "html")
    if output in ("pdf", "xlsx"):
        return _stored(request, period, output)  # type: ignore[arg-type]  # checked against the formats
    language = get_language() or settings.LANGUAGE_CODE
    current = builds.version(period)
    # The body (every initiative) is built by the task as the files are, and read from storage here.
    page = builds.read(period, language, "html")
    if builds.needs_build(page, current):
        builds.claim(period, language, "html", current)
        tasks.build_document.delay(period.pk, language, "html")
        page = builds.read(period, language, "html")  # with Celery eager the build is done by now
    body = builds.stored_text(period, page)
    fresh = body is not None and page.status == "ready" and page.version == current
    built = {kind: builds.read(period, language, kind) for kind in ("pdf", "xlsx")}
    context = {
        "period": period,
        "today": timezone.localdate(),
        "built": built,
        "body": mark_safe(body) if body is not None else None,  # our template's output, stored
        "body_fresh": fresh,
        "page_build": page,
        "steps": builds.STEPS,
    }
    response = render(request, "actionplan/overview/document.html", context)
    if not fresh:
        response["Cache-Control"] = "no-store"  # the page cache keeps only the finished document
    return response
