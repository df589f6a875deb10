"""Mail links on SITE_URL, no mail to unknown addresses, the Host port, and personal pages kept out of caches."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from testsupport.personas import Personas
from vagenin.common.middleware import SecurityHeadersMiddleware, personal_data


@pytest.mark.django_db
def test_a_password_reset_for_an_unknown_address_sends_nothing(client: Client) -> None:
    response = client.post(reverse("account_reset_password"), {"email": "okand@test.example"})
    assert response.status_code == 302
    assert mail.outbox == []


@pytest.mark.django_db
@override_settings(SITE_URL="https://vagenin.example", ALLOWED_HOSTS=["testserver", "evil.example"])
def test_the_reset_link_is_on_site_url_whatever_the_host_header(personas: Personas) -> None:
    Client(HTTP_HOST="evil.example").post(reverse("account_reset_password"), {"email": personas.editor_a.email})
    (message,) = mail.outbox
    assert "https://vagenin.example/" in message.body
    assert "evil.example" not in f"{message.subject}\n{message.body}"
    assert message.subject.startswith("[Vägen in] ")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("site_url", "host", "status"),
    [
        ("https://vagenin.example", "testserver", 200),
        ("https://vagenin.example", "testserver:443", 200),
        ("https://vagenin.example", "testserver:666", 400),
        ("http://127.0.0.1:8000", "testserver:8000", 200),
        ("http://127.0.0.1:8000", "testserver:8001", 400),
    ],
)
def test_in_production_the_host_port_must_be_the_sites(site_url: str, host: str, status: int) -> None:
    with override_settings(PRODUCTION=True, SITE_URL=site_url):
        response = Client(HTTP_HOST=host).get(reverse("healthz"))
    assert response.status_code == status


@pytest.mark.django_db
def test_pages_for_logged_in_users_are_private_and_not_stored(personas: Personas) -> None:
    pages = {
        "coordinator": [reverse("people:list"), reverse("pages:inbox"), reverse("site:dashboard")],
        "editor_a": [reverse("organisations:edit", kwargs={"slug": personas.org_a.slug}), reverse("site:dashboard")],
    }
    for persona, urls in pages.items():
        client = personas.client(persona)
        for url in urls:
            cache_control = client.get(url)["Cache-Control"]
            assert "private" in cache_control and "no-store" in cache_control, (persona, url, cache_control)


@pytest.mark.django_db
def test_public_pages_for_visitors_stay_cacheable(client: Client) -> None:
    assert "no-store" not in client.get(reverse("organisations:list")).get("Cache-Control", "")


def test_a_view_marked_personal_data_is_private_for_anyone() -> None:
    @personal_data
    def view(request: HttpRequest) -> HttpResponse:
        return HttpResponse("Din inskickade insats")

    class Anonymous:
        is_authenticated = False

    request = RequestFactory().get("/")
    request.user = Anonymous()  # type: ignore[assignment]
    response: Any = SecurityHeadersMiddleware(view)(request)
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_submitters_private_page_is_not_stored_by_any_cache(client: Client) -> None:
    from vagenin.actionplan.models import ProjectSubmission, SubmissionStatus
    from vagenin.agreement.tests.builders import make_period

    make_period()
    submission = ProjectSubmission.objects.create(
        status=SubmissionStatus.PENDING,
        submitter_name="Kim Kontakt",
        submitter_email="kim@test.example",
        organisation_name="Föreningen A",
        title="Språkcafé",
        summary="Samtal",
        description="Varje tisdag.",
    )
    response = client.get(reverse("actionplan:submission_edit", kwargs={"token": submission.edit_token}))
    assert response.status_code == 200
    assert "Kim Kontakt" in response.content.decode()
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
