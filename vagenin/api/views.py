"""The read-only open-data API (/api/v1/) and its human-readable start page."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db.models import F, Model, Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.viewsets import ReadOnlyModelViewSet

from vagenin.actionplan.feeds import FEED_LENGTH, NewInitiativesFeed
from vagenin.actionplan.models import Funding, Indicator, IndicatorActual, Initiative, InitiativePartner
from vagenin.actionplan.queries import tree_progress
from vagenin.agreement.models import (
    AgreementPeriod,
    Area,
    Body,
    BodyMembership,
    FocusTheme,
    Signatory,
    ThemePartner,
)
from vagenin.api import serializers as api
from vagenin.api.catalogue import catalogue_rdf
from vagenin.api.middleware import add_validators
from vagenin.api.pagination import Pagination
from vagenin.api.renderers import CSVRenderer, ExcelCSVRenderer, XLSXRenderer
from vagenin.api.schema import LICENCE_NAME, LICENCE_URL
from vagenin.common.pagecache import cache_for_anonymous
from vagenin.grants.models import Application
from vagenin.indicators.models import IndicatorDefinition, Observation
from vagenin.meetings.models import Event, ProgrammeItem
from vagenin.newsletter.models import Document, NewsItem
from vagenin.organisations.models import County, Municipality, Organisation
from vagenin.settlement.models import AnnualReception, MunicipalQuota

# Lists and details change rarely; a short public cache spares the server without serving stale data for long.
CACHE_SECONDS = 300

FORMAT_PARAMETER = OpenApiParameter(
    "format",
    OpenApiTypes.STR,
    enum=["json", "csv", "csv-excel", "xlsx"],
    description=(
        "Response format: JSON (default), CSV (`Accept: text/csv` works too), CSV for a Swedish Excel, or XLSX. "
        "CSV is UTF-8 with a header row, one row per object; nested lists of slugs or plain values are joined "
        'with "|", other nested lists (e.g. theme partners) are JSON in the cell; text starting with =, +, - or @ '
        "gets a leading apostrophe against formula injection. `csv-excel` is the same table as a Swedish Excel "
        "opens it with a double click: UTF-8 with a byte order mark, semicolons as separator, CRLF line ends, and "
        'codes (municipality and county codes, organisation numbers) written as `="0180"` so that they stay text. '
        "`xlsx` is an Excel workbook with one sheet, text cells for text and codes, numbers as numbers. "
        "Pagination links are also sent in the `Link` header. Errors are always JSON."
    ),
)
XLSX = XLSXRenderer.media_type
ERROR_RESPONSES = {
    400: OpenApiResponse(description="A filter has an invalid value; the body names the parameter."),
    429: OpenApiResponse(description="Too many requests; the `Retry-After` header says when to try again."),
}
NOT_FOUND = {404: OpenApiResponse(description="No object with that slug or code.")}
PAGE_NOT_FOUND = {404: OpenApiResponse(description="No such page: `page` is past the last page of the results.")}
PATH_PARAMETERS = {
    "slug": "Slug (short address) of the object.",
    "code": "Official code.",
    "period": "Slug of the agreement period.",
    "area": "Slug of the area within the period.",
    "event_uuid": "UUID of the event.",
    "newsitem": "UUID of the news item.",
    "document": "UUID of the knowledge-bank entry.",
}


def documented(*, list_summary: str, detail_summary: str, description: str) -> Any:
    """Schema documentation for an open-data view set: summaries, filters, formats and path parameters."""

    def decorate(viewset: type[OpenDataViewSet]) -> type[OpenDataViewSet]:
        serializer = viewset.serializer_class
        assert serializer is not None, f"{viewset.__name__} needs a serializer_class"
        filters = [viewset.filters] if viewset.filters else []
        path = [
            OpenApiParameter(kwarg, OpenApiTypes.STR, OpenApiParameter.PATH, description=PATH_PARAMETERS[kwarg])
            for kwarg in viewset.lookup_fields.values()
        ]
        return extend_schema_view(
            list=extend_schema(
                summary=list_summary,
                description=description,
                parameters=[*filters, FORMAT_PARAMETER],
                responses={
                    (200, "application/json"): OpenApiResponse(serializer(many=True), description="One page."),
                    (200, "text/csv"): OpenApiTypes.STR,
                    (200, XLSX): OpenApiTypes.BINARY,
                    **ERROR_RESPONSES,
                    **PAGE_NOT_FOUND,
                },
            ),
            retrieve=extend_schema(
                summary=detail_summary,
                description=description,
                parameters=[*path, FORMAT_PARAMETER],
                responses={
                    (200, "application/json"): OpenApiResponse(serializer, description="The object."),
                    (200, "text/csv"): OpenApiTypes.STR,
                    (200, XLSX): OpenApiTypes.BINARY,
                    **NOT_FOUND,
                    429: ERROR_RESPONSES[429],
                },
            ),
        )(viewset)

    return decorate


@cache_for_anonymous
class OpenDataViewSet(ReadOnlyModelViewSet):
    """List and detail, GET only, looked up by slug or code; lists filtered by `filters`, cached briefly."""

    filters: type[serializers.Serializer] | None = None
    renderer_classes = [JSONRenderer, CSVRenderer, ExcelCSVRenderer, XLSXRenderer]
    # Detail lookup: queryset field -> URL keyword, e.g. {"period__slug": "period", "slug": "slug"}.
    lookup_fields: dict[str, str] = {"slug": "slug"}

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.action != "list" or self.filters is None:
            return queryset
        # A NUL cannot be searched for (PostgreSQL refuses it in text) and the schema allows any string, so it is
        # dropped rather than refused: a schema-valid request is never a 400 for it.
        query = self.request.query_params.copy()
        for key in query:
            query.setlist(key, [value.replace("\x00", "") for value in query.getlist(key)])
        params = self.filters(data=query)
        params.is_valid(raise_exception=True)
        return self.apply_filters(queryset, **{k: v for k, v in params.validated_data.items() if v != ""})

    def apply_filters(self, queryset: QuerySet[Any], **params: Any) -> QuerySet[Any]:
        return queryset

    def get_object(self) -> Model:
        lookup = {field: self.kwargs[kwarg] for field, kwarg in self.lookup_fields.items()}
        found = self.get_queryset().filter(**lookup).first()
        if found is None:
            raise NotFound()
        return found

    def get_renderers(self) -> list[BaseRenderer]:
        """The `format_only` renderers only for `?format=`: an Accept header never selects them (the page cache
        tells the answers apart by the query string)."""
        asked = self.request.query_params.get("format") if hasattr(self.request, "query_params") else None
        renderers = super().get_renderers()
        return [r for r in renderers if not getattr(r, "format_only", False) or r.format == asked]

    def finalize_response(self, request: Request, response: Response, *args: Any, **kwargs: Any) -> Response:
        if isinstance(response, Response) and response.status_code >= 400:
            # Errors are JSON whatever format was asked for, so that a client can always read them.
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
            # Before the page cache stores the answer, so that a cached copy carries the same validators.
            response.add_post_render_callback(add_validators)
        return response


@documented(
    list_summary="List organisations",
    detail_summary="One organisation by slug",
    description=(
        "Signatories, partners and other actors of the agreement. Organisation e-mail addresses and phone "
        "numbers are not published here: they may lead to a person (data minimisation)."
    ),
)
class OrganisationViewSet(OpenDataViewSet):
    serializer_class = api.OrganisationSerializer
    filters = api.OrganisationFilters

    def get_queryset(self) -> QuerySet[Organisation]:
        return Organisation.objects.for_public_display().select_related("municipality__county").order_by("name", "slug")

    def apply_filters(self, queryset: QuerySet[Any], **params: Any) -> QuerySet[Any]:
        if "type" in params:
            queryset = queryset.filter(type=params["type"])
        if "municipality" in params:
            queryset = queryset.filter(municipality__code=params["municipality"])
        if "county" in params:
            county = params["county"]
            queryset = queryset.filter(Q(county__code=county) | Q(municipality__county__code=county))
        if "signatory" in params:
            queryset = queryset.filter(signatures__period__slug=params["signatory"])
        if "q" in params:
            queryset = queryset.filter(Q(name__icontains=params["q"]) | Q(name_en__icontains=params["q"]))
        return queryset


@documented(
    list_summary="List the counties of Sweden",
    detail_summary="One county by its two-digit code",
    description="All 21 Swedish counties (län) with their official codes.",
)
class CountyViewSet(OpenDataViewSet):
    serializer_class = api.CountySerializer
    queryset = County.objects.order_by("code")
    lookup_fields = {"code": "code"}


@documented(
    list_summary="List the municipalities of Sweden",
    detail_summary="One municipality by its four-digit code",
    description="All 290 Swedish municipalities (kommuner) with their official codes and counties.",
)
class MunicipalityViewSet(OpenDataViewSet):
    serializer_class = api.MunicipalitySerializer
    queryset = Municipality.objects.select_related("county").order_by("code")
    filters = api.MunicipalityFilters
    lookup_fields = {"code": "code"}

    def apply_filters(self, queryset: QuerySet[Any], **params: Any) -> QuerySet[Any]:
        return queryset.filter(county__code=params["county"]) if "county" in params else queryset


@documented(
    list_summary="List agreement periods",
    detail_summary="One agreement period by slug",
    description="Each period of the agreement with its principles and signatories (organisation slugs and dates).",
)
class AgreementViewSet(OpenDataViewSet):
    serializer_class = api.AgreementSerializer

    def get_queryset(self) -> QuerySet[AgreementPeriod]:
        signatories = Signatory.objects.select_related("organisation").order_by("organisation__name", "pk")
        return (
            AgreementPeriod.objects.select_related("county")
            .prefetch_related("principles", Prefetch("signatories", queryset=signatories))
            .order_by("-starts_on", "slug")
        )


@documented(
    list_summary="List collaboration areas",
    detail_summary="One area by period and slug",
    description="The collaboration areas (samverkansområden) with their focus themes and each theme's partners.",
)
class AreaViewSet(OpenDataViewSet):
    serializer_class = api.AreaSerializer
    filters = api.PeriodFilters
    lookup_fields = {"period__slug": "period", "slug": "slug"}

    def get_queryset(self) -> QuerySet[Area]:
        return Area.objects.with_themes().select_related("period").order_by("-period__starts_on", "number")

    def apply_filters(self, queryset: QuerySet[Any], **params: Any) -> QuerySet[Any]:
        return queryset.filter(period__slug=params["period"]) if "period" in params else queryset


@documented(
    list_summary="List focus themes",
    detail_summary="One focus theme by period, area and slug",
    description="The focus themes of every area as a flat list, each with its collaboration partners.",
)
class ThemeViewSet(OpenDataViewSet):
    serializer_class = api.ThemeSerializer
    filters = api.ThemeFilters
    lookup_fields = {"area__period__slug": "period", "area__slug": "area", "slug": "slug"}

    def get_queryset(self) -> QuerySet[FocusTheme]:
        return (
            FocusTheme.objects.select_related("area__period")
            .prefetch_related(Prefetch("partners", queryset=ThemePartner.objects.select_related("organisation")))
            .order_by("-area__period__starts_on", "area__number", "number")
        )

    def apply_filters(self, queryset: QuerySet[Any], **params: Any) -> QuerySet[Any]:
        if "period" in params:
            queryset = queryset.filter(area__period__slug=params["period"])
        if "area" in params:
            queryset = queryset.filter(area__slug=params["area"])
        return queryset


@documented(
    list_summary="List governance bodies",
    detail_summary="One governance body by period and slug",
    description=(
        "How the agreement is carried out: council, municipal chief executives, groups, networks and the "
        "secretariat, with their responsibilities and current seats. A seat is given as role, represented "
        "organisation and responsibility only; names and contact details of people are deliberately not "
        "published (data minimisation under the GDPR)."
    ),
)
class BodyViewSet(OpenDataViewSet):
    serializer_class = api.BodySerializer
    filters = api.BodyFilters
    lookup_fields = {"period__slug": "period", "slug": "slug"}

    def get_queryset(self) -> QuerySet[Body]:
        # The person is never loaded: the API has no use for it.
        seats = (
            BodyMembership.objects.current()
            .select_related("organisation", "responsibility")
            .order_by("role", "organisation__name", "responsibility__order", "pk")
        )
        return (
            Body.objects.for_public_display()
            .prefetch_related("responsibilities", Prefetch("memberships", queryset=seats, to_attr="current_seats"))
            .order_by("-period__starts_on", "order", "name_sv", "slug")
        )

    def apply_filters(self, queryset: QuerySet[Any], **params: Any) -> QuerySet[Any]:
        if "period" in params:
            queryset = queryset.filter(period__slug=params["period"])
        if "kind" in params:
            queryset = queryset.filter(kind=params["kind"])
        return queryset


@documented(
    list_summary="List published initiatives of the action plans",
    detail_summary="One published initiative by slug",
    description=(
        "The projects and measures of the action plan that are published in the public catalogue, with "
        "the same filters as the catalogue: their themes, municipalities, target groups, partners, funding, "
        "milestones, indicators with approved actual values, and progress. Drafts are never listed. The "
        "contact person and whoever submitted a project are deliberately not published (data minimisation). "
        "Newly published initiatives are also in an Atom feed, `/api/v1/initiatives.atom`."
    ),
)
class InitiativeViewSet(OpenDataViewSet):
    serializer_class = api.InitiativeSerializer
    filters = api.InitiativeFilters

    def get_queryset(self) -> QuerySet[Initiative]:
        # Everything the serializer shows is fetched here, so the query count does not grow with the rows.
        actuals = IndicatorActual.objects.order_by("period_end", "period_start")
        indicators = Indicator.objects.order_by("name_sv", "pk").prefetch_related(_listed("actuals", actuals))
        return (
            Initiative.objects.published()
            .select_related("period__county", "parent", "lead_organisation")
            .prefetch_related(
                _listed("themes", FocusTheme.objects.select_related("area").order_by("area__number", "number")),
                _listed("principles"),
                _listed("municipalities", Municipality.objects.order_by("code")),
                _listed("target_groups"),
                _listed("partners", InitiativePartner.objects.select_related("organisation")),
                _listed("funding", Funding.objects.order_by("-amount_sek", "pk")),
                _listed("milestones"),
                _listed("indicators", indicators),
                _listed("links"),
            )
            # The slug follows the title and is unique and indexed: a stable order that needs no sort.
            .order_by("slug")
        )

    def apply_filters(self, queryset: QuerySet[Any], **params: Any) -> QuerySet[Any]:
        """The public catalogue's filters (CatalogueFilterForm.filter), across every county's period."""
        if "period" in params:
            queryset = queryset.filter(period__slug=params["period"])
        if "county" in params:
            queryset = queryset.filter(period__county__code=params["county"])
        if "status" in params:
            queryset = queryset.filter(status=params["status"])
        if "year" in params:
            year = params["year"]
            queryset = queryset.filter(
                Q(starts_on__isnull=True) | Q(starts_on__year__lte=year),
                Q(ends_on__isnull=True) | Q(ends_on__year__gte=year),
            )
        # Each condition on related rows is its own subquery: an initiative is listed once (no DISTINCT), and
        # `area` and `theme` may match different themes, as in the catalogue.
        related: list[Q] = []
        if "area" in params:
            related.append(Q(themes__area__slug=params["area"]))
        if "theme" in params:
            related.append(Q(themes__slug=params["theme"]))
        if "municipality" in params:
            code = params["municipality"]
            related.append(
                Q(municipalities__code=code) | Q(whole_county=True, period__county__municipalities__code=code)
            )
        if "organisation" in params:
            slug = params["organisation"]
            related.append(Q(lead_organisation__slug=slug) | Q(partners__organisation__slug=slug))
        if "target_group" in params:
            related.append(Q(target_groups__slug=params["target_group"]))
        for condition in related:
            queryset = queryset.filter(pk__in=Initiative.objects.filter(condition).values("pk"))
        if "q" in params:
            queryset = queryset.search(params["q"])  # type: ignore[attr-defined]  # an InitiativeQuerySet
        return queryset

    def paginate_queryset(self, queryset: QuerySet[Any] | Sequence[Any]) -> list[Any] | None:
        page = super().paginate_queryset(queryset)
        if page is not None:
            _add_progress(page)
        return page

    def get_object(self) -> Model:
        initiative = super().get_object()
        _add_progress([initiative])  # type: ignore[list-item]  # get_queryset gives initiatives
        return initiative


def _listed(lookup: str, queryset: QuerySet[Any] | None = None) -> Prefetch:
    """Prefetch into a plain list, `<lookup>_list`: then Django builds no queryset per row and relation, which
    costs more than the serialising on a page of fifty initiatives with nine relations each."""
    return Prefetch(lookup, queryset=queryset, to_attr=f"{lookup}_list")


def _add_progress(initiatives: list[Initiative]) -> None:
    """Give each initiative its rolled-up progress: a parent's is computed from its children's."""
    progress = tree_progress(initiatives)
    for initiative in initiatives:
        initiative.rolled_up_progress = progress.get(initiative.pk, initiative.progress)  # type: ignore[attr-defined]


class SchemaView(SpectacularJSONAPIView):
    """The OpenAPI schema, always in English so that it does not change with the visitor's language."""

    custom_settings = {
        "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "vagenin.api.schema.finish_schema"]
    }

    @extend_schema(exclude=True)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        with translation.override("en"):
            return super().get(request, *args, **kwargs)


