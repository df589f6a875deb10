"""Grants: Länsstyrelsen's programmes, their calls and versioned application forms, applications with review,
decision, payment and the final report."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from vagenin.actionplan.models import Initiative
from vagenin.common.models import TimeStampedModel, Translated
from vagenin.organisations.models import Organisation, OrganisationType


class ApplicantKind(models.TextChoices):
    """Who a programme lets apply, as the rules name them."""

    MUNICIPALITY = "municipality", _("Kommun")
    CIVIL_SOCIETY = "civil_society", _("Organisation i civilsamhället")
    OTHER = "other", _("Annan organisation")


def applicant_kind(organisation_type: str) -> str:
    """The kind of applicant an organisation of the register is."""
    if organisation_type == OrganisationType.MUNICIPALITY:
        return ApplicantKind.MUNICIPALITY
    if organisation_type == OrganisationType.CIVIL_SOCIETY:
        return ApplicantKind.CIVIL_SOCIETY
    return ApplicantKind.OTHER


class Programme(TimeStampedModel):
    """A grant programme with its legal basis and rules, e.g. tidiga insatser för asylsökande."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    slug = models.SlugField(_("kortadress"), max_length=80, unique=True)
    code = models.CharField(_("förkortning"), max_length=20, help_text=_("T.ex. TIA, § 37 eller § 37 a."))
    name_sv = models.CharField(_("namn"), max_length=200)
    name_en = models.CharField(_("namn på engelska"), max_length=200, blank=True)
    legal_basis_sv = models.CharField(_("rättslig grund"), max_length=300)
    legal_basis_en = models.CharField(_("rättslig grund på engelska"), max_length=300, blank=True)
    municipalities_may_apply = models.BooleanField(_("kommuner får söka"), default=True)
    civil_society_may_apply = models.BooleanField(_("organisationer i civilsamhället får söka"), default=False)
    others_may_apply = models.BooleanField(_("andra organisationer får söka"), default=False)
    rules_sv = models.TextField(_("regler"), blank=True)
    rules_en = models.TextField(_("regler på engelska"), blank=True)
    asks_participants = models.BooleanField(_("slutrapporten redovisar deltagare efter kön och ålder"), default=False)

    class Meta:
        verbose_name = _("bidragsprogram")
        verbose_name_plural = _("bidragsprogram")
        ordering = ["name_sv"]

    def __str__(self) -> str:
        return self.name

    name = Translated("name")
    legal_basis = Translated("legal_basis")
    rules = Translated("rules")

    def get_absolute_url(self) -> str:
        return reverse("grants:programme", kwargs={"slug": self.slug})

    @property
    def applicant_kinds(self) -> list[str]:
        kinds: list[str] = []
        if self.municipalities_may_apply:
            kinds.append(ApplicantKind.MUNICIPALITY)
        if self.civil_society_may_apply:
            kinds.append(ApplicantKind.CIVIL_SOCIETY)
        if self.others_may_apply:
            kinds.append(ApplicantKind.OTHER)
        return kinds

    def applicant_kind_labels(self) -> list[str]:
        return [str(ApplicantKind(kind).label) for kind in self.applicant_kinds]

    def may_apply(self, organisation: Organisation) -> bool:
        return applicant_kind(organisation.type) in self.applicant_kinds


