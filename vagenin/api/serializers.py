"""Open-data representations. Bilingual text comes as both `_sv` and `_en`, whatever the request language."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Choices, Model
from django.urls import reverse
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from vagenin.actionplan.models import (
    Direction,
    Funding,
    Indicator,
    IndicatorActual,
    Initiative,
    InitiativePartner,
    InitiativeStatus,
    Link,
    Milestone,
    PartnerRole,
    Visibility,
)
from vagenin.agreement.models import (
    AgreementPeriod,
    Area,
    Body,
    BodyKind,
    BodyMembership,
    FocusTheme,
    MemberRole,
    Principle,
    Responsibility,
    Signatory,
    ThemePartner,
)
from vagenin.indicators.models import IndicatorDefinition, Observation
from vagenin.meetings.models import Event, EventFormat, EventKind, ProgrammeItem
from vagenin.newsletter.models import Document, DocumentKind, DocumentLanguage, NewsItem
from vagenin.organisations.models import County, Municipality, Organisation, OrganisationType
from vagenin.settlement.models import AnnualReception, MunicipalQuota


@extend_schema_field(OpenApiTypes.STR)
class ChoiceLabelField(serializers.Field):
    """The label of a choice in a fixed language, so the data does not depend on the request's language."""

    def __init__(self, choices: type[Choices], language: str, **kwargs: Any) -> None:
        self.choices = choices
        self.language = language
        self.labels: dict[str, str] | None = None
        kwargs.setdefault("help_text", f"Label of the code ({language}).")
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value: str) -> str:
        # Switching the language for every row of a long list costs more than all its labels at once.
        if self.labels is None:
            with translation.override(self.language):
                self.labels = {choice.value: str(choice.label) for choice in self.choices}
        return self.labels[value]