LIST_ENDPOINTS = [
    "organisations",
    "counties",
    "municipalities",
    "agreements",
    "areas",
    "themes",
    "bodies",
    "initiatives",
]
RATE_PERIODS = {1: _("sekund"), 60: _("minut"), 3600: _("timme"), 86400: _("dygn")}


def _docs_context(request: HttpRequest) -> dict[str, Any]:
    throttle = AnonRateThrottle()
    count, seconds = throttle.parse_rate(throttle.rate)
    return {
        "base": request.build_absolute_uri(reverse("api:docs")),
        "schema_url": reverse("api:schema"),
        # The feed in the page's language (the API's pages follow Accept-Language).
        "feed_url": reverse(f"api:initiatives-feed{'-en' if translation.get_language() == 'en' else ''}"),
        "dcat_url": reverse("api:dcat"),
        "root_json_url": reverse("api:docs") + "?format=json",
        "feed_length": FEED_LENGTH,
        "list_urls": {name: reverse(f"api:{name}-list") for name in LIST_ENDPOINTS},
        # Examples from the reference data, which every installation loads.
        "examples": {
            "organisation": reverse("api:organisations-detail", kwargs={"slug": "lansstyrelsen-dalarna"}),
            "municipality": reverse("api:municipalities-detail", kwargs={"code": "2080"}),
            "agreement": reverse("api:agreements-detail", kwargs={"slug": "2015-2020"}),
            "area": reverse("api:areas-detail", kwargs={"period": "2015-2020", "slug": "arbete"}),
            "body": reverse("api:bodies-detail", kwargs={"period": "2015-2020", "slug": "kansli"}),
        },
        "rate_count": count,
        "rate_period": RATE_PERIODS.get(seconds or 0, ""),
        "cache_minutes": CACHE_SECONDS // 60,
        "page_size": Pagination.page_size,
        "max_page_size": Pagination.max_page_size,
    }


