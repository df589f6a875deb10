"""Who may do what: the role predicates every app's access helpers build on."""

from __future__ import annotations

from typing import Any

from vagenin.accounts.models import MembershipRole, StaffRole


def staff_roles(user: Any) -> frozenset[str]:
    """The user's staff roles, read once per request object."""
    if user is None or not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_vagenin_roles", None)
    if cached is None:
        cached = frozenset(user.role_grants.values_list("role", flat=True))
        user._vagenin_roles = cached
    return cached


def has_role(user: Any, role: StaffRole) -> bool:
    """Whether the user holds the staff role."""
    return role in staff_roles(user)


def is_staff_user(user: Any) -> bool:
    """Whether the user holds any staff role (and therefore must use MFA)."""
    return bool(staff_roles(user))


def is_coordinator(user: Any) -> bool:
    """Secretariat coordinators run the platform's content, people and users."""
    return has_role(user, StaffRole.COORDINATOR)


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
