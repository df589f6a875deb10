"""Indicator definitions, their observations, import batches and the integration report's publications."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from vagenin.agreement.models import Area
from vagenin.common.models import TimeStampedModel, Translated


def breakdown_key(breakdown: Mapping[str, str]) -> str:
    """The canonical key of a breakdown: "dim=value;dim=value" sorted, or its SHA-1 when that grows long."""
    text = ";".join(f"{code}={value}" for code, value in sorted(breakdown.items()))
    return text if len(text) <= 120 else "sha1:" + hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


class Direction(models.TextChoices):
    UP = "up", _("Högre är bättre")
    DOWN = "down", _("Lägre är bättre")
    NEUTRAL = "neutral", _("Varken högre eller lägre är bättre")


class Unit(models.TextChoices):
    PERCENT = "percent", _("Procent")
    NUMBER = "number", _("Antal")


class SourceKind(models.TextChoices):
    JSONSTAT = "jsonstat", _("PxWeb JSON-stat 2")
    PXWEB_CSV = "pxweb_csv", _("PxWeb CSV")
    KOLADA = "kolada", _("Kolada JSON (API v3)")
    KOLADA_EXPORT = "kolada_export", _("Kolada-export (CSV)")
    LONG_CSV = "long_csv", _("Lång CSV med kolumnmappning")


# The sources the scheduled task can fetch by itself (fetching.py): PxWeb's JSON-stat 2 and Kolada's API.
FETCHABLE = [(SourceKind.JSONSTAT.value, SourceKind.JSONSTAT.label), (SourceKind.KOLADA.value, SourceKind.KOLADA.label)]


class IndicatorDefinitionQuerySet(models.QuerySet["IndicatorDefinition"]):
    def for_display(self) -> IndicatorDefinitionQuerySet:
        return self.select_related("area").order_by("area__number", "sort_order", "code")


class IndicatorDefinition(TimeStampedModel):
    """A statistical series: what it measures, where it comes from, which area of the agreement it follows."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.SlugField(_("kod"), max_length=40, unique=True, help_text=_("Källans kod, t.ex. N03926."))
    name_sv = models.CharField(_("namn"), max_length=200)
    name_en = models.CharField(_("namn på engelska"), max_length=200, blank=True)
    description_sv = models.TextField(_("beskrivning"), blank=True)
    description_en = models.TextField(_("beskrivning på engelska"), blank=True)
    unit = models.CharField(_("enhet"), max_length=10, choices=Unit.choices, default=Unit.PERCENT)
    unit_label_sv = models.CharField(
        _("enhet i text"), max_length=40, blank=True, help_text=_("T.ex. procent, personer, kronor per invånare.")
    )
    unit_label_en = models.CharField(_("enhet i text på engelska"), max_length=40, blank=True)
    suppress_below = models.PositiveSmallIntegerField(
        _("dölj antal under"),
        default=0,
        help_text=_(
            "Antal under gränsen redovisas inte, och inte heller värden som skulle avslöja dem (0 = ingen gräns). "
            "Gäller indikatorer med enheten antal."
        ),
    )
    decimals = models.PositiveSmallIntegerField(_("decimaler"), default=1)
    area = models.ForeignKey(
        Area, verbose_name=_("samverkansområde"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    population_section = models.BooleanField(_("befolkning och invandring"), default=False)
    direction = models.CharField(_("riktning"), max_length=10, choices=Direction.choices, default=Direction.NEUTRAL)
    publisher = models.CharField(_("utgivare"), max_length=100, blank=True)
    source_table = models.CharField(_("tabell eller nyckeltal"), max_length=200, blank=True)
    source_query = models.TextField(
        _("fråga"), blank=True, help_text=_("För PxWeb: frågan i JSON som skickas till API-adressen (annars GET).")
    )
    fetch_kind = models.CharField(
        _("hämtas från API"),
        max_length=20,
        blank=True,
        choices=[("", _("Nej, bara från uppladdade filer")), *FETCHABLE],
    )
    fetch_url = models.URLField(
        _("API-adress"),
        max_length=500,
        blank=True,
        help_text=_("T.ex. https://api.kolada.se/v3/data/kpi/N03926/municipality/0020 (bara https)."),
    )
    breakdowns = models.JSONField(_("uppdelningar"), default=list, blank=True)
    headline = models.JSONField(_("huvudserie"), default=dict, blank=True, help_text=_('T.ex. {"gender": "T"}.'))
    eu_core = models.BooleanField(_("EU:s kärnindikator för integration"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("ordning"), default=0)

    objects = IndicatorDefinitionQuerySet.as_manager()

    name = Translated("name")
    description = Translated("description")

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def headline_key(self) -> str:
        return breakdown_key(self.headline or {})

    @property
    def unit_label(self) -> str:
        """The unit in the active language: the label given, or the unit's own name (never Swedish in English)."""
        english = (get_language() or "sv").startswith("en")
        typed = self.unit_label_en if english else self.unit_label_sv
        return typed or str(Unit(self.unit).label).lower()

    @property
    def suppression_threshold(self) -> int:
        """The small-count threshold in force: only counts are protected."""
        return self.suppress_below if self.unit == Unit.NUMBER else 0


class ImportBatch(models.Model):
    """One import of one file: who, when, what kind, and what was accepted and rejected."""

    class State(models.TextChoices):
        PREVIEWED = "previewed", _("Förhandsgranskad")
        RUNNING = "running", _("Pågår")
        DONE = "done", _("Klar")
        FAILED = "failed", _("Misslyckad")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file_name = models.CharField(_("filnamn"), max_length=255)
    source_kind = models.CharField(_("filformat"), max_length=20, choices=SourceKind.choices)
    options = models.JSONField(_("inställningar"), default=dict, blank=True)
    content = models.BinaryField(_("innehåll"), blank=True, default=b"")
    state = models.CharField(_("läge"), max_length=12, choices=State.choices, default=State.PREVIEWED)
    accepted = models.PositiveIntegerField(_("godtagna rader"), default=0)
    rejected = models.PositiveIntegerField(_("avvisade rader"), default=0)
    rejected_rows = models.JSONField(_("avvisade rader med skäl"), default=list, blank=True)
    progress = models.PositiveSmallIntegerField(_("förlopp (%)"), default=0)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("importer")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="importbatch_progress_percent"),
        ]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%Y-%m-%d})"


