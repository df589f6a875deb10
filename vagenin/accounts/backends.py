"""The authentication backends: Django's and allauth's, reading a request's user with their roles and MFA.

Every request of a logged-in user loads the user; staff pages then need the user's roles, and the MFA policy
asks whether a staff user has a TOTP authenticator. Read as `EXISTS` columns of the user's own row, they cost
no query of their own (`permissions.staff_roles` and `permissions.has_totp` read what is set here).
"""

from __future__ import annotations

from typing import Any

from allauth.account.auth_backends import AuthenticationBackend
from allauth.mfa.models import Authenticator
from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef

from vagenin.accounts.models import RoleGrant, StaffRole, User


def _role_column(role: str) -> str:
    return f"holds_{role}"


class ReadsRoles(ModelBackend):
    """`get_user` reads the roles and the TOTP check with the user. A session names the backend that logged
    it in, and that backend loads the user on each request: both backends the site uses read them."""

    def get_user(self, user_id: Any) -> User | None:
        roles = {
            _role_column(role): Exists(RoleGrant.objects.filter(user=OuterRef("pk"), role=role))
            for role in StaffRole.values
        }
        totp = Exists(Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP))
        user = User.objects.annotate(**roles, has_totp_authenticator=totp).filter(pk=user_id).first()
        if user is None or not self.user_can_authenticate(user):
            return None
        cached: Any = user  # the per-request attributes permissions.py reads
        cached._vagenin_roles = frozenset(role for role in StaffRole.values if getattr(user, _role_column(role)))
        cached._vagenin_has_totp = user.has_totp_authenticator
        return user


class UserWithRolesBackend(ReadsRoles):
    """Django's ModelBackend (e-mail and password)."""


class AllauthWithRolesBackend(ReadsRoles, AuthenticationBackend):
    """allauth's backend (what allauth's login and its password reset use)."""
