"""Dashboards, downloads, imports, definitions and the integration report. Thin: permission, form, service, page."""

from __future__ import annotations

import csv
import io
import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from openpyxl import Workbook
from openpyxl.styles import Font

from vagenin.actionplan.models import Indicator
from vagenin.common.pagecache import cache_for_anonymous
from vagenin.indicators import figures, reporting, services, tasks
from vagenin.indicators.forms import FollowSeriesForm, ImportForm, IndicatorForm, SectionForm
from vagenin.indicators.models import (
    ImportBatch,
    IndicatorDefinition,
    InitiativeSeries,
    Observation,
    Publication,
    Report,
    ReportSection,
)
from vagenin.indicators.permissions import (
    get_batch_for,
    get_edition_for,
    get_indicator_for,
    get_initiative_indicator_for,
    get_publication_for,
    get_published_edition,
    get_report_for,
    may_manage_statistics,
    require_statistics_staff,
)

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PREVIEW_ROWS = 20


def _place(places: figures.Places, geo: str) -> figures.Place:
    place = places.get(geo)
    if place is None or place.code == figures.SWEDEN:
        raise Http404("No dashboard for this geography.")
    return place


def _sections(indicators: list[IndicatorDefinition]) -> list[tuple[str, list[IndicatorDefinition]]]:
    """Population and immigration first, then the areas in order, then anything not placed."""
    groups: dict[str, list[IndicatorDefinition]] = {}
    for indicator in indicators:
        if indicator.population_section:
            title = _("Befolkning och invandring")
        elif indicator.area is not None:
            title = indicator.area.name
        else:
            title = _("Övriga indikatorer")
        groups.setdefault(title, []).append(indicator)
    order = [_("Befolkning och invandring")]
    return sorted(groups.items(), key=lambda item: (item[0] not in order, item[0] == _("Övriga indikatorer")))


def _svg(figure: figures.Figure) -> Any:
    # charts.py and the map escape every text and attribute they write.
    return mark_safe(figure.svg)


# ---------------------------------------------------------------------------------------------------- public


@cache_for_anonymous
def index(request: HttpRequest) -> HttpResponse:
    """The county and its municipalities, the indicators, and the published report."""
    places = figures.load_places()
    indicators = list(IndicatorDefinition.objects.for_display())
    reports = list(Report.objects.filter(publications__state=Publication.State.PUBLISHED).distinct())
    return render(
        request,
        "indicators/index.html",
        {"places": places, "indicators": indicators, "reports": reports, "staff": may_manage_statistics(request.user)},
    )


@cache_for_anonymous
def dashboard(request: HttpRequest, geo: str) -> HttpResponse:
    """A geography's dashboard: every indicator with data, per section, beside the county and Sweden."""
    places = figures.load_places()
    place = _place(places, geo)
    indicators = list(IndicatorDefinition.objects.for_display())
    data = figures.headline_values(indicators, places.codes)
    built = {}
    for indicator in indicators:
        figure = figures.series_figure(indicator, place, places, data.get(indicator.pk, {}))
        if figure:
            built[indicator.pk] = figure
    shown = [i for i in indicators if i.pk in built]
    sections = [
        {"title": title, "items": [{"figure": built[i.pk], "svg": _svg(built[i.pk])} for i in group]}
        for title, group in _sections(shown)
    ]
    return render(request, "indicators/dashboard.html", {"places": places, "place": place, "sections": sections})


@cache_for_anonymous
def indicator_page(request: HttpRequest, geo: str, code: str) -> HttpResponse:
    """One indicator for one geography: series, breakdown, the municipalities ranked and mapped; CSV/XLSX."""
    places = figures.load_places()
    place = _place(places, geo)
    indicator = get_indicator_for(request.user, code)
    output = request.GET.get("format", "html")
    if output in {"csv", "xlsx"}:
        return _download(indicator, places, output)
    data = figures.headline_values([indicator], places.codes).get(indicator.pk, {})
    shown = [
        f
        for f in (
            figures.series_figure(indicator, place, places, data),
            figures.breakdown_figure(indicator, place),
            figures.ranking_figure(indicator, places, data),
        )
        if f
    ]
    imported = figures.import_dates([indicator]).get(indicator.pk)
    return render(
        request,
        "indicators/indicator.html",
        {
            "places": places,
            "place": place,
            "indicator": indicator,
            "figures": [{"figure": f, "svg": _svg(f)} for f in shown],
            "imported": imported,
        },
    )