class GeoLevel(models.TextChoices):
    COUNTRY = "country", _("Riket")
    COUNTY = "county", _("Län")
    MUNICIPALITY = "municipality", _("Kommun")


class PeriodKind(models.TextChoices):
    YEAR = "year", _("År")
    QUARTER = "quarter", _("Kvartal")
    MONTH = "month", _("Månad")
    SPAN = "span", _("Flerårsperiod")


class Status(models.TextChoices):
    FINAL = "final", _("Slutlig")
    PRELIMINARY = "preliminary", _("Preliminär")
    MISSING = "missing", _("Saknas")
    SUPPRESSED = "suppressed", _("Skyddad")


class Suppression(models.TextChoices):
    """Why this platform withholds a figure (empty: the source's own status, or shown)."""

    PRIMARY = "primary", _("Färre än gränsen för små antal")
    SECONDARY = "secondary", _("Skulle avslöja ett dolt värde ur en summa")


class ObservationQuerySet(models.QuerySet["Observation"]):
    def headline_of(self, indicator: IndicatorDefinition) -> ObservationQuerySet:
        return self.filter(indicator=indicator, breakdown_key=indicator.headline_key)

    def for_api(self) -> ObservationQuerySet:
        return self.select_related("indicator", "batch").order_by("indicator__code", "geo_code", "period_start", "id")


class Observation(models.Model):
    """One figure of an indicator for a geography, a period and a breakdown."""

    indicator = models.ForeignKey(
        IndicatorDefinition, verbose_name=_("indikator"), on_delete=models.CASCADE, related_name="observations"
    )
    geo_code = models.CharField(_("områdeskod"), max_length=4)
    geo_level = models.CharField(_("nivå"), max_length=12, choices=GeoLevel.choices)
    period_kind = models.CharField(_("periodtyp"), max_length=8, choices=PeriodKind.choices)
    period_code = models.CharField(_("period"), max_length=9)
    period_start = models.DateField(_("periodens början"))
    period_end = models.DateField(_("periodens slut"))
    breakdown = models.JSONField(_("uppdelning"), default=dict, blank=True)
    breakdown_key = models.CharField(_("uppdelningsnyckel"), max_length=128, blank=True)
    value = models.DecimalField(_("värde"), max_digits=20, decimal_places=6, null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.FINAL)
    symbol = models.CharField(_("källans tecken"), max_length=4, blank=True)
    suppression = models.CharField(
        _("dold av plattformen"), max_length=10, choices=Suppression.choices, blank=True, default=""
    )
    source = models.CharField(_("källa"), max_length=255, blank=True)
    batch = models.ForeignKey(
        ImportBatch, verbose_name=_("import"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ObservationQuerySet.as_manager()

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observationer")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "geo_code", "period_code", "breakdown_key"], name="observation_unique_key"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(status__in=["final", "preliminary"], value__isnull=False)
                    | models.Q(status__in=["missing", "suppressed"], value__isnull=True)
                ),
                name="observation_value_matches_status",
            ),
            models.CheckConstraint(
                condition=models.Q(suppression="") | models.Q(status="suppressed"),
                name="observation_suppression_is_suppressed",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="observation_period_order"
            ),
        ]
        indexes = [models.Index(fields=["indicator", "breakdown_key", "geo_code", "period_start"])]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.geo_code} {self.period_code} {self.breakdown_key}"


