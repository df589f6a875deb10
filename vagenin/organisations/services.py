"""Writes to organisations and people. Each leaves an audit row."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from vagenin.common.audit import record, save_changes
from vagenin.common.deletion import delete_checked
from vagenin.organisations.models import Organisation, Person, Position


@transaction.atomic
def update_organisation(*, actor: Any, organisation: Organisation, data: dict[str, Any]) -> Organisation:
    """Update an organisation's profile fields from validated form data."""
    save_changes(actor=actor, obj=organisation, data=data, action="organisation.updated")
    return organisation


@transaction.atomic
def create_organisation(*, actor: Any, data: dict[str, Any]) -> Organisation:
    """Register a new organisation."""
    organisation = Organisation(**data)
    organisation.full_clean()
    organisation.save()
    record(actor=actor, action="organisation.created", obj=organisation, changes={"name": organisation.name})
    return organisation


@transaction.atomic
def add_contact(
    *,
    actor: Any,
    organisation: Organisation,
    first_name: str,
    last_name: str,
    email: str,
    phone: str,
    title_sv: str,
    title_en: str = "",
    starts_on: datetime.date | None = None,
) -> Position:
    """Add a new person as a contact person of the organisation."""
    person = Person.objects.create(first_name=first_name, last_name=last_name, email=email, phone=phone)
    position = Position.objects.create(
        person=person,
        organisation=organisation,
        title_sv=title_sv,
        title_en=title_en,
        starts_on=starts_on,
        is_contact=True,
    )
    record(actor=actor, action="position.created", obj=position, changes={"organisation": organisation.slug})
    return position


@transaction.atomic
def update_contact(*, actor: Any, position: Position, data: dict[str, Any]) -> Position:
    """Update a contact person's details and position from validated form data."""
    person_fields = {"first_name", "last_name", "email", "phone"}
    changes = {}
    for field, value in data.items():
        target = position.person if field in person_fields else position
        if getattr(target, field) != value:
            changes[field] = str(value)
            setattr(target, field, value)
    if changes:
        position.person.save()
        position.full_clean()
        position.save()
        record(actor=actor, action="position.updated", obj=position, changes=changes)
    return position


@transaction.atomic
def end_position(*, actor: Any, position: Position, on: datetime.date) -> Position:
    """End a position (the person leaves or stops being a contact); the history is kept."""
    position.ends_on = on
    position.full_clean()
    position.save(update_fields=["ends_on"])
    record(actor=actor, action="position.ended", obj=position, changes={"ends_on": on.isoformat()})
    return position


@transaction.atomic
def save_person(*, actor: Any, person: Person | None, data: dict[str, Any]) -> Person:
    """Create a person, or update one's name and contact details."""
    action = "person.created" if person is None else "person.updated"
    person = person or Person()
    save_changes(actor=actor, obj=person, data=data, action=action)
    return person


@transaction.atomic
def add_position(*, actor: Any, person: Person, data: dict[str, Any]) -> Position:
    """Give a person a dated role at an organisation."""
    position = Position(person=person, **data)
    position.full_clean()
    position.save()
    record(actor=actor, action="position.created", obj=position, changes={"organisation": position.organisation.slug})
    return position


@transaction.atomic
def delete_person(*, actor: Any, person: Person) -> None:
    """Erase a person and their positions, unless anything else names them (a seat in a body is part of the
    agreement's record): then InUseError, and nothing is deleted."""
    delete_checked(actor=actor, obj=person, action="person.deleted", owned=[Position])
