"""The action plan: initiatives with partners, funding, milestones and indicators; progress reports
that count once the secretariat approves them; reporting rounds; and the public catalogue's submissions."""

from __future__ import annotations

import datetime
from typing import Any
from uuid import uuid4

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connections, models
from django.db.models import F, Func, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from vagenin.actionplan.search import SWEDISH_STOP_WORDS, fold, folded_terms, words
from vagenin.agreement.models import AgreementPeriod, FocusTheme, Principle
from vagenin.common.models import SwedishFallback, TimeStampedModel, Translated
from vagenin.organisations.models import Municipality, Organisation, Person

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]
# The GIN index over search_vector() on PostgreSQL (migration 0004 creates it from that same expression, 0006 again
# with SEARCH_CONFIG).
SEARCH_INDEX = "actionplan_initiative_search"
# PostgreSQL's Swedish text search with accents removed first ("halsa" finds "hälsa"); migration 0006 creates it.
SEARCH_CONFIG = "swedish_unaccent"
# The SQLite function that folds texts as search.fold does (lower case, no accents) and joins them; see register_fold.
FOLD_FUNCTION = "vagenin_fold"


def search_vector() -> Any:
    """What the catalogue searches on PostgreSQL: Swedish title, summary and description (weighted), and the
    English title and summary. The index is over exactly this expression: change both together (a migration
    that drops and re-creates SEARCH_INDEX), or searches fall back to reading every row."""
    from django.contrib.postgres.search import SearchVector

    return (
        SearchVector("title_sv", weight="A", config=SEARCH_CONFIG)
        + SearchVector("summary_sv", weight="B", config=SEARCH_CONFIG)
        + SearchVector("description_sv", weight="C", config=SEARCH_CONFIG)
        + SearchVector("title_en", "summary_en", weight="B", config="english")
    )