@extend_schema_field(OpenApiTypes.URI)
class PublicPageField(serializers.Field):
    """The absolute address of the object's public page, always the Swedish (unprefixed) one so it stays stable."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", "Absolute URL of the public page on the platform.")
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value: Model) -> str:
        with translation.override(settings.LANGUAGE_CODE):
            path = value.get_absolute_url()  # type: ignore[attr-defined]  # only used on models that have one
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


def slug_of(help_text: str, *, optional: bool = False) -> serializers.SlugRelatedField:
    """A related object given by its slug (never its database id); `optional` when it may be null."""
    return serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=optional, help_text=help_text)


class CountySerializer(serializers.ModelSerializer):
    class Meta:
        model = County
        fields = ["code", "name", "short_name"]
        extra_kwargs = {"code": {"help_text": "Official two-digit county code (länskod)."}}


class MunicipalitySerializer(serializers.ModelSerializer):
    county_code = serializers.CharField(source="county.code", read_only=True, help_text="Two-digit county code.")

    class Meta:
        model = Municipality
        fields = ["code", "name", "short_name", "county_code"]
        extra_kwargs = {"code": {"help_text": "Official four-digit municipality code (kommunkod)."}}


class OrganisationSerializer(serializers.ModelSerializer):
    type_label_sv = ChoiceLabelField(OrganisationType, "sv", source="type")
    type_label_en = ChoiceLabelField(OrganisationType, "en", source="type")
    municipality_code = serializers.CharField(
        source="municipality.code", read_only=True, allow_null=True, help_text="Municipality the organisation is in."
    )
    municipality_name = serializers.CharField(source="municipality.short_name", read_only=True, allow_null=True)
    county_code = serializers.SerializerMethodField(help_text="The organisation's county, or its municipality's.")
    merged_into = slug_of("Slug of the organisation this one merged into, if any.", optional=True)
    url = PublicPageField()

    class Meta:
        model = Organisation
        fields = [
            "slug",
            "name",
            "name_en",
            "type",
            "type_label_sv",
            "type_label_en",
            "organisation_number",
            "municipality_code",
            "municipality_name",
            "county_code",
            "website",
            "description_sv",
            "description_en",
            "dissolved_on",
            "merged_into",
            "url",
        ]

    def get_county_code(self, organisation: Organisation) -> str | None:
        if organisation.county:
            return organisation.county.code
        if organisation.municipality:
            return organisation.municipality.county.code
        return None


class PrincipleSerializer(serializers.ModelSerializer):
    class Meta:
        model = Principle
        fields = ["number", "text_sv", "text_en"]


class SignatorySerializer(serializers.ModelSerializer):
    organisation = slug_of("Slug of the signing organisation.")

    class Meta:
        model = Signatory
        fields = ["organisation", "signed_on", "left_on", "note_sv", "note_en"]


class AgreementSerializer(serializers.ModelSerializer):
    county_code = serializers.CharField(source="county.code", read_only=True)
    principles = PrincipleSerializer(many=True, read_only=True)
    signatories = SignatorySerializer(many=True, read_only=True)
    url = PublicPageField()

    class Meta:
        model = AgreementPeriod
        fields = [
            "slug",
            "county_code",
            "title_sv",
            "title_en",
            "starts_on",
            "ends_on",
            "signed_on",
            "form_sv",
            "form_en",
            "intent_sv",
            "intent_en",
            "implementation_sv",
            "implementation_en",
            "principles",
            "signatories",
            "url",
        ]


class ThemePartnerSerializer(serializers.ModelSerializer):
    organisation = slug_of("Slug of the partner organisation; null when the partner is a group.", optional=True)

    class Meta:
        model = ThemePartner
        fields = ["organisation", "group_sv", "group_en", "note_sv", "note_en"]
        extra_kwargs = {"group_sv": {"help_text": 'A group of actors such as "Kommunerna" when not one organisation.'}}


class NestedThemeSerializer(serializers.ModelSerializer):
    partners = ThemePartnerSerializer(many=True, read_only=True)

    class Meta:
        model = FocusTheme
        fields = ["number", "slug", "name_sv", "name_en", "description_sv", "description_en", "partners"]


class ThemeSerializer(NestedThemeSerializer):
    period = serializers.CharField(source="area.period.slug", read_only=True, help_text="Slug of the agreement period.")
    area = serializers.CharField(source="area.slug", read_only=True, help_text="Slug of the area within the period.")

    class Meta(NestedThemeSerializer.Meta):
        fields = ["period", "area", *NestedThemeSerializer.Meta.fields]


class AreaSerializer(serializers.ModelSerializer):
    period = slug_of("Slug of the agreement period.")
    themes = NestedThemeSerializer(many=True, read_only=True)
    url = PublicPageField()

    class Meta:
        model = Area
        fields = [
            "period",
            "number",
            "slug",
            "name_sv",
            "name_en",
            "short_name_sv",
            "short_name_en",
            "lead_sv",
            "lead_en",
            "description_sv",
            "description_en",
            "themes",
            "url",
        ]


class ResponsibilitySerializer(serializers.ModelSerializer):
    class Meta:
        model = Responsibility
        fields = ["slug", "name_sv", "name_en"]


class SeatSerializer(serializers.ModelSerializer):
    """A current seat in a body: role, represented organisation and responsibility, never the person."""

    role_label_sv = ChoiceLabelField(MemberRole, "sv", source="role")
    role_label_en = ChoiceLabelField(MemberRole, "en", source="role")
    organisation = slug_of("Slug of the organisation the member represents.", optional=True)
    responsibility = slug_of("Slug of the member's area of responsibility within the body.", optional=True)

    class Meta:
        model = BodyMembership
        fields = ["role", "role_label_sv", "role_label_en", "organisation", "responsibility"]


class BodySerializer(serializers.ModelSerializer):
    period = slug_of("Slug of the agreement period.")
    kind_label_sv = ChoiceLabelField(BodyKind, "sv", source="kind")
    kind_label_en = ChoiceLabelField(BodyKind, "en", source="kind")
    # The metaclass moves declared fields off the class, so this does not clash with Field.parent at run time.
    parent = slug_of("Slug of the body this one is part of.", optional=True)  # type: ignore[assignment]
    area = slug_of("Slug of the collaboration area the body works in.", optional=True)
    convener = slug_of("Slug of the convening organisation.", optional=True)
    responsibilities = ResponsibilitySerializer(many=True, read_only=True)
    members = SeatSerializer(
        source="current_seats",
        many=True,
        read_only=True,
        help_text=(
            "Current seats as role, represented organisation and responsibility. Person names and contact "
            "details are deliberately left out (data minimisation): the open data describes how the agreement "
            "is organised, not who the individual members are."
        ),
    )
    url = PublicPageField()

    class Meta:
        model = Body
        fields = [
            "period",
            "slug",
            "kind",
            "kind_label_sv",
            "kind_label_en",
            "order",
            "name_sv",
            "name_en",
            "description_sv",
            "description_en",
            "meets_sv",
            "meets_en",
            "parent",
            "area",
            "convener",
            "responsibilities",
            "members",
            "url",
        ]


class OptionalIntegerField(serializers.IntegerField):
    """An integer query parameter where an empty value, as an HTML form sends it, means no filter."""

    def validate_empty_values(self, data: Any) -> tuple[bool, Any]:
        if data == "":
            return True, ""
        return super().validate_empty_values(data)


# Query parameters, validated by these serializers and documented from them in the schema. An empty value
# (as an HTML form sends) means no filter.


class OrganisationFilters(serializers.Serializer):
    type = serializers.ChoiceField(
        OrganisationType.choices, required=False, allow_blank=True, help_text="Organisation type."
    )
    municipality = serializers.RegexField(
        r"^\d{4}$", required=False, allow_blank=True, help_text="Four-digit municipality code, e.g. 2080 for Falun."
    )
    county = serializers.RegexField(
        r"^\d{2}$",
        required=False,
        allow_blank=True,
        help_text="Two-digit county code: organisations in the county or in one of its municipalities.",
    )
    signatory = serializers.SlugField(
        required=False, allow_blank=True, help_text="Slug of an agreement period: only organisations that signed it."
    )
    q = serializers.CharField(
        required=False, allow_blank=True, max_length=100, help_text="Part of the Swedish or English name."
    )


class MunicipalityFilters(serializers.Serializer):
    county = serializers.RegexField(
        r"^\d{2}$", required=False, allow_blank=True, help_text="Two-digit county code, e.g. 20."
    )


class PeriodFilters(serializers.Serializer):
    period = serializers.SlugField(
        required=False, allow_blank=True, help_text="Slug of an agreement period; all periods when left out."
    )


class ThemeFilters(PeriodFilters):
    area = serializers.SlugField(
        required=False, allow_blank=True, help_text="Slug of an area (combine with `period` to be exact)."
    )


class BodyFilters(PeriodFilters):
    kind = serializers.ChoiceField(BodyKind.choices, required=False, allow_blank=True, help_text="Kind of body.")


# The action plan ---------------------------------------------------------------------------------


class InitiativeThemeSerializer(serializers.ModelSerializer):
    area = serializers.CharField(source="area.slug", read_only=True, help_text="Slug of the theme's area.")

    class Meta:
        model = FocusTheme
        fields = ["area", "slug"]
        extra_kwargs = {"slug": {"help_text": "Slug of the focus theme within its area."}}


class InitiativePartnerSerializer(serializers.ModelSerializer):
    organisation = slug_of("Slug of the partner organisation.")
    role = serializers.ChoiceField(PartnerRole.choices, read_only=True, help_text="The partner's role.")

    class Meta:
        model = InitiativePartner
        fields = ["organisation", "role"]


class FundingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Funding
        fields = ["source", "amount_sek"]
        extra_kwargs = {
            "source": {"help_text": "Where the money comes from."},
            "amount_sek": {"help_text": "Amount in whole Swedish kronor."},
        }


class MilestoneSerializer(serializers.ModelSerializer):
    done = serializers.SerializerMethodField(help_text="Whether the milestone has been reached.")

    class Meta:
        model = Milestone
        fields = ["title_sv", "title_en", "due_on", "done", "done_on"]
        extra_kwargs = {"done_on": {"help_text": "The day it was reached; null while not done."}}

    def get_done(self, milestone: Milestone) -> bool:
        return milestone.done_on is not None


class ActualSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndicatorActual
        fields = ["period_start", "period_end", "value"]


class IndicatorSerializer(serializers.ModelSerializer):
    direction = serializers.ChoiceField(
        Direction.choices, read_only=True, help_text="Whether the indicator should go up or down."
    )
    actuals = ActualSerializer(
        source="actuals_list",
        many=True,
        read_only=True,
        help_text="Actual values per reporting period, oldest first; only values the secretariat has approved.",
    )

    class Meta:
        model = Indicator
        fields = [
            "name_sv",
            "name_en",
            "unit",
            "direction",
            "baseline_value",
            "baseline_date",
            "target_value",
            "target_date",
            "actuals",
        ]


class LinkSerializer(serializers.ModelSerializer):
    class Meta:
        model = Link
        fields = ["title", "url"]


class _KeyList(serializers.Field):
    """A prefetched list of related objects as a list of one of their keys (slug, code, number)."""

    def __init__(self, *, key: str, **kwargs: Any) -> None:
        kwargs["read_only"] = True
        super().__init__(**kwargs)
        self.key = key

    def to_representation(self, value: Any) -> list[Any]:
        return [getattr(item, self.key) for item in value]


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class StringKeyList(_KeyList):
    pass


@extend_schema_field({"type": "array", "items": {"type": "integer"}})
class IntegerKeyList(_KeyList):
    pass


class InitiativeSerializer(serializers.ModelSerializer):
    """A published initiative. The contact person and whoever submitted it are deliberately left out."""

    period = slug_of("Slug of the agreement period.")
    county_code = serializers.CharField(source="period.county.code", read_only=True, help_text="Two-digit county code.")
    parent = serializers.SerializerMethodField(  # type: ignore[assignment]  # the metaclass moves it off the class
        help_text="Slug of the initiative this one is part of, when that one is published too."
    )
    lead_organisation = slug_of("Slug of the organisation that leads the initiative.")
    areas = serializers.SerializerMethodField(help_text="Slugs of the areas the initiative's themes belong to.")
    themes = InitiativeThemeSerializer(
        source="themes_list", many=True, read_only=True, help_text="The focus themes the initiative serves."
    )
    principles = IntegerKeyList(
        source="principles_list", key="number", help_text="Numbers of the agreement's principles it applies."
    )
    municipalities = StringKeyList(
        source="municipalities_list",
        key="code",
        help_text="Four-digit codes of the municipalities it covers (empty when `whole_county` is true).",
    )
    target_groups = StringKeyList(
        source="target_groups_list", key="slug", help_text="Slugs of the groups the initiative is for."
    )
    partners = InitiativePartnerSerializer(
        source="partners_list", many=True, read_only=True, help_text="Partner organisations and roles."
    )
    funding = FundingSerializer(source="funding_list", many=True, read_only=True)
    milestones = MilestoneSerializer(
        source="milestones_list", many=True, read_only=True, help_text="Dated steps, earliest first."
    )
    indicators = IndicatorSerializer(source="indicators_list", many=True, read_only=True)
    links = LinkSerializer(source="links_list", many=True, read_only=True)
    status_label_sv = ChoiceLabelField(InitiativeStatus, "sv", source="status")
    status_label_en = ChoiceLabelField(InitiativeStatus, "en", source="status")
    progress = serializers.IntegerField(
        source="rolled_up_progress",
        read_only=True,
        help_text=(
            "Progress in per cent (0–100) from the approved progress reports. For an initiative with "
            "sub-initiatives it is computed: the weighted mean of its sub-initiatives' progress."
        ),
    )
    url = PublicPageField()

    class Meta:
        model = Initiative
        fields = [
            "slug",
            "uuid",
            "period",
            "county_code",
            "parent",
            "title_sv",
            "title_en",
            "summary_sv",
            "summary_en",
            "description_sv",
            "description_en",
            "lead_organisation",
            "partners",
            "areas",
            "themes",
            "principles",
            "whole_county",
            "municipalities",
            "target_groups",
            "status",
            "status_label_sv",
            "status_label_en",
            "progress",
            "starts_on",
            "ends_on",
            "funding",
            "milestones",
            "indicators",
            "links",
            "published_at",
            "updated_at",
            "url",
        ]
        extra_kwargs = {"uuid": {"help_text": "Identifier that never changes, even if the slug does."}}

    def get_parent(self, initiative: Initiative) -> str | None:
        parent = initiative.parent
        return parent.slug if parent is not None and parent.visibility == Visibility.PUBLISHED else None

    def get_areas(self, initiative: Initiative) -> list[str]:
        # The view prefetches the themes into this list.
        return list(dict.fromkeys(theme.area.slug for theme in initiative.themes_list))  # type: ignore[attr-defined]


class InitiativeFilters(PeriodFilters):
    """The public catalogue's filters, by slug and code instead of the catalogue's form fields."""

    county = serializers.RegexField(
        r"^\d{2}$", required=False, allow_blank=True, help_text="Two-digit county code of the agreement period."
    )
    area = serializers.SlugField(
        required=False, allow_blank=True, help_text="Slug of an area (combine with `period` to be exact)."
    )
    theme = serializers.SlugField(
        required=False, allow_blank=True, help_text="Slug of a focus theme (combine with `period` and `area`)."
    )
    municipality = serializers.RegexField(
        r"^\d{4}$",
        required=False,
        allow_blank=True,
        help_text="Four-digit municipality code: initiatives covering it, including those for its whole county.",
    )
    organisation = serializers.SlugField(
        required=False, allow_blank=True, help_text="Slug of an organisation that leads the initiative or is a partner."
    )
    status = serializers.ChoiceField(
        InitiativeStatus.choices, required=False, allow_blank=True, help_text="Status of the initiative."
    )
    target_group = serializers.SlugField(required=False, allow_blank=True, help_text="Slug of a target group.")
    year = OptionalIntegerField(
        required=False, min_value=2000, max_value=2100, help_text="Initiatives under way at some time in that year."
    )
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="Full-text search in title, summary and description (Swedish word forms match).",
    )


# Settlement: decided municipal quotas and people received (public records; no personal data).


class SettlementQuotaSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="settlement_year.year", read_only=True, help_text="Settlement year.")
    county_code = serializers.CharField(source="settlement_year.county.code", read_only=True)
    municipality_code = serializers.CharField(source="municipality.code", read_only=True)
    municipality_name = serializers.CharField(source="municipality.short_name", read_only=True)
    decided_on = serializers.DateField(source="settlement_year.decided_on", read_only=True)
    registration_number = serializers.CharField(source="settlement_year.registration_number", read_only=True)
    adjustment = serializers.IntegerField(read_only=True, help_text="Final quota minus the model's proposal.")

    class Meta:
        model = MunicipalQuota
        fields = [
            "year",
            "county_code",
            "municipality_code",
            "municipality_name",
            "proposed",
            "quota",
            "adjustment",
            "justification",
            "received",
            "decided_on",
            "registration_number",
        ]
        extra_kwargs = {
            "proposed": {"help_text": "The model's proposal; null when the quota did not come from the model."},
            "quota": {"help_text": "The decided municipal quota (kommuntal)."},
            "justification": {"help_text": "Why the quota differs from the model's proposal (empty if it does not)."},
            "received": {"help_text": "Received under the quota according to Migrationsverket; null if not known."},
        }


class SettlementReceptionSerializer(serializers.ModelSerializer):
    municipality_code = serializers.CharField(source="municipality.code", read_only=True)
    municipality_name = serializers.CharField(source="municipality.short_name", read_only=True)
    county_code = serializers.CharField(source="municipality.county.code", read_only=True)

    class Meta:
        model = AnnualReception
        fields = ["year", "county_code", "municipality_code", "municipality_name", "persons", "unaccompanied", "source"]
        extra_kwargs = {
            "persons": {"help_text": "People received under the compensation ordinance, all categories."},
            "unaccompanied": {"help_text": "Of whom unaccompanied children."},
            "source": {"help_text": "The Migrationsverket export the figures come from."},
        }


class SettlementFilters(serializers.Serializer):
    year = OptionalIntegerField(required=False, min_value=2000, max_value=2100, help_text="Year, e.g. 2018.")
    county = serializers.RegexField(r"^\d{2}$", required=False, allow_blank=True, help_text="Two-digit county code.")
    municipality = serializers.RegexField(
        r"^\d{4}$", required=False, allow_blank=True, help_text="Four-digit municipality code."
    )


class GrantSerializer(serializers.Serializer):
    """A granted grant: a public record. Never drafts, reviews, contacts or anything else of the application."""

    recipient = serializers.CharField(source="organisation.slug", help_text="Slug of the receiving organisation.")
    recipient_name = serializers.CharField(source="organisation.name", help_text="Name of the receiving organisation.")
    organisation_type = serializers.CharField(source="organisation.type", help_text="Type of the organisation.")
    municipality_code = serializers.CharField(
        source="organisation.municipality.code", allow_null=True, help_text="Municipality of the organisation."
    )
    programme = serializers.CharField(source="call.programme.slug", help_text="Slug of the grant programme.")
    programme_code = serializers.CharField(source="call.programme.code", help_text="TIA, § 37 or § 37 a.")
    year = serializers.IntegerField(source="call.year", help_text="Year of the call.")
    purpose = serializers.CharField(help_text="What the grant is for.")
    amount_sek = serializers.IntegerField(source="amount_granted", help_text="Amount granted, in whole kronor.")
    decided_on = serializers.DateField(help_text="Date of the decision.")
    registration_number = serializers.CharField(help_text="The decision's registration number (diarienummer).")


class GrantFilters(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100, help_text="Year of the call.")
    programme = serializers.SlugField(required=False, allow_blank=True, help_text="Slug of a grant programme.")


# Official statistics (the indicators app) ---------------------------------------------------------------------


class IndicatorDefinitionSerializer(serializers.ModelSerializer):
    area = slug_of("Slug of the collaboration area it follows.", optional=True)

    class Meta:
        model = IndicatorDefinition
        fields = [
            "code",
            "name_sv",
            "name_en",
            "description_sv",
            "description_en",
            "unit",
            "decimals",
            "area",
            "population_section",
            "direction",
            "publisher",
            "source_table",
            "breakdowns",
            "headline",
            "eu_core",
        ]


class ObservationSerializer(serializers.ModelSerializer):
    indicator: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text="Indicator code."
    )
    value = serializers.DecimalField(
        max_digits=20, decimal_places=6, coerce_to_string=True, allow_null=True, read_only=True, normalize_output=True
    )
    imported_at = serializers.DateTimeField(
        source="batch.finished_at", read_only=True, allow_null=True, help_text="When the figure was imported."
    )

    class Meta:
        model = Observation
        fields = [
            "indicator",
            "geo_code",
            "geo_level",
            "period_kind",
            "period_code",
            "period_start",
            "period_end",
            "breakdown",
            "value",
            "status",
            "source",
            "imported_at",
        ]


class ObservationFilters(serializers.Serializer):
    indicator = serializers.RegexField(
        r"^[-a-zA-Z0-9_]+$", required=False, allow_blank=True, max_length=40, help_text="Indicator code, e.g. N03926."
    )
    geography = serializers.RegexField(
        r"^(\d{2}|\d{4})$",
        required=False,
        allow_blank=True,
        help_text="Geography code: 00 Sweden, a two-digit county or a four-digit municipality code.",
    )
    period = serializers.RegexField(
        r"^[0-9KM-]{4,9}$", required=False, allow_blank=True, help_text="Period code: 2024, 2024K1, 2024M03, 2004-2007."
    )


# newsletter: published news and the knowledge bank ----------------------------------------------


class NewsItemSerializer(serializers.ModelSerializer):
    """A published news item. Who wrote it (a person) is left out; the organisation stands for it."""

    organisation = slug_of("Slug of the organisation the item is from.")
    areas = serializers.SerializerMethodField(help_text="Slugs of the areas the item is tagged with.")
    themes = serializers.SerializerMethodField(help_text="Slugs of the focus themes the item is tagged with.")
    url = serializers.SerializerMethodField(help_text="The item's page on the website.")
    image_url = serializers.SerializerMethodField(help_text="The item's image, or null.")

    class Meta:
        model = NewsItem
        fields = [
            "uuid",
            "title_sv",
            "title_en",
            "summary_sv",
            "summary_en",
            "body_sv",
            "body_en",
            "organisation",
            "areas",
            "themes",
            "published_at",
            "url",
            "image_url",
            "image_alt_sv",
            "image_alt_en",
        ]
        extra_kwargs = {
            "body_sv": {"help_text": "The body in the site's small Markdown subset (headings, lists, links)."},
            "published_at": {"help_text": "When the item was published."},
        }

    def get_areas(self, item: NewsItem) -> list[str]:
        return [area.slug for area in item.areas.all()]

    def get_themes(self, item: NewsItem) -> list[str]:
        return [theme.slug for theme in item.themes.all()]

    def get_url(self, item: NewsItem) -> str:
        return f"{settings.SITE_URL.rstrip('/')}{item.get_absolute_url()}"

    def get_image_url(self, item: NewsItem) -> str | None:
        if not item.image:
            return None
        path = reverse("newsletter:news_image", kwargs={"newsitem": item.uuid})
        return f"{settings.SITE_URL.rstrip('/')}{path}"


class DocumentSerializer(serializers.ModelSerializer):
    """A knowledge-bank entry: a file on the site, an external link, or a description only."""

    organisation = slug_of("Slug of the organisation behind the document.", optional=True)
    areas = serializers.SerializerMethodField(help_text="Slugs of the areas the document is tagged with.")
    themes = serializers.SerializerMethodField(help_text="Slugs of the focus themes the document is tagged with.")
    file_url = serializers.SerializerMethodField(help_text="Download address of the file on the site, or null.")

    class Meta:
        model = Document
        fields = [
            "uuid",
            "title_sv",
            "title_en",
            "description_sv",
            "description_en",
            "kind",
            "date",
            "language",
            "organisation",
            "areas",
            "themes",
            "file_url",
            "url",
        ]
        extra_kwargs = {
            "kind": {"help_text": "guide, report, process_day, training or other."},
            "date": {"help_text": "The document's date; null when not known."},
            "language": {"help_text": "The document's language: sv, en or other."},
            "url": {"help_text": "External link, or empty."},
        }

    def get_areas(self, document: Document) -> list[str]:
        return [area.slug for area in document.areas.all()]

    def get_themes(self, document: Document) -> list[str]:
        return [theme.slug for theme in document.themes.all()]

    def get_file_url(self, document: Document) -> str | None:
        if not document.file:
            return None
        path = reverse("newsletter:document_file", kwargs={"document": document.uuid})
        return f"{settings.SITE_URL.rstrip('/')}{path}"


class NewsFilters(serializers.Serializer):
    area = serializers.SlugField(required=False, allow_blank=True, help_text="Slug of an area.")
    organisation = serializers.SlugField(required=False, allow_blank=True, help_text="Slug of an organisation.")


class DocumentFilters(serializers.Serializer):
    kind = serializers.ChoiceField(
        DocumentKind.choices, required=False, allow_blank=True, help_text="Type of document."
    )
    language = serializers.ChoiceField(
        DocumentLanguage.choices, required=False, allow_blank=True, help_text="Language of the document."
    )
    area = serializers.SlugField(required=False, allow_blank=True, help_text="Slug of an area.")


# Meetings -----------------------------------------------------------------------------------------------


class EventProgrammeSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgrammeItem
        fields = ["starts_at", "ends_at", "title_sv", "title_en", "speakers"]


class EventSerializer(serializers.ModelSerializer):
    """A public meeting or event. Registrations and participants are never published (personal data)."""

    uuid = serializers.UUIDField(read_only=True, help_text="Stable identifier of the event.")
    kind_label_sv = ChoiceLabelField(EventKind, "sv", source="kind")
    kind_label_en = ChoiceLabelField(EventKind, "en", source="kind")
    format_label_sv = ChoiceLabelField(EventFormat, "sv", source="format")
    format_label_en = ChoiceLabelField(EventFormat, "en", source="format")
    organiser = slug_of("Slug of the organising organisation.")
    body = slug_of("Slug of the governance body the meeting belongs to.", optional=True)
    areas = StringKeyList(source="areas_list", key="slug", help_text="Slugs of the areas of collaboration.")
    municipality = serializers.CharField(
        source="municipality.code",
        read_only=True,
        allow_null=True,
        help_text="Four-digit code of the venue's municipality.",
    )
    programme = EventProgrammeSerializer(source="programme_list", many=True, read_only=True)
    cancelled = serializers.SerializerMethodField(help_text="Whether the event has been called off.")
    url = PublicPageField()

    class Meta:
        model = Event
        fields = [
            "uuid",
            "kind",
            "kind_label_sv",
            "kind_label_en",
            "title_sv",
            "title_en",
            "summary_sv",
            "summary_en",
            "description_sv",
            "description_en",
            "organiser",
            "body",
            "areas",
            "format",
            "format_label_sv",
            "format_label_en",
            "venue",
            "address",
            "municipality",
            "starts_at",
            "ends_at",
            "capacity",
            "registration_opens_at",
            "registration_closes_at",
            "cancelled",
            "programme",
            "url",
        ]

    def get_cancelled(self, event: Event) -> bool:
        return event.cancelled_at is not None


class EventFilters(serializers.Serializer):
    kind = serializers.ChoiceField(EventKind.choices, required=False, allow_blank=True, help_text="Kind of event.")
    area = serializers.SlugField(required=False, allow_blank=True, help_text="Slug of an area of collaboration.")
    municipality = serializers.RegexField(
        r"^\d{4}$", required=False, allow_blank=True, help_text="Four-digit code of the venue's municipality."
    )
    upcoming = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text="true: only events not yet ended; false: only past."
    )
