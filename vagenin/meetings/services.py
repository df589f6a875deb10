"""Every write of the meetings module: events, registrations (with the waitlist), attendance, documents,
decisions, evaluations and the purge of guests' personal data."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from vagenin.common import audit
from vagenin.common.deletion import delete_checked
from vagenin.common.uploads import check_upload
from vagenin.meetings import mail
from vagenin.meetings.models import (
    SEAT_HOLDING,
    Decision,
    Document,
    Evaluation,
    Event,
    ProgrammeItem,
    Registration,
    RegistrationStatus,
)
from vagenin.meetings.permissions import is_invited


class TransitionError(Exception):
    """A step the event's or registration's current state does not allow; the message is for the person."""


# Events and programme ------------------------------------------------------------------------------


@transaction.atomic
def save_event(*, actor: Any, event: Event | None, data: Mapping[str, Any]) -> Event:
    """Create an event (event=None) or change one, audited."""
    target = event or Event()
    if event is not None:
        target = Event.objects.select_for_update().get(pk=event.pk)
    audit.save_changes(
        actor=actor,
        obj=target,
        data=data,
        action="meetings.event_created" if event is None else "meetings.event_changed",
    )
    return target


@transaction.atomic
def add_programme_item(*, actor: Any, event: Event, data: Mapping[str, Any]) -> ProgrammeItem:
    item = ProgrammeItem(event=event)
    audit.save_changes(actor=actor, obj=item, data=data, action="meetings.programme_added", audit_obj=event)
    return item


@transaction.atomic
def delete_programme_item(*, actor: Any, item: ProgrammeItem) -> None:
    """Delete a programme point (refused, with InUseError, should anything come to point to it)."""
    audit.record(actor=actor, action="meetings.programme_deleted", obj=item.event, changes={"title": item.title_sv})
    delete_checked(actor=actor, obj=item, action="meetings.programme_item_deleted", changes={"title": item.title_sv})


# Cancelling an event -------------------------------------------------------------------------------

# Who is told when an event is called off or reinstated: everyone still registered, the waitlist included.
TOLD = (RegistrationStatus.CONFIRMED, RegistrationStatus.PENDING, RegistrationStatus.WAITLISTED)


def _tell_registrants(event: Event, *, template: str, leave_out: set[int] | frozenset[int] = frozenset()) -> int:
    """Mail everyone still registered (in their language); the confirmed get the changed calendar entry."""
    registrations = (
        event.registrations.filter(status__in=TOLD, anonymised_at__isnull=True)
        .exclude(pk__in=leave_out)
        .order_by("created_at", "pk")
    )
    count = 0
    for registration in registrations:
        registration.event = event  # the locked, changed row: its calendar entry carries the new status
        mail.send_on_commit(
            template=template,
            registration=registration,
            attach_calendar=registration.status == RegistrationStatus.CONFIRMED,
        )
        count += 1
    return count


@transaction.atomic
def cancel_event(*, actor: Any, event: Event, reason_sv: str, reason_en: str = "") -> int:
    """Call an event off before it starts: marked cancelled with the reason, registration closed, and everyone
    registered or waiting told by e-mail. Registrations are kept as they were, so that reinstating the event
    gives everyone their place back. Returns how many were told."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.cancelled_at is not None:
        raise TransitionError(_("Mötet är redan inställt."))
    if timezone.now() >= event.starts_at:
        raise TransitionError(_("Mötet har redan börjat och kan inte ställas in."))
    reason_sv, reason_en = reason_sv.strip(), reason_en.strip()
    if not reason_sv:
        raise TransitionError(_("Skriv varför mötet ställs in."))
    event.cancelled_at = timezone.now()
    event.cancellation_reason_sv = reason_sv
    event.cancellation_reason_en = reason_en
    event.calendar_sequence += 1
    event.save(
        update_fields=[
            "cancelled_at",
            "cancellation_reason_sv",
            "cancellation_reason_en",
            "calendar_sequence",
            "updated_at",
        ]
    )
    told = _tell_registrants(event, template="event_cancelled")
    audit.record(actor=actor, action="meetings.event_cancelled", obj=event, changes={"reason": reason_sv, "told": told})
    return told


