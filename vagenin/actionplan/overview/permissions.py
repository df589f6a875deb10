"""Access to the overviews and the document: public, published initiatives only; drafts for coordinators."""

from __future__ import annotations

from typing import Any

from vagenin.accounts.permissions import is_coordinator


def may_include_drafts(user: Any) -> bool:
    """Coordinators may add draft initiatives to the overview; everyone else sees published ones only."""
    return is_coordinator(user)
