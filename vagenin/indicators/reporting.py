"""The integration report's editions: each section's figures and generated sentences for one geography."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from vagenin.actionplan.models import Initiative, InitiativeStatus
from vagenin.indicators import figures
from vagenin.indicators.models import IndicatorDefinition, Publication, Report, ReportSection
from vagenin.indicators.services import finish_publication, save_edition, start_publication

LANGUAGES = ("sv", "en")
PDF_ENABLED = True  # the tests turn PDFs off where they only check the web editions


@dataclass
class SectionView:
    section: ReportSection
    figures: list[figures.Figure]
    initiatives: dict[str, int] | None  # status label → count, for the areas of the agreement


@dataclass
class Source:
    indicator: IndicatorDefinition
    imported: Any


def initiative_counts(geo_code: str) -> dict[int, dict[str, int]]:
    """Area id → status → published initiatives serving it (for a municipality: those naming it); one query."""
    initiatives = Initiative.objects.published()
    if len(geo_code) == 4:
        initiatives = initiatives.filter(municipalities__code=geo_code)
    rows = (
        initiatives.values("themes__area_id", "status")
        .annotate(n=Count("id", distinct=True))
        .values_list("themes__area_id", "status", "n")
    )
    result: dict[int, dict[str, int]] = {}
    for area_id, status, count in rows:
        if area_id is not None:
            result.setdefault(area_id, {})[status] = count
    return result


def edition_context(report: Report, place: figures.Place, places: figures.Places) -> dict[str, Any]:
    """Everything one edition shows, in the active language."""
    sections = list(report.sections.select_related("area").prefetch_related("indicators"))
    indicators = list({i.pk: i for s in sections for i in s.indicators.all()}.values())
    data = figures.headline_values(indicators, places.codes)
    counts = initiative_counts(place.code)
    labels = dict(InitiativeStatus.choices)
    views = []
    for section in sections:
        shown: list[figures.Figure] = []
        for indicator in section.indicators.all():
            series = figures.series_figure(indicator, place, places, data.get(indicator.pk, {}))
            if series:
                shown.append(series)
            if place.is_county:
                ranking = figures.ranking_figure(indicator, places, data.get(indicator.pk, {}))
                if ranking:
                    shown.append(ranking)
        initiatives = None
        if section.area_id:
            initiatives = {str(labels[s]): n for s, n in sorted(counts.get(section.area_id, {}).items())}
        views.append(SectionView(section, shown, initiatives))
    imported = figures.import_dates(indicators)
    sources = [Source(i, imported.get(i.pk)) for i in sorted(indicators, key=lambda i: i.code)]
    return {"report": report, "place": place, "sections": views, "sources": sources}


def render_edition(
    report: Report, place: figures.Place, places: figures.Places, *, pdf: bool
) -> tuple[dict[str, str], dict[str, bytes]]:
    """The edition's content in both languages, and its PDFs when asked for."""
    content: dict[str, str] = {}
    documents: dict[str, bytes] = {}
    for language in LANGUAGES:
        with translation.override(language):
            localized = figures.load_places(places.county.code)
            here = localized.get(place.code) or place
            content[language] = render_to_string(
                "indicators/report/_edition.html", edition_context(report, here, localized)
            )
            if pdf:
                documents[language] = pdf_document(report, here.name, content[language]) or b""
    return content, documents


def pdf_document(report: Report, place_name: str, content: str) -> bytes | None:
    """An edition's web content as a tagged PDF in the active language (None without WeasyPrint's libraries)."""
    from vagenin.actionplan.overview_views import render_pdf

    html = render_to_string(
        "indicators/report/edition_pdf.html",
        {"report": report, "place_name": place_name, "content": mark_safe(content), "today": timezone.localdate()},
    )
    return render_pdf(html)


def generate(*, actor: Any, report: Report, pdf: bool = True) -> Publication:
    """Start a new version (the task then builds its 16 editions)."""
    places = figures.load_places()
    return start_publication(actor=actor, report=report, editions_total=len(places.editions))


def build_editions(publication: Publication, *, pdf: bool = True) -> Publication:
    """Build every edition of a version, counting as it goes; the version ends ready, or failed with the reason."""
    places = figures.load_places()
    try:
        for place in places.editions:
            content, documents = render_edition(publication.report, place, places, pdf=pdf)
            save_edition(
                publication=publication, geo_code=place.code, geo_name=place.name, content=content, pdf=documents
            )
    except Exception as error:  # noqa: BLE001  # the version must not stay "generating" whatever went wrong
        return finish_publication(publication=publication, error=str(error)[:500])
    return finish_publication(publication=publication)
