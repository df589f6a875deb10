"""A user account's personal data in the registry (vagenin/common/personaldata.py)."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.utils.translation import gettext_lazy as _

from vagenin.accounts.models import User
from vagenin.common.personaldata import Source, Subject, matching, register


def _find(subject: Subject) -> Any:
    return User.objects.filter(matching({"email": ["email"], "name": ["full_name"]}, subject))


def _export(user: User) -> dict[str, Any]:
    return {
        "email": user.email,
        "full_name": user.full_name,
        "language": user.language,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "staff_roles": sorted(user.role_grants.values_list("role", flat=True)),
        "memberships": [
            {"organisation": organisation, "role": role}
            for organisation, role in user.memberships.values_list("organisation__name", "role")
        ],
    }


def _erase(user: User) -> str:
    """The account cannot log in again and no longer names anyone; what it did stays, by no one."""
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    user.memberships.all().delete()
    user.role_grants.all().delete()
    user.email = f"raderad-{user.uuid}@invalid"
    user.full_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    return "anonymised"


def register_personal_data() -> None:
    register(
        Source(
            model=User,
            fields=("email", "full_name"),
            find=_find,
            export=_export,
            erase=_erase,
            purpose=_("Inloggning och behörigheter för kansliet och parternas redaktörer."),
        )
    )