@transaction.atomic
def reinstate_event(*, actor: Any, event: Event) -> int:
    """Undo a cancellation before the start: the event and its registrations are as they were, and everyone
    registered or waiting is told. Returns how many were told."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.cancelled_at is None:
        raise TransitionError(_("Mötet är inte inställt."))
    if timezone.now() >= event.starts_at:
        raise TransitionError(_("Mötet skulle redan ha börjat och kan inte återupptas."))
    event.cancelled_at = None
    event.cancellation_reason_sv = ""
    event.cancellation_reason_en = ""
    event.calendar_sequence += 1
    event.save(
        update_fields=[
            "cancelled_at",
            "cancellation_reason_sv",
            "cancellation_reason_en",
            "calendar_sequence",
            "updated_at",
        ]
    )
    # Seats freed while it was cancelled go to the waitlist first: they are told they have a place instead.
    promoted = _promote_waitlist(event, actor=actor)
    told = _tell_registrants(event, template="event_reinstated", leave_out={r.pk for r in promoted})
    audit.record(
        actor=actor, action="meetings.event_reinstated", obj=event, changes={"told": told, "promoted": len(promoted)}
    )
    return told + len(promoted)


# Registration ---------------------------------------------------------------------------------------


def registration_is_open(event: Event, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    if event.cancelled_at is not None or now >= event.ends_at:
        return False
    if event.registration_opens_at and now < event.registration_opens_at:
        return False
    return not (event.registration_closes_at and now >= event.registration_closes_at)


def _free_seat(event: Event, *, invited: bool) -> bool:
    """Whether a seat is free for a new registration (called with the event row locked)."""
    if event.capacity is None:
        return True
    taken = event.registrations.filter(status__in=SEAT_HOLDING).count()
    limit = event.capacity if invited else event.capacity - event.reserved_seats
    return taken < limit


@transaction.atomic
def register(*, actor: Any, event: Event, data: Mapping[str, Any], language: str) -> Registration:
    """Register a person (the actor, or a guest when the actor is anonymous) for an event.

    The event row is locked first, so that concurrent registrations for the last seats are counted one
    after the other: capacity is never exceeded. A full event puts the person on the waitlist.
    """
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not registration_is_open(event):
        raise TransitionError(_("Anmälan till mötet är inte öppen."))
    email = data["email"].strip()
    if event.registrations.active().annotate(lower=Lower("email")).filter(lower=email.lower()).exists():
        raise TransitionError(
            _("%(email)s är redan anmäld till mötet. Använd länken i bekräftelsemejlet för att ändra anmälan.")
            % {"email": email}
        )
    organisation = data.get("organisation")
    if organisation is not None and event.per_organisation_limit is not None:
        same = event.registrations.filter(status__in=SEAT_HOLDING, organisation=organisation).count()
        if same >= event.per_organisation_limit:
            raise TransitionError(
                _("%(organisation)s har redan %(count)s anmälda, som är det högsta antalet per organisation.")
                % {"organisation": organisation.display_name, "count": same}
            )
    user = actor if getattr(actor, "is_authenticated", False) else None
    if _free_seat(event, invited=is_invited(user, event)):
        status = RegistrationStatus.PENDING if event.requires_approval else RegistrationStatus.CONFIRMED
    else:
        status = RegistrationStatus.WAITLISTED
    registration = Registration(
        event=event,
        user=user,
        name=data["name"].strip(),
        email=email,
        organisation=organisation,
        organisation_name="" if organisation else data.get("organisation_name", "").strip(),
        municipality=data.get("municipality"),
        dietary_needs=data.get("dietary_needs", ""),
        accessibility_needs=data.get("accessibility_needs", ""),
        list_consent=bool(data.get("list_consent")),
        language=language,
        status=status,
    )
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as error:  # the unique constraint, should a race slip past the check above
        raise TransitionError(_("%(email)s är redan anmäld till mötet.") % {"email": email}) from error
    audit.record(actor=user, action="meetings.registered", obj=registration, changes={"status": status})
    mail.send_on_commit(
        template=f"registration_{status}", registration=registration, attach_calendar=status == "confirmed"
    )
    return registration


def _promote_waitlist(event: Event, *, actor: Any) -> list[Registration]:
    """Fill free seats from the waitlist, first in line first (the event row is locked by the caller). Nobody
    moves up while the event is cancelled: reinstating it fills the seats freed meanwhile."""
    promoted: list[Registration] = []
    if event.cancelled_at is not None:
        return promoted
    waiting = event.registrations.select_for_update().filter(status=RegistrationStatus.WAITLISTED)
    for registration in waiting.order_by("created_at", "pk"):
        if not _free_seat(event, invited=is_invited(registration.user, event)):
            break
        registration.status = RegistrationStatus.PENDING if event.requires_approval else RegistrationStatus.CONFIRMED
        registration.save(update_fields=["status"])
        audit.record(actor=actor, action="meetings.promoted", obj=registration, changes={"status": registration.status})
        mail.send_on_commit(
            template="registration_promoted",
            registration=registration,
            attach_calendar=registration.status == RegistrationStatus.CONFIRMED,
        )
        promoted.append(registration)
    return promoted


@transaction.atomic
def cancel_registration(*, actor: Any, registration: Registration) -> list[Registration]:
    """Cancel a registration and promote the first in line; returns the promoted registrations."""
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        raise TransitionError(_("Anmälan är redan avbokad."))
    if timezone.now() >= event.ends_at:
        raise TransitionError(_("Mötet har redan ägt rum."))
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.attended = False  # checked in by mistake, or leaving during the event: not present
    registration.save(update_fields=["status", "cancelled_at", "attended"])
    audit.record(actor=actor, action="meetings.cancelled", obj=registration)
    mail.send_on_commit(template="registration_cancelled", registration=registration)
    return _promote_waitlist(event, actor=actor)


@transaction.atomic
def update_registration(*, actor: Any, registration: Registration, data: Mapping[str, Any]) -> dict[str, Any]:
    """Change the details a participant may change through the link: name, needs, consent."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        raise TransitionError(_("Anmälan är avbokad."))
    return audit.save_changes(actor=actor, obj=registration, data=data, action="meetings.registration_changed")