def _wants_json(request: HttpRequest) -> bool:
    if "format" in request.GET:
        return request.GET["format"] == "json"
    accept = request.META.get("HTTP_ACCEPT", "")
    return "application/json" in accept and "text/html" not in accept


def api_root(request: HttpRequest) -> JsonResponse:
    """The API's root for programs: its endpoints, licence, schema, feed and DCAT catalogue, as absolute URLs."""
    absolute = request.build_absolute_uri
    response = JsonResponse(
        {
            "title": settings_title(),
            "licence": {"name": LICENCE_NAME, "url": LICENCE_URL},
            "contact": settings.SECRETARIAT_EMAIL,
            "openapi": absolute(reverse("api:schema")),
            "catalogue": absolute(reverse("api:dcat")),
            "feed": absolute(reverse("api:initiatives-feed")),
            "documentation": absolute(reverse("api:docs")),
            "endpoints": {name: absolute(reverse(f"api:{name}-list")) for name in LIST_ENDPOINTS},
            "formats": ["json", "csv", "csv-excel", "xlsx"],
        },
        json_dumps_params={"ensure_ascii": False},
    )
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response


def settings_title() -> str:
    return str(settings.SPECTACULAR_SETTINGS["TITLE"])


@csrf_exempt  # read-only: OpenDataMiddleware answers every write under /api/ with 405, as DRF's views are exempt
def docs(request: HttpRequest) -> HttpResponse:
    """The start page of the API: for people the endpoints, formats, pagination, licence and limits; for programs
    (`Accept: application/json` or `?format=json`) the same as JSON."""
    if _wants_json(request):
        response: HttpResponse = api_root(request)
        patch_vary_headers(response, ["Accept"])
        return response
    # LocaleMiddleware gives every unprefixed path the default language, so the page honours the visitor's
    # language cookie or Accept-Language itself; the API's data has no language and stays unprefixed.
    language = translation.get_language_from_request(request)
    with translation.override(language):
        response = render(request, "api/docs.html", _docs_context(request))
    response["Content-Language"] = language
    patch_vary_headers(response, ["Accept"])
    return response


