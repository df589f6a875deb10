"""Access helpers for organisations and their people."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from vagenin.accounts.permissions import (
    can_edit_organisation,
    editable_organisation_ids,
    is_coordinator,
    require_coordinator,
)
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


def organisation_choices(user: Any, *, own_only: bool = False) -> QuerySet[Organisation]:
    """The active organisations the user may pick in a form: all of them, or with `own_only` those the user
    edits (every one for a coordinator). Used by the forms' querysets and the search endpoint alike."""
    organisations = Organisation.objects.active()
    if own_only and not is_coordinator(user):
        organisations = organisations.filter(pk__in=editable_organisation_ids(user))
    return organisations.order_by("name")


def may_pick_people(user: Any) -> bool:
    """Coordinators pick among every person; partner editors among their own organisations' people."""
    return is_coordinator(user) or bool(editable_organisation_ids(user))


def person_choices(user: Any) -> QuerySet[Person]:
    """The people the user may pick (as a contact person): everyone for a coordinator, the people with a position
    at one of their organisations for an editor, nobody for anyone else."""
    if is_coordinator(user):
        return Person.objects.order_by("last_name", "first_name")
    mine = Position.objects.filter(organisation_id__in=editable_organisation_ids(user)).values("person_id")
    return Person.objects.filter(pk__in=mine).order_by("last_name", "first_name")
