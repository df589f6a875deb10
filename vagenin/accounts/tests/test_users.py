"""User management by coordinators, invitations, the dashboard and the MFA policy."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from testsupport.personas import PASSWORD, PERSONA_NAMES, Personas, make_user
from vagenin.accounts.models import RoleGrant, StaffRole, User
from vagenin.common.models import AuditEntry

LOGIN = "/konto/login/"
COORDINATOR_ONLY = {"anonymous": 302, "editor_a": 403, "editor_b": 403, "coordinator": 200}


def _status(client: Client, url: str, method: str = "get") -> int:
    response = getattr(client, method)(url)
    if response.status_code == 302 and response["Location"].startswith(LOGIN):
        return 302
    return response.status_code


@pytest.mark.parametrize("persona", PERSONA_NAMES)
@pytest.mark.django_db
def test_dashboard_needs_login(personas: Personas, persona: str) -> None:
    expected = 302 if persona == "anonymous" else 200
    assert _status(personas.client(persona), reverse("site:dashboard")) == expected


@pytest.mark.django_db
def test_dashboard_shows_what_each_role_may_do(personas: Personas) -> None:
    editor = personas.client("editor_a").get(reverse("site:dashboard")).content.decode()
    assert "Föreningen A" in editor and "Föreningen B" not in editor
    assert reverse("accounts:users") not in editor
    coordinator = personas.client("coordinator").get(reverse("site:dashboard")).content.decode()
    assert reverse("accounts:users") in coordinator


@pytest.mark.parametrize("persona", PERSONA_NAMES)
@pytest.mark.parametrize("name", ["accounts:users", "accounts:user_invite"])
@pytest.mark.django_db
def test_user_management_is_coordinator_only(personas: Personas, persona: str, name: str) -> None:
    assert _status(personas.client(persona), reverse(name)) == COORDINATOR_ONLY[persona]


@pytest.mark.parametrize("persona", PERSONA_NAMES)
@pytest.mark.django_db
def test_user_edit_is_coordinator_only(personas: Personas, persona: str) -> None:
    url = reverse("accounts:user_edit", args=[personas.editor_b.uuid])
    assert _status(personas.client(persona), url) == COORDINATOR_ONLY[persona]
    resend = reverse("accounts:user_resend", args=[personas.editor_b.uuid])
    expected = {"anonymous": 302, "editor_a": 403, "editor_b": 403, "coordinator": 302}[persona]
    assert personas.client(persona).post(resend).status_code == expected


@pytest.mark.django_db
def test_invitation_creates_account_and_mails_a_working_link(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    client = personas.client("coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:user_invite"),
            {
                "email": "Ny.Redaktor@Example.org",
                "full_name": "Ny Redaktör",
                "language": "sv",
                "editor_of": [personas.org_b.pk],
            },
        )
    assert response.status_code == 302
    user = User.objects.get(email="ny.redaktor@example.org")
    assert user.language == "sv"
    assert mail.outbox[0].subject == "Ditt konto på Vägen in"
    assert not user.has_usable_password()
    assert list(user.memberships.values_list("organisation__slug", flat=True)) == ["forening-b"]
    assert AuditEntry.objects.filter(action="user.invited", object_id=str(user.pk)).exists()
    assert len(mail.outbox) == 1
    link = re.search(r"http://[^\s]+/konto/password/reset/key/[^\s]+", str(mail.outbox[0].body))
    assert link, mail.outbox[0].body
    path = link.group(0).split("8000", 1)[-1] if "8000" in link.group(0) else link.group(0)
    response = Client().get(path, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="password1"' in html
    # The invited person has no password yet: the page is about choosing one, not changing it.
    assert "Välj ditt lösenord" in html
    assert "Byt lösenord" not in html


@pytest.mark.django_db
def test_a_reset_link_for_an_existing_password_says_change(personas: Personas) -> None:
    from vagenin.accounts.services import set_password_url

    path = set_password_url(personas.editor_a).split("://", 1)[1].split("/", 1)[1]
    html = Client().get("/" + path, follow=True).content.decode()
    assert "<h1>Byt lösenord</h1>" in html


@pytest.mark.django_db
def test_an_invitation_needs_a_role_or_an_organisation(personas: Personas) -> None:
    response = personas.client("coordinator").post(
        reverse("accounts:user_invite"),
        {"email": "ingen.roll@example.org", "full_name": "Ingen Roll", "language": "sv"},
    )
    assert response.status_code == 200
    assert "Välj minst en roll eller en organisation" in response.content.decode()
    assert not User.objects.filter(email="ingen.roll@example.org").exists()
    assert mail.outbox == []


def test_one_swedish_term_for_two_factor_authentication() -> None:
    """allauth's pages say "tvåfaktorsautentisering"; the project's own texts use the same word."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*")
        if path.suffix in {".html", ".py", ".txt"} and "tvåsteg" in path.read_text(encoding="utf-8").lower()
    ]
    assert offenders == [path for path in offenders if path.endswith("test_users.py")]