@transaction.atomic
def approve_registration(*, actor: Any, registration: Registration) -> None:
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != RegistrationStatus.PENDING:
        raise TransitionError(_("Anmälan väntar inte på godkännande."))
    registration.status = RegistrationStatus.CONFIRMED
    registration.save(update_fields=["status"])
    audit.record(actor=actor, action="meetings.approved", obj=registration)
    mail.send_on_commit(template="registration_confirmed", registration=registration, attach_calendar=True)


@transaction.atomic
def decline_registration(*, actor: Any, registration: Registration) -> list[Registration]:
    """The organiser declines a pending registration: it is cancelled and the seat goes to the waitlist."""
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != RegistrationStatus.PENDING:
        raise TransitionError(_("Anmälan väntar inte på godkännande."))
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    audit.record(actor=actor, action="meetings.declined", obj=registration)
    mail.send_on_commit(template="registration_declined", registration=registration)
    return _promote_waitlist(event, actor=actor)


@transaction.atomic
def set_attendance(*, actor: Any, registration: Registration, attended: bool) -> None:
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != RegistrationStatus.CONFIRMED:
        raise TransitionError(_("Bara bekräftade deltagare kan prickas av."))
    if registration.attended != attended:
        registration.attended = attended
        registration.save(update_fields=["attended"])
        audit.record(actor=actor, action="meetings.attendance", obj=registration, changes={"attended": attended})


# Documents, decisions, evaluations ----------------------------------------------------------------


@transaction.atomic
def add_document(*, actor: Any, event: Event, title: str, upload: UploadedFile) -> Document:
    """Store minutes or a document after `check_upload` (size, type, content, virus scan)."""
    content_type = check_upload(upload)
    document = Document.objects.create(
        event=event, title=title, file=upload, content_type=content_type, uploaded_by=actor
    )
    audit.record(actor=actor, action="meetings.document_added", obj=event, changes={"title": title})
    return document


