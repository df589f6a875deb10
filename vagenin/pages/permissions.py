"""Access to the secretariat's inbox of visitors' messages."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from vagenin.accounts.permissions import is_coordinator
from vagenin.pages.models import Message


def require_inbox_access(user: Any) -> None:
    """Only the secretariat's coordinators read visitors' messages; everyone else gets 403."""
    if not is_coordinator(user):
        raise PermissionDenied


def get_message_for(user: Any, message: uuid.UUID) -> Message:
    """A message by its public id; 403 for anyone outside the secretariat, 404 for an unknown id."""
    require_inbox_access(user)
    return get_object_or_404(Message.objects.select_related("handled_by"), uuid=message)
