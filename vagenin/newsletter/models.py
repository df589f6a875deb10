"""News, the knowledge bank, and the newsletter: subscribers, issues and one delivery row per recipient."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from django.conf import settings
from django.db import connections, models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vagenin.actionplan.models import Initiative
from vagenin.actionplan.search import terms
from vagenin.agreement.models import Area, FocusTheme
from vagenin.common.models import TimeStampedModel, Translated
from vagenin.organisations.models import Organisation

LANGUAGES = [("sv", _("svenska")), ("en", _("engelska"))]


# News -------------------------------------------------------------------------------------------


class NewsStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    SUBMITTED = "submitted", _("Inskickad för granskning")
    RETURNED = "returned", _("Återsänd för ändring")
    APPROVED = "approved", _("Godkänd")


class NewsQuerySet(models.QuerySet["NewsItem"]):
    def published(self, now: Any = None) -> NewsQuerySet:
        """Approved items whose publishing time has come: a scheduled item appears by itself, no job needed."""
        return self.filter(status=NewsStatus.APPROVED, published_at__lte=now or timezone.now())

    def for_list(self) -> NewsQuerySet:
        return self.select_related("organisation").prefetch_related("areas", "themes")

    def awaiting_review(self) -> NewsQuerySet:
        return self.filter(status=NewsStatus.SUBMITTED)


class NewsItem(TimeStampedModel):
    """A news item; a partner editor's items are published once the secretariat approves them."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    title_sv = models.CharField(_("rubrik"), max_length=200)
    title_en = models.CharField(_("rubrik på engelska"), max_length=200, blank=True)
    summary_sv = models.CharField(_("ingress"), max_length=500)
    summary_en = models.CharField(_("ingress på engelska"), max_length=500, blank=True)
    body_sv = models.TextField(_("brödtext"), blank=True)
    body_en = models.TextField(_("brödtext på engelska"), blank=True)
    image = models.FileField(_("bild"), upload_to="news/%Y/", blank=True)
    image_alt_sv = models.CharField(_("bildens alternativtext"), max_length=300, blank=True)
    image_alt_en = models.CharField(_("bildens alternativtext på engelska"), max_length=300, blank=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="news_items"
    )
    areas = models.ManyToManyField(Area, verbose_name=_("samverkansområden"), blank=True, related_name="news_items")
    themes = models.ManyToManyField(FocusTheme, verbose_name=_("fokusområden"), blank=True, related_name="news_items")
    status = models.CharField(_("status"), max_length=16, choices=NewsStatus.choices, default=NewsStatus.DRAFT)
    published_at = models.DateTimeField(_("publiceras"), null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("beslutad"), null=True, blank=True)
    reviewer_comment = models.TextField(_("kansliets kommentar"), blank=True)

    objects = NewsQuerySet.as_manager()

    class Meta:
        verbose_name = _("nyhet")
        verbose_name_plural = _("nyheter")
        # Unpublished items (no date) last, on PostgreSQL as on SQLite.
        ordering = [F("published_at").desc(nulls_last=True), "-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=NewsStatus.values), name="news_status_valid"),
            models.CheckConstraint(
                condition=~Q(status=NewsStatus.APPROVED) | Q(published_at__isnull=False),
                name="news_approved_has_date",
            ),
            models.CheckConstraint(condition=Q(image="") | ~Q(image_alt_sv=""), name="news_image_has_alt"),
            models.CheckConstraint(
                condition=~Q(status=NewsStatus.RETURNED) | ~Q(reviewer_comment=""), name="news_returned_has_comment"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    title = Translated("title")
    summary = Translated("summary")
    body = Translated("body")
    image_alt = Translated("image_alt")

    @property
    def state(self) -> str:
        """What a reader sees: draft, submitted, returned, scheduled or published."""
        if self.status != NewsStatus.APPROVED:
            return str(self.status)
        return "published" if self.published_at and self.published_at <= timezone.now() else "scheduled"

    @property
    def is_public(self) -> bool:
        return self.state == "published"

    def get_absolute_url(self) -> str:
        return reverse("newsletter:news_detail", kwargs={"newsitem": self.uuid})


# The knowledge bank ------------------------------------------------------------------------------


class DocumentKind(models.TextChoices):
    GUIDE = "guide", _("Guide")
    REPORT = "report", _("Rapport")
    PROCESS_DAY = "process_day", _("Sammanfattning av processdag")
    TRAINING = "training", _("Extern utbildning")
    OTHER = "other", _("Övrigt")


class DocumentLanguage(models.TextChoices):
    SWEDISH = "sv", _("svenska")
    ENGLISH = "en", _("engelska")
    OTHER = "other", _("annat språk")


class DocumentQuerySet(models.QuerySet["Document"]):
    def for_list(self) -> DocumentQuerySet:
        return self.select_related("organisation").prefetch_related("areas")

    def search(self, query: str) -> DocumentQuerySet:
        """The catalogue's search: PostgreSQL's Swedish configuration, or Swedish stems as substrings."""
        if not query.strip():
            return self
        if connections[self.db].vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery, SearchVector

            vector = (
                SearchVector("title_sv", weight="A", config="swedish")
                + SearchVector("description_sv", weight="B", config="swedish")
                + SearchVector("title_en", "description_en", weight="B", config="english")
            )
            swedish = SearchQuery(query, config="swedish", search_type="websearch")
            english = SearchQuery(query, config="english", search_type="websearch")
            return self.annotate(document=vector).filter(Q(document=swedish) | Q(document=english))
        condition = Q()
        for term in terms(query):
            condition &= (
                Q(title_sv__icontains=term)
                | Q(description_sv__icontains=term)
                | Q(title_en__icontains=term)
                | Q(description_en__icontains=term)
            )
        return self.filter(condition)


class Document(TimeStampedModel):
    """An entry in the knowledge bank: a guide, report, process-day summary or training, as a file or a link."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    title_sv = models.CharField(_("titel"), max_length=300)
    title_en = models.CharField(_("titel på engelska"), max_length=300, blank=True)
    description_sv = models.TextField(_("beskrivning"), blank=True)
    description_en = models.TextField(_("beskrivning på engelska"), blank=True)
    kind = models.CharField(_("typ"), max_length=16, choices=DocumentKind.choices, default=DocumentKind.OTHER)
    areas = models.ManyToManyField(Area, verbose_name=_("samverkansområden"), blank=True, related_name="documents")
    themes = models.ManyToManyField(FocusTheme, verbose_name=_("fokusområden"), blank=True, related_name="documents")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    date = models.DateField(_("datum"), null=True, blank=True, help_text=_("Lämna tomt om datumet inte är känt."))
    language = models.CharField(
        _("dokumentets språk"), max_length=8, choices=DocumentLanguage.choices, default=DocumentLanguage.SWEDISH
    )
    file = models.FileField(_("fil"), upload_to="knowledge/%Y/", blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    size = models.PositiveIntegerField(default=0)
    url = models.URLField(_("extern länk"), max_length=500, blank=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("dokument")
        verbose_name_plural = _("kunskapsbank")
        ordering = [F("date").desc(nulls_last=True), "title_sv"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=DocumentKind.values), name="document_kind_valid"),
            models.CheckConstraint(condition=Q(language__in=DocumentLanguage.values), name="document_language_valid"),
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(url="") | ~Q(description_sv=""),
                name="document_has_content",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    title = Translated("title")
    description = Translated("description")

    def get_absolute_url(self) -> str:
        return reverse("newsletter:document", kwargs={"document": self.uuid})


# The newsletter ----------------------------------------------------------------------------------


class SubscriberStatus(models.TextChoices):
    # An unsubscribed, bounced or complaining address is deleted at once: nothing is kept about it.
    PENDING = "pending", _("Väntar på bekräftelse")
    ACTIVE = "active", _("Aktiv")


class SubscriberSource(models.TextChoices):
    FORM = "form", _("Formuläret på webbplatsen")
    ACCOUNT = "account", _("Användarkonto")
    DEMO = "demo", _("Demodata")


class SubscriberQuerySet(models.QuerySet["Subscriber"]):
    def active(self) -> SubscriberQuerySet:
        return self.filter(status=SubscriberStatus.ACTIVE)

    def for_areas(self, area_ids: set[int]) -> SubscriberQuerySet:
        """Those who chose none of the areas (everything) or at least one of `area_ids`."""
        if not area_ids:
            return self
        return self.filter(Q(areas__isnull=True) | Q(areas__in=area_ids)).distinct()


class Subscriber(models.Model):
    """A newsletter subscriber: the address, the choices, and when and where consent was given. Nothing else."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-postadress"), unique=True)
    language = models.CharField(_("språk"), max_length=8, choices=LANGUAGES, default="sv")
    areas = models.ManyToManyField(
        Area,
        verbose_name=_("samverkansområden"),
        blank=True,
        related_name="+",
        help_text=_("Inget val betyder alla områden."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=SubscriberStatus.choices, default=SubscriberStatus.PENDING
    )
    source = models.CharField(_("källa"), max_length=16, choices=SubscriberSource.choices)
    created_at = models.DateTimeField(_("anmäld"), auto_now_add=True)
    consent_at = models.DateTimeField(_("samtycke bekräftat"), null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("prenumerant")
        verbose_name_plural = _("prenumeranter")
        ordering = ["email"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=SubscriberStatus.values), name="subscriber_status_valid"),
            models.CheckConstraint(
                condition=~Q(status=SubscriberStatus.ACTIVE) | Q(consent_at__isnull=False),
                name="subscriber_active_has_consent",
            ),
        ]

    def __str__(self) -> str:
        return self.email


class IssueStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    SCHEDULED = "scheduled", _("Schemalagt")
    SENDING = "sending", _("Skickas")
    SENT = "sent", _("Skickat")


class IssueQuerySet(models.QuerySet["Issue"]):
    def sent(self) -> IssueQuerySet:
        return self.filter(status=IssueStatus.SENT)

    def due(self) -> IssueQuerySet:
        return self.filter(status=IssueStatus.SCHEDULED, scheduled_for__lte=timezone.now())


class Issue(TimeStampedModel):
    """One issue of the newsletter, composed from blocks; its rendered text is kept once it is sent."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    number = models.PositiveIntegerField(_("nummer"), unique=True)
    subject_sv = models.CharField(_("ämnesrad"), max_length=200)
    subject_en = models.CharField(_("ämnesrad på engelska"), max_length=200, blank=True)
    intro_sv = models.TextField(_("inledning"), blank=True)
    intro_en = models.TextField(_("inledning på engelska"), blank=True)
    news = models.ManyToManyField(NewsItem, verbose_name=_("nyheter"), blank=True, related_name="issues")
    documents = models.ManyToManyField(Document, verbose_name=_("nya dokument"), blank=True, related_name="issues")
    initiatives = models.ManyToManyField(
        Initiative, verbose_name=_("nya insatser"), blank=True, related_name="newsletter_issues"
    )
    extra_blocks = models.JSONField(_("fler block"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=IssueStatus.choices, default=IssueStatus.DRAFT)
    scheduled_for = models.DateTimeField(_("skickas"), null=True, blank=True)
    sent_at = models.DateTimeField(_("skickat"), null=True, blank=True)
    html_sv = models.TextField(blank=True)
    html_en = models.TextField(blank=True)
    text_sv = models.TextField(blank=True)
    text_en = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = IssueQuerySet.as_manager()

    class Meta:
        verbose_name = _("nummer av nyhetsbrevet")
        verbose_name_plural = _("nyhetsbrev")
        ordering = ["-number"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=IssueStatus.values), name="issue_status_valid"),
            models.CheckConstraint(
                condition=~Q(status=IssueStatus.SCHEDULED) | Q(scheduled_for__isnull=False),
                name="issue_scheduled_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status=IssueStatus.SENT) | Q(sent_at__isnull=False), name="issue_sent_has_time"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.number} {self.subject}"

    subject = Translated("subject")
    intro = Translated("intro")

    def get_absolute_url(self) -> str:
        return reverse("newsletter:archive_issue", kwargs={"issue": self.uuid})


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Väntar")
    SENT = "sent", _("Skickat")
    FAILED = "failed", _("Misslyckades")
    SKIPPED = "skipped", _("Hoppades över")


class Delivery(models.Model):
    """One recipient of one issue: the record that makes a restarted send neither repeat nor skip anyone."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, null=True, on_delete=models.SET_NULL, related_name="deliveries")
    status = models.CharField(max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    # Set when the subscriber unsubscribes with this issue as the latest they received: kept when the address goes.
    unsubscribed_after = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("utskick")
        verbose_name_plural = _("utskick")
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="delivery_one_per_issue_and_subscriber"),
            models.CheckConstraint(condition=Q(status__in=DeliveryStatus.values), name="delivery_status_valid"),
        ]
        indexes = [models.Index(fields=["issue", "status"])]

    def __str__(self) -> str:
        return f"{self.issue_id}:{self.subscriber_id}"
