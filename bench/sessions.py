"""Logged-in visitors for the load test: one account per role, and a session cookie for each.

The accounts are invented (`bench-<role>@example.org`). Staff roles get a TOTP authenticator, as the MFA policy
requires of them; the session is written straight into the session store, as a login would leave it, so the load
test measures the pages and not the login.
"""

from __future__ import annotations

from importlib import import_module

from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

from bench.generators.actionplan import SHOWCASE_SLUG
from vagenin.accounts.models import Membership, MembershipRole, RoleGrant, StaffRole, User
from vagenin.actionplan.models import Initiative

PASSWORD = "bench-only-password"  # noqa: S105  # invented accounts on the bench's own database
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105  # base32; bench-only
ROLES = {
    "editor": (),
    "coordinator": (StaffRole.COORDINATOR,),
    "analyst": (StaffRole.ANALYST,),
}


def bench_users() -> dict[str, User]:
    """One user per persona: the editor edits the showcase initiative's lead organisation."""
    lead = Initiative.objects.select_related("lead_organisation").get(slug=SHOWCASE_SLUG).lead_organisation
    users = {}
    for persona, roles in ROLES.items():
        email = f"bench-{persona}@example.org"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, PASSWORD, full_name=f"Bench {persona.title()}")
            for role in roles:
                RoleGrant.objects.create(user=user, role=role)
            if roles:
                TOTP.activate(user, TOTP_SECRET)
            if persona == "editor":
                Membership.objects.create(user=user, organisation=lead, role=MembershipRole.EDITOR)
        users[persona] = user
    return users


def session_cookies(users: dict[str, User]) -> dict[str, str]:
    """A `Cookie` header value per persona, for a session logged in as that user."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    cookies = {}
    for persona, user in users.items():
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        cookies[persona] = f"{settings.SESSION_COOKIE_NAME}={session.session_key}"
    return cookies