def _settlement_filters(queryset: QuerySet[Any], county_field: str, year_field: str, **params: Any) -> QuerySet[Any]:
    if "year" in params:
        queryset = queryset.filter(**{year_field: params["year"]})
    if "county" in params:
        queryset = queryset.filter(**{county_field: params["county"]})
    if "municipality" in params:
        queryset = queryset.filter(municipality__code=params["municipality"])
    return queryset


@documented(
    list_summary="List decided municipal settlement quotas",
    detail_summary="Not used",
    description=(
        "The municipal settlement quotas (kommuntal) of every decided year: the model's proposal, the decided "
        "quota, the adjustment and its justification, and the number received under the quota according to "
        "Migrationsverket. Undecided years are not published."
    ),
)
class SettlementQuotaViewSet(OpenDataViewSet):
    serializer_class = api.SettlementQuotaSerializer
    filters = api.SettlementFilters

    def get_queryset(self) -> QuerySet[MunicipalQuota]:
        return (
            MunicipalQuota.objects.public()
            .select_related("settlement_year__county", "municipality")
            .order_by("-settlement_year__year", "municipality__code")
        )

    def apply_filters(self, queryset: QuerySet[Any], **params: Any) -> QuerySet[Any]:
        return _settlement_filters(queryset, "settlement_year__county__code", "settlement_year__year", **params)


