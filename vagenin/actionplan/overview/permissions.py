"""Access to the overviews and the document: public, published initiatives only; drafts for coordinators and
analysts (`accounts.permissions.may_read_overviews`)."""

from __future__ import annotations

from typing import Any

from vagenin.accounts.permissions import may_read_overviews


def may_include_drafts(user: Any) -> bool:
    """Coordinators and analysts may add draft initiatives to the overview; everyone else sees published ones."""
    return may_read_overviews(user)
