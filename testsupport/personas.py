"""Builders and named personas for tests. No random data: every value is chosen and readable."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from allauth.mfa.totp.internal.auth import TOTP
from django.test import Client

from vagenin.accounts.models import Membership, MembershipRole, RoleGrant, StaffRole, User
from vagenin.organisations.models import County, Municipality, Organisation, OrganisationType

# A fixed TOTP secret for test personas (base32); never used outside tests and demo data.
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
PASSWORD = "correct horse battery staple"


def make_county(code: str = "20", name: str = "Dalarnas län") -> County:
    county, _ = County.objects.get_or_create(code=code, defaults={"name": name, "short_name": name.split()[0]})
    return county


def make_municipality(code: str = "2080", short_name: str = "Falun") -> Municipality:
    municipality, _ = Municipality.objects.get_or_create(
        code=code,
        defaults={"name": f"{short_name} kommun", "short_name": short_name, "county": make_county(code[:2])},
    )
    return municipality


def make_organisation(slug: str, name: str | None = None, **fields: Any) -> Organisation:
    fields.setdefault("type", OrganisationType.CIVIL_SOCIETY)
    return Organisation.objects.create(slug=slug, name=name or slug.replace("-", " ").title(), **fields)


def make_user(
    email: str,
    *,
    roles: tuple[StaffRole, ...] = (),
    editor_of: tuple[Organisation, ...] = (),
    mfa: bool | None = None,
    full_name: str = "",
) -> User:
    """A user with staff roles and editor memberships; staff get a TOTP authenticator unless mfa=False."""
    user = User.objects.create_user(email, PASSWORD, full_name=full_name)
    for role in roles:
        RoleGrant.objects.create(user=user, role=role)
    for organisation in editor_of:
        Membership.objects.create(user=user, organisation=organisation, role=MembershipRole.EDITOR)
    if mfa or (mfa is None and roles):
        TOTP.activate(user, TEST_TOTP_SECRET)
    return user


@dataclass
class Personas:
    """The fixed cast every permission test runs over."""

    org_a: Organisation
    org_b: Organisation
    coordinator: User
    editor_a: User
    editor_b: User
    settlement_officer: User
    grant_officer: User
    analyst: User

    def client(self, name: str) -> Client:
        """A test client logged in as the named persona ("anonymous" for none)."""
        client = Client()
        if name != "anonymous":
            client.force_login(getattr(self, name))
        return client


PERSONA_NAMES = ("anonymous", "editor_a", "editor_b", "coordinator")
# The specialist staff roles. Apps whose pages they use add them to their own permission tests; the URL
# inventory asks the site as every one of these, so a page only a specialist may see is still checked.
SPECIALIST_NAMES = ("settlement_officer", "grant_officer", "analyst")
INVENTORY_PERSONAS = PERSONA_NAMES + SPECIALIST_NAMES


def make_personas() -> Personas:
    org_a = make_organisation("forening-a", "Föreningen A", municipality=make_municipality())
    org_b = make_organisation("forening-b", "Föreningen B", municipality=make_municipality("2062", "Mora"))
    return Personas(
        org_a=org_a,
        org_b=org_b,
        coordinator=make_user("samordnare@test.example", roles=(StaffRole.COORDINATOR,), full_name="Sam Ordnare"),
        editor_a=make_user("redaktor.a@test.example", editor_of=(org_a,), full_name="Ada Redaktör"),
        editor_b=make_user("redaktor.b@test.example", editor_of=(org_b,), full_name="Bo Redaktör"),
        settlement_officer=make_user(
            "bosattning@test.example", roles=(StaffRole.SETTLEMENT_OFFICER,), full_name="Bo Sättning"
        ),
        grant_officer=make_user("bidrag@test.example", roles=(StaffRole.GRANT_OFFICER,), full_name="Bi Drag"),
        analyst=make_user("analytiker@test.example", roles=(StaffRole.ANALYST,), full_name="Ana Lytiker"),
    )
