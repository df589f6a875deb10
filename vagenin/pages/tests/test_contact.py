"""The contact form: stored, announced to the secretariat, a receipt only where an e-mail is given."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from vagenin.common.mail import UNVERIFIED_MAILS_PER_DAY
from vagenin.common.models import AuditEntry
from vagenin.pages.models import Message, MessageKind
from vagenin.pages.tests.builders import make_agreement
from vagenin.pages.views import RATE_LIMIT

pytestmark = pytest.mark.django_db

VALID = {"name": "Vera Besökare", "email": "vera@test.example", "body": "Hur blir vår förening part?", "website": ""}


def post(client: Client, commit: Callable[..., Any], **changes: str) -> Any:
    with commit(execute=True):
        return client.post(reverse("pages:contact"), {**VALID, **changes})


def test_the_page_explains_replies_and_links_the_privacy_notice() -> None:
    html = Client().get(reverse("pages:contact")).content.decode()
    assert "Vi svarar bara om du anger en e-postadress." in html
    assert f'href="{reverse("pages:privacy")}"' in html
    assert 'class="honeypot"' in html


def test_the_page_shows_the_secretariat_and_its_convener() -> None:
    make_agreement()
    html = Client().get(reverse("pages:contact")).content.decode()
    assert "kansli@vagenin.example" in html
    assert "Länsstyrelsen Test" in html
    assert "lst@test.example" in html
    assert reverse("agreement:body", kwargs={"period": "2015-2020", "body": "kansli"}) in html


def test_a_message_is_stored_announced_and_acknowledged(django_capture_on_commit_callbacks: Any) -> None:
    response = post(Client(), django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == reverse("pages:contact_sent")
    message = Message.objects.get()
    assert (message.kind, message.name, message.email, message.body) == (
        MessageKind.CONTACT,
        "Vera Besökare",
        "vera@test.example",
        "Hur blir vår förening part?",
    )
    assert AuditEntry.objects.filter(action="message.received", object_id=str(message.pk)).exists()
    assert [sent.to for sent in mail.outbox] == [["kansli@vagenin.example"], ["vera@test.example"]]
    notification, receipt = mail.outbox
    assert "Hur blir vår förening part?" in notification.body
    assert str(message.uuid) in notification.body
    # The receipt goes to an unverified address, so it repeats nothing the visitor typed.
    assert "Hur blir" not in receipt.body and "Vera" not in receipt.body


def test_without_an_email_only_the_secretariat_is_told(django_capture_on_commit_callbacks: Any) -> None:
    post(Client(), django_capture_on_commit_callbacks, email="")
    assert Message.objects.get().email == ""
    assert [sent.to for sent in mail.outbox] == [["kansli@vagenin.example"]]
    assert "kan inte besvaras" in mail.outbox[0].body


def test_the_receipt_is_in_the_visitors_language(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        Client().post("/en/kontakt/", VALID)
    assert Message.objects.get().language == "en"
    assert mail.outbox[1].subject == "We have received your message – Vägen in"
    assert mail.outbox[0].subject == "Nytt meddelande via kontaktformuläret på Vägen in"
    assert f"{settings.SITE_URL.rstrip('/')}/kansli/inkorg/{Message.objects.get().uuid}/" in mail.outbox[0].body


def test_the_thank_you_page_follows_the_post() -> None:
    response = Client().get(reverse("pages:contact_sent"))
    assert "Tack för ditt meddelande" in response.content.decode()


def test_invalid_input_keeps_the_values_and_sends_nothing(django_capture_on_commit_callbacks: Any) -> None:
    response = post(Client(), django_capture_on_commit_callbacks, name="", email="inte-en-adress")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in html
    assert 'id="id_name_error"' in html and 'id="id_email_error"' in html
    assert "Hur blir vår förening part?" in html and 'value="inte-en-adress"' in html
    assert Message.objects.count() == 0
    assert mail.outbox == []


def test_a_blank_message_is_refused(django_capture_on_commit_callbacks: Any) -> None:
    response = post(Client(), django_capture_on_commit_callbacks, body="   ")
    assert response.status_code == 200
    assert Message.objects.count() == 0


def test_a_filled_honeypot_pretends_success_but_stores_and_sends_nothing(
    django_capture_on_commit_callbacks: Any,
) -> None:
    response = post(Client(), django_capture_on_commit_callbacks, website="https://spam.example")
    assert response.status_code == 302
    assert response["Location"] == reverse("pages:contact_sent")
    assert Message.objects.count() == 0
    assert mail.outbox == []


def test_over_the_rate_limit_nothing_is_stored_or_sent(django_capture_on_commit_callbacks: Any) -> None:
    client = Client()
    for _ in range(RATE_LIMIT):
        assert post(client, django_capture_on_commit_callbacks, email="").status_code == 302
    mail.outbox.clear()
    response = post(client, django_capture_on_commit_callbacks)
    assert response.status_code == 429
    assert Message.objects.count() == RATE_LIMIT
    assert mail.outbox == []


def test_viewing_the_form_does_not_count_against_the_limit() -> None:
    client = Client()
    for _ in range(RATE_LIMIT + 2):
        assert client.get(reverse("pages:contact")).status_code == 200


def test_one_address_gets_a_few_receipts_a_day_whoever_sends(django_capture_on_commit_callbacks: Any) -> None:
    """Each message is stored and announced, but an address nobody verified is not flooded with receipts."""
    for number in range(UNVERIFIED_MAILS_PER_DAY + 2):
        client = Client(REMOTE_ADDR=f"192.0.2.{number + 1}")  # different visitors, so no per-client limit
        address = "Vera@Test.example " if number % 2 else "vera@test.example"  # one address, however typed
        post(client, django_capture_on_commit_callbacks, email=address)
    assert Message.objects.count() == UNVERIFIED_MAILS_PER_DAY + 2
    recipients = [sent.to for sent in mail.outbox]
    assert recipients.count(["kansli@vagenin.example"]) == UNVERIFIED_MAILS_PER_DAY + 2
    assert len(recipients) - recipients.count(["kansli@vagenin.example"]) == UNVERIFIED_MAILS_PER_DAY
