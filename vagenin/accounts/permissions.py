"""Who may do what: the role predicates every app's access helpers build on."""

from __future__ import annotations

import uuid
from typing import Any

from allauth.mfa.models import Authenticator
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from vagenin.accounts.models import MembershipRole, StaffRole, User


def staff_roles(user: Any) -> frozenset[str]:
    """The user's staff roles, read once per request object (with the user itself when the site's backends
    loaded it: `accounts/backends.py`)."""
    if user is None or not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_vagenin_roles", None)
    if cached is None:
        cached = frozenset(user.role_grants.values_list("role", flat=True))
        user._vagenin_roles = cached
    return cached


def has_totp(user: Any) -> bool:
    """Whether the user has an active TOTP authenticator (read with the user by the site's backends)."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_vagenin_has_totp", None)
    if cached is None:
        cached = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        user._vagenin_has_totp = cached
    return bool(cached)


def has_role(user: Any, role: StaffRole) -> bool:
    """Whether the user holds the staff role."""
    return role in staff_roles(user)


def is_staff_user(user: Any) -> bool:
    """Whether the user holds any staff role (and therefore must use MFA)."""
    return bool(staff_roles(user))


def is_coordinator(user: Any) -> bool:
    """Secretariat coordinators run the platform's content, people and users."""
    return has_role(user, StaffRole.COORDINATOR)


def require_coordinator(user: Any) -> None:
    """Raise PermissionDenied (403) unless the user is a secretariat coordinator: the one coordinator-only check."""
    if not is_coordinator(user):
        raise PermissionDenied("Only secretariat coordinators may do this.")


def may_read_overviews(user: Any) -> bool:
    """Coordinators and analysts read every overview and export that holds no personal data, drafts included."""
    return is_coordinator(user) or has_role(user, StaffRole.ANALYST)


def require_overview_reader(user: Any) -> None:
    """Raise PermissionDenied (403) unless the user may read overviews and exports without personal data."""
    if not may_read_overviews(user):
        raise PermissionDenied("Only coordinators and analysts may see this.")


def editable_organisation_ids(user: Any) -> frozenset[int]:
    """Ids of the organisations the user edits as a partner editor."""
    if user is None or not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_vagenin_editable_orgs", None)
    if cached is None:
        cached = frozenset(
            user.memberships.filter(role=MembershipRole.EDITOR).values_list("organisation_id", flat=True)
        )
        user._vagenin_editable_orgs = cached
    return cached


def can_edit_organisation(user: Any, organisation_id: int) -> bool:
    """Coordinators edit every organisation; editors only their own."""
    return is_coordinator(user) or organisation_id in editable_organisation_ids(user)


def get_user_for(actor: Any, user_id: uuid.UUID) -> User:
    """A user account a coordinator manages (404 for an unknown id)."""
    require_coordinator(actor)
    return get_object_or_404(User, uuid=user_id)
