"""What search engines are told: the public pages for sitemap.xml, and the staff areas robots.txt keeps them out of.

Every page has the same path in each language, Swedish unprefixed and English under /en/ (i18n_patterns with
prefix_default_language=False), so the sitemap lists each page once, by its Swedish path, with both languages
as alternates. Only what anonymous visitors may read is listed, read with each app's own public querysets.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from vagenin.actionplan.models import Initiative
from vagenin.agreement.models import AgreementPeriod, Area, Body
from vagenin.grants.models import Call, Programme
from vagenin.indicators.figures import load_places
from vagenin.indicators.models import Edition, IndicatorDefinition, Publication
from vagenin.meetings.models import Event
from vagenin.newsletter.models import Document, Issue, NewsItem
from vagenin.organisations.models import Organisation
from vagenin.settlement.models import MunicipalQuota, SettlementYear

# Lists and information pages without arguments, in the order a visitor meets them.
STATIC_PAGES = (
    "pages:home",
    "agreement:index",
    "agreement:areas",
    "agreement:bodies",
    "actionplan:catalogue",
    "actionplan:overview",
    "organisations:list",
    "meetings:list",
    "meetings:calendars",
    "meetings:decisions",
    "newsletter:news_list",
    "newsletter:documents",
    "newsletter:archive",
    "newsletter:subscribe",
    "settlement:index",
    "indicators:index",
    "grants:index",
    "grants:granted",
    "pages:contact",
    "pages:accessibility",
    "pages:privacy",
)

# Staff and private areas (Swedish paths; each is also disallowed under every other language's prefix).
# Their pages answer a login or 404 anyway; this keeps crawlers from asking, and signed links out of indexes.
DISALLOWED = (
    "/i18n/",
    "/konto/",
    "/kansli/",
    "/personer/",
    "/organisationer/*/kontaktpersoner/",
    "/handlingsplan/mina-insatser/",
    "/handlingsplan/granskning/",
    "/handlingsplan/publicering/",
    "/handlingsplan/andringar/",
    "/handlingsplan/rapporter/",
    "/handlingsplan/rapporteringsomgangar/",
    "/handlingsplan/inskickade-projekt/",
    "/handlingsplan/import/",
    "/handlingsplan/export/",
    "/handlingsplan/insatser/*/arbeta/",
    "/moten/anmalan/",
    "/moten/utvardering/",
    "/moten/arrangera/",
    "/moten/nytt/",
    "/moten/statistik/",
    "/moten/*/arrangera/",
    "/moten/*/deltagare",
    "/moten/*/narvaro/",
    "/nyheter/redaktion/",
    "/nyheter/nyhetsbrev/bekrafta/",
    "/nyheter/nyhetsbrev/installningar/",
    "/nyheter/nyhetsbrev/avsluta/",
    "/nyheter/nyhetsbrev/mitt-konto/",
    "/bosattning/hantera/",
    "/bosattning/rapportera/",
    "/bidrag/mina-ansokningar/",
    "/bidrag/ansokningar/",
    "/bidrag/mina-granskningar/",
    "/bidrag/granskning/",
    "/bidrag/handlaggning/",
    "/statistik/kansli/",
)


def in_language(path: str, language: str) -> str:
    """A Swedish (unprefixed) path of the site in `language`."""
    return path if language == settings.LANGUAGE_CODE else f"/{language}{path}"


def disallowed_paths() -> list[str]:
    """Every staff or private path prefix, in every language."""
    return [in_language(path, code) for code, _name in settings.LANGUAGES for path in DISALLOWED]


def public_paths() -> Iterator[str]:
    """The Swedish path of every public page: lists, then each object anonymous visitors may read."""
    with translation.override(settings.LANGUAGE_CODE):
        yield from (reverse(name) for name in STATIC_PAGES)
        yield from _agreement()
        for slug in Organisation.objects.order_by("name", "pk").values_list("slug", flat=True):
            yield reverse("organisations:detail", kwargs={"slug": slug})
        for slug in Initiative.objects.published().order_by("pk").values_list("slug", flat=True):
            yield reverse("actionplan:detail", kwargs={"slug": slug})
        for uuid in Event.objects.public().order_by("starts_at", "pk").values_list("uuid", flat=True):
            yield reverse("meetings:detail", kwargs={"event_uuid": uuid})
        for uuid in NewsItem.objects.published().order_by("-published_at", "pk").values_list("uuid", flat=True):
            yield reverse("newsletter:news_detail", kwargs={"newsitem": uuid})
        for uuid in Document.objects.order_by("pk").values_list("uuid", flat=True):
            yield reverse("newsletter:document", kwargs={"document": uuid})
        for uuid in Issue.objects.sent().order_by("pk").values_list("uuid", flat=True):
            yield reverse("newsletter:archive_issue", kwargs={"issue": uuid})
        yield from _settlement()
        yield from _indicators()
        for slug in Programme.objects.order_by("pk").values_list("slug", flat=True):
            yield reverse("grants:programme", kwargs={"slug": slug})
        for slug in Call.objects.published().order_by("pk").values_list("slug", flat=True):
            yield reverse("grants:call", kwargs={"slug": slug})


def _agreement() -> Iterator[str]:
    for slug in AgreementPeriod.objects.order_by("starts_on", "pk").values_list("slug", flat=True):
        yield reverse("agreement:period", kwargs={"period": slug})
    areas = Area.objects.order_by("period__starts_on", "number").values_list("period__slug", "slug")
    for period, slug in areas:
        yield reverse("agreement:area", kwargs={"period": period, "area": slug})
    bodies = Body.objects.for_public_display().order_by("period__starts_on", "pk").values_list("period__slug", "slug")
    for period, slug in bodies:
        yield reverse("agreement:body", kwargs={"period": period, "body": slug})


def _settlement() -> Iterator[str]:
    for uuid in SettlementYear.objects.decided().order_by("year", "pk").values_list("uuid", flat=True):
        yield reverse("settlement:year", kwargs={"year_id": uuid})
    for uuid in MunicipalQuota.objects.public().order_by("pk").values_list("uuid", flat=True):
        yield reverse("settlement:municipality", kwargs={"quota_id": uuid})


def _indicators() -> Iterator[str]:
    places = load_places()
    geos = [places.county.code, *(place.code for place in places.municipalities)]
    codes = list(IndicatorDefinition.objects.for_display().values_list("code", flat=True))
    for geo in geos:
        yield reverse("indicators:dashboard", kwargs={"geo": geo})
        for code in codes:
            yield reverse("indicators:indicator", kwargs={"geo": geo, "code": code})
    editions = (
        Edition.objects.filter(publication__in=Publication.objects.published())
        .order_by("publication__report__uuid", "geo_code")
        .values_list("publication__report__uuid", "geo_code")
        .distinct()
    )
    reports: set[object] = set()
    for report, geo in editions:
        if report not in reports:
            reports.add(report)
            yield reverse("indicators:report", kwargs={"integration_report": report})
        yield reverse("indicators:edition", kwargs={"integration_report": report, "geo": geo})
