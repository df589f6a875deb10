"""Creating users and changing what they may do. Each change leaves an audit row."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.db import transaction
from django.urls import reverse

from vagenin.accounts.models import Membership, MembershipRole, RoleGrant, StaffRole, User
from vagenin.common.audit import record
from vagenin.common.mail import send_templated_mail_on_commit
from vagenin.organisations.models import Organisation


class LastCoordinatorError(Exception):
    """Raised when a change would leave the platform without an active coordinator."""


def set_password_url(user: User) -> str:
    """An absolute link where the user chooses a password (allauth's password-reset-from-key page)."""
    path = reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)},
    )
    return settings.SITE_URL.rstrip("/") + path


def _sync_access(*, user: User, roles: Iterable[str], editor_of: Iterable[Organisation]) -> dict[str, Any]:
    """Make the user's roles and editor memberships exactly the given ones; return what changed."""
    wanted_roles = set(roles)
    current_roles = set(user.role_grants.values_list("role", flat=True))
    user.role_grants.filter(role__in=current_roles - wanted_roles).delete()
    RoleGrant.objects.bulk_create(RoleGrant(user=user, role=role) for role in sorted(wanted_roles - current_roles))
    wanted_orgs = {organisation.pk for organisation in editor_of}
    current_orgs = set(user.memberships.filter(role=MembershipRole.EDITOR).values_list("organisation_id", flat=True))
    user.memberships.filter(role=MembershipRole.EDITOR, organisation_id__in=current_orgs - wanted_orgs).delete()
    Membership.objects.bulk_create(
        Membership(user=user, organisation_id=pk, role=MembershipRole.EDITOR)
        for pk in sorted(wanted_orgs - current_orgs)
    )
    for attribute in ("_vagenin_roles", "_vagenin_has_totp", "_vagenin_editable_orgs"):
        user.__dict__.pop(attribute, None)
    changes: dict[str, Any] = {}
    if wanted_roles != current_roles:
        changes["roles"] = sorted(wanted_roles)
    if wanted_orgs != current_orgs:
        changes["editor_of"] = sorted(wanted_orgs)
    return changes


def _ensure_a_coordinator_remains() -> None:
    if not RoleGrant.objects.filter(role=StaffRole.COORDINATOR, user__is_active=True).exists():
        raise LastCoordinatorError


def _inviter(actor: User | None) -> str:
    return actor.get_full_name() if actor is not None else "Vägen in"


@transaction.atomic
def invite_user(
    *,
    actor: User | None,
    email: str,
    full_name: str,
    roles: Iterable[str],
    editor_of: Iterable[Organisation],
    language: str,
) -> User:
    """Create an account without a password and e-mail the person a link to choose one, in `language`."""
    user = User.objects.create_user(email, None, full_name=full_name, language=language)
    changes = _sync_access(user=user, roles=roles, editor_of=editor_of)
    record(actor=actor, action="user.invited", obj=user, changes=changes)
    send_templated_mail_on_commit(
        template="accounts/email/invitation",
        context={
            "user": user,
            "url": set_password_url(user),
            "inviter": _inviter(actor),
            "site_url": settings.SITE_URL,
        },
        to=[user.email],
        language=user.language,
    )
    return user


@transaction.atomic
def update_user(
    *,
    actor: User,
    user: User,
    full_name: str,
    language: str,
    is_active: bool,
    roles: Iterable[str],
    editor_of: Iterable[Organisation],
) -> User:
    """Change a user's name, language, whether the account is active, and its roles and memberships."""
    changes: dict[str, Any] = {}
    for field, value in (("full_name", full_name), ("language", language), ("is_active", is_active)):
        if getattr(user, field) != value:
            changes[field] = value
            setattr(user, field, value)
    user.save(update_fields=["full_name", "language", "is_active"])
    changes.update(_sync_access(user=user, roles=roles, editor_of=editor_of))
    _ensure_a_coordinator_remains()
    if changes:
        record(actor=actor, action="user.updated", obj=user, changes=changes)
    return user


@transaction.atomic
def resend_invitation(*, actor: User, user: User) -> None:
    """Send a fresh link to choose a password (also works as a reset for an existing account)."""
    record(actor=actor, action="user.invitation_sent", obj=user)
    send_templated_mail_on_commit(
        template="accounts/email/invitation",
        context={
            "user": user,
            "url": set_password_url(user),
            "inviter": _inviter(actor),
            "site_url": settings.SITE_URL,
        },
        to=[user.email],
        language=user.language,
    )


def remember_language(*, user: User, language: str) -> None:
    """The site's e-mail to a user follows the language they last chose on the site."""
    if language in dict(settings.LANGUAGES) and user.language != language:
        user.language = language
        user.save(update_fields=["language"])
