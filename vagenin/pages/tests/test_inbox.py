"""The secretariat's inbox: filters, handling, erasure, statistics, and a query-count guard."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from testsupport.personas import Personas
from vagenin.common.models import AuditEntry
from vagenin.pages.models import Message
from vagenin.pages.tests.builders import make_contact, make_feedback

INBOX = reverse("pages:inbox")


def test_newest_first_with_a_count_of_unhandled(personas: Personas) -> None:
    older = make_contact("Äldre Avsändare")
    Message.objects.filter(pk=older.pk).update(created_at=timezone.now() - datetime.timedelta(days=2))
    make_contact("Nyare Avsändare")
    make_feedback("/kontakt/", useful=False, handled_at=timezone.now(), handled_by=personas.coordinator)
    html = personas.client("coordinator").get(INBOX).content.decode()
    assert html.index("Nyare Avsändare") < html.index("Äldre Avsändare")
    assert "2 obehandlade meddelanden" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"Kontakt obehandlat", "Kontakt hanterat", "/a/", "/b/"}),
        ("?slag=contact", {"Kontakt obehandlat", "Kontakt hanterat"}),
        ("?slag=page_feedback", {"/a/", "/b/"}),
        ("?status=obehandlade", {"Kontakt obehandlat", "/a/"}),
        ("?status=hanterade", {"Kontakt hanterat", "/b/"}),
        ("?slag=page_feedback&status=hanterade", {"/b/"}),
        ("?adress=/a/", {"/a/"}),
        ("?slag=okand", {"Kontakt obehandlat", "Kontakt hanterat", "/a/", "/b/"}),
    ],
)
def test_filters(personas: Personas, query: str, expected: set[str]) -> None:
    handled: dict[str, Any] = {"handled_at": timezone.now(), "handled_by": personas.coordinator}
    make_contact("Kontakt obehandlat")
    make_contact("Kontakt hanterat", **handled)
    make_feedback("/a/")
    make_feedback("/b/", **handled)
    html = personas.client("coordinator").get(INBOX + query).content.decode()
    shown = {label for label in ("Kontakt obehandlat", "Kontakt hanterat", "/a/", "/b/") if label in html}
    assert shown == expected


def test_the_list_is_paginated_with_sida(personas: Personas) -> None:
    for number in range(30):
        make_contact(f"Avsändare {number:02}")
    client = personas.client("coordinator")
    first = client.get(INBOX).content.decode()
    second = client.get(INBOX + "?sida=2").content.decode()
    assert "Avsändare 29" in first and "Avsändare 00" not in first
    assert "Avsändare 00" in second
    assert "sida=2" in first


def test_mark_handled_and_reopen_leave_audit_rows(personas: Personas) -> None:
    message = make_contact()
    client = personas.client("coordinator")
    back = INBOX + "?status=obehandlade"
    response = client.post(reverse("pages:message_handled", kwargs={"message": message.uuid}), {"next": back})
    assert response["Location"] == back
    message.refresh_from_db()
    assert message.handled_at is not None and message.handled_by == personas.coordinator

    client.post(reverse("pages:message_handled", kwargs={"message": message.uuid}))
    response = client.post(reverse("pages:message_reopen", kwargs={"message": message.uuid}))
    assert response["Location"] == INBOX
    message.refresh_from_db()
    assert message.handled_at is None and message.handled_by is None

    actions = list(
        AuditEntry.objects.filter(object_id=str(message.pk), actor=personas.coordinator)
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["message.handled", "message.reopened"]


def test_the_way_back_after_an_action_never_leaves_the_site(personas: Personas) -> None:
    message = make_contact()
    url = reverse("pages:message_handled", kwargs={"message": message.uuid})
    response = personas.client("coordinator").post(url, {"next": "https://evil.example/"})
    assert response["Location"] == INBOX


def test_delete_asks_first_then_erases_and_keeps_no_personal_data_in_the_audit(personas: Personas) -> None:
    message = make_contact("Vera Besökare", email="vera@test.example", body="Mitt personnummer är ...")
    client = personas.client("coordinator")
    url = reverse("pages:message_delete", kwargs={"message": message.uuid})
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Det går inte att ångra." in confirm.content.decode()
    assert Message.objects.filter(pk=message.pk).exists()

    response = client.post(url)
    assert response["Location"] == INBOX
    assert not Message.objects.filter(pk=message.pk).exists()
    entry = AuditEntry.objects.get(action="message.deleted")
    assert entry.actor == personas.coordinator
    logged = f"{entry.object_repr} {entry.changes}"
    assert "Vera" not in logged and "vera@test.example" not in logged and "personnummer" not in logged


def test_the_detail_page_shows_the_whole_message(personas: Personas) -> None:
    message = make_contact(body="Första raden.\n\nAndra stycket.")
    html = personas.client("coordinator").get(reverse("pages:message", kwargs={"message": message.uuid})).content
    assert b"Andra stycket." in html
    assert b'href="mailto:vera@test.example"' in html


def test_feedback_statistics_per_page(personas: Personas) -> None:
    for useful in (True, True, False):
        make_feedback("/kontakt/", useful=useful)
    make_feedback("/", useful=False, body="Hittar inget.")
    make_contact()
    response = personas.client("coordinator").get(reverse("pages:feedback_stats"))
    rows = list(response.context["page"].object_list)
    assert rows == [
        {"page": "/kontakt/", "yes": 2, "no": 1, "comments": 0, "total": 3},
        {"page": "/", "yes": 0, "no": 1, "comments": 1, "total": 1},
    ]
    html = response.content.decode()
    assert '<caption id="feedback-caption">' in html and 'scope="row"' in html
    assert "67 %" in html


def _inbox_queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("url", [INBOX, reverse("pages:feedback_stats")])
def test_query_count_does_not_grow_with_the_messages(personas: Personas, url: str) -> None:
    def add(count: int) -> None:
        for number in range(count):
            handled: dict[str, Any] = (
                {"handled_at": timezone.now(), "handled_by": personas.coordinator} if number % 2 else {}
            )
            make_contact(f"Avsändare {number}", **handled)
            make_feedback(f"/sida-{number}/", **handled)

    client = personas.client("coordinator")
    add(5)
    few = _inbox_queries(client, url)
    add(20)
    many = _inbox_queries(client, url)
    assert Message.objects.count() == 50
    assert few == many


def test_the_secretariat_replies_by_e_mail_and_the_exchange_stays_on_the_message(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core import mail

    message = make_contact(language="en", body="When is the next process day?\nAnd where?")
    url = reverse("pages:message", kwargs={"message": message.uuid})
    client = personas.client("coordinator")
    assert "Skicka svaret" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("pages:message_reply", kwargs={"message": message.uuid}), {"body": "On 12 March in Borlänge."}
        )
    assert response.status_code == 302
    (sent,) = mail.outbox
    assert sent.to == ["vera@test.example"]
    assert sent.subject == "Reply from the Vägen in secretariat"  # in the visitor's language
    assert sent.reply_to == [settings.SECRETARIAT_EMAIL]
    assert sent.body.startswith("On 12 March in Borlänge.")
    assert "> When is the next process day?\n> And where?" in sent.body
    message.refresh_from_db()
    assert message.is_handled and message.handled_by == personas.coordinator
    assert AuditEntry.objects.filter(action="message.replied", object_id=str(message.pk)).exists()
    page = client.get(url).content.decode()
    assert "On 12 March in Borlänge." in page


def test_an_empty_reply_is_refused_next_to_the_field_and_nothing_is_sent(personas: Personas) -> None:
    from django.core import mail

    message = make_contact()
    response = personas.client("coordinator").post(
        reverse("pages:message_reply", kwargs={"message": message.uuid}), {"body": "   "}
    )
    assert response.status_code == 200
    assert "Formuläret innehåller fel" in response.content.decode()
    assert mail.outbox == [] and not message.replies.exists()


def test_a_message_without_an_address_or_page_feedback_cannot_be_answered(personas: Personas) -> None:
    client = personas.client("coordinator")
    for message in (make_contact(email=""), make_feedback("/a/")):
        assert (
            "Skicka svaret"
            not in client.get(reverse("pages:message", kwargs={"message": message.uuid})).content.decode()
        )
        response = client.post(reverse("pages:message_reply", kwargs={"message": message.uuid}), {"body": "Hej"})
        assert response.status_code == 302
        assert not message.replies.exists()