class Report(TimeStampedModel):
    """The integration report: a title, a year and its sections."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title_sv = models.CharField(_("titel"), max_length=200)
    title_en = models.CharField(_("titel på engelska"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("år"))

    title = Translated("title")

    class Meta:
        verbose_name = _("rapport")
        verbose_name_plural = _("rapporter")
        ordering = ["-year", "title_sv"]

    def __str__(self) -> str:
        return f"{self.title} {self.year}"


class ReportSection(models.Model):
    """A section: population and immigration, or one area of the agreement, with its indicators and text."""

    report = models.ForeignKey(Report, verbose_name=_("rapport"), on_delete=models.CASCADE, related_name="sections")
    number = models.PositiveSmallIntegerField(_("nummer"))
    area = models.ForeignKey(
        Area, verbose_name=_("samverkansområde"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title_sv = models.CharField(_("rubrik"), max_length=200)
    title_en = models.CharField(_("rubrik på engelska"), max_length=200, blank=True)
    text_sv = models.TextField(_("text"), blank=True)
    text_en = models.TextField(_("text på engelska"), blank=True)
    indicators = models.ManyToManyField(IndicatorDefinition, verbose_name=_("indikatorer"), blank=True)

    title = Translated("title")
    text = Translated("text")

    class Meta:
        verbose_name = _("rapportavsnitt")
        verbose_name_plural = _("rapportavsnitt")
        ordering = ["report", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="reportsection_unique_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class PublicationQuerySet(models.QuerySet["Publication"]):
    def published(self) -> PublicationQuerySet:
        return self.filter(state=Publication.State.PUBLISHED)


class Publication(models.Model):
    """A generated version of a report: 16 editions (the county and its municipalities), web and PDF."""

    class State(models.TextChoices):
        GENERATING = "generating", _("Skapas")
        READY = "ready", _("Klar att publicera")
        PUBLISHED = "published", _("Publicerad")
        SUPERSEDED = "superseded", _("Ersatt")
        FAILED = "failed", _("Misslyckad")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    report = models.ForeignKey(Report, verbose_name=_("rapport"), on_delete=models.CASCADE, related_name="publications")
    version = models.PositiveIntegerField(_("version"))
    state = models.CharField(_("läge"), max_length=12, choices=State.choices, default=State.GENERATING)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("publicerad"), null=True, blank=True)
    editions_total = models.PositiveSmallIntegerField(_("utgåvor totalt"), default=0)
    editions_done = models.PositiveSmallIntegerField(_("utgåvor klara"), default=0)
    error = models.TextField(_("fel"), blank=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("publicering")
        verbose_name_plural = _("publiceringar")
        ordering = ["report", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["report", "version"], name="publication_unique_version"),
            models.UniqueConstraint(
                fields=["report"], condition=models.Q(state="published"), name="publication_one_published"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} v{self.version}"


class Edition(models.Model):
    """One geography's edition of a publication, in Swedish and English, as web content and PDF."""

    publication = models.ForeignKey(
        Publication, verbose_name=_("publicering"), on_delete=models.CASCADE, related_name="editions"
    )
    geo_code = models.CharField(_("områdeskod"), max_length=4)
    geo_name = models.CharField(_("område"), max_length=100)
    content_sv = models.TextField(_("innehåll"))
    content_en = models.TextField(_("innehåll på engelska"))
    pdf_sv = models.BinaryField(_("PDF"), blank=True, default=b"")
    pdf_en = models.BinaryField(_("PDF på engelska"), blank=True, default=b"")

    content = Translated("content")

    class Meta:
        verbose_name = _("utgåva")
        verbose_name_plural = _("utgåvor")
        ordering = ["publication", "geo_code"]
        constraints = [models.UniqueConstraint(fields=["publication", "geo_code"], name="edition_unique_geo")]

    def __str__(self) -> str:
        return f"{self.publication} {self.geo_name}"


class InitiativeSeries(models.Model):
    """An action-plan initiative's indicator that follows an official series, for a geography.

    The link lives here because this app stands above the action plan: the initiative's page shows the series
    through `{% initiative_series initiative %}` (templatetags/indicators.py), and the report's section per area
    lists the initiatives and their indicators with the series they follow.
    """

    indicator = models.OneToOneField(
        "actionplan.Indicator",
        verbose_name=_("insatsens indikator"),
        on_delete=models.CASCADE,
        related_name="official_series",
    )
    series = models.ForeignKey(
        IndicatorDefinition,
        verbose_name=_("officiell serie"),
        on_delete=models.CASCADE,
        related_name="initiative_links",
    )
    geo_code = models.CharField(_("område"), max_length=4, help_text=_("20 för länet, annars kommunens kod."))

    class Meta:
        verbose_name = _("koppling till officiell serie")
        verbose_name_plural = _("kopplingar till officiella serier")

    def __str__(self) -> str:
        return f"{self.indicator_id} → {self.series_id} {self.geo_code}"
