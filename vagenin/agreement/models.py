"""The agreement: periods, signatories, principles, areas, focus themes and governance bodies."""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Prefetch, Q, Value, When
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vagenin.common.models import TimeStampedModel, Translated, translated
from vagenin.organisations.models import County, Organisation, Person


class AgreementPeriodQuerySet(models.QuerySet["AgreementPeriod"]):
    def of_this_county(self) -> AgreementPeriodQuerySet:
        """The periods of the county this deployment serves (settings.VAGENIN_COUNTY_CODE)."""
        return self.filter(county__code=settings.VAGENIN_COUNTY_CODE)

    def current(self) -> AgreementPeriod | None:
        """This county's period in force today, else its latest one."""
        today = timezone.localdate()
        in_force = Q(starts_on__lte=today) & (Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        # One query whether or not a period is in force: those in force sort first.
        return (
            self.of_this_county()
            .annotate(in_force=Case(When(in_force, then=Value(1)), default=Value(0)))
            .order_by("-in_force", "-starts_on")
            .first()
        )

    def current_or_404(self) -> AgreementPeriod:
        """`current()`, or 404 when no period has been loaded: every page about "the" agreement starts here."""
        period = self.current()
        if period is None:
            raise Http404("No agreement period has been loaded.")
        return period


class AgreementPeriod(TimeStampedModel):
    """One period of the agreement (e.g. 2015–2020); a revised agreement is a new period."""

    slug = models.SlugField(_("kortadress"), max_length=40, unique=True)
    county = models.ForeignKey(County, verbose_name=_("län"), on_delete=models.PROTECT, related_name="agreements")
    title_sv = models.CharField(_("titel"), max_length=200)
    title_en = models.CharField(_("titel på engelska"), max_length=200, blank=True)
    starts_on = models.DateField(_("gäller från"))
    ends_on = models.DateField(_("gäller till"), null=True, blank=True)
    signed_on = models.DateField(_("undertecknad"), null=True, blank=True)
    form_sv = models.CharField(_("form"), max_length=200, blank=True)
    form_en = models.CharField(_("form på engelska"), max_length=200, blank=True)
    intent_sv = models.TextField(_("avsiktsförklaring"), blank=True)
    intent_en = models.TextField(_("avsiktsförklaring på engelska"), blank=True)
    implementation_sv = models.TextField(_("genomförande"), blank=True)
    implementation_en = models.TextField(_("genomförande på engelska"), blank=True)
    status_note_sv = models.TextField(
        _("läget efter perioden"),
        blank=True,
        help_text=_(
            "Visas på alla sidor om perioden när den har löpt ut: vad som gäller nu, till exempel en revidering."
        ),
    )
    status_note_en = models.TextField(_("läget efter perioden på engelska"), blank=True)

    objects = AgreementPeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("avtalsperiod")
        verbose_name_plural = _("avtalsperioder")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")), name="period_dates_ordered"
            )
        ]

    def __str__(self) -> str:
        return self.title

    title = Translated("title")
    form = Translated("form")

    intent = Translated("intent")
    implementation = Translated("implementation")
    status_note = Translated("status_note")

    @property
    def has_ended(self) -> bool:
        """Whether the period's last day has passed (Europe/Stockholm)."""
        return self.ends_on is not None and self.ends_on < timezone.localdate()

    @property
    def as_of(self) -> datetime.date:
        """The day the period's pages describe: today, or its last day once it has ended."""
        if self.ends_on is not None and self.has_ended:
            return self.ends_on
        return timezone.localdate()

    def get_absolute_url(self) -> str:
        return reverse("agreement:period", kwargs={"period": self.slug})


class SignatoryQuerySet(models.QuerySet["Signatory"]):
    def for_public_display(self) -> SignatoryQuerySet:
        return self.select_related("organisation", "organisation__merged_into", "organisation__municipality")


