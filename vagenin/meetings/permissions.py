"""Who may see an event, register for it and organise it."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from vagenin.accounts.models import StaffRole
from vagenin.accounts.permissions import (
    can_edit_organisation,
    editable_organisation_ids,
    has_role,
    is_coordinator,
    is_staff_user,
)
from vagenin.agreement.models import BodyMembership
from vagenin.meetings.models import Decision, Document, Event, EventQuerySet, EventVisibility, Registration


def member_organisation_ids(user: Any) -> frozenset[int]:
    """The organisations the user belongs to (as editor or member)."""
    if user is None or not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_vagenin_member_orgs", None)
    if cached is None:
        cached = frozenset(user.memberships.values_list("organisation_id", flat=True))
        user._vagenin_member_orgs = cached
    return cached


def is_partner(user: Any) -> bool:
    """Partners: logged-in users with a membership of an organisation, and staff."""
    return bool(member_organisation_ids(user)) or is_staff_user(user)


def invited_body_ids(user: Any) -> frozenset[int]:
    """The bodies whose current members include one of the user's organisations."""
    organisations = member_organisation_ids(user)
    if not organisations:
        return frozenset()
    cached = getattr(user, "_vagenin_invited_bodies", None)
    if cached is None:
        cached = frozenset(
            BodyMembership.objects.current(timezone.localdate())
            .filter(organisation_id__in=organisations)
            .values_list("body_id", flat=True)
        )
        user._vagenin_invited_bodies = cached
    return cached


def is_invited(user: Any, event: Event) -> bool:
    return event.body_id is not None and event.body_id in invited_body_ids(user)


def can_organise(user: Any, event: Event) -> bool:
    """Coordinators organise every event; editors those of their organisation."""
    return can_edit_organisation(user, event.organiser_id)


def may_create_events(user: Any) -> bool:
    return is_coordinator(user) or bool(editable_organisation_ids(user))


def may_see_statistics(user: Any) -> bool:
    return is_coordinator(user) or has_role(user, StaffRole.ANALYST)


def can_view(user: Any, event: Event) -> bool:
    if event.visibility == EventVisibility.PUBLIC or can_organise(user, event):
        return True
    if event.visibility == EventVisibility.PARTNERS:
        return is_partner(user)
    return is_invited(user, event)


def visible_events(user: Any, events: EventQuerySet | None = None) -> EventQuerySet:
    """The events the user may see: public ones, partners' ones for partners, a body's for its members."""
    events = events if events is not None else Event.objects.all()
    if is_coordinator(user):
        return events
    condition = Q(visibility=EventVisibility.PUBLIC)
    if is_partner(user):
        condition |= Q(visibility=EventVisibility.PARTNERS)
    bodies = invited_body_ids(user)
    if bodies:
        condition |= Q(visibility=EventVisibility.BODY, body_id__in=bodies)
    organisations = editable_organisation_ids(user)
    if organisations:
        condition |= Q(organiser_id__in=organisations)
    return events.filter(condition)


def organised_events(user: Any, events: EventQuerySet | None = None) -> EventQuerySet:
    events = events if events is not None else Event.objects.all()
    if is_coordinator(user):
        return events
    return events.filter(organiser_id__in=editable_organisation_ids(user))


def get_event_for(user: Any, event_uuid: uuid.UUID, need: Literal["view", "organise"] = "view") -> Event:
    """The event if the user may `need` it; an event the user may not see is a 404, organising it a 403."""
    event = get_object_or_404(Event.objects.for_detail(), uuid=event_uuid)
    if not can_view(user, event):
        raise Http404("No such event for this user.")
    if need == "organise" and not can_organise(user, event):
        raise PermissionDenied
    return event


def get_registration_for(user: Any, registration_uuid: uuid.UUID) -> Registration:
    """A registration the user may manage as the event's organiser."""
    registration = get_object_or_404(
        Registration.objects.select_related("event", "organisation"), uuid=registration_uuid
    )
    get_event_for(user, registration.event.uuid, need="organise")
    return registration


def get_document_for(user: Any, document_uuid: uuid.UUID) -> Document:
    """A document, visible by its event's visibility."""
    document = get_object_or_404(Document.objects.select_related("event"), uuid=document_uuid)
    if not can_view(user, document.event):
        raise Http404("No such document for this user.")
    return document


def get_decision_for(user: Any, decision_uuid: uuid.UUID, need: Literal["view", "organise"] = "view") -> Decision:
    decision = get_object_or_404(Decision.objects.select_related("event"), uuid=decision_uuid)
    get_event_for(user, decision.event.uuid, need=need)
    return decision


def require_statistics(user: Any) -> None:
    if not may_see_statistics(user):
        raise PermissionDenied