class ProgrammeDocument(models.Model):
    """A document about a programme (rules, templates), checked on upload."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    programme = models.ForeignKey(
        Programme, verbose_name=_("bidragsprogram"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("rubrik"), max_length=200)
    file = models.FileField(_("fil"), upload_to="grants/programmes/%Y/")
    content_type = models.CharField(_("filtyp"), max_length=100)
    size = models.PositiveIntegerField(_("storlek (byte)"))

    class Meta:
        verbose_name = _("programdokument")
        verbose_name_plural = _("programdokument")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class ApplicationForm(TimeStampedModel):
    """An application form built by the grant officer; its content lives in numbered versions."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    programme = models.ForeignKey(
        Programme, verbose_name=_("bidragsprogram"), on_delete=models.CASCADE, related_name="forms"
    )
    name = models.CharField(_("namn"), max_length=200)

    class Meta:
        verbose_name = _("ansökningsformulär")
        verbose_name_plural = _("ansökningsformulär")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FormVersion(models.Model):
    """One version of a form. Once a call using it has opened, or an application uses it, it never changes."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    form = models.ForeignKey(
        ApplicationForm, verbose_name=_("formulär"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        verbose_name = _("formulärversion")
        verbose_name_plural = _("formulärversioner")
        ordering = ["form", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["form", "number"], name="formversion_unique_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="formversion_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.form} v{self.number}"

    def is_locked(self) -> bool:
        """Whether a call using this version has opened, or an application was made with it."""
        return self.calls.filter(opens_at__lte=timezone.now()).exists() or self.applications.exists()


class FieldKind(models.TextChoices):
    TEXT = "text", _("Text")
    LONG_TEXT = "long_text", _("Lång text")
    NUMBER = "number", _("Tal")
    AMOUNT = "amount", _("Belopp (kr)")
    BUDGET = "budget", _("Budgettabell")
    CHOICE = "choice", _("Val")
    DATE = "date", _("Datum")
    FILE = "file", _("Fil")
    ORGANISATION = "organisation", _("Sökande organisation")
    CONTACT = "contact", _("Kontaktperson")


class FormField(models.Model):
    """A typed, bilingual question of a form version."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    version = models.ForeignKey(FormVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="fields")
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    kind = models.CharField(_("typ"), max_length=16, choices=FieldKind.choices)
    label_sv = models.CharField(_("fråga"), max_length=300)
    label_en = models.CharField(_("fråga på engelska"), max_length=300, blank=True)
    help_sv = models.CharField(_("hjälptext"), max_length=500, blank=True)
    help_en = models.CharField(_("hjälptext på engelska"), max_length=500, blank=True)
    required = models.BooleanField(_("obligatorisk"), default=True)
    choices_sv = models.TextField(_("alternativ"), blank=True, help_text=_("Ett alternativ per rad (för typen val)."))
    choices_en = models.TextField(_("alternativ på engelska"), blank=True, help_text=_("Samma ordning som på svenska."))

    class Meta:
        verbose_name = _("formulärfält")
        verbose_name_plural = _("formulärfält")
        ordering = ["version", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=FieldKind.values), name="formfield_kind_valid"),
            models.CheckConstraint(
                condition=~Q(kind=FieldKind.CHOICE) | ~Q(choices_sv=""), name="formfield_choice_has_options"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    label = Translated("label")
    help = Translated("help")

    def options(self) -> list[tuple[str, str]]:
        """(value, label) pairs of a choice: the Swedish text is the stored value."""
        swedish = [line.strip() for line in self.choices_sv.splitlines() if line.strip()]
        english = [line.strip() for line in self.choices_en.splitlines() if line.strip()]
        use_english = (get_language() or "sv").startswith("en") and len(english) == len(swedish)
        return [(value, english[n] if use_english else value) for n, value in enumerate(swedish)]


class CallQuerySet(models.QuerySet["Call"]):
    def published(self) -> CallQuerySet:
        return self.filter(published=True)

    def open_now(self) -> CallQuerySet:
        now = timezone.now()
        return self.published().filter(opens_at__lte=now, closes_at__gt=now)


class Call(TimeStampedModel):
    """A call for applications under a programme: when it is open, how much there is, which form, criteria."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    slug = models.SlugField(_("kortadress"), max_length=120, unique=True)
    programme = models.ForeignKey(
        Programme, verbose_name=_("bidragsprogram"), on_delete=models.PROTECT, related_name="calls"
    )
    title_sv = models.CharField(_("rubrik"), max_length=200)
    title_en = models.CharField(_("rubrik på engelska"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("år"))
    description_sv = models.TextField(_("beskrivning"), blank=True)
    description_en = models.TextField(_("beskrivning på engelska"), blank=True)
    how_to_apply_sv = models.TextField(_("så ansöker du"), blank=True)
    how_to_apply_en = models.TextField(_("så ansöker du, på engelska"), blank=True)
    reporting_sv = models.TextField(_("krav på återrapportering"), blank=True)
    reporting_en = models.TextField(_("krav på återrapportering, på engelska"), blank=True)
    opens_at = models.DateTimeField(_("öppnar"))
    closes_at = models.DateTimeField(_("stänger"))
    report_due_on = models.DateField(_("sista dag för slutrapport"), null=True, blank=True)
    amount_available = models.PositiveBigIntegerField(_("tillgängligt belopp (kr)"))
    form_version = models.ForeignKey(
        FormVersion, verbose_name=_("formulärversion"), on_delete=models.PROTECT, related_name="calls"
    )
    published = models.BooleanField(_("publicerad"), default=False)

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("utlysning")
        verbose_name_plural = _("utlysningar")
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="call_closes_after_opening"),
        ]

    def __str__(self) -> str:
        return self.title

    title = Translated("title")
    description = Translated("description")
    how_to_apply = Translated("how_to_apply")
    reporting = Translated("reporting")

    def get_absolute_url(self) -> str:
        return reverse("grants:call", kwargs={"slug": self.slug})

    @property
    def is_open(self) -> bool:
        return self.published and self.opens_at <= timezone.now() < self.closes_at

    @property
    def has_opened(self) -> bool:
        return self.opens_at <= timezone.now()


class Criterion(models.Model):
    """A review criterion of a call with its maximum score."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    call = models.ForeignKey(Call, verbose_name=_("utlysning"), on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    name_sv = models.CharField(_("kriterium"), max_length=200)
    name_en = models.CharField(_("kriterium på engelska"), max_length=200, blank=True)
    max_score = models.PositiveSmallIntegerField(_("högsta poäng"), default=5)

    class Meta:
        verbose_name = _("bedömningskriterium")
        verbose_name_plural = _("bedömningskriterier")
        ordering = ["call", "order", "pk"]
        constraints = [models.CheckConstraint(condition=Q(max_score__gte=1), name="criterion_max_score_positive")]

    def __str__(self) -> str:
        return self.name

    name = Translated("name")


class Status(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    SUBMITTED = "submitted", _("Inskickad")
    IN_REVIEW = "in_review", _("Under handläggning")
    INFO_REQUESTED = "info_requested", _("Komplettering begärd")
    DECIDED = "decided", _("Beslutad")
    PAID = "paid", _("Utbetald")
    REPORTED = "reported", _("Slutrapporterad")
    CLOSED = "closed", _("Avslutad")
    WITHDRAWN = "withdrawn", _("Återkallad")


class Outcome(models.TextChoices):
    GRANTED_FULL = "granted_full", _("Beviljad i sin helhet")
    GRANTED_PART = "granted_part", _("Delvis beviljad")
    DECLINED = "declined", _("Avslag")


DECIDED_STATUSES = [Status.DECIDED, Status.PAID, Status.REPORTED, Status.CLOSED]
# The applicant may still change the answers in these states.
EDITABLE_STATUSES = [Status.DRAFT, Status.INFO_REQUESTED]
GRANTED_OUTCOMES = [Outcome.GRANTED_FULL, Outcome.GRANTED_PART]


class ApplicationQuerySet(models.QuerySet["Application"]):
    def for_list(self) -> ApplicationQuerySet:
        """What a list of applications shows, in a fixed number of queries."""
        return self.select_related("call__programme", "organisation__municipality")

    def of_organisations(self, organisation_ids: Any) -> ApplicationQuerySet:
        return self.filter(organisation_id__in=organisation_ids)

    def not_draft(self) -> ApplicationQuerySet:
        return self.exclude(status=Status.DRAFT)

    def granted(self) -> ApplicationQuerySet:
        """Granted grants: public records (recipient, purpose, amount, year)."""
        return self.filter(status__in=DECIDED_STATUSES, outcome__in=GRANTED_OUTCOMES)

    def awaiting_officer(self) -> ApplicationQuerySet:
        return self.filter(status__in=[Status.SUBMITTED, Status.IN_REVIEW])


class Application(TimeStampedModel):
    """An organisation's application to a call, answered against the form version it was made with."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    call = models.ForeignKey(Call, verbose_name=_("utlysning"), on_delete=models.PROTECT, related_name="applications")
    form_version = models.ForeignKey(
        FormVersion, verbose_name=_("formulärversion"), on_delete=models.PROTECT, related_name="applications"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("sökande organisation"),
        on_delete=models.PROTECT,
        related_name="grant_applications",
    )
    co_applicants = models.ManyToManyField(
        Organisation, verbose_name=_("medsökande"), blank=True, related_name="grant_co_applications"
    )
    title = models.CharField(_("projektets namn"), max_length=200)
    purpose = models.CharField(
        _("ändamål"),
        max_length=500,
        help_text=_("En mening om vad pengarna ska användas till. Visas offentligt vid beviljat bidrag."),
    )
    amount_requested = models.PositiveBigIntegerField(_("sökt belopp (kr)"), default=0)
    answers = models.JSONField(_("svar"), default=dict, blank=True)
    contact_name = models.CharField(_("kontaktperson"), max_length=200, blank=True)
    contact_email = models.EmailField(_("kontaktpersonens e-post"), blank=True)
    contact_phone = models.CharField(_("kontaktpersonens telefon"), max_length=40, blank=True)
    language = models.CharField(_("språk"), max_length=8, default="sv")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("inskickad"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(_("beslut"), max_length=16, choices=Outcome.choices, blank=True)
    amount_granted = models.PositiveBigIntegerField(_("beviljat belopp (kr)"), null=True, blank=True)
    conditions = models.TextField(_("villkor"), blank=True)
    decided_on = models.DateField(_("beslutsdatum"), null=True, blank=True)
    registration_number = models.CharField(_("diarienummer"), max_length=40, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    paid_on = models.DateField(_("utbetald"), null=True, blank=True)
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("insats i handlingsplanen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="grant_applications",
    )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("ansökan")
        verbose_name_plural = _("ansökningar")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "call"], name="grants_app_status_call"),
            # The officer's list: newest submitted first, a page at a time.
            models.Index(fields=["-submitted_at", "id"], name="grants_app_submitted"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=Status.values), name="application_status_valid"),
            models.CheckConstraint(
                condition=Q(outcome="") | Q(outcome__in=Outcome.values), name="application_outcome_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=[Status.DRAFT, Status.WITHDRAWN]) | Q(submitted_at__isnull=False),
                name="application_submitted_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=DECIDED_STATUSES)
                | (
                    ~Q(outcome="")
                    & Q(decided_on__isnull=False)
                    & ~Q(registration_number="")
                    & Q(amount_granted__isnull=False)
                ),
                name="application_decision_complete",
            ),
            models.CheckConstraint(
                condition=Q(amount_granted__isnull=True) | Q(amount_granted__lte=F("amount_requested")),
                name="application_granted_within_requested",
            ),
            models.CheckConstraint(
                condition=~Q(outcome=Outcome.DECLINED) | Q(amount_granted=0), name="application_declined_is_zero"
            ),
            models.CheckConstraint(
                condition=~Q(outcome=Outcome.GRANTED_FULL) | Q(amount_granted=F("amount_requested")),
                name="application_full_is_requested",
            ),
            models.CheckConstraint(
                condition=~Q(outcome=Outcome.GRANTED_PART)
                | (Q(amount_granted__gt=0) & Q(amount_granted__lt=F("amount_requested"))),
                name="application_part_is_less",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[Status.PAID, Status.REPORTED])
                | (Q(paid_on__isnull=False) & Q(outcome__in=GRANTED_OUTCOMES)),
                name="application_paid_is_granted",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("grants:application", kwargs={"application_id": self.uuid})

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_granted(self) -> bool:
        return self.outcome in GRANTED_OUTCOMES


class ApplicationFile(models.Model):
    """A file an application answers a file question with (checked on upload)."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    application = models.ForeignKey(
        Application, verbose_name=_("ansökan"), on_delete=models.CASCADE, related_name="files"
    )
    field_uuid = models.UUIDField(_("fält"))
    name = models.CharField(_("filnamn"), max_length=200)
    file = models.FileField(_("fil"), upload_to="grants/applications/%Y/")
    content_type = models.CharField(_("filtyp"), max_length=100)
    size = models.PositiveIntegerField(_("storlek (byte)"))
    uploaded_at = models.DateTimeField(_("uppladdad"), auto_now_add=True)

    class Meta:
        verbose_name = _("bilaga till ansökan")
        verbose_name_plural = _("bilagor till ansökningar")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.name


class Message(models.Model):
    """A message on an application between the grant officer and the applicant (requests, replies, notes)."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    application = models.ForeignKey(
        Application, verbose_name=_("ansökan"), on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_officer = models.BooleanField(_("från handläggaren"), default=False)
    body = models.TextField(_("meddelande"))
    created_at = models.DateTimeField(_("skickat"), auto_now_add=True)

    class Meta:
        verbose_name = _("meddelande")
        verbose_name_plural = _("meddelanden")
        ordering = ["created_at", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(body=""), name="grants_message_not_empty")]

    def __str__(self) -> str:
        return self.body[:60]


class ReviewAssignmentQuerySet(models.QuerySet["ReviewAssignment"]):
    def open(self) -> ReviewAssignmentQuerySet:
        return self.filter(submitted_at__isnull=True)


class ReviewAssignment(models.Model):
    """A reviewer assigned to an application, with the reviewer's declaration of no conflict of interest."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    application = models.ForeignKey(
        Application, verbose_name=_("ansökan"), on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("granskare"), on_delete=models.PROTECT, related_name="grant_reviews"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(_("tilldelad"), auto_now_add=True)
    no_conflict_declared_at = models.DateTimeField(_("jävsdeklaration lämnad"), null=True, blank=True)
    comment = models.TextField(_("kommentar"), blank=True)
    submitted_at = models.DateTimeField(_("bedömning klar"), null=True, blank=True)

    objects = ReviewAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("granskningsuppdrag")
        verbose_name_plural = _("granskningsuppdrag")
        ordering = ["assigned_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="review_one_per_reviewer"),
            models.CheckConstraint(
                condition=Q(submitted_at__isnull=True) | Q(no_conflict_declared_at__isnull=False),
                name="review_submitted_has_declaration",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} – {self.reviewer}"

    def total(self) -> int:
        return sum(score.score for score in self.scores.all())


class Score(models.Model):
    """A reviewer's score of an application against one criterion."""

    assignment = models.ForeignKey(
        ReviewAssignment, verbose_name=_("granskningsuppdrag"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("kriterium"), on_delete=models.CASCADE, related_name="scores"
    )
    score = models.PositiveSmallIntegerField(_("poäng"))

    class Meta:
        verbose_name = _("poäng")
        verbose_name_plural = _("poäng")
        constraints = [models.UniqueConstraint(fields=["assignment", "criterion"], name="score_one_per_criterion")]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    SUBMITTED = "submitted", _("Inskickad")
    RETURNED = "returned", _("Återsänd för komplettering")
    APPROVED = "approved", _("Godkänd")


class FinalReport(TimeStampedModel):
    """The granted organisation's final report: what was done, participants, money used; unused money is reclaimed."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    application = models.OneToOneField(
        Application, verbose_name=_("ansökan"), on_delete=models.CASCADE, related_name="final_report"
    )
    status = models.CharField(_("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    narrative = models.TextField(_("vad som gjordes"), blank=True)
    participants = models.JSONField(_("deltagare efter kön och ålder"), default=dict, blank=True)
    spent = models.JSONField(_("använda medel per budgetpost"), default=dict, blank=True)
    amount_used = models.PositiveBigIntegerField(_("använt belopp (kr)"), default=0)
    reclaim_amount = models.PositiveBigIntegerField(_("att återkräva (kr)"), default=0)
    submitted_at = models.DateTimeField(_("inskickad"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("beslutad"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    officer_comment = models.TextField(_("handläggarens kommentar"), blank=True)

    class Meta:
        verbose_name = _("slutrapport")
        verbose_name_plural = _("slutrapporter")
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ReportStatus.values), name="finalreport_status_valid"),
            models.CheckConstraint(
                condition=~Q(status=ReportStatus.RETURNED) | ~Q(officer_comment=""),
                name="finalreport_returned_has_comment",
            ),
            models.CheckConstraint(
                condition=Q(status=ReportStatus.DRAFT) | Q(submitted_at__isnull=False),
                name="finalreport_submitted_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application}"

    @property
    def reclaim_flagged(self) -> bool:
        return self.reclaim_amount > 0