def _download(indicator: IndicatorDefinition, places: figures.Places, output: str) -> HttpResponse:
    names = {p.code: p.name for p in (places.sweden, places.county, *places.municipalities)}
    rows = (
        Observation.objects.filter(indicator=indicator, geo_code__in=places.codes)
        .select_related("batch")
        .order_by("geo_code", "period_start", "breakdown_key")
    )
    header = [_("Indikator"), _("Områdeskod"), _("Område"), _("Period"), _("Uppdelning"), _("Värde"), _("Enhet")]
    header += [_("Status"), _("Anmärkning"), _("Källa"), _("Importerad")]
    unit = indicator.unit_label
    table = [
        [
            indicator.code,
            o.geo_code,
            names.get(o.geo_code, o.geo_code),
            o.period_code,
            o.breakdown_key,
            None if o.value is None else f"{o.value.normalize():f}",
            unit,
            o.get_status_display(),
            o.get_suppression_display() if o.suppression else "",
            o.source,
            timezone.localtime(o.batch.finished_at).strftime("%Y-%m-%d") if o.batch and o.batch.finished_at else "",
        ]
        for o in rows
    ]
    stem = f"{indicator.code}-{places.county.code}"
    if output == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows(["" if c is None else c for c in row] for row in table)
        response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type=CSV_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{stem}.csv"'
        return response
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = indicator.code[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table:
        sheet.append(row)
        for column in (1, 2, 3, 4, 5, 7, 8, 9, 10):
            sheet.cell(row=sheet.max_row, column=column).data_type = "s"
    sheet.freeze_panes = "A2"
    buffer_bytes = io.BytesIO()
    workbook.save(buffer_bytes)
    response = HttpResponse(buffer_bytes.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
    return response


@cache_for_anonymous
def report_page(request: HttpRequest, integration_report: uuid.UUID) -> HttpResponse:
    """The published version of a report: its editions."""
    report = get_object_or_404(Report, uuid=integration_report)
    publication = report.publications.published().first()
    if publication is None:
        raise Http404("Not published.")
    editions = list(publication.editions.order_by("geo_code").only("geo_code", "geo_name", "publication_id"))
    return render(
        request,
        "indicators/report/published.html",
        {"report": report, "publication": publication, "editions": editions},
    )


@cache_for_anonymous
def edition_page(request: HttpRequest, integration_report: uuid.UUID, geo: str) -> HttpResponse:
    """A published edition as a web page, or ?format=pdf."""
    edition = get_published_edition(integration_report, geo)
    return _edition_response(request, edition)


def _edition_response(request: HttpRequest, edition: Any) -> HttpResponse:
    if request.GET.get("format") == "pdf":
        english = (request.LANGUAGE_CODE or "sv").startswith("en")
        pdf = bytes(edition.pdf_en if english else edition.pdf_sv) or reporting.pdf_document(
            edition.publication.report, edition.geo_name, edition.content
        )
        if not pdf:
            return render(request, "indicators/report/pdf_unavailable.html", {"edition": edition}, status=503)
        response = HttpResponse(pdf, content_type="application/pdf")
        publication = edition.publication
        name = f"integrationsrapport-{publication.report.year}-{edition.geo_code}-v{publication.version}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return render(
        request,
        "indicators/report/edition.html",
        {"edition": edition, "publication": edition.publication, "content": mark_safe(edition.content)},
    )


# ----------------------------------------------------------------------------------------------------- staff


@login_required
def staff_home(request: HttpRequest) -> HttpResponse:
    """Imports, definitions and reports, for analysts and coordinators."""
    require_statistics_staff(request.user)
    batches = ImportBatch.objects.select_related("created_by").defer("content")[:20]
    return render(
        request,
        "indicators/staff/home.html",
        {
            "batches": batches,
            "indicators": IndicatorDefinition.objects.for_display(),
            "reports": Report.objects.all(),
        },
    )


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    require_statistics_staff(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        batch, _table = services.preview_import(
            actor=request.user,
            file_name=upload.name,
            source_kind=form.cleaned_data["source_kind"],
            content=upload.read(),
            options=form.options(),
        )
        return redirect("indicators:import_detail", batch_id=batch.uuid)
    return render(request, "indicators/staff/import.html", {"form": form})


@login_required
def import_detail(request: HttpRequest, batch_id: uuid.UUID) -> HttpResponse:
    """The preview of a file (dimensions, counts, every rejected row), or the result of an import."""
    batch = get_batch_for(request.user, batch_id)
    context: dict[str, Any] = {"batch": batch, "progress": services.import_progress(batch)}
    if batch.state == ImportBatch.State.PREVIEWED:
        from vagenin.indicators.importing import parse_source

        table = parse_source(batch.source_kind, bytes(batch.content), source=batch.file_name, options=batch.options)
        context["dimensions"] = table.dimensions
        context["sample"] = table.observations[:PREVIEW_ROWS]
        context["labels"] = services.indicator_labels(table)
        context["observations"] = len(table.observations)
    return render(request, "indicators/staff/import_detail.html", context)


@login_required
@require_POST
def import_confirm(request: HttpRequest, batch_id: uuid.UUID) -> HttpResponse:
    batch = get_batch_for(request.user, batch_id)
    if batch.state != ImportBatch.State.PREVIEWED or batch.rejected:
        messages.error(request, _("Den här filen kan inte importeras."))
        return redirect("indicators:import_detail", batch_id=batch.uuid)
    tasks.run_import.delay(batch.pk, request.user.pk)
    batch.refresh_from_db()
    if batch.state == ImportBatch.State.DONE:
        messages.success(request, _("%(count)s observationer importerades.") % {"count": batch.accepted})
    elif batch.state == ImportBatch.State.FAILED:
        messages.error(request, _("Importen misslyckades; ingenting ändrades."))
    return redirect("indicators:import_detail", batch_id=batch.uuid)


@login_required
@require_POST
def import_discard(request: HttpRequest, batch_id: uuid.UUID) -> HttpResponse:
    batch = get_batch_for(request.user, batch_id)
    try:
        services.discard_import(actor=request.user, batch=batch)
    except services.TransitionError:
        messages.error(request, _("Bara en förhandsgranskad fil kan kastas."))
        return redirect("indicators:import_detail", batch_id=batch.uuid)
    messages.success(request, _("Filen kastades; ingenting importerades."))
    return redirect("indicators:staff_home")


@login_required
def indicator_edit(request: HttpRequest, code: str | None = None) -> HttpResponse:
    require_statistics_staff(request.user)
    definition = get_indicator_for(request.user, code, need="edit") if code else IndicatorDefinition()
    form = IndicatorForm(request.POST or None, instance=definition)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        fresh = IndicatorDefinition.objects.get(pk=definition.pk) if definition.pk else IndicatorDefinition()
        services.save_definition(actor=request.user, definition=fresh, data=data)
        messages.success(request, _("Indikatorn sparades."))
        return redirect("indicators:staff_home")
    return render(request, "indicators/staff/indicator_form.html", {"form": form, "definition": definition})


@login_required
@require_POST
def indicator_delete(request: HttpRequest, code: str) -> HttpResponse:
    """Delete a definition and its figures, unless an initiative follows it or a report cites it."""
    definition = get_indicator_for(request.user, code, need="edit")
    try:
        services.delete_definition(actor=request.user, definition=definition)
    except services.InUseError as error:
        messages.error(request, error.message(str(definition)))
        return redirect("indicators:indicator_edit", code=definition.code)
    messages.success(request, _("Indikatorn och dess värden togs bort."))
    return redirect("indicators:staff_home")


@login_required
def initiative_indicators(request: HttpRequest) -> HttpResponse:
    """The action plan's initiative indicators and the official series each follows."""
    require_statistics_staff(request.user)
    indicators = Indicator.objects.select_related("initiative").order_by("initiative__title_sv", "name_sv", "pk")
    links = {link.indicator_id: link for link in InitiativeSeries.objects.select_related("series")}
    places = figures.load_places()
    names = {p.code: p.name for p in places.editions}
    rows = []
    for indicator in indicators:
        link = links.get(indicator.pk)
        rows.append((indicator, link, names.get(link.geo_code, link.geo_code) if link else ""))
    return render(request, "indicators/staff/initiative_indicators.html", {"rows": rows})


@login_required
def follow_series(request: HttpRequest, indicator_uuid: uuid.UUID) -> HttpResponse:
    """Choose the official series an initiative's indicator follows, and for which geography."""
    indicator = get_initiative_indicator_for(request.user, indicator_uuid)
    current = InitiativeSeries.objects.filter(indicator=indicator).first()
    places = figures.load_places()
    choices = [(p.code, p.name) for p in places.editions]
    initial = {"series": current.series_id if current else None, "geo_code": current.geo_code if current else "20"}
    form = FollowSeriesForm(request.POST or None, initial=initial, places=choices)
    if request.method == "POST" and form.is_valid():
        services.follow_series(
            actor=request.user,
            indicator=indicator,
            series=form.cleaned_data["series"],
            geo_code=form.cleaned_data["geo_code"],
        )
        messages.success(request, _("Kopplingen sparades."))
        return redirect("indicators:initiative_indicators")
    return render(request, "indicators/staff/follow_series.html", {"form": form, "indicator": indicator})


@login_required
def report_detail(request: HttpRequest, integration_report: uuid.UUID) -> HttpResponse:
    report = get_report_for(request.user, integration_report)
    sections = report.sections.select_related("area").prefetch_related("indicators")
    publications = report.publications.all()
    return render(
        request,
        "indicators/staff/report.html",
        {"report": report, "sections": sections, "publications": publications},
    )


@login_required
def section_edit(request: HttpRequest, integration_report: uuid.UUID, number: str) -> HttpResponse:
    report = get_report_for(request.user, integration_report)
    if not number.isdigit():
        raise Http404("No such section.")
    section = get_object_or_404(ReportSection, report=report, number=int(number))
    form = SectionForm(request.POST or None, instance=section)
    if request.method == "POST" and form.is_valid():
        fresh = ReportSection.objects.get(pk=section.pk)
        services.save_section(actor=request.user, section=fresh, data=form.cleaned_data)
        messages.success(request, _("Avsnittet sparades."))
        return redirect("indicators:report_detail", integration_report=report.uuid)
    return render(request, "indicators/staff/section_form.html", {"form": form, "report": report, "section": section})


@login_required
@require_POST
def report_generate(request: HttpRequest, integration_report: uuid.UUID) -> HttpResponse:
    """One click: a new version with the county's and every municipality's edition, web and PDF."""
    report = get_report_for(request.user, integration_report)
    try:
        publication = reporting.generate(actor=request.user, report=report)
    except services.TransitionError:
        messages.error(request, _("En version av rapporten skapas redan."))
        return redirect("indicators:report_detail", integration_report=report.uuid)
    tasks.build_publication.delay(publication.pk)
    return redirect("indicators:publication_detail", publication_id=publication.uuid)


@login_required
def publication_detail(request: HttpRequest, publication_id: uuid.UUID) -> HttpResponse:
    publication = get_publication_for(request.user, publication_id)
    editions = publication.editions.order_by("geo_code").only("geo_code", "geo_name", "publication_id")
    return render(request, "indicators/staff/publication.html", {"publication": publication, "editions": editions})


@login_required
@require_POST
def publication_publish(request: HttpRequest, publication_id: uuid.UUID) -> HttpResponse:
    publication = get_publication_for(request.user, publication_id)
    try:
        services.publish(actor=request.user, publication=publication)
    except services.TransitionError:
        messages.error(request, _("Bara en färdig version kan publiceras."))
    else:
        messages.success(request, _("Versionen är publicerad."))
    return redirect("indicators:publication_detail", publication_id=publication.uuid)


@login_required
def edition_preview(request: HttpRequest, publication_id: uuid.UUID, geo: str) -> HttpResponse:
    return _edition_response(request, get_edition_for(request.user, publication_id, geo))
