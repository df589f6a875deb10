"""Subscribing with double opt-in, preferences behind a signed link, one-click unsubscribe, account subscriptions."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from testsupport.personas import Personas
from vagenin.newsletter import services, tokens
from vagenin.newsletter.models import Subscriber, SubscriberStatus
from vagenin.newsletter.tests.builders import area, make_subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limit() -> None:
    cache.clear()


def _link(body: str, word: str) -> str:
    match = re.search(rf"https?://[^/\s]+(/\S*{word}/\S+/)", body)
    assert match, body
    return match.group(1)


def _subscribe(client: Client, email: str = "ny@example.org", **extra: str) -> None:
    data = {"email": email, "language": "sv", **extra}
    response = client.post(reverse("newsletter:subscribe"), data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_subscribe_confirm_and_consent_is_recorded(django_capture_on_commit_callbacks: object) -> None:
    client = Client()
    work = area()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        _subscribe(client, areas=str(work.pk))
    subscriber = Subscriber.objects.get()
    assert subscriber.status == SubscriberStatus.PENDING and subscriber.consent_at is None
    assert list(subscriber.areas.all()) == [work]
    assert subscriber.source == "form"
    confirm_url = _link(str(mail.outbox[-1].body), "bekrafta")
    # A GET (a mail scanner following the link) changes nothing.
    assert client.get(confirm_url).status_code == 200
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING
    response = client.post(confirm_url)
    assert response.status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.ACTIVE and subscriber.consent_at is not None


def test_confirmation_link_expires() -> None:
    subscriber = make_subscriber("sen@example.org", active=False)
    key = tokens.confirm_key(subscriber)
    with time_machine.travel(timezone.now() + tokens.CONFIRM_MAX_AGE + datetime.timedelta(minutes=1)):
        response = Client().post(reverse("newsletter:confirm", kwargs={"key": key}))
    assert response.status_code == 200
    assert "gått ut" in response.content.decode()
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING


def test_forged_confirmation_is_refused() -> None:
    subscriber = make_subscriber("x@example.org", active=False)
    forged = tokens.manage_key(subscriber)  # right signer, wrong purpose
    Client().post(reverse("newsletter:confirm", kwargs={"key": forged}))
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING


def test_unconfirmed_requests_are_purged() -> None:
    make_subscriber("gammal@example.org", active=False)
    make_subscriber("aktiv@example.org")
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        assert services.purge_unconfirmed() == 1
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["aktiv@example.org"]


def test_subscribing_again_does_not_reveal_the_address(django_capture_on_commit_callbacks: object) -> None:
    make_subscriber("finns@example.org")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        _subscribe(Client(), "finns@example.org")
    assert "redan" in mail.outbox[-1].subject
    assert Subscriber.objects.get().status == SubscriberStatus.ACTIVE


def test_honeypot_and_rate_limit() -> None:
    client = Client()
    _subscribe(client, "bot@example.org", website="http://spam.example")
    assert not Subscriber.objects.exists()
    for number in range(9):
        _subscribe(client, f"n{number}@example.org")
    response = client.post(reverse("newsletter:subscribe"), {"email": "sist@example.org", "language": "sv"})
    assert response.status_code == 429


def test_bad_address_keeps_the_input() -> None:
    response = Client().post(reverse("newsletter:subscribe"), {"email": "inte-en-adress", "language": "en"})
    assert response.status_code == 200
    assert 'value="inte-en-adress"' in response.content.decode()


def test_preferences_behind_the_signed_link() -> None:
    subscriber = make_subscriber("val@example.org")
    work = area()
    url = reverse("newsletter:preferences", kwargs={"key": tokens.manage_key(subscriber)})
    client = Client()
    assert "val@example.org" in client.get(url).content.decode()
    response = client.post(url, {"language": "en", "areas": [work.pk]})
    assert response.status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.language == "en" and list(subscriber.areas.all()) == [work]
    assert "val@example.org" not in client.get(url + "x").content.decode()


def test_one_click_unsubscribe_without_csrf_or_login() -> None:
    subscriber = make_subscriber("bort@example.org")
    url = reverse("newsletter:unsubscribe", kwargs={"key": tokens.manage_key(subscriber)})
    client = Client(enforce_csrf_checks=True)
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscriber.objects.exists()
    # The link again, later: nothing left to end.
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 403


def test_wrong_token_is_refused() -> None:
    subscriber = make_subscriber("kvar@example.org")
    client = Client(enforce_csrf_checks=True)
    for key in ("ogiltig", tokens.confirm_key(subscriber), tokens.manage_key(subscriber)[:-2] + "xx"):
        response = client.post(reverse("newsletter:unsubscribe", kwargs={"key": key}))
        assert response.status_code == 403
    assert Subscriber.objects.filter(email="kvar@example.org").exists()


def test_unsubscribe_page_asks_before_ending() -> None:
    subscriber = make_subscriber("fraga@example.org")
    url = reverse("newsletter:unsubscribe", kwargs={"key": tokens.manage_key(subscriber)})
    assert "fraga@example.org" in Client().get(url).content.decode()
    assert Subscriber.objects.exists()


def test_token_pages_are_private(personas: Personas) -> None:
    subscriber = make_subscriber("privat@example.org")
    url = reverse("newsletter:preferences", kwargs={"key": tokens.manage_key(subscriber)})
    assert "no-store" in Client().get(url)["Cache-Control"]


def test_account_subscription(personas: Personas) -> None:
    client = personas.client("editor_a")
    url = reverse("newsletter:account")
    assert client.post(url, {"language": "en"}).status_code == 302
    subscriber = Subscriber.objects.get(email=personas.editor_a.email)
    assert (
        subscriber.status == SubscriberStatus.ACTIVE and subscriber.source == "account" and subscriber.language == "en"
    )
    assert client.post(url, {"unsubscribe": "1"}).status_code == 302
    assert not Subscriber.objects.exists()
