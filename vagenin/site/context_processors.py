"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from vagenin.accounts import permissions


def site(request: HttpRequest) -> dict[str, Any]:
    """Site-wide values: the user's staff capabilities for the navigation."""
    user = getattr(request, "user", None)
    return {
        "is_coordinator": permissions.is_coordinator(user),
        "editable_organisations": permissions.editable_organisation_ids(user),
    }
