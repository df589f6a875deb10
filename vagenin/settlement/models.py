"""Settlement: the county quota (länstal) divided into municipal quotas (kommuntal), reception and readiness.

A :class:`SettlementYear` is one county's year: its county quota as the ordinances set and revised it
(:class:`CountyQuotaRevision`), each municipality's factor data (:class:`MunicipalityFactors`), the officer's
model runs (:class:`ModelRun`), the municipal quotas (:class:`MunicipalQuota`, the model's proposal and the
final figure), the consultations with municipalities, the decision that freezes the year, and the reception
month by month. The frozen state is enforced in the services (every write locks the year first); the
database holds the invariants that do not depend on it.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q, Sum
from django.utils.translation import gettext_lazy as _

from vagenin.organisations.models import County, Municipality

#: The county this platform's settlement officer works for (Dalarna). The models hold any county.
HOME_COUNTY_CODE = "20"

FIRST_YEAR = 2016  # the Settlement Act (lag 2016:38) took effect on 1 March 2016


class LabourMarketMeasure(models.TextChoices):
    EMPLOYED = "employed", _("Antal förvärvsarbetande")
    EMPLOYMENT_RATE = "employment_rate", _("Sysselsättningsgrad (0–1)")


class Method(models.TextChoices):
    LARGEST_REMAINDER = "largest_remainder", _("Största rest")
    SAINTE_LAGUE = "sainte_lague", _("Sainte-Laguës metod")
    DHONDT = "dhondt", _("D'Hondts metod")


class HousingMarket(models.TextChoices):
    SHORTAGE = "shortage", _("Underskott")
    BALANCE = "balance", _("Balans")
    SURPLUS = "surplus", _("Överskott")


class SettlementYearQuerySet(models.QuerySet["SettlementYear"]):
    def decided(self) -> SettlementYearQuerySet:
        return self.filter(decided_on__isnull=False)

    def with_revisions(self) -> SettlementYearQuerySet:
        return self.select_related("county", "decided_by").prefetch_related("revisions")


class SettlementYear(models.Model):
    """One county's settlement year; frozen once decided (decision date and registration number)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    year = models.PositiveSmallIntegerField(_("år"), validators=[MinValueValidator(FIRST_YEAR)])
    county = models.ForeignKey(County, verbose_name=_("län"), on_delete=models.PROTECT, related_name="+")
    reception_first_year = models.PositiveSmallIntegerField(_("tidigare mottagande från år"), null=True, blank=True)
    reception_last_year = models.PositiveSmallIntegerField(_("tidigare mottagande till år"), null=True, blank=True)
    decided_on = models.DateField(_("beslutsdatum"), null=True, blank=True)
    registration_number = models.CharField(_("diarienummer"), max_length=60, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("beslutat av"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    objects = SettlementYearQuerySet.as_manager()

    class Meta:
        verbose_name = _("bosättningsår")
        verbose_name_plural = _("bosättningsår")
        ordering = ["-year", "county__code"]
        constraints = [
            models.UniqueConstraint(fields=["year", "county"], name="settlementyear_unique_year_county"),
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True) | ~Q(registration_number=""),
                name="settlementyear_decision_has_registration_number",
            ),
            models.CheckConstraint(
                condition=Q(reception_first_year__isnull=True)
                | Q(reception_last_year__isnull=True)
                | Q(reception_first_year__lte=F("reception_last_year")),
                name="settlementyear_reception_years_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.county.name}"

    @property
    def is_decided(self) -> bool:
        return self.decided_on is not None

    def revision_list(self) -> list[CountyQuotaRevision]:
        """The revisions in order (prefetched by `with_revisions`)."""
        return sorted(self.revisions.all(), key=lambda item: (item.order, item.pk))

    def current_revision(self) -> CountyQuotaRevision | None:
        """The latest revision that states the county's figure (a later one may state only the national)."""
        stated = [item for item in self.revision_list() if item.county_quota is not None]
        return stated[-1] if stated else None

    @property
    def county_quota(self) -> int | None:
        revision = self.current_revision()
        return revision.county_quota if revision else None

    @property
    def national_total(self) -> int | None:
        revisions = self.revision_list()
        return revisions[-1].national_total if revisions else None

    def reception_years(self) -> tuple[int, ...]:
        if self.reception_first_year is None or self.reception_last_year is None:
            return ()
        return tuple(range(self.reception_first_year, self.reception_last_year + 1))


class CountyQuotaRevision(models.Model):
    """The county quota as one ordinance (or its revision) set it; empty figures stay empty."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    settlement_year = models.ForeignKey(
        SettlementYear, verbose_name=_("bosättningsår"), on_delete=models.CASCADE, related_name="revisions"
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    version = models.CharField(_("version"), max_length=200)
    ordinance = models.CharField(_("förordning (SFS)"), max_length=40, blank=True)
    effective_from = models.DateField(_("gäller från"), null=True, blank=True)
    national_total = models.PositiveIntegerField(_("riksnivå"), null=True, blank=True)
    county_quota = models.PositiveIntegerField(_("länstal"), null=True, blank=True)
    source = models.CharField(_("källa"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("länstal")
        verbose_name_plural = _("länstal")
        ordering = ["settlement_year", "order"]
        constraints = [
            models.UniqueConstraint(fields=["settlement_year", "order"], name="revision_unique_order"),
        ]

    def __str__(self) -> str:
        return f"{self.settlement_year} {self.version}"


class MunicipalityFactors(models.Model):
    """One municipality's factor data for a settlement year."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    settlement_year = models.ForeignKey(
        SettlementYear, verbose_name=_("bosättningsår"), on_delete=models.CASCADE, related_name="factors"
    )
    municipality = models.ForeignKey(Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="+")
    population = models.PositiveIntegerField(_("folkmängd"), validators=[MinValueValidator(1)])
    labour_market = models.DecimalField(
        _("arbetsmarknadsmått"),
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    asylum_seekers_abo = models.PositiveIntegerField(
        _("asylsökande i Migrationsverkets boende (ABO)"), null=True, blank=True
    )
    asylum_seekers_ebo = models.PositiveIntegerField(_("asylsökande i eget boende (EBO)"), null=True, blank=True)
    housing = models.CharField(_("bostadsmarknad"), max_length=16, choices=HousingMarket.choices, blank=True)
    note = models.CharField(_("källa eller kommentar"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("faktorer för kommun")
        verbose_name_plural = _("faktorer för kommuner")
        ordering = ["settlement_year", "municipality__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["settlement_year", "municipality"], name="factors_unique_year_municipality"
            ),
            models.CheckConstraint(condition=Q(population__gt=0), name="factors_population_positive"),
            models.CheckConstraint(
                condition=Q(labour_market__isnull=True) | Q(labour_market__gte=0), name="factors_labour_non_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.settlement_year} {self.municipality.short_name}"


class EarlierReception(models.Model):
    """People a municipality received in an earlier year, as one of its factor values."""

    factors = models.ForeignKey(
        MunicipalityFactors, verbose_name=_("faktorer"), on_delete=models.CASCADE, related_name="earlier"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    newcomers = models.PositiveIntegerField(_("mottagna nyanlända"))
    unaccompanied_minors = models.PositiveIntegerField(_("anvisade ensamkommande barn"))

    class Meta:
        verbose_name = _("tidigare mottagande")
        verbose_name_plural = _("tidigare mottagande")
        ordering = ["factors", "year"]
        constraints = [models.UniqueConstraint(fields=["factors", "year"], name="earlier_unique_factors_year")]

    def __str__(self) -> str:
        return f"{self.factors} {self.year}"


class ModelRun(models.Model):
    """The weights, measure and method an officer chose and computed a proposal with."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    settlement_year = models.ForeignKey(
        SettlementYear, verbose_name=_("bosättningsår"), on_delete=models.CASCADE, related_name="runs"
    )
    labour_market_weight = models.DecimalField(_("vikt arbetsmarknad"), max_digits=6, decimal_places=2)
    population_weight = models.DecimalField(_("vikt folkmängd"), max_digits=6, decimal_places=2)
    reception_weight = models.DecimalField(_("vikt mottagande"), max_digits=6, decimal_places=2)
    housing_weight = models.DecimalField(_("vikt bostadsmarknad"), max_digits=6, decimal_places=2, default=Decimal(0))
    labour_market_measure = models.CharField(
        _("arbetsmarknadsmått"),
        max_length=20,
        choices=LabourMarketMeasure.choices,
        default=LabourMarketMeasure.EMPLOYED,
    )
    method = models.CharField(
        _("avrundningsmetod"), max_length=20, choices=Method.choices, default=Method.LARGEST_REMAINDER
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("av"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("beräknad"), auto_now_add=True)

    class Meta:
        verbose_name = _("modellkörning")
        verbose_name_plural = _("modellkörningar")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(labour_market_weight__gte=0)
                & Q(population_weight__gte=0)
                & Q(reception_weight__gte=0)
                & Q(housing_weight__gte=0),
                name="modelrun_weights_non_negative",
            ),
            models.CheckConstraint(
                condition=Q(labour_market_weight__gt=0)
                | Q(population_weight__gt=0)
                | Q(reception_weight__gt=0)
                | Q(housing_weight__gt=0),
                name="modelrun_some_weight",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.settlement_year} {self.created_at:%Y-%m-%d %H:%M}"


class MunicipalQuotaQuerySet(models.QuerySet["MunicipalQuota"]):
    def for_year(self, settlement_year: SettlementYear) -> MunicipalQuotaQuerySet:
        return (
            self.filter(settlement_year=settlement_year).select_related("municipality").order_by("municipality__code")
        )

    def public(self) -> MunicipalQuotaQuerySet:
        """Quotas of decided years: public records."""
        return self.filter(settlement_year__decided_on__isnull=False)


class MunicipalQuota(models.Model):
    """A municipality's quota in a year: the model's proposal, the final figure and the reason for a change."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    settlement_year = models.ForeignKey(
        SettlementYear, verbose_name=_("bosättningsår"), on_delete=models.CASCADE, related_name="quotas"
    )
    municipality = models.ForeignKey(Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="+")
    model_run = models.ForeignKey(
        ModelRun, verbose_name=_("modellkörning"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed = models.PositiveIntegerField(_("modellens förslag"), null=True, blank=True)
    quota = models.PositiveIntegerField(_("kommuntal"))
    justification = models.TextField(_("motivering till justering"), blank=True)
    received = models.PositiveIntegerField(_("mottagna enligt Migrationsverket"), null=True, blank=True)
    source = models.CharField(_("källa"), max_length=200, blank=True)

    objects = MunicipalQuotaQuerySet.as_manager()

    class Meta:
        verbose_name = _("kommuntal")
        verbose_name_plural = _("kommuntal")
        ordering = ["settlement_year", "municipality__code"]
        constraints = [
            models.UniqueConstraint(fields=["settlement_year", "municipality"], name="quota_unique_year_municipality"),
            models.CheckConstraint(condition=Q(quota__gte=0), name="quota_non_negative"),
            models.CheckConstraint(
                condition=Q(proposed__isnull=True) | Q(quota=F("proposed")) | ~Q(justification=""),
                name="quota_adjustment_justified",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.settlement_year} {self.municipality.short_name}: {self.quota}"

    @property
    def adjustment(self) -> int:
        return self.quota - self.proposed if self.proposed is not None else 0


class Consultation(models.Model):
    """What a municipality said in the dialogue about its quota. Not public."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    settlement_year = models.ForeignKey(
        SettlementYear, verbose_name=_("bosättningsår"), on_delete=models.CASCADE, related_name="consultations"
    )
    municipality = models.ForeignKey(Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(_("datum"))
    summary = models.TextField(_("vad kommunen framförde"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("antecknat av"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        verbose_name = _("samråd")
        verbose_name_plural = _("samråd")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.municipality.short_name} {self.held_on}"


class MonthlyReceptionQuerySet(models.QuerySet["MonthlyReception"]):
    def county_totals(self, settlement_year: SettlementYear) -> list[dict[str, Any]]:
        """Assigned and received per month for the whole county."""
        return list(
            self.filter(settlement_year=settlement_year)
            .values("month")
            .annotate(assigned=Sum("assigned"), received=Sum("received"))
            .order_by("month")
        )


class MonthlyReception(models.Model):
    """A municipality's assignments and reception in one month of a settlement year."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    settlement_year = models.ForeignKey(
        SettlementYear, verbose_name=_("bosättningsår"), on_delete=models.CASCADE, related_name="months"
    )
    municipality = models.ForeignKey(Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="+")
    month = models.PositiveSmallIntegerField(_("månad"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    assigned = models.PositiveIntegerField(_("anvisade"), default=0)
    received = models.PositiveIntegerField(_("mottagna"), default=0)
    quota_refugees = models.PositiveIntegerField(_("varav kvotflyktingar"), default=0)
    from_asylum_housing = models.PositiveIntegerField(_("varav från Migrationsverkets boende"), default=0)
    unaccompanied_minors = models.PositiveIntegerField(_("varav ensamkommande barn"), default=0)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("rapporterat av"), null=True, blank=True, on_delete=models.SET_NULL
    )
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    objects = MonthlyReceptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("mottagande per månad")
        verbose_name_plural = _("mottagande per månad")
        ordering = ["settlement_year", "municipality__code", "month"]
        constraints = [
            models.UniqueConstraint(fields=["settlement_year", "municipality", "month"], name="monthly_unique"),
            models.CheckConstraint(condition=Q(month__gte=1) & Q(month__lte=12), name="monthly_month_valid"),
            models.CheckConstraint(
                condition=Q(quota_refugees__lte=F("received"))
                & Q(from_asylum_housing__lte=F("received"))
                & Q(unaccompanied_minors__lte=F("received")),
                name="monthly_parts_within_received",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.settlement_year} {self.municipality.short_name} {self.month}"


class AnnualReception(models.Model):
    """People a municipality received in a year under the compensation ordinance (Migrationsverket's export)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    year = models.PositiveSmallIntegerField(_("år"))
    municipality = models.ForeignKey(Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="+")
    persons = models.PositiveIntegerField(_("mottagna totalt"))
    unaccompanied = models.PositiveIntegerField(_("varav ensamkommande barn"))
    by_category = models.JSONField(_("per kategori"), default=list)
    source = models.CharField(_("källa"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("kommunmottagna per år")
        verbose_name_plural = _("kommunmottagna per år")
        ordering = ["-year", "municipality__code"]
        constraints = [
            models.UniqueConstraint(fields=["year", "municipality"], name="annual_unique_year_municipality"),
            models.CheckConstraint(condition=Q(unaccompanied__lte=F("persons")), name="annual_unaccompanied_within"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.municipality.short_name}"


class ReadinessReport(models.Model):
    """A municipality's quarterly report of its capacity to receive newcomers."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    municipality = models.ForeignKey(Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("år"), validators=[MinValueValidator(FIRST_YEAR)])
    quarter = models.PositiveSmallIntegerField(_("kvartal"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    housing_available = models.PositiveIntegerField(_("bostäder tillgängliga för nyanlända"))
    housing_planned = models.PositiveIntegerField(_("bostäder planerade"))
    sfi_places = models.PositiveIntegerField(_("platser i sfi"))
    civic_orientation_places = models.PositiveIntegerField(_("platser i samhällsorientering"))
    comments = models.TextField(_("kommentarer"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("rapporterat av"), null=True, blank=True, on_delete=models.SET_NULL
    )
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        verbose_name = _("beredskapsrapport")
        verbose_name_plural = _("beredskapsrapporter")
        ordering = ["-year", "-quarter", "municipality__code"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year", "quarter"], name="readiness_one_per_quarter"),
            models.CheckConstraint(condition=Q(quarter__gte=1) & Q(quarter__lte=4), name="readiness_quarter_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality.short_name} {self.year} Q{self.quarter}"