@transaction.atomic
def delete_document(*, actor: Any, document: Document) -> None:
    """Delete a document and, once the deletion commits, its file (refused, with InUseError, while anything
    points to it)."""
    audit.record(actor=actor, action="meetings.document_deleted", obj=document.event, changes={"title": document.title})
    name, storage = document.file.name or "", document.file.storage
    delete_checked(actor=actor, obj=document, action="meetings.document_removed", changes={"title": document.title})
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def save_decision(*, actor: Any, decision: Decision, data: Mapping[str, Any]) -> Decision:
    creating = decision.pk is None
    if not creating:
        decision = Decision.objects.select_for_update().get(pk=decision.pk)
    audit.save_changes(
        actor=actor,
        obj=decision,
        data=data,
        action="meetings.decision_added" if creating else "meetings.decision_changed",
    )
    return decision


@transaction.atomic
def submit_evaluation(*, registration: Registration, rating: int, comment: str) -> Evaluation:
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if Evaluation.objects.filter(registration=registration).exists():
        raise TransitionError(_("Du har redan svarat på utvärderingen. Tack!"))
    evaluation = Evaluation.objects.create(registration=registration, rating=rating, comment=comment)
    audit.record(actor=None, action="meetings.evaluated", obj=registration.event)
    return evaluation


# Scheduled work ------------------------------------------------------------------------------------

REMIND_BEFORE = datetime.timedelta(days=2)
EVALUATE_AFTER = datetime.timedelta(hours=2)
EVALUATE_WITHIN = datetime.timedelta(days=7)


@transaction.atomic
def send_reminders(*, now: datetime.datetime | None = None) -> int:
    """Remind confirmed participants of events starting within two days; once each."""
    now = now or timezone.now()
    due = (
        Registration.objects.select_for_update(of=("self",))  # the event's municipality may be null
        .select_related("event__municipality")
        .filter(
            status=RegistrationStatus.CONFIRMED,
            reminded_at__isnull=True,
            event__cancelled_at__isnull=True,
            event__starts_at__gt=now,
            event__starts_at__lte=now + REMIND_BEFORE,
        )
    )
    count = 0
    for registration in due:
        registration.reminded_at = now
        registration.save(update_fields=["reminded_at"])
        mail.send_on_commit(template="reminder", registration=registration, attach_calendar=True)
        count += 1
    return count


@transaction.atomic
def send_evaluations(*, now: datetime.datetime | None = None) -> int:
    """Ask those who attended (or, where nobody was checked in, every confirmed participant) to evaluate."""
    now = now or timezone.now()
    due = (
        Registration.objects.select_for_update()
        .select_related("event")
        .filter(
            status=RegistrationStatus.CONFIRMED,
            evaluation_sent_at__isnull=True,
            anonymised_at__isnull=True,
            event__cancelled_at__isnull=True,
            event__ends_at__lte=now - EVALUATE_AFTER,
            event__ends_at__gt=now - EVALUATE_WITHIN,
        )
    )
    count = 0
    for registration in due:
        registration.evaluation_sent_at = now
        registration.save(update_fields=["evaluation_sent_at"])
        mail.send_on_commit(template="evaluation", registration=registration)
        count += 1
    return count


@dataclass(frozen=True)
class PurgeResult:
    anonymised: int


def guest_retention_days() -> int:
    return int(settings.MEETINGS_GUEST_RETENTION_DAYS)


@transaction.atomic
def purge_guest_data(*, now: datetime.datetime | None = None) -> PurgeResult:
    """Erase the personal data of guests' registrations for events that ended more than the retention period
    ago. The rows stay (status, attendance, organisation from the register, municipality) for the statistics."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=guest_retention_days())
    stale = Registration.objects.filter(Q(user__isnull=True), anonymised_at__isnull=True, event__ends_at__lt=cutoff)
    count = stale.update(
        name="",
        email="",
        organisation_name="",
        dietary_needs="",
        accessibility_needs="",
        list_consent=False,
        anonymised_at=now,
    )
    return PurgeResult(anonymised=count)
