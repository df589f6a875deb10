"""Who may open which page of the pages app: every view over every persona."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from testsupport.personas import PERSONA_NAMES, Personas
from vagenin.pages.models import Message
from vagenin.pages.tests.builders import make_contact

PUBLIC_PAGES = ["pages:home", "pages:contact", "pages:contact_sent", "pages:accessibility", "pages:privacy"]
EXPECTED_INBOX_GET = {"anonymous": 302, "editor_a": 403, "editor_b": 403, "coordinator": 200}
EXPECTED_INBOX_POST = {"anonymous": 302, "editor_a": 403, "editor_b": 403, "coordinator": 302}


@pytest.mark.parametrize("persona", PERSONA_NAMES)
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_pages_are_open_to_everyone(personas: Personas, persona: str, name: str) -> None:
    assert personas.client(persona).get(reverse(name)).status_code == 200


@pytest.mark.parametrize("persona", PERSONA_NAMES)
def test_everyone_may_give_page_feedback(personas: Personas, persona: str) -> None:
    response = personas.client(persona).post(
        reverse("pages:feedback"), {"feedback-page": "/kontakt/", "feedback-useful": "ja"}
    )
    assert response.status_code == 302
    assert Message.objects.filter(page="/kontakt/").count() == 1


def _inbox_urls(message: Message) -> list[str]:
    return [
        reverse("pages:inbox"),
        reverse("pages:feedback_stats"),
        reverse("pages:message", kwargs={"message": message.uuid}),
        reverse("pages:message_delete", kwargs={"message": message.uuid}),
    ]


@pytest.mark.parametrize("persona", PERSONA_NAMES)
def test_only_coordinators_read_the_inbox(personas: Personas, persona: str) -> None:
    message = make_contact()
    client = personas.client(persona)
    for url in _inbox_urls(message):
        response = client.get(url)
        assert response.status_code == EXPECTED_INBOX_GET[persona], url
        if persona == "anonymous":
            assert response["Location"].startswith(reverse("account_login"))
        if persona != "coordinator":
            assert b"vera@test.example" not in response.content


@pytest.mark.parametrize("persona", PERSONA_NAMES)
@pytest.mark.parametrize("action", ["pages:message_handled", "pages:message_reopen", "pages:message_delete"])
def test_only_coordinators_change_messages(personas: Personas, persona: str, action: str) -> None:
    message = make_contact()
    response = personas.client(persona).post(reverse(action, kwargs={"message": message.uuid}))
    assert response.status_code == EXPECTED_INBOX_POST[persona]
    if persona != "coordinator":
        assert Message.objects.filter(pk=message.pk, handled_at__isnull=True).exists()


@pytest.mark.parametrize("persona", PERSONA_NAMES)
def test_outsiders_learn_nothing_about_unknown_messages(personas: Personas, persona: str) -> None:
    """A made-up id gets the same answer as a real one for outsiders, and 404 for the secretariat."""
    expected = {"anonymous": 302, "editor_a": 403, "editor_b": 403, "coordinator": 404}
    response = personas.client(persona).get(reverse("pages:message", kwargs={"message": uuid.uuid4()}))
    assert response.status_code == expected[persona]


def test_messages_are_addressed_by_uuid_not_by_sequential_id(personas: Personas) -> None:
    message = make_contact()
    url = reverse("pages:message", kwargs={"message": message.uuid})
    assert str(message.uuid) in url
    assert f"/{message.pk}/" not in url


def test_error_pages_in_the_inbox_show_no_message_content(personas: Personas) -> None:
    message = make_contact(body="Hemlig fråga")
    response = personas.client("editor_a").get(reverse("pages:message", kwargs={"message": message.uuid}))
    assert response.status_code == 403
    assert b"Hemlig" not in response.content


@pytest.mark.parametrize("persona", PERSONA_NAMES)
def test_only_coordinators_reply_to_messages(personas: Personas, persona: str) -> None:
    message = make_contact()
    url = reverse("pages:message_reply", kwargs={"message": message.uuid})
    response = personas.client(persona).post(url, {"body": "Svar"})
    expected = {"anonymous": 302, "editor_a": 403, "editor_b": 403, "coordinator": 302}
    assert response.status_code == expected[persona]
    assert message.replies.count() == (1 if persona == "coordinator" else 0)
    if persona == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))
