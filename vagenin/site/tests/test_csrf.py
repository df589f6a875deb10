"""Every URL refuses a POST without a valid CSRF token; a view exempt from CSRF must accept no POST at all.

The walk covers every URL pattern (testsupport/inventory.py), so allauth's login, logout, password
and MFA forms and every new form are checked without being listed. Django refuses a bad POST before
the view runs, so the URLs need no data behind them.
"""

from __future__ import annotations

import logging
import re

import pytest
from django.test import Client
from django.urls import resolve, reverse

from testsupport.inventory import placeholder_kwargs, url_routes
from testsupport.personas import PASSWORD, Personas

# A well-formed CSRF cookie, as a victim's browser would send it along with a forged POST.
VICTIM_CSRF_COOKIE = "a" * 32
ALLAUTH_FORMS = {
    "account_login",
    "account_logout",
    "account_change_password",
    "account_set_password",
    "account_reset_password",
    "account_reset_password_from_key",
    "account_reauthenticate",
    "mfa_authenticate",
    "mfa_activate_totp",
    "mfa_deactivate_totp",
    "mfa_generate_recovery_codes",
}


def _is_csrf_exempt(url: str) -> bool:
    return bool(getattr(resolve(url).func, "csrf_exempt", False))


def _post_refusals(client: Client, caplog: pytest.LogCaptureFixture, persona: str) -> list[str]:
    failures = []
    for route in url_routes():
        url = route.reverse(placeholder_kwargs(route))
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="django.security.csrf"):
            response = client.post(url, {"field": "value"})
        csrf_refused = response.status_code == 403 and any(r.name == "django.security.csrf" for r in caplog.records)
        if _is_csrf_exempt(url):
            # The read-only API is exempt (it has no sessions); it must then refuse every POST itself.
            if response.status_code not in (403, 405):
                failures.append(
                    f"{route.name} {url}: exempt from CSRF, and a POST as {persona} gives {response.status_code}"
                )
        elif not csrf_refused:
            failures.append(
                f"{route.name} {url}: a POST without a CSRF token as {persona} gives {response.status_code}"
            )
    return failures


@pytest.mark.django_db
def test_every_url_refuses_a_post_without_a_csrf_token(personas: Personas, caplog: pytest.LogCaptureFixture) -> None:
    anonymous = Client(enforce_csrf_checks=True)
    coordinator = Client(enforce_csrf_checks=True)
    coordinator.force_login(personas.coordinator)
    editor = Client(enforce_csrf_checks=True)
    editor.force_login(personas.editor_a)
    for client in (anonymous, coordinator, editor):
        client.cookies["csrftoken"] = VICTIM_CSRF_COOKIE
    failures = (
        _post_refusals(anonymous, caplog, "anonymous")
        + _post_refusals(editor, caplog, "editor_a")
        + _post_refusals(coordinator, caplog, "coordinator")
    )
    assert not failures, "\n".join(failures)


def test_the_walk_covers_allauths_forms() -> None:
    missing = ALLAUTH_FORMS - {route.name for route in url_routes()}
    assert not missing, f"allauth's forms missing from the URL walk: {sorted(missing)}"


@pytest.mark.django_db
def test_a_wrong_token_is_refused(personas: Personas) -> None:
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = VICTIM_CSRF_COOKIE
    response = client.post(
        reverse("account_login"),
        {"login": personas.editor_a.email, "password": PASSWORD, "csrfmiddlewaretoken": "b" * 32},
    )
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def _token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, "The form has no CSRF token field."
    return match.group(1)


@pytest.mark.django_db
def test_a_valid_token_is_accepted(personas: Personas) -> None:
    """The refusals above come from missing tokens, not from forms that refuse everything."""
    client = Client(enforce_csrf_checks=True)
    login = reverse("account_login")
    token = _token(client.get(login).content.decode())
    response = client.post(
        login, {"login": personas.editor_a.email, "password": PASSWORD, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(personas.editor_a.pk)
    change_password = reverse("account_change_password")
    token = _token(client.get(change_password).content.decode())
    response = client.post(change_password, {"csrfmiddlewaretoken": token})
    assert response.status_code == 200  # the empty form comes back with its errors: the token was accepted
