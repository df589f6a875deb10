"""Writing the audit log. Every service that changes data calls `record`."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.forms import ModelForm

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


def form_changes(form: ModelForm) -> dict[str, Any]:
    """The changed fields of a bound model form as {field: new value}, for the audit log."""
    return {name: str(form.cleaned_data.get(name)) for name in form.changed_data}