def register_fold(sender: Any, connection: Any, **kwargs: Any) -> None:
    """Give each new SQLite connection the function the search fallback folds text with (`connection_created`)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(FOLD_FUNCTION, -1, _fold_all, deterministic=True)


def _fold_all(*texts: str | None) -> str:
    return " ".join(fold(text) for text in texts)


def _folded(*fields: str) -> Any:
    """SQLite: the fields joined by spaces, folded (lower case, no accents)."""
    return Func(*fields, function=FOLD_FUNCTION, output_field=models.TextField())


def _named(queryset: models.QuerySet[Any], fields: tuple[str, ...], term: Any, vendor: str) -> Any:
    """The primary keys of the rows of `queryset` whose `fields` contain the term: a PostgreSQL text search
    query (SEARCH_CONFIG), or a folded stem elsewhere."""
    if vendor == "postgresql":
        from django.contrib.postgres.search import SearchVector

        named = queryset.annotate(names=SearchVector(*fields, config=SEARCH_CONFIG)).filter(names=term)
    else:
        named = queryset.annotate(names=_folded(*fields)).filter(names__contains=term)
    return named.order_by().values("pk")


class TargetGroup(models.Model):
    """A group an initiative is for, e.g. women, young people, foreign academics."""

    slug = models.SlugField(_("kortadress"), max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    name_sv = models.CharField(_("namn"), max_length=100)
    name_en = models.CharField(_("namn på engelska"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("målgrupp")
        verbose_name_plural = _("målgrupper")
        ordering = ["order", "name_sv"]

    def __str__(self) -> str:
        return self.name

    name = Translated("name")


class InitiativeStatus(models.TextChoices):
    IDEA = "idea", _("Idé")
    PLANNED = "planned", _("Planerad")
    ONGOING = "ongoing", _("Pågående")
    COMPLETED = "completed", _("Avslutad")
    CANCELLED = "cancelled", _("Avbruten")


class Visibility(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    PENDING = "pending", _("Väntar på kansliets granskning")
    PUBLISHED = "published", _("Publicerad")


class InitiativeQuerySet(models.QuerySet["Initiative"]):
    def published(self) -> InitiativeQuerySet:
        return self.filter(visibility=Visibility.PUBLISHED)

    def for_list(self) -> InitiativeQuerySet:
        """What a list of initiatives shows, in a fixed number of queries."""
        return self.select_related("lead_organisation", "period").prefetch_related(
            "themes__area", "municipalities", "target_groups"
        )

    def of_organisation(self, organisation_id: int) -> InitiativeQuerySet:
        return self.filter(lead_organisation_id=organisation_id)

    def active(self) -> InitiativeQuerySet:
        return self.exclude(status__in=[InitiativeStatus.COMPLETED, InitiativeStatus.CANCELLED])

    def ending_between(self, start: datetime.date, end: datetime.date) -> InitiativeQuerySet:
        return self.active().filter(ends_on__gte=start, ends_on__lte=end)

    def search(self, query: str) -> InitiativeQuerySet:
        """Full-text search: every word of the query must be found in the initiative's text or in the names of its
        lead and partner organisations, target groups, themes and their areas; accents do not matter.
        PostgreSQL searches with its Swedish configuration without accents (and English for the English text),
        elsewhere folded stems are matched as substrings."""
        vendor = connections[self.db].vendor
        if vendor == "postgresql":
            return self._search_postgresql(words(query))
        found = self.annotate(
            folded_text=_folded("title_sv", "summary_sv", "description_sv", "title_en", "summary_en", "description_en")
        )
        for term in folded_terms(query):
            found = found.filter(Q(folded_text__contains=term) | self._named_after(term, vendor))
        return found

    def _named_after(self, term: Any, vendor: str) -> Q:
        """Whether the initiative's lead or partner organisations, target groups, themes or areas have the term in
        a name. On PostgreSQL as `column = ANY(ARRAY(subquery))`: each array is computed once and looked up in an
        index, so that the planner can combine them with the text index instead of reading every initiative."""
        organisations = _named(Organisation.objects.all(), ("name", "name_en"), term, vendor)
        themes = _named(
            FocusTheme.objects.all(),
            ("name_sv", "name_en", "area__name_sv", "area__name_en", "area__short_name_sv", "area__short_name_en"),
            term,
            vendor,
        )
        groups = _named(TargetGroup.objects.all(), ("name_sv", "name_en"), term, vendor)
        by_relation = [
            InitiativePartner.objects.filter(organisation__in=organisations).values("initiative_id"),
            Initiative.themes.through.objects.filter(focustheme__in=themes).values("initiative_id"),
            Initiative.target_groups.through.objects.filter(targetgroup__in=groups).values("initiative_id"),
        ]
        if vendor != "postgresql":
            return Q(lead_organisation__in=organisations) | Q(*[Q(pk__in=ids) for ids in by_relation], _connector=Q.OR)
        from django.contrib.postgres.expressions import ArraySubquery

        condition = Q(_AnyOf(F("lead_organisation_id"), ArraySubquery(organisations)))
        for ids in by_relation:
            condition |= Q(_AnyOf(F("pk"), ArraySubquery(ids)))
        return condition

    def _search_postgresql(self, query_words: list[str]) -> InitiativeQuerySet:
        """Each word as a Swedish query without accents (or English) against the indexed text, or the ids of the
        initiatives it names, as an array computed once (so the planner can combine the text index with the
        primary key's), all in the one statement. Swedish stop words (och, att …) are left out, as PostgreSQL's
        configuration leaves them out of the index."""
        from django.contrib.postgres.search import SearchQuery

        kept = [word for word in query_words if fold(word) not in SWEDISH_STOP_WORDS]
        if not kept:
            return self if not query_words else self.none()
        found = self.annotate(document=search_vector())
        for word in kept:
            term = SearchQuery(word, config=SEARCH_CONFIG)
            text = Q(document=term | SearchQuery(word, config="english"))
            found = found.filter(text | self._named_after(term, "postgresql"))
        return found


class _AnyOf(Func):
    """PostgreSQL: `expression = ANY(array)`, which an index on the expression can answer."""

    arg_joiner = " = ANY("
    template = "(%(expressions)s))"
    output_field = models.BooleanField()


class Initiative(TimeStampedModel):
    """A project or measure in the action plan, led by one organisation; may have sub-initiatives."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    slug = models.SlugField(_("kortadress"), max_length=120, unique=True)
    external_id = models.CharField(
        _("externt id"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Nyckel vid import och export, t.ex. ett diarienummer."),
    )
    period = models.ForeignKey(
        AgreementPeriod, verbose_name=_("avtalsperiod"), on_delete=models.PROTECT, related_name="initiatives"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("ingår i"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    title_sv = models.CharField(_("titel"), max_length=200)
    title_en = models.CharField(_("titel på engelska"), max_length=200, blank=True)
    summary_sv = models.CharField(_("sammanfattning"), max_length=500)
    summary_en = models.CharField(_("sammanfattning på engelska"), max_length=500, blank=True)
    description_sv = models.TextField(_("beskrivning"), blank=True)
    description_en = models.TextField(_("beskrivning på engelska"), blank=True)
    lead_organisation = models.ForeignKey(
        Organisation, verbose_name=_("ansvarig organisation"), on_delete=models.PROTECT, related_name="initiatives"
    )
    contact_person = models.ForeignKey(
        Person,
        verbose_name=_("kontaktperson"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives",
    )
    themes = models.ManyToManyField(FocusTheme, verbose_name=_("fokusområden"), related_name="initiatives")
    principles = models.ManyToManyField(Principle, verbose_name=_("principer"), blank=True, related_name="initiatives")
    whole_county = models.BooleanField(_("hela länet"), default=False)
    municipalities = models.ManyToManyField(
        Municipality, verbose_name=_("kommuner"), blank=True, related_name="initiatives"
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("målgrupper"), blank=True, related_name="initiatives"
    )
    starts_on = models.DateField(_("startdatum"), null=True, blank=True)
    ends_on = models.DateField(_("slutdatum"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=InitiativeStatus.choices, default=InitiativeStatus.PLANNED
    )
    visibility = models.CharField(_("synlighet"), max_length=16, choices=Visibility.choices, default=Visibility.DRAFT)
    published_at = models.DateTimeField(_("publicerad"), null=True, blank=True, db_index=True)
    publication_comment = models.TextField(_("kansliets kommentar om publiceringen"), blank=True)
    progress = models.PositiveSmallIntegerField(
        _("framsteg (%)"),
        default=0,
        validators=PERCENT,
        help_text=_("Sätts av godkända lägesrapporter. För en insats med delinsatser räknas det fram."),
    )
    weight = models.PositiveSmallIntegerField(
        _("vikt"), default=1, help_text=_("Hur mycket delinsatsen väger när huvudinsatsens framsteg räknas fram.")
    )

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("insats")
        verbose_name_plural = _("insatser")
        ordering = ["title_sv"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="initiative_progress_max_100"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="initiative_dates_ordered",
            ),
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="initiative_not_own_parent"),
            models.CheckConstraint(condition=Q(status__in=InitiativeStatus.values), name="initiative_status_valid"),
            models.CheckConstraint(condition=Q(visibility__in=Visibility.values), name="initiative_visibility_valid"),
        ]

    def __str__(self) -> str:
        return self.title

    title = Translated("title")
    summary = Translated("summary")

    description = Translated("description")

    @property
    def runs_past_period(self) -> bool:
        """Whether the initiative runs, or is planned to run, after its agreement period ends."""
        end = self.period.ends_on
        if end is None:
            return False
        if self.ends_on is not None:
            return self.ends_on > end
        still_going = self.status in (InitiativeStatus.IDEA, InitiativeStatus.PLANNED, InitiativeStatus.ONGOING)
        return still_going and self.period.has_ended

    def get_absolute_url(self) -> str:
        return reverse("actionplan:detail", kwargs={"slug": self.slug})


class PartnerRole(models.TextChoices):
    CO_LEAD = "co_lead", _("Medansvarig")
    PARTNER = "partner", _("Samverkanspart")
    FUNDER = "funder", _("Finansiär")
    REFERENCE = "reference", _("Referensgrupp")


class InitiativePartner(models.Model):
    """An organisation taking part in an initiative, with its role."""

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("insats"), on_delete=models.CASCADE, related_name="partners"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="initiative_partnerships"
    )
    role = models.CharField(_("roll"), max_length=16, choices=PartnerRole.choices, default=PartnerRole.PARTNER)

    class Meta:
        verbose_name = _("samverkanspart i insats")
        verbose_name_plural = _("samverkansparter i insatser")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "organisation"], name="initiativepartner_unique"),
            models.CheckConstraint(condition=Q(role__in=PartnerRole.values), name="initiativepartner_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


class FundingSource(models.TextChoices):
    OWN_BUDGET = "own_budget", _("Egen budget")
    STATE_GRANT = "state_grant", _("Statsbidrag")
    ESF_PLUS = "esf_plus", _("ESF+")
    AMIF = "amif", _("AMIF")
    INHERITANCE_FUND = "inheritance_fund", _("Allmänna arvsfonden")
    OTHER = "other", _("Annan")


class Funding(models.Model):
    """Money for an initiative from one source, in whole kronor."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    initiative = models.ForeignKey(
        Initiative, verbose_name=_("insats"), on_delete=models.CASCADE, related_name="funding"
    )
    source = models.CharField(_("finansieringskälla"), max_length=20, choices=FundingSource.choices)
    amount_sek = models.PositiveBigIntegerField(_("belopp (kr)"))
    note = models.CharField(_("anmärkning"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("finansiering")
        verbose_name_plural = _("finansiering")
        ordering = ["-amount_sek"]
        constraints = [
            models.CheckConstraint(condition=Q(source__in=FundingSource.values), name="funding_source_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()}: {self.amount_sek} kr"


class Link(models.Model):
    """A web link about an initiative."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    initiative = models.ForeignKey(Initiative, verbose_name=_("insats"), on_delete=models.CASCADE, related_name="links")
    title = models.CharField(_("rubrik"), max_length=200)
    url = models.URLField(_("adress"))

    class Meta:
        verbose_name = _("länk")
        verbose_name_plural = _("länkar")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Attachment(models.Model):
    """A document attached to an initiative (checked for size, type and content on upload)."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    initiative = models.ForeignKey(
        Initiative, verbose_name=_("insats"), on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField(_("rubrik"), max_length=200)
    file = models.FileField(_("fil"), upload_to="initiatives/%Y/")
    content_type = models.CharField(_("filtyp"), max_length=100)
    size = models.PositiveIntegerField(_("storlek (byte)"))
    uploaded_at = models.DateTimeField(_("uppladdad"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("bilaga")
        verbose_name_plural = _("bilagor")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Milestone(models.Model):
    """A dated step of an initiative, done or not done."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    initiative = models.ForeignKey(
        Initiative, verbose_name=_("insats"), on_delete=models.CASCADE, related_name="milestones"
    )
    title_sv = models.CharField(_("delmål"), max_length=200)
    title_en = models.CharField(_("delmål på engelska"), max_length=200, blank=True)
    due_on = models.DateField(_("planerat datum"))
    done_on = models.DateField(_("klart"), null=True, blank=True)

    class Meta:
        verbose_name = _("delmål")
        verbose_name_plural = _("delmål")
        ordering = ["due_on", "title_sv"]

    def __str__(self) -> str:
        return self.title

    title = Translated("title")

    @property
    def is_late(self) -> bool:
        return self.done_on is None and self.due_on < timezone.localdate()


class Direction(models.TextChoices):
    INCREASE = "increase", _("Ska öka")
    DECREASE = "decrease", _("Ska minska")


class IndicatorQuerySet(models.QuerySet["Indicator"]):
    def with_latest_actual(self) -> IndicatorQuerySet:
        latest = IndicatorActual.objects.filter(indicator=models.OuterRef("pk")).order_by("-period_end", "-id")
        return self.annotate(
            latest_value=models.Subquery(latest.values("value")[:1]),
            latest_period_end=models.Subquery(latest.values("period_end")[:1]),
        )


class Indicator(models.Model):
    """A measure of an initiative's results, with a baseline and a target."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    initiative = models.ForeignKey(
        Initiative, verbose_name=_("insats"), on_delete=models.CASCADE, related_name="indicators"
    )
    name_sv = models.CharField(_("indikator"), max_length=200)
    name_en = models.CharField(_("indikator på engelska"), max_length=200, blank=True)
    unit = models.CharField(_("enhet"), max_length=40, help_text=_("T.ex. deltagare, procent, kronor."))
    direction = models.CharField(_("riktning"), max_length=10, choices=Direction.choices, default=Direction.INCREASE)
    baseline_value = models.DecimalField(_("utgångsvärde"), max_digits=14, decimal_places=2)
    baseline_date = models.DateField(_("utgångsvärdets datum"))
    target_value = models.DecimalField(_("målvärde"), max_digits=14, decimal_places=2)
    target_date = models.DateField(_("måldatum"))

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")
        ordering = ["name_sv"]
        constraints = [
            models.CheckConstraint(condition=Q(target_date__gte=F("baseline_date")), name="indicator_dates_ordered"),
            models.CheckConstraint(condition=Q(direction__in=Direction.values), name="indicator_direction_valid"),
        ]

    def __str__(self) -> str:
        return self.name

    name = Translated("name")


class IndicatorActual(models.Model):
    """An approved actual value of an indicator for a reporting period."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indikator"), on_delete=models.CASCADE, related_name="actuals"
    )
    period_start = models.DateField(_("periodens början"))
    period_end = models.DateField(_("periodens slut"))
    value = models.DecimalField(_("utfall"), max_digits=14, decimal_places=2)
    report = models.ForeignKey(
        "ProgressReport", verbose_name=_("lägesrapport"), on_delete=models.PROTECT, related_name="actuals"
    )

    class Meta:
        verbose_name = _("utfall")
        verbose_name_plural = _("utfall")
        ordering = ["indicator", "period_end"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period_start", "period_end"], name="actual_unique_period"),
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="actual_dates_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.period_end})"


class ReportingRound(TimeStampedModel):
    """A call from the secretariat for progress reports on a period, with a due date."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    agreement_period = models.ForeignKey(
        AgreementPeriod, verbose_name=_("avtalsperiod"), on_delete=models.PROTECT, related_name="reporting_rounds"
    )
    title = models.CharField(_("rubrik"), max_length=200)
    period_start = models.DateField(_("rapportperiodens början"))
    period_end = models.DateField(_("rapportperiodens slut"))
    due_on = models.DateField(_("sista dag att rapportera"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reminded_at = models.DateTimeField(_("påminnelse skickad"), null=True, blank=True)
    closed_at = models.DateTimeField(_("stängd"), null=True, blank=True)

    class Meta:
        verbose_name = _("rapporteringsomgång")
        verbose_name_plural = _("rapporteringsomgångar")
        ordering = ["-due_on"]
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="round_dates_ordered"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def display_title(self) -> str:
        """The title, written in Swedish only: marked lang="sv" where an English page shows it."""
        return SwedishFallback(self.title) if (get_language() or "sv").startswith("en") and self.title else self.title


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    SUBMITTED = "submitted", _("Inskickad")
    RETURNED = "returned", _("Återsänd för komplettering")
    APPROVED = "approved", _("Godkänd")


OPEN_REPORT_STATUSES = [ReportStatus.DRAFT, ReportStatus.SUBMITTED, ReportStatus.RETURNED]


class ProgressReportQuerySet(models.QuerySet["ProgressReport"]):
    def awaiting_review(self) -> ProgressReportQuerySet:
        return self.filter(status=ReportStatus.SUBMITTED)

    def open(self) -> ProgressReportQuerySet:
        return self.filter(status__in=OPEN_REPORT_STATUSES)


class ProgressReport(TimeStampedModel):
    """A partner's report on an initiative for a period; it counts only once the secretariat approves it."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    initiative = models.ForeignKey(
        Initiative, verbose_name=_("insats"), on_delete=models.CASCADE, related_name="reports"
    )
    reporting_round = models.ForeignKey(
        ReportingRound,
        verbose_name=_("rapporteringsomgång"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    period_start = models.DateField(_("periodens början"))
    period_end = models.DateField(_("periodens slut"))
    status = models.CharField(_("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    narrative = models.TextField(_("lägesbeskrivning"))
    progress = models.PositiveSmallIntegerField(_("framsteg (%)"), validators=PERCENT)
    status_after = models.CharField(
        _("insatsens status efter perioden"), max_length=16, choices=InitiativeStatus.choices, blank=True
    )
    submitted_at = models.DateTimeField(_("inskickad"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("beslutad"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewer_comment = models.TextField(_("kansliets kommentar"), blank=True)

    objects = ProgressReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("lägesrapport")
        verbose_name_plural = _("lägesrapporter")
        ordering = ["-period_end", "-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="report_progress_max_100"),
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="report_dates_ordered"),
            models.CheckConstraint(condition=Q(status__in=ReportStatus.values), name="report_status_valid"),
            # At most one report per initiative and period may be open at a time.
            models.UniqueConstraint(
                fields=["initiative", "period_start", "period_end"],
                condition=Q(status__in=OPEN_REPORT_STATUSES),
                name="report_one_open_per_period",
            ),
            models.CheckConstraint(
                condition=~Q(status=ReportStatus.RETURNED) | ~Q(reviewer_comment=""),
                name="report_returned_has_comment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative} {self.period_start}–{self.period_end}"


class ReportedValue(models.Model):
    """An indicator value given in a progress report (becomes an actual when the report is approved)."""

    report = models.ForeignKey(
        ProgressReport, verbose_name=_("lägesrapport"), on_delete=models.CASCADE, related_name="values"
    )
    indicator = models.ForeignKey(Indicator, verbose_name=_("indikator"), on_delete=models.CASCADE, related_name="+")
    value = models.DecimalField(_("utfall"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("rapporterat utfall")
        verbose_name_plural = _("rapporterade utfall")
        constraints = [models.UniqueConstraint(fields=["report", "indicator"], name="reportedvalue_unique")]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"


class ReportedMilestone(models.Model):
    """A milestone reported done in a progress report (applied when the report is approved)."""

    report = models.ForeignKey(
        ProgressReport, verbose_name=_("lägesrapport"), on_delete=models.CASCADE, related_name="milestones"
    )
    milestone = models.ForeignKey(Milestone, verbose_name=_("delmål"), on_delete=models.CASCADE, related_name="+")
    done_on = models.DateField(_("klart"))

    class Meta:
        verbose_name = _("rapporterat delmål")
        verbose_name_plural = _("rapporterade delmål")
        constraints = [models.UniqueConstraint(fields=["report", "milestone"], name="reportedmilestone_unique")]

    def __str__(self) -> str:
        return f"{self.milestone}: {self.done_on}"


class SubmissionStatus(models.TextChoices):
    PENDING = "pending", _("Väntar på granskning")
    CHANGES_REQUESTED = "changes_requested", _("Komplettering begärd")
    PUBLISHED = "published", _("Publicerad")
    DECLINED = "declined", _("Avböjd")


# A submission in one of these states can still change: the submitter may correct it, the secretariat decide it.
OPEN_SUBMISSION_STATUSES = [SubmissionStatus.PENDING, SubmissionStatus.CHANGES_REQUESTED]


class ProjectSubmissionQuerySet(models.QuerySet["ProjectSubmission"]):
    def awaiting_moderation(self) -> ProjectSubmissionQuerySet:
        return self.filter(status=SubmissionStatus.PENDING)

    def open(self) -> ProjectSubmissionQuerySet:
        """Submissions not yet published or declined: the moderation queue."""
        return self.filter(status__in=OPEN_SUBMISSION_STATUSES)

    def for_queue(self) -> ProjectSubmissionQuerySet:
        """Open submissions, oldest first, with what the queue shows, in a fixed number of queries."""
        return self.open().select_related("organisation").order_by("created_at", "pk")


class ProjectSubmission(TimeStampedModel):
    """A project description sent by anyone, without an account, for the public catalogue."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    edit_token = models.UUIDField(default=uuid4, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=SubmissionStatus.choices, default=SubmissionStatus.PENDING
    )
    submitter_name = models.CharField(_("ditt namn"), max_length=200)
    submitter_email = models.EmailField(_("din e-postadress"))
    organisation_name = models.CharField(_("organisation"), max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation i registret"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
    )
    title = models.CharField(_("projektets namn"), max_length=200)
    summary = models.CharField(_("kort sammanfattning"), max_length=500)
    description = models.TextField(_("beskrivning"))
    themes = models.ManyToManyField(FocusTheme, verbose_name=_("fokusområden"), blank=True, related_name="+")
    municipalities = models.ManyToManyField(Municipality, verbose_name=_("kommuner"), blank=True, related_name="+")
    whole_county = models.BooleanField(_("hela länet"), default=False)
    starts_on = models.DateField(_("startdatum"), null=True, blank=True)
    ends_on = models.DateField(_("slutdatum"), null=True, blank=True)
    website = models.URLField(_("webbplats"), blank=True)
    language = models.CharField(_("språk"), max_length=8, default="sv")
    moderator_message = models.TextField(_("meddelande till insändaren"), blank=True)
    moderated_at = models.DateTimeField(_("granskad"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # PROTECT: a published submission must keep its initiative (see the constraint below), so
    # deleting that initiative is refused instead of failing on the constraint.
    initiative = models.OneToOneField(
        Initiative,
        verbose_name=_("insats"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="submission",
    )

    objects = ProjectSubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("inskickat projekt")
        verbose_name_plural = _("inskickade projekt")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=SubmissionStatus.values), name="submission_status_valid"),
            models.CheckConstraint(
                condition=~Q(status=SubmissionStatus.PUBLISHED) | Q(initiative__isnull=False),
                name="submission_published_has_initiative",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[SubmissionStatus.DECLINED, SubmissionStatus.CHANGES_REQUESTED])
                | ~Q(moderator_message=""),
                name="submission_decision_has_message",
            ),
            models.CheckConstraint(
                condition=Q(status=SubmissionStatus.PENDING) | Q(moderated_at__isnull=False),
                name="submission_decision_has_time",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="submission_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        """Whether the submitter may still correct it and the secretariat still decide it."""
        return self.status in OPEN_SUBMISSION_STATUSES
