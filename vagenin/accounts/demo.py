"""Demo logins, one per role. Invented people; a published password and TOTP secret, for demos only."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP

from vagenin.accounts.models import Membership, MembershipRole, RoleGrant, StaffRole, User
from vagenin.organisations.models import Organisation

DEMO_PASSWORD = "vagenin-demo-2026"  # noqa: S105 - published on purpose, demo only
# Published on purpose: demo staff must pass MFA too. Add it to an authenticator app, or run
# `manage.py demo_totp` for the current code.
DEMO_TOTP_SECRET = "KRUGS4ZANFZSAYJAMRSW233TMVRXE2LU"  # noqa: S105 - published on purpose, demo only


@dataclass(frozen=True)
class DemoLogin:
    email: str
    full_name: str
    description: str
    roles: tuple[StaffRole, ...] = ()
    editor_of: str = ""


DEMO_LOGINS = [
    DemoLogin("samordnare@example.org", "Stina Samordnare", "secretariat coordinator", (StaffRole.COORDINATOR,)),
    DemoLogin("bidrag@example.org", "Greger Bidrag", "grant officer", (StaffRole.GRANT_OFFICER,)),
    DemoLogin("bosattning@example.org", "Britta Bosättning", "settlement officer", (StaffRole.SETTLEMENT_OFFICER,)),
    DemoLogin("analys@example.org", "Anders Analys", "analyst", (StaffRole.ANALYST,)),
    DemoLogin(
        "redaktor.falun@example.org",
        "Fia Falk",
        "partner editor, Falu kommun (municipality officer)",
        editor_of="falun-kommun",
    ),
    DemoLogin(
        "redaktor.rodakorset@example.org",
        "Rolf Korsholm",
        "partner editor, Svenska Röda Korset (association)",
        editor_of="svenska-roda-korset",
    ),
    DemoLogin(
        "redaktor.af@example.org", "Amina Fors", "partner editor, Arbetsförmedlingen", editor_of="arbetsformedlingen"
    ),
]


def load_users() -> list[DemoLogin]:
    """Create the demo logins once; staff get the published TOTP secret."""
    for login in DEMO_LOGINS:
        user = User.objects.filter(email=login.email).first()
        if user is None:
            user = User.objects.create_user(login.email, DEMO_PASSWORD, full_name=login.full_name)
        for role in login.roles:
            RoleGrant.objects.get_or_create(user=user, role=role)
        if login.roles and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, DEMO_TOTP_SECRET)
        if login.editor_of:
            organisation = Organisation.objects.get(slug=login.editor_of)
            Membership.objects.get_or_create(
                user=user, organisation=organisation, defaults={"role": MembershipRole.EDITOR}
            )
    return DEMO_LOGINS