@documented(
    list_summary="List people received by municipalities per year",
    detail_summary="Not used",
    description=(
        "People received by each municipality per year under the compensation ordinance, with the unaccompanied "
        "children among them, as imported from Migrationsverket's export (Kommunmottagna)."
    ),
)
class SettlementReceptionViewSet(OpenDataViewSet):
    serializer_class = api.SettlementReceptionSerializer
    filters = api.SettlementFilters

    def get_queryset(self) -> QuerySet[AnnualReception]:
        return AnnualReception.objects.select_related("municipality__county").order_by("-year", "municipality__code")

    def apply_filters(self, queryset: QuerySet[Any], **params: Any) -> QuerySet[Any]:
        return _settlement_filters(queryset, "municipality__county__code", "year", **params)


@documented(
    list_summary="List granted grants",
    detail_summary="Not available",
    description=(
        "Grants the County Administrative Board has awarded through its integration programmes: recipient, "
        "purpose, amount, year and the decision's registration number. Public records; applications that were "
        "not granted, reviews and contact people are never published."
    ),
)
class GrantViewSet(OpenDataViewSet):
    serializer_class = api.GrantSerializer
    filters = api.GrantFilters
    queryset = (
        Application.objects.granted()
        .select_related("organisation__municipality", "call__programme")
        .order_by("-call__year", "organisation__name", "pk")
    )

    def apply_filters(self, queryset: QuerySet[Any], **params: Any) -> QuerySet[Any]:
        if "year" in params:
            queryset = queryset.filter(call__year=params["year"])
        if "programme" in params:
            queryset = queryset.filter(call__programme__slug=params["programme"])
        return queryset


