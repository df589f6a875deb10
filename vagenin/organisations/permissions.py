"""Access helpers for organisations and their people."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from django.http import Http404
from django.shortcuts import get_object_or_404

from vagenin.accounts.permissions import can_edit_organisation, require_coordinator
from vagenin.organisations.models import Organisation, Person, Position


def get_organisation_for(user: Any, slug: str, need: Literal["view", "edit"] = "view") -> Organisation:
    """The organisation, or 404 when it does not exist or the user may not `need` it."""
    organisation = get_object_or_404(Organisation.objects.for_public_display(), slug=slug)
    if need == "edit" and not can_edit_organisation(user, organisation.pk):
        raise Http404("No such organisation for this user.")
    return organisation


def get_position_for(user: Any, organisation: Organisation, position: uuid.UUID) -> Position:
    """A position at an organisation the user may edit; 404 for another organisation's position."""
    if not can_edit_organisation(user, organisation.pk):
        raise Http404("No such position for this user.")
    return get_object_or_404(Position.objects.select_related("person"), organisation=organisation, uuid=position)


def get_person_for(user: Any, person_id: uuid.UUID) -> Person:
    """A person the secretariat manages; 403 for everyone else, 404 for an unknown id."""
    require_coordinator(user)
    return get_object_or_404(Person, uuid=person_id)
