"""The integration report's editions: each section's figures and generated sentences for one geography."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from vagenin.actionplan.models import Indicator, Initiative, InitiativeStatus
from vagenin.indicators import figures
from vagenin.indicators.models import IndicatorDefinition, Publication, Report, ReportSection
from vagenin.indicators.series import Followed, followed_series
from vagenin.indicators.services import finish_publication, save_edition, start_publication

LANGUAGES = ("sv", "en")
PDF_ENABLED = True  # the tests turn PDFs off where they only check the web editions


INITIATIVES_LISTED = 30  # per area and edition; the rest are counted


@dataclass
class InitiativeView:
    initiative: Initiative
    status: str
    indicators: list[tuple[Indicator, list[Followed]]]


@dataclass
class SectionView:
    section: ReportSection
    figures: list[figures.Figure]
    initiatives: dict[str, int] | None  # status label → count, for the areas of the agreement
    listed: list[InitiativeView] | None = None  # the initiatives with their indicators
    unlisted: int = 0


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


def initiative_lists(geo_code: str) -> dict[int, list[InitiativeView]]:
    """Area id → the published initiatives serving it (for a municipality: those naming it), each with its
    indicators (baseline, target, latest approved actual) and the official series they follow; four queries."""
    initiatives = Initiative.objects.published()
    if len(geo_code) == 4:
        initiatives = initiatives.filter(municipalities__code=geo_code)
    indicators = Indicator.objects.with_latest_actual().order_by("name_sv", "pk")
    rows = list(
        initiatives.distinct()
        .order_by("title_sv", "pk")
        .prefetch_related("themes", Prefetch("indicators", queryset=indicators))
    )
    followed = followed_series(initiative_ids=[i.pk for i in rows])
    labels = dict(InitiativeStatus.choices)
    result: dict[int, list[InitiativeView]] = {}
    for initiative in rows:
        by_indicator: dict[int, list[Followed]] = {}
        for item in followed.get(initiative.pk, []):
            by_indicator.setdefault(item.link.indicator_id, []).append(item)
        view = InitiativeView(
            initiative,
            str(labels.get(initiative.status, initiative.status)),
            [(indicator, by_indicator.get(indicator.pk, [])) for indicator in initiative.indicators.all()],
        )
        for area_id in sorted({theme.area_id for theme in initiative.themes.all()}):
            result.setdefault(area_id, []).append(view)
    return result


def edition_context(report: Report, place: figures.Place, places: figures.Places) -> dict[str, Any]:
    """Everything one edition shows, in the active language."""
    sections = list(report.sections.select_related("area").prefetch_related("indicators"))
    indicators = list({i.pk: i for s in sections for i in s.indicators.all()}.values())
    data = figures.headline_values(indicators, places.codes)
    counts = initiative_counts(place.code)
    lists = initiative_lists(place.code)
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
        listed: list[InitiativeView] | None = None
        unlisted = 0
        if section.area_id:
            initiatives = {str(labels[s]): n for s, n in sorted(counts.get(section.area_id, {}).items())}
            every = lists.get(section.area_id, [])
            listed, unlisted = every[:INITIATIVES_LISTED], max(0, len(every) - INITIATIVES_LISTED)
        views.append(SectionView(section, shown, initiatives, listed, unlisted))
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
    from vagenin.actionplan.overview.builds import render_pdf

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