@csrf_exempt  # read-only, as docs
def dcat(request: HttpRequest) -> HttpResponse:
    """The DCAT-AP-SE catalogue of the platform's datasets (RDF/XML), for dataportal.se to harvest."""
    # Addresses in the catalogue are identifiers: the same whatever language the harvester asks in.
    with translation.override(settings.LANGUAGE_CODE):
        response = HttpResponse(catalogue_rdf(), content_type="application/rdf+xml; charset=utf-8")
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response


_initiatives_feed = NewInitiativesFeed("sv")
_initiatives_feed_en = NewInitiativesFeed("en")


@csrf_exempt  # read-only, as docs
@cache_for_anonymous
def initiatives_feed(request: HttpRequest) -> HttpResponse:
    """The Atom feed of newly published initiatives, with validators stored along with a cached copy."""
    return add_validators(_initiatives_feed(request))


@csrf_exempt  # read-only, as docs
@cache_for_anonymous
def initiatives_feed_en(request: HttpRequest) -> HttpResponse:
    """The same feed in English: English titles and summaries where there are any, links to the English pages."""
    return add_validators(_initiatives_feed_en(request))


@documented(
    list_summary="List indicator definitions",
    detail_summary="One indicator definition by its code",
    description="Official statistical series: what each measures, its unit, source and the area it follows.",
)
class IndicatorViewSet(OpenDataViewSet):
    serializer_class = api.IndicatorDefinitionSerializer
    queryset = IndicatorDefinition.objects.select_related("area").order_by("code")
    lookup_fields = {"code": "code"}


