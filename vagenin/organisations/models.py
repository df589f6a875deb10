"""Counties, municipalities, organisations, and people with dated roles at organisations."""

from __future__ import annotations

import datetime
import uuid

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from vagenin.common.models import TimeStampedModel, Translated


class County(models.Model):
    """A Swedish county (län) with its official two-digit code."""

    code = models.CharField(_("länskod"), max_length=2, unique=True, validators=[RegexValidator(r"^\d{2}$")])
    name = models.CharField(_("namn"), max_length=100)
    short_name = models.CharField(_("kortnamn"), max_length=100)

    class Meta:
        verbose_name = _("län")
        verbose_name_plural = _("län")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """ "Dalarnas län" in Swedish, "Dalarna County" in English (the county administrative boards' own form)."""
        if (get_language() or "sv").startswith("en"):
            return f"{self.short_name} County"
        return self.name


class Municipality(models.Model):
    """A Swedish municipality (kommun) with its official four-digit code."""

    code = models.CharField(_("kommunkod"), max_length=4, unique=True, validators=[RegexValidator(r"^\d{4}$")])
    name = models.CharField(_("namn"), max_length=100)
    short_name = models.CharField(_("kortnamn"), max_length=100)
    county = models.ForeignKey(County, verbose_name=_("län"), on_delete=models.PROTECT, related_name="municipalities")

    class Meta:
        verbose_name = _("kommun")
        verbose_name_plural = _("kommuner")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.short_name


class OrganisationType(models.TextChoices):
    STATE_AGENCY = "state_agency", _("Statlig myndighet")
    COUNTY_BOARD = "county_board", _("Länsstyrelse")
    REGION = "region", _("Region")
    MUNICIPALITY = "municipality", _("Kommun")
    UNIVERSITY = "university", _("Lärosäte")
    BUSINESS_ASSOCIATION = "business_association", _("Näringslivsorganisation")
    EDUCATION_PROVIDER = "education_provider", _("Utbildningsanordnare")
    CIVIL_SOCIETY = "civil_society", _("Civilsamhälle")
    OTHER = "other", _("Annan")


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def for_public_display(self) -> OrganisationQuerySet:
        return self.select_related("municipality", "county", "merged_into")

    def active(self) -> OrganisationQuerySet:
        return self.filter(dissolved_on__isnull=True)


ORGANISATION_NUMBER = RegexValidator(r"^\d{6}-\d{4}$", _("Ange organisationsnumret som NNNNNN-NNNN."))


class Organisation(TimeStampedModel):
    """A party or partner: public body, association, business or education provider."""

    slug = models.SlugField(_("kortadress"), max_length=80, unique=True)
    name = models.CharField(_("namn"), max_length=200)
    name_en = models.CharField(_("namn på engelska"), max_length=200, blank=True)
    type = models.CharField(_("typ"), max_length=32, choices=OrganisationType.choices)
    organisation_number = models.CharField(
        _("organisationsnummer"), max_length=11, blank=True, validators=[ORGANISATION_NUMBER]
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommun"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    county = models.ForeignKey(
        County, verbose_name=_("län"), null=True, blank=True, on_delete=models.PROTECT, related_name="organisations"
    )
    description_sv = models.TextField(_("beskrivning"), blank=True)
    description_en = models.TextField(_("beskrivning på engelska"), blank=True)
    website = models.URLField(_("webbplats"), blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    dissolved_on = models.DateField(_("upphörde"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("gick upp i"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_from",
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["name"]
        indexes = [models.Index(fields=["name"], name="organisation_name_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(type__in=OrganisationType.values), name="organisation_type_valid"),
            models.CheckConstraint(
                condition=Q(merged_into__isnull=True) | Q(dissolved_on__isnull=False),
                name="organisation_merged_only_when_dissolved",
            ),
            models.UniqueConstraint(
                fields=["organisation_number"],
                condition=~Q(organisation_number=""),
                name="organisation_number_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The English name for English readers where there is one, else the Swedish (a proper name)."""
        english = (get_language() or "sv").startswith("en")
        return self.name_en if english and self.name_en else self.name

    description = Translated("description")

    def get_absolute_url(self) -> str:
        return reverse("organisations:detail", kwargs={"slug": self.slug})


class Person(TimeStampedModel):
    """A person who works at, or represents, organisations. Only contact details they have agreed to share."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    first_name = models.CharField(_("förnamn"), max_length=100)
    last_name = models.CharField(_("efternamn"), max_length=100)
    email = models.EmailField(_("e-post"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("personer")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class PositionQuerySet(models.QuerySet["Position"]):
    def current(self, on: datetime.date | None = None) -> PositionQuerySet:
        day = on or timezone.localdate()
        return self.filter(Q(starts_on__lte=day) | Q(starts_on__isnull=True)).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=day)
        )

    def contacts(self) -> PositionQuerySet:
        return self.current().filter(is_contact=True).select_related("person")


class Position(models.Model):
    """A person's dated role at an organisation; history is kept when people move on."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="positions")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="positions"
    )
    title_sv = models.CharField(_("befattning"), max_length=200)
    title_en = models.CharField(_("befattning på engelska"), max_length=200, blank=True)
    starts_on = models.DateField(_("från"), null=True, blank=True)
    ends_on = models.DateField(_("till"), null=True, blank=True)
    is_contact = models.BooleanField(
        _("kontaktperson"), default=False, help_text=_("Visas som kontaktperson på organisationens sida.")
    )

    objects = PositionQuerySet.as_manager()

    class Meta:
        verbose_name = _("befattning")
        verbose_name_plural = _("befattningar")
        ordering = ["-is_contact", "person__last_name", "person__first_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="position_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}, {self.title_sv}, {self.organisation}"

    title = Translated("title")