@pytest.mark.django_db
def test_invite_rejects_an_existing_address_and_keeps_input(personas: Personas) -> None:
    response = personas.client("coordinator").post(
        reverse("accounts:user_invite"), {"email": personas.editor_a.email, "full_name": "Dubbel"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Det finns redan ett konto med den e-postadressen." in html
    assert 'value="Dubbel"' in html
    assert mail.outbox == []


@pytest.mark.django_db
def test_coordinator_grants_roles_and_cannot_lock_themself_out(personas: Personas) -> None:
    client = personas.client("coordinator")
    url = reverse("accounts:user_edit", args=[personas.editor_a.uuid])
    response = client.post(
        url,
        {
            "full_name": "Ada",
            "language": "en",
            "is_active": "on",
            "roles": [StaffRole.GRANT_OFFICER],
            "editor_of": [personas.org_a.pk],
        },
    )
    assert response.status_code == 302
    personas.editor_a.refresh_from_db()
    assert personas.editor_a.language == "en"
    assert list(personas.editor_a.role_grants.values_list("role", flat=True)) == ["grant_officer"]
    own = reverse("accounts:user_edit", args=[personas.coordinator.uuid])
    response = client.post(own, {"full_name": "Sam", "language": "sv", "roles": []})
    html = response.content.decode()
    assert "Du kan inte ta bort din egen roll som samordnare." in html
    assert "Du kan inte inaktivera ditt eget konto." in html
    assert RoleGrant.objects.filter(user=personas.coordinator, role=StaffRole.COORDINATOR).exists()


@pytest.mark.django_db
def test_staff_without_mfa_are_sent_to_set_it_up(db: None) -> None:
    officer = make_user("ny.samordnare@test.example", roles=(StaffRole.COORDINATOR,), mfa=False)
    client = Client()
    client.force_login(officer)
    response = client.get(reverse("accounts:users"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    # Setting MFA up asks for the password again (a fresh authentication), then shows the QR code.
    response = client.get(reverse("mfa_activate_totp"), follow=True)
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()


@pytest.mark.django_db
def test_partner_editors_do_not_need_mfa(personas: Personas) -> None:
    assert personas.client("editor_a").get(reverse("site:dashboard")).status_code == 200


@pytest.mark.django_db
def test_login_by_email_and_mfa_code_for_staff(personas: Personas) -> None:
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    from testsupport.personas import TEST_TOTP_SECRET

    client = Client()
    response = client.post(reverse("account_login"), {"login": "samordnare@test.example", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    code = format_hotp_value(hotp_value(TEST_TOTP_SECRET, int(time.time()) // 30))
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert client.get(reverse("accounts:users")).status_code == 200


@pytest.mark.django_db
def test_repeated_failed_logins_lock_the_account_out(personas: Personas) -> None:
    from django.core.cache import cache

    cache.clear()
    client = Client()
    statuses = [
        client.post(reverse("account_login"), {"login": "redaktor.a@test.example", "password": "fel"}).status_code
        for _ in range(7)
    ]
    response = client.post(reverse("account_login"), {"login": "redaktor.a@test.example", "password": PASSWORD})
    assert statuses[0] == 200
    assert response.status_code in {200, 429}
    assert not response.wsgi_request.user.is_authenticated
    cache.clear()


@pytest.mark.django_db
def test_the_open_data_api_needs_no_mfa_set_up(db: None) -> None:
    officer = make_user("ny.analytiker@test.example", roles=(StaffRole.ANALYST,), mfa=False)
    client = Client()
    client.force_login(officer)
    assert client.get("/api/v1/").status_code == 200


@pytest.mark.django_db
def test_an_invitation_in_english_is_written_in_english_and_so_is_a_new_link(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    client = personas.client("coordinator")
    form = client.get(reverse("accounts:user_invite")).content.decode()
    assert '<option value="sv" selected>Svenska</option>' in form  # the inviter's language by default
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("accounts:user_invite"),
            {
                "email": "new.editor@example.org",
                "full_name": "New Editor",
                "language": "en",
                "editor_of": [personas.org_a.pk],
            },
        )
    user = User.objects.get(email="new.editor@example.org")
    assert user.language == "en"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:user_resend", args=[user.uuid]))
    assert len(mail.outbox) == 2
    assert [message.subject for message in mail.outbox] == ["Your account on Vägen in"] * 2
    assert all(message.body.startswith("Hello New,") for message in mail.outbox), mail.outbox[0].body


@pytest.mark.django_db
def test_a_logged_in_users_language_switch_is_remembered(personas: Personas) -> None:
    client = personas.client("editor_a")
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    personas.editor_a.refresh_from_db()
    assert personas.editor_a.language == "en"
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})  # not a language of the site
    personas.editor_a.refresh_from_db()
    assert personas.editor_a.language == "en"
    # Anonymous visitors switch as before; there is nobody to remember it for.
    assert Client().post(reverse("set_language"), {"language": "en", "next": "/"}).status_code == 302


@pytest.mark.django_db
def test_logging_in_on_the_english_pages_means_english_mail(personas: Personas) -> None:
    from testsupport.personas import PASSWORD

    assert personas.editor_b.language == "sv"
    response = Client().post("/en" + reverse("account_login"), {"login": personas.editor_b.email, "password": PASSWORD})
    assert response.status_code == 302
    personas.editor_b.refresh_from_db()
    assert personas.editor_b.language == "en"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "next_url", "expected"),
    [
        ("sv", "/en/kontakt/", "/kontakt/"),
        ("en", "/kontakt/", "/en/kontakt/"),
        ("sv", "/en/handlingsplan/?q=kvinnor&sida=2", "/handlingsplan/?q=kvinnor&sida=2"),
        ("en", "/en/kontakt/", "/en/kontakt/"),
        ("en", "/api/v1/", "/api/v1/"),  # not a translated page: stays where it was
    ],
)
def test_the_language_switch_leads_to_the_same_page_in_the_chosen_language(
    language: str, next_url: str, expected: str
) -> None:
    client = Client()
    client.cookies["django_language"] = "en"  # as after switching to English
    response = client.post(reverse("set_language"), {"language": language, "next": next_url})
    assert (response.status_code, response["Location"]) == (302, expected)