@extend_schema_view(
    list=extend_schema(
        summary="List observations of official statistics",
        description=(
            "Figures per indicator, geography, period and breakdown. A withheld figure has status `suppressed` "
            "and no value; a figure not published has status `missing`."
        ),
        parameters=[api.ObservationFilters, FORMAT_PARAMETER],
        responses={
            (200, "application/json"): OpenApiResponse(api.ObservationSerializer(many=True), description="One page."),
            (200, "text/csv"): OpenApiTypes.STR,
            **ERROR_RESPONSES,
            **PAGE_NOT_FOUND,
        },
    )
)
class ObservationViewSet(OpenDataViewSet):
    serializer_class = api.ObservationSerializer
    queryset = Observation.objects.for_api()
    filters = api.ObservationFilters
    lookup_fields = {}

    def apply_filters(self, queryset: QuerySet[Any], **params: Any) -> QuerySet[Any]:
        if "indicator" in params:
            queryset = queryset.filter(indicator__code=params["indicator"])
        if "geography" in params:
            queryset = queryset.filter(geo_code=params["geography"])
        if "period" in params:
            queryset = queryset.filter(period_code=params["period"])
        return queryset


# newsletter ---------------------------------------------------------------------------------------


@documented(
    list_summary="List published news",
    detail_summary="One published news item by UUID",
    description=(
        "News from the secretariat and the partners, newest first. No personal data: the author is the organisation."
    ),
)
class NewsViewSet(OpenDataViewSet):
    serializer_class = api.NewsItemSerializer
    filters = api.NewsFilters
    lookup_fields = {"uuid": "newsitem"}

    def get_queryset(self) -> QuerySet[NewsItem]:
        return (
            NewsItem.objects.published()
            .select_related("organisation")
            .prefetch_related("areas", "themes")
            .order_by("-published_at", "-pk")
        )

    def apply_filters(self, queryset: QuerySet[Any], **params: Any) -> QuerySet[Any]:
        if "area" in params:
            queryset = queryset.filter(areas__slug=params["area"]).distinct()
        if "organisation" in params:
            queryset = queryset.filter(organisation__slug=params["organisation"])
        return queryset


