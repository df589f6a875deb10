"""The authentication backends read a request's user with their staff roles and the MFA check in one query."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth import BACKEND_SESSION_KEY
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from testsupport.personas import PASSWORD, Personas, make_user
from vagenin.accounts.models import StaffRole

DASHBOARD = "/konto/min-sida/"


def _queries(client: Client, url: str) -> tuple[int, list[str]]:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        status = client.get(url).status_code
    return status, [query["sql"] for query in captured.captured_queries]


@pytest.mark.django_db
def test_a_logged_in_request_reads_roles_and_mfa_with_the_user(personas: Personas) -> None:
    status, sql = _queries(personas.client("coordinator"), DASHBOARD)
    assert status == 200
    own = f'"user_id" = {personas.coordinator.pk}'
    assert not [query for query in sql if query.startswith('SELECT "accounts_rolegrant"') and own in query]
    assert not [query for query in sql if query.startswith('SELECT 1 AS "a" FROM "mfa_authenticator"')]
    assert [query for query in sql if query.startswith('SELECT "accounts_user"') and "EXISTS" in query]


@pytest.mark.django_db
def test_roles_and_mfa_are_read_anew_on_every_request(personas: Personas) -> None:
    client = personas.client("coordinator")
    assert client.get(reverse("accounts:users")).status_code == 200
    personas.coordinator.role_grants.all().delete()
    assert client.get(reverse("accounts:users")).status_code == 403
    analyst = make_user("ny.analytiker@test.example", roles=(StaffRole.ANALYST,))
    client.force_login(analyst)
    assert client.get(DASHBOARD).status_code == 200
    Authenticator.objects.filter(user=analyst).delete()
    assert client.get(DASHBOARD)["Location"] == reverse("mfa_activate_totp")


@pytest.mark.django_db
def test_a_password_login_is_served_by_a_backend_that_reads_roles(personas: Personas) -> None:
    client = Client()
    client.post(reverse("account_login"), {"login": "redaktor.a@test.example", "password": PASSWORD})
    assert client.session[BACKEND_SESSION_KEY].startswith("vagenin.accounts.backends.")
    assert client.get(DASHBOARD).status_code == 200
