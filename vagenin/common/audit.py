"""Writing the audit log. Every service that changes data calls `record`, or `save_changes` to do it all."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.db import models

from vagenin.common.models import AuditEntry


def record(*, actor: Any, action: str, obj: models.Model, changes: dict[str, Any] | None = None) -> AuditEntry:
    """Add one audit row for `action` on `obj` by `actor` (a user, or None for the system)."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        changes=changes or {},
    )


def audit_value(value: Any) -> Any:
    """A value as the audit log keeps it: "" for None, ISO dates, sorted strings for a set of objects."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if hasattr(value, "all") or isinstance(value, list | tuple | set | frozenset):
        items = value.all() if hasattr(value, "all") else value
        return sorted(str(item) for item in items)
    return str(value)


def save_changes(
    *,
    actor: Any,
    obj: models.Model,
    data: Mapping[str, Any],
    action: str,
    audit_obj: models.Model | None = None,
) -> dict[str, Any]:
    """Compare, set, validate, save and audit: the one way a service writes a model from validated data.

    Only fields whose value differs are set and logged; many-to-many fields (given as iterables of objects)
    are compared by primary key and set after the save. A new object (no primary key yet) is always saved
    and logged with every field given. Nothing is written when nothing changed. `audit_obj` names the
    object the audit row is about when it is not `obj` itself (a milestone's change is logged on its
    initiative). Returns the changes as logged. Call it inside the service's transaction.
    """
    creating = obj.pk is None
    many_to_many = {field.name for field in obj._meta.many_to_many}
    changes: dict[str, Any] = {}
    relations: dict[str, list[Any]] = {}
    for name, value in data.items():
        if name in many_to_many:
            items = list(value)
            before = set() if creating else set(getattr(obj, name).values_list("pk", flat=True))
            if creating or before != {item.pk for item in items}:
                relations[name] = items
                changes[name] = audit_value(items)
        elif creating or getattr(obj, name) != value:
            setattr(obj, name, value)
            changes[name] = audit_value(value)
    if not changes and not creating:
        return changes
    obj.full_clean()
    obj.save()
    for name, items in relations.items():
        getattr(obj, name).set(items)
    record(actor=actor, action=action, obj=audit_obj or obj, changes=changes)
    return changes
