"""Meetings and events: the event, its programme, registrations, documents, decisions and evaluations."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Count, F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from vagenin.actionplan.models import Initiative
from vagenin.agreement.models import Area, Body
from vagenin.common.models import TimeStampedModel, Translated
from vagenin.organisations.models import Municipality, Organisation


class EventKind(models.TextChoices):
    COUNCIL = "council", _("Rådslag")
    PROCESS_DAY = "process_day", _("Processdag")
    NETWORK = "network", _("Nätverksträff")
    THEME_GROUP = "theme_group", _("Temagruppsmöte")
    SEMINAR = "seminar", _("Lärseminarium")
    CONFERENCE = "conference", _("Konferens")
    TRAINING = "training", _("Utbildning")
    DIALOGUE = "dialogue", _("Dialogmöte")
    MUNICIPALITY_VISIT = "municipality_visit", _("Kommunbesök")
    REFERENCE_GROUP = "reference_group", _("Referensgrupp")
    OTHER = "other", _("Annat")


class EventFormat(models.TextChoices):
    IN_PERSON = "in_person", _("På plats")
    ONLINE = "online", _("Digitalt")
    HYBRID = "hybrid", _("På plats och digitalt")


class EventVisibility(models.TextChoices):
    PUBLIC = "public", _("Öppet för alla")
    PARTNERS = "partners", _("Endast parter")
    BODY = "body", _("Endast inbjudna ledamöter i organet")


class EventQuerySet(models.QuerySet["Event"]):
    def for_list(self) -> EventQuerySet:
        return self.select_related("organiser", "municipality", "body").prefetch_related("areas")

    def for_detail(self) -> EventQuerySet:
        return self.select_related("organiser", "municipality", "body__period").prefetch_related("areas")

    def public(self) -> EventQuerySet:
        return self.filter(visibility=EventVisibility.PUBLIC)

    def with_counts(self) -> EventQuerySet:
        return self.annotate(
            confirmed_count=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)),
            waitlist_count=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)),
        )


class Event(TimeStampedModel):
    """A meeting or event: a council, a process day, a network meeting, a conference, a visit."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("slag"), max_length=32, choices=EventKind.choices)
    title_sv = models.CharField(_("rubrik"), max_length=200)
    title_en = models.CharField(_("rubrik på engelska"), max_length=200, blank=True)
    summary_sv = models.CharField(_("ingress"), max_length=400, blank=True)
    summary_en = models.CharField(_("ingress på engelska"), max_length=400, blank=True)
    description_sv = models.TextField(_("beskrivning"), blank=True)
    description_en = models.TextField(_("beskrivning på engelska"), blank=True)
    organiser = models.ForeignKey(
        Organisation, verbose_name=_("arrangör"), on_delete=models.PROTECT, related_name="organised_events"
    )
    body = models.ForeignKey(
        Body, verbose_name=_("organ"), null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    areas = models.ManyToManyField(Area, verbose_name=_("samverkansområden"), blank=True, related_name="events")
    format = models.CharField(_("form"), max_length=16, choices=EventFormat.choices, default=EventFormat.IN_PERSON)
    venue = models.CharField(_("lokal"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    address = models.CharField(_("adress"), max_length=300, blank=True)
    online_link = models.URLField(
        _("länk till digitalt möte"), blank=True, help_text=_("Visas bara för anmälda deltagare.")
    )
    starts_at = models.DateTimeField(_("börjar"))
    ends_at = models.DateTimeField(_("slutar"))
    visibility = models.CharField(
        _("synlighet"), max_length=16, choices=EventVisibility.choices, default=EventVisibility.PUBLIC
    )
    capacity = models.PositiveIntegerField(_("antal platser"), null=True, blank=True, help_text=_("Tomt: obegränsat."))
    reserved_seats = models.PositiveIntegerField(
        _("platser reserverade för organets ledamöter"), default=0, help_text=_("Kräver ett organ.")
    )
    per_organisation_limit = models.PositiveIntegerField(
        _("högst antal deltagare per organisation"), null=True, blank=True
    )
    registration_opens_at = models.DateTimeField(_("anmälan öppnar"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("anmälan stänger"), null=True, blank=True)
    requires_approval = models.BooleanField(_("anmälningar godkänns av arrangören"), default=False)
    cancelled_at = models.DateTimeField(_("inställt"), null=True, blank=True)
    cancellation_reason_sv = models.CharField(_("skäl till att mötet är inställt"), max_length=500, blank=True)
    cancellation_reason_en = models.CharField(
        _("skäl till att mötet är inställt, på engelska"), max_length=500, blank=True
    )
    # Raised at every change calendar clients must notice (cancelled, reinstated): the iCalendar SEQUENCE.
    calendar_sequence = models.PositiveIntegerField(_("kalenderversion"), default=0, editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("möte")
        verbose_name_plural = _("möten")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["visibility", "starts_at"], name="event_visibility_start")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_start"),
            models.CheckConstraint(condition=Q(kind__in=EventKind.values), name="event_kind_valid"),
            models.CheckConstraint(condition=Q(format__in=EventFormat.values), name="event_format_valid"),
            models.CheckConstraint(condition=Q(visibility__in=EventVisibility.values), name="event_visibility_valid"),
            models.CheckConstraint(
                condition=~Q(visibility=EventVisibility.BODY) | Q(body__isnull=False), name="event_body_visibility"
            ),
            models.CheckConstraint(
                condition=Q(reserved_seats=0) | (Q(body__isnull=False) & Q(reserved_seats__lte=F("capacity"))),
                name="event_reserved_within_capacity",
            ),
            models.CheckConstraint(
                condition=Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__isnull=True)
                | Q(registration_closes_at__gt=F("registration_opens_at")),
                name="event_registration_window_ordered",
            ),
            models.CheckConstraint(
                condition=Q(cancelled_at__isnull=True, cancellation_reason_sv="", cancellation_reason_en="")
                | (Q(cancelled_at__isnull=False) & ~Q(cancellation_reason_sv="")),
                name="event_cancelled_has_reason",
            ),
        ]

    title = Translated("title")
    summary = Translated("summary")
    description = Translated("description")
    cancellation_reason = Translated("cancellation_reason")

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", kwargs={"event_uuid": self.uuid})

    @property
    def is_online(self) -> bool:
        return self.format in (EventFormat.ONLINE, EventFormat.HYBRID)


class ProgrammeItem(models.Model):
    """One point of an event's programme."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(Event, verbose_name=_("möte"), on_delete=models.CASCADE, related_name="programme")
    starts_at = models.DateTimeField(_("börjar"))
    ends_at = models.DateTimeField(_("slutar"), null=True, blank=True)
    title_sv = models.CharField(_("rubrik"), max_length=200)
    title_en = models.CharField(_("rubrik på engelska"), max_length=200, blank=True)
    speakers = models.CharField(_("medverkande"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("programpunkt")
        verbose_name_plural = _("programpunkter")
        ordering = ["event", "starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=F("starts_at")), name="programmeitem_times_ordered"
            )
        ]

    title = Translated("title")

    def __str__(self) -> str:
        return self.title


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Bekräftad")
    WAITLISTED = "waitlisted", _("På väntelistan")
    PENDING = "pending", _("Väntar på godkännande")
    CANCELLED = "cancelled", _("Avanmäld")


# A registration holding a seat: confirmed, or waiting for the organiser's approval.
SEAT_HOLDING = (RegistrationStatus.CONFIRMED, RegistrationStatus.PENDING)


class RegistrationQuerySet(models.QuerySet["Registration"]):
    def active(self) -> RegistrationQuerySet:
        return self.exclude(status=RegistrationStatus.CANCELLED)

    def for_list(self) -> RegistrationQuerySet:
        return self.select_related("organisation", "municipality", "user")


class Registration(models.Model):
    """A person's registration for an event, with an account or as a guest."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(Event, verbose_name=_("möte"), on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    name = models.CharField(_("namn"), max_length=200)
    email = models.EmailField(_("e-postadress"))
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    organisation_name = models.CharField(_("organisation (om den inte finns i listan)"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dietary_needs = models.CharField(_("kost"), max_length=300, blank=True)
    accessibility_needs = models.CharField(_("tillgänglighet"), max_length=300, blank=True)
    list_consent = models.BooleanField(_("får visas på deltagarlistan"), default=False)
    language = models.CharField(_("språk"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    status = models.CharField(_("status"), max_length=16, choices=RegistrationStatus.choices)
    attended = models.BooleanField(_("närvarade"), default=False)
    created_at = models.DateTimeField(_("anmäld"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("avanmäld"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("påmind"), null=True, blank=True)
    evaluation_sent_at = models.DateTimeField(_("utvärdering skickad"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("personuppgifter borttagna"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("anmälan")
        verbose_name_plural = _("anmälningar")
        ordering = ["event", "created_at", "pk"]
        indexes = [models.Index(fields=["event", "status", "created_at"], name="registration_event_status")]
        constraints = [
            models.UniqueConstraint(
                "event",
                Lower("email"),
                condition=~Q(status=RegistrationStatus.CANCELLED) & Q(anonymised_at__isnull=True),
                name="registration_unique_active_email",
            ),
            models.CheckConstraint(condition=Q(status__in=RegistrationStatus.values), name="registration_status_valid"),
            models.CheckConstraint(
                condition=Q(status=RegistrationStatus.CANCELLED, cancelled_at__isnull=False)
                | (~Q(status=RegistrationStatus.CANCELLED) & Q(cancelled_at__isnull=True)),
                name="registration_cancelled_has_time",
            ),
            models.CheckConstraint(
                condition=Q(attended=False) | Q(status=RegistrationStatus.CONFIRMED),
                name="registration_attended_confirmed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name or '–'}, {self.event}"

    @property
    def organisation_label(self) -> str:
        if self.organisation_id:
            return self.organisation.display_name  # type: ignore[union-attr]
        return self.organisation_name

    @property
    def is_guest(self) -> bool:
        return self.user_id is None


class Document(models.Model):
    """Minutes or another document of an event, visible to whoever may see the event."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(Event, verbose_name=_("möte"), on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("titel"), max_length=200)
    file = models.FileField(_("fil"), upload_to="meetings/%Y/")
    content_type = models.CharField(_("filtyp"), max_length=100)
    uploaded_at = models.DateTimeField(_("uppladdad"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uppladdad av"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("dokument")
        verbose_name_plural = _("dokument")
        ordering = ["event", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title


class DecisionKind(models.TextChoices):
    DECISION = "decision", _("Beslut")
    ACTION = "action", _("Åtgärdspunkt")


class DecisionStatus(models.TextChoices):
    OPEN = "open", _("Öppen")
    IN_PROGRESS = "in_progress", _("Pågår")
    DONE = "done", _("Klar")


class DecisionQuerySet(models.QuerySet["Decision"]):
    def for_list(self) -> DecisionQuerySet:
        return self.select_related("event", "responsible_organisation").prefetch_related("initiatives")

    def not_done(self) -> DecisionQuerySet:
        return self.exclude(status=DecisionStatus.DONE)


class Decision(TimeStampedModel):
    """A decision or action point from a meeting, followed until it is done."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(Event, verbose_name=_("möte"), on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(_("slag"), max_length=16, choices=DecisionKind.choices, default=DecisionKind.DECISION)
    text_sv = models.TextField(_("vad"))
    text_en = models.TextField(_("vad, på engelska"), blank=True)
    responsible_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("ansvarig organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meeting_decisions",
    )
    responsible_person = models.CharField(_("ansvarig person"), max_length=200, blank=True)
    due_on = models.DateField(_("klart senast"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=DecisionStatus.choices, default=DecisionStatus.OPEN)
    initiatives = models.ManyToManyField(
        Initiative, verbose_name=_("insatser i handlingsplanen"), blank=True, related_name="meeting_decisions"
    )

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("beslut")
        verbose_name_plural = _("beslut")
        ordering = ["event__starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=DecisionKind.values), name="decision_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=DecisionStatus.values), name="decision_status_valid"),
        ]

    text = Translated("text")

    def __str__(self) -> str:
        return self.text[:80]


class Evaluation(models.Model):
    """A participant's answer to the short evaluation after an event: a rating and a comment."""

    registration = models.OneToOneField(
        Registration, verbose_name=_("anmälan"), on_delete=models.CASCADE, related_name="evaluation"
    )
    rating = models.PositiveSmallIntegerField(_("betyg"))
    comment = models.TextField(_("kommentar"), blank=True)
    answered_at = models.DateTimeField(_("besvarad"), auto_now_add=True)

    class Meta:
        verbose_name = _("utvärdering")
        verbose_name_plural = _("utvärderingar")
        constraints = [
            models.CheckConstraint(condition=Q(rating__gte=1) & Q(rating__lte=5), name="evaluation_rating_range")
        ]

    def __str__(self) -> str:
        return f"{self.rating}/5"
