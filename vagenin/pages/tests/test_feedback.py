"""Page feedback: "was this information useful?" at the foot of every public page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from vagenin.common.models import AuditEntry
from vagenin.pages.models import Message, MessageKind
from vagenin.pages.views import RATE_LIMIT

pytestmark = pytest.mark.django_db

URL = "/synpunkt/"


def post(client: Client, **fields: str) -> Any:
    data = {"feedback-page": "/kontakt/", "feedback-useful": "ja", "feedback-comment": "", "feedback-website": ""}
    data.update({f"feedback-{name}": value for name, value in fields.items()})
    return client.post(reverse("pages:feedback"), data)


def test_the_form_is_at_the_foot_of_public_pages_and_names_the_page() -> None:
    html = Client().get(reverse("pages:privacy")).content.decode()
    assert 'action="/synpunkt/"' in html
    assert '<legend><h2 id="page-feedback-title">Hade du nytta av informationen?</h2></legend>' in html
    assert 'name="feedback-page" value="/personuppgifter/"' in html
    assert 'class="honeypot"' in html and 'tabindex="-1"' in html and 'autocomplete="off"' in html


def test_the_form_rendered_once_still_carries_each_pages_path_and_token_in_each_language() -> None:
    """The form is rendered once per language and process (the frame's cost, issue 15); the marks are filled per
    page: the page's own path (escaped), a working CSRF token, and the English form on English pages."""
    client = Client(enforce_csrf_checks=True)
    swedish = client.get(reverse("pages:privacy")).content.decode()
    english = client.get("/en" + reverse("pages:contact") + "?a=<b>").content.decode()
    assert "__vagenin_feedback" not in swedish + english
    assert 'name="feedback-page" value="/en/kontakt/"' in english and "Was this information useful?" in english
    assert "Hade du nytta av informationen?" not in english
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', swedish[swedish.index('class="page-feedback"') :])
    assert token is not None
    data = {"csrfmiddlewaretoken": token.group(1), "feedback-page": "/personuppgifter/", "feedback-useful": "ja"}
    assert client.post(reverse("pages:feedback"), data).status_code == 302


def test_an_answer_is_stored_and_the_visitor_goes_back_with_thanks() -> None:
    response = post(Client(), useful="nej", comment="Saknar kontaktuppgifter.")
    assert response.status_code == 302
    assert response["Location"] == "/kontakt/"
    message = Message.objects.get()
    assert (message.kind, message.page, message.useful, message.body) == (
        MessageKind.PAGE_FEEDBACK,
        "/kontakt/",
        False,
        "Saknar kontaktuppgifter.",
    )
    assert message.language == "sv"
    assert AuditEntry.objects.filter(action="message.received", object_id=str(message.pk)).exists()


def test_the_thank_you_message_is_shown_on_the_page() -> None:
    client = Client()
    response = client.post(
        reverse("pages:feedback"), {"feedback-page": "/kontakt/", "feedback-useful": "ja"}, follow=True
    )
    assert response.redirect_chain == [("/kontakt/", 302)]
    assert "Tack för ditt svar!" in response.content.decode()


def test_english_pages_send_english_feedback_back_to_the_english_page() -> None:
    client = Client()
    response = client.post("/en/synpunkt/", {"feedback-page": "/en/kontakt/", "feedback-useful": "ja"}, follow=True)
    assert response.redirect_chain == [("/en/kontakt/", 302)]
    assert "Thank you for your answer!" in response.content.decode()
    assert Message.objects.get().language == "en"


@pytest.mark.parametrize(
    "page",
    ["https://evil.example/", "//evil.example/path", "/\\evil.example", "javascript:alert(1)", "kontakt/"],
)
def test_an_open_redirect_is_refused_and_nothing_stored(page: str) -> None:
    response = post(Client(), page=page)
    assert response.status_code == 200
    assert "evil.example" not in response.get("Location", "")
    assert Message.objects.count() == 0
    assert "Vi kunde inte avgöra vilken sida svaret gäller." in response.content.decode()


def test_invalid_input_shows_an_error_summary_and_keeps_the_values() -> None:
    response = post(Client(), useful="", comment="Bra sida men svår att hitta.")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in html
    assert "Svara ja eller nej." in html
    assert "Bra sida men svår att hitta." in html
    assert 'value="/kontakt/"' in html
    assert Message.objects.count() == 0


def test_a_filled_honeypot_pretends_success_but_stores_nothing() -> None:
    response = post(Client(), website="https://spam.example")
    assert response.status_code == 302
    assert response["Location"] == "/kontakt/"
    assert Message.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_over_the_rate_limit_the_visitor_gets_429_and_nothing_is_stored() -> None:
    client = Client()
    for _ in range(RATE_LIMIT):
        assert post(client).status_code == 302
    response = post(client, comment="En gång för mycket")
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    assert "För många meddelanden på kort tid" in response.content.decode()
    assert Message.objects.count() == RATE_LIMIT
    assert not Message.objects.filter(body="En gång för mycket").exists()


def test_the_rate_limit_is_per_client_address() -> None:
    for _ in range(RATE_LIMIT):
        post(Client(REMOTE_ADDR="192.0.2.1"))
    assert post(Client(REMOTE_ADDR="192.0.2.1")).status_code == 429
    assert post(Client(REMOTE_ADDR="192.0.2.2")).status_code == 302


def test_get_sends_the_visitor_to_the_start_page() -> None:
    response = Client().get(URL)
    assert response.status_code == 302
    assert response["Location"] == reverse("pages:home")
