"""Subscribers, their areas and their deliveries are personal data: the page cache never stores a page that shows
them, and writing them (every delivery of a send, every unsubscribe) leaves the public pages' cache alone."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.db.models.deletion import Collector
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from testsupport.personas import Personas
from vagenin.common import pagecache
from vagenin.common.pagecache import PRIVATE_MODELS
from vagenin.newsletter import services, tokens
from vagenin.newsletter.models import Delivery, NewsItem, Subscriber
from vagenin.newsletter.tests.builders import area, make_issue, make_news, make_subscriber

pytestmark = pytest.mark.django_db

PERSONAL = (Subscriber, Subscriber.areas.through, Delivery)


@pytest.fixture(autouse=True)
def page_cache(settings: Any) -> None:
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    caches["pages"].clear()


def _queries(path: str) -> tuple[Any, int]:
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(path)
    return response, len(queries)


def test_the_personal_models_are_private_to_the_page_cache() -> None:
    for model in PERSONAL:
        assert model._meta.label_lower in PRIVATE_MODELS
        for signal in (post_save, post_delete, m2m_changed):
            assert not signal.has_listeners(model), model
    # Unsubscribing many (purging unconfirmed requests) keeps Django's fast bulk delete.
    assert Collector(using="default").can_fast_delete(Delivery.objects.all())
    # The public models around them still invalidate.
    assert post_save.has_listeners(NewsItem)


def test_pages_behind_a_subscribers_link_are_never_stored() -> None:
    subscriber = make_subscriber("hemlig@example.org")
    key = tokens.manage_key(subscriber)
    for name in ("newsletter:preferences", "newsletter:unsubscribe"):
        path = reverse(name, kwargs={"key": key})
        first, _ = _queries(path)
        second, queries = _queries(path)
        assert first.status_code == second.status_code == 200
        assert "hemlig@example.org" in second.content.decode()
        assert queries > 0, f"{name} came from the page cache"
        assert "no-store" in second["Cache-Control"]
    assert not any(b"hemlig@example.org" in value for value in _stored_pages())
    # A public page is stored, so the check above looked at a store in use.
    _queries(reverse("newsletter:news_list"))
    assert _stored_pages()


def _stored_pages() -> list[bytes]:
    """The raw (pickled) entries of the page store, a local-memory cache in the tests."""
    return [bytes(value) for value in getattr(caches["pages"], "_cache", {}).values()]


def test_subscribing_sending_and_unsubscribing_leave_the_public_cache_alone(
    personas: Personas, django_capture_on_commit_callbacks: Any, settings: Any, monkeypatch: Any
) -> None:
    settings.NEWSLETTER_RATE_PER_SECOND = 0
    news = make_news(personas.org_a, "Publik nyhet")
    work = area()
    archive = reverse("newsletter:news_list")
    _queries(archive)
    assert _queries(archive)[1] == 0
    with django_capture_on_commit_callbacks(execute=True):
        subscriber = make_subscriber("las@example.org")
        subscriber.areas.add(work)
    with django_capture_on_commit_callbacks(execute=True):
        services.update_preferences(subscriber=subscriber, language="en", areas=[])
    with django_capture_on_commit_callbacks(execute=True):
        services.unsubscribe(subscriber=subscriber)
    assert _queries(archive)[1] == 0, "a subscriber's change emptied the page cache"
    # Sending writes a delivery per subscriber; only the issue itself (public in the archive) invalidates.
    make_subscriber("andra@example.org")
    issue = make_issue(personas.coordinator, news=[news])
    _queries(archive)
    invalidations: list[str] = []
    monkeypatch.setattr(pagecache, "invalidate", lambda: invalidations.append("x"))
    with django_capture_on_commit_callbacks(execute=True):
        Delivery.objects.create(issue=issue, subscriber=Subscriber.objects.get())
    assert invalidations == []