@documented(
    list_summary="List the knowledge bank",
    detail_summary="One knowledge-bank entry by UUID",
    description="Guides, reports, process-day summaries and outside training, newest first.",
)
class DocumentViewSet(OpenDataViewSet):
    serializer_class = api.DocumentSerializer
    filters = api.DocumentFilters
    lookup_fields = {"uuid": "document"}

    def get_queryset(self) -> QuerySet[Document]:
        return (
            Document.objects.select_related("organisation")
            .prefetch_related("areas", "themes")
            .order_by(F("date").desc(nulls_last=True), "title_sv", "pk")
        )

    def apply_filters(self, queryset: QuerySet[Any], **params: Any) -> QuerySet[Any]:
        if "kind" in params:
            queryset = queryset.filter(kind=params["kind"])
        if "language" in params:
            queryset = queryset.filter(language=params["language"])
        if "area" in params:
            queryset = queryset.filter(areas__slug=params["area"]).distinct()
        return queryset


@documented(
    list_summary="List public meetings and events",
    detail_summary="One public meeting or event by UUID",
    description=(
        "Councils, process days, network meetings, conferences and other events open to all, soonest first, "
        "with their programme. Events for partners or a body's members only are never listed, and neither are "
        "registrations or participants (personal data). The same events are an iCalendar feed at "
        "`/moten/kalender.ics`."
    ),
)
class EventViewSet(OpenDataViewSet):
    serializer_class = api.EventSerializer
    filters = api.EventFilters
    lookup_fields = {"uuid": "event_uuid"}

    def get_queryset(self) -> QuerySet[Event]:
        return (
            Event.objects.public()
            .select_related("organiser", "body", "municipality")
            .prefetch_related(_listed("areas"), _listed("programme", ProgrammeItem.objects.order_by("starts_at", "pk")))
            .order_by("starts_at", "uuid")
        )

    def apply_filters(self, queryset: QuerySet[Any], **params: Any) -> QuerySet[Any]:
        if "kind" in params:
            queryset = queryset.filter(kind=params["kind"])
        if "area" in params:
            queryset = queryset.filter(pk__in=Event.objects.filter(areas__slug=params["area"]).values("pk"))
        if "municipality" in params:
            queryset = queryset.filter(municipality__code=params["municipality"])
        if params.get("upcoming") is not None:
            now = timezone.now()
            queryset = queryset.filter(ends_at__gte=now) if params["upcoming"] else queryset.filter(ends_at__lt=now)
        return queryset