class Signatory(models.Model):
    """An organisation that signed a period of the agreement."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    period = models.ForeignKey(
        AgreementPeriod, verbose_name=_("avtalsperiod"), on_delete=models.CASCADE, related_name="signatories"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="signatures"
    )
    signed_on = models.DateField(_("undertecknade"), null=True, blank=True)
    left_on = models.DateField(_("lämnade"), null=True, blank=True)
    note_sv = models.CharField(_("anmärkning"), max_length=300, blank=True)
    note_en = models.CharField(_("anmärkning på engelska"), max_length=300, blank=True)

    objects = SignatoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("undertecknande part")
        verbose_name_plural = _("undertecknande parter")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["period", "organisation"], name="signatory_unique_per_period"),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(signed_on__isnull=True) | Q(left_on__gte=F("signed_on")),
                name="signatory_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.period})"

    note = Translated("note")


class Principle(models.Model):
    """One of the principles the collaboration rests on."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    period = models.ForeignKey(
        AgreementPeriod, verbose_name=_("avtalsperiod"), on_delete=models.CASCADE, related_name="principles"
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    text_sv = models.CharField(_("princip"), max_length=300)
    text_en = models.CharField(_("princip på engelska"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("princip")
        verbose_name_plural = _("principer")
        ordering = ["period", "number"]
        constraints = [models.UniqueConstraint(fields=["period", "number"], name="principle_unique_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"

    text = Translated("text")


class AreaQuerySet(models.QuerySet["Area"]):
    def with_themes(self) -> AreaQuerySet:
        partners = ThemePartner.objects.select_related("organisation")
        themes = FocusTheme.objects.prefetch_related(Prefetch("partners", queryset=partners))
        return self.prefetch_related(Prefetch("themes", queryset=themes))


class Area(TimeStampedModel):
    """A collaboration area (samverkansområde), e.g. "Vägen till arbete"."""

    period = models.ForeignKey(
        AgreementPeriod, verbose_name=_("avtalsperiod"), on_delete=models.CASCADE, related_name="areas"
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    slug = models.SlugField(_("kortadress"), max_length=60)
    name_sv = models.CharField(_("namn"), max_length=200)
    name_en = models.CharField(_("namn på engelska"), max_length=200, blank=True)
    short_name_sv = models.CharField(_("kortnamn"), max_length=80)
    short_name_en = models.CharField(_("kortnamn på engelska"), max_length=80, blank=True)
    lead_sv = models.CharField(_("ingress"), max_length=400, blank=True)
    lead_en = models.CharField(_("ingress på engelska"), max_length=400, blank=True)
    description_sv = models.TextField(_("beskrivning"), blank=True)
    description_en = models.TextField(_("beskrivning på engelska"), blank=True)

    objects = AreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("samverkansområde")
        verbose_name_plural = _("samverkansområden")
        ordering = ["period", "number"]
        constraints = [
            models.UniqueConstraint(fields=["period", "number"], name="area_unique_number"),
            models.UniqueConstraint(fields=["period", "slug"], name="area_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.name

    name = Translated("name")
    short_name = Translated("short_name")

    lead = Translated("lead")
    description = Translated("description")

    def get_absolute_url(self) -> str:
        return reverse("agreement:area", kwargs={"period": self.period.slug, "area": self.slug})


class FocusTheme(TimeStampedModel):
    """A focus theme within an area; initiatives serve one or more themes."""

    area = models.ForeignKey(Area, verbose_name=_("samverkansområde"), on_delete=models.CASCADE, related_name="themes")
    number = models.PositiveSmallIntegerField(_("nummer"))
    slug = models.SlugField(_("kortadress"), max_length=80)
    name_sv = models.CharField(_("namn"), max_length=200)
    name_en = models.CharField(_("namn på engelska"), max_length=200, blank=True)
    description_sv = models.TextField(_("beskrivning"), blank=True)
    description_en = models.TextField(_("beskrivning på engelska"), blank=True)

    class Meta:
        verbose_name = _("fokusområde")
        verbose_name_plural = _("fokusområden")
        ordering = ["area", "number"]
        constraints = [
            models.UniqueConstraint(fields=["area", "number"], name="theme_unique_number"),
            models.UniqueConstraint(fields=["area", "slug"], name="theme_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.name

    name = Translated("name")
    description = Translated("description")


class ThemePartner(models.Model):
    """A collaboration partner the agreement names for a theme: an organisation or a group such as "kommunerna"."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    theme = models.ForeignKey(
        FocusTheme, verbose_name=_("fokusområde"), on_delete=models.CASCADE, related_name="partners"
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="theme_partnerships",
    )
    group_sv = models.CharField(_("grupp av aktörer"), max_length=200, blank=True)
    group_en = models.CharField(_("grupp av aktörer på engelska"), max_length=200, blank=True)
    note_sv = models.CharField(_("anmärkning"), max_length=200, blank=True)
    note_en = models.CharField(_("anmärkning på engelska"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("samverkanspart")
        verbose_name_plural = _("samverkansparter")
        ordering = ["theme", "order"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(organisation__isnull=False) & Q(group_sv=""))
                | (Q(organisation__isnull=True) & ~Q(group_sv="")),
                name="themepartner_organisation_xor_group",
            ),
            models.UniqueConstraint(fields=["theme", "order"], name="themepartner_unique_order"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.organisation.display_name if self.organisation else translated(self, "group")

    note = Translated("note")


class BodyKind(models.TextChoices):
    COUNCIL = "council", _("Rådslag")
    MUNICIPAL_CHIEFS = "municipal_chiefs", _("Kommuncheferna")
    WORKING_COMMITTEE = "working_committee", _("Arbetsutskott")
    STEERING_GROUP = "steering_group", _("Styrgrupp")
    NETWORK = "network", _("Nätverk")
    THEME_GROUP = "theme_group", _("Temagrupp")
    SECRETARIAT = "secretariat", _("Kansli")
    WORKING_GROUP = "working_group", _("Arbetsgrupp")


class BodyQuerySet(models.QuerySet["Body"]):
    def for_public_display(self) -> BodyQuerySet:
        return self.select_related("period", "parent", "area", "convener")


class Body(TimeStampedModel):
    """A governance body of the agreement: council, municipal chiefs, groups, networks, secretariat."""

    period = models.ForeignKey(
        AgreementPeriod, verbose_name=_("avtalsperiod"), on_delete=models.CASCADE, related_name="bodies"
    )
    slug = models.SlugField(_("kortadress"), max_length=80)
    kind = models.CharField(_("slag"), max_length=32, choices=BodyKind.choices)
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    name_sv = models.CharField(_("namn"), max_length=200)
    name_en = models.CharField(_("namn på engelska"), max_length=200, blank=True)
    description_sv = models.TextField(_("beskrivning"), blank=True)
    description_en = models.TextField(_("beskrivning på engelska"), blank=True)
    meets_sv = models.CharField(_("möts"), max_length=200, blank=True)
    meets_en = models.CharField(_("möts, på engelska"), max_length=200, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("ingår i"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    area = models.ForeignKey(
        Area, verbose_name=_("samverkansområde"), null=True, blank=True, on_delete=models.PROTECT, related_name="bodies"
    )
    convener = models.ForeignKey(
        Organisation,
        verbose_name=_("sammankallande organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="convened_bodies",
    )

    objects = BodyQuerySet.as_manager()

    class Meta:
        verbose_name = _("organ")
        verbose_name_plural = _("organ")
        ordering = ["period", "order", "name_sv"]
        constraints = [
            models.UniqueConstraint(fields=["period", "slug"], name="body_unique_slug"),
            models.CheckConstraint(condition=Q(kind__in=BodyKind.values), name="body_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.name

    name = Translated("name")
    description = Translated("description")

    meets = Translated("meets")

    def get_absolute_url(self) -> str:
        return reverse("agreement:body", kwargs={"period": self.period.slug, "body": self.slug})


class Responsibility(models.Model):
    """An area of responsibility within a body, e.g. the secretariat's "kommunal utveckling"."""

    body = models.ForeignKey(Body, verbose_name=_("organ"), on_delete=models.CASCADE, related_name="responsibilities")
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    slug = models.SlugField(_("kortadress"), max_length=80)
    name_sv = models.CharField(_("ansvarsområde"), max_length=200)
    name_en = models.CharField(_("ansvarsområde på engelska"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("ansvarsområde")
        verbose_name_plural = _("ansvarsområden")
        ordering = ["body", "order"]
        constraints = [models.UniqueConstraint(fields=["body", "slug"], name="responsibility_unique_slug")]

    def __str__(self) -> str:
        return self.name

    name = Translated("name")


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Ordförande")
    VICE_CHAIR = "vice_chair", _("Vice ordförande")
    CONVENER = "convener", _("Sammankallande")
    SECRETARY = "secretary", _("Sekreterare")
    RESPONSIBLE = "responsible", _("Ansvarig")
    MEMBER = "member", _("Ledamot")


class BodyMembershipQuerySet(models.QuerySet["BodyMembership"]):
    def current(self, on: datetime.date | None = None) -> BodyMembershipQuerySet:
        day = on or timezone.localdate()
        return self.filter(starts_on__lte=day).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))

    def for_display(self) -> BodyMembershipQuerySet:
        return self.select_related("person", "organisation", "responsibility")


class BodyMembership(models.Model):
    """A person's dated seat in a body, representing an organisation, with a role."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    body = models.ForeignKey(Body, verbose_name=_("organ"), on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="body_memberships"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("företräder"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="body_memberships",
    )
    role = models.CharField(_("roll"), max_length=16, choices=MemberRole.choices, default=MemberRole.MEMBER)
    responsibility = models.ForeignKey(
        Responsibility,
        verbose_name=_("ansvarsområde"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    starts_on = models.DateField(_("från"))
    ends_on = models.DateField(_("till"), null=True, blank=True)

    objects = BodyMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("ledamotskap")
        verbose_name_plural = _("ledamotskap")
        ordering = ["body", "role", "person__last_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")), name="bodymembership_dates_ordered"
            ),
            models.CheckConstraint(condition=Q(role__in=MemberRole.values), name="bodymembership_role_valid"),
            models.CheckConstraint(
                condition=~Q(role=MemberRole.RESPONSIBLE) | Q(responsibility__isnull=False),
                name="bodymembership_responsible_has_area",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}, {self.get_role_display()}, {self.body}"


def mark_signatories(organisations: models.QuerySet[Organisation]) -> models.QuerySet[Organisation]:
    """Annotate organisations with `is_signatory`: whether they signed this county's current period."""
    period = AgreementPeriod.objects.current()
    return organisations.annotate(
        is_signatory=models.Exists(Signatory.objects.filter(period=period, organisation=models.OuterRef("pk")))
    )
