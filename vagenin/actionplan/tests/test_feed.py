"""The Atom feed of newly published initiatives (/api/v1/initiatives.atom)."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from testsupport.personas import make_organisation
from vagenin.actionplan.feeds import FEED_LENGTH
from vagenin.actionplan.models import Initiative
from vagenin.actionplan.tests.builders import make_initiative, make_period
from vagenin.agreement.models import Area, FocusTheme
from vagenin.organisations.models import Organisation, Person

FEED = reverse("api:initiatives-feed")
ATOM = "{http://www.w3.org/2005/Atom}"
MONDAY = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def _feed(**headers: str) -> ET.Element:
    response = Client(headers=headers).get(FEED)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ET.fromstring(response.content)  # noqa: S314  # our own response, in a test


def _entries(feed: ET.Element) -> list[ET.Element]:
    return feed.findall(f"{ATOM}entry")


def _text(element: ET.Element, path: str) -> str:
    found = element.find(path.replace("a:", ATOM))
    assert found is not None, path
    return found.text or ""


def publish(organisation: Organisation, title: str, days: int, **fields: Any) -> Initiative:
    return make_initiative(organisation, title, published_at=MONDAY + datetime.timedelta(days=days), **fields)


@pytest.fixture
def lead() -> Organisation:
    return make_organisation("avesta-kommun", "Avesta kommun")


@pytest.mark.django_db
def test_entries_are_the_newest_published_initiatives(lead: Organisation) -> None:
    contact = Person.objects.create(first_name="Kim", last_name="Kontaktsson", email="kim@avesta.example")
    older = publish(lead, "Språkcafé", 0, summary_sv="Fika & svenska <varje> tisdag.", contact_person=contact)
    area = Area.objects.create(
        period=make_period(), number=2, slug="halsa", name_sv="Hälsa och vård", short_name_sv="Hälsa"
    )
    older.themes.add(FocusTheme.objects.create(area=area, number=1, slug="halsoskola", name_sv="Hälsoskola"))
    publish(lead, "Jobbspår", 3)
    make_initiative(lead, "Utkast", published=False, published_at=MONDAY + datetime.timedelta(days=5))

    feed = _feed()
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "sv"
    assert _text(feed, "a:title") == "Vägen in – nya insatser i handlingsplanen"
    assert _text(feed, "a:id")
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {
        "alternate": "http://testserver/handlingsplan/",
        "self": "http://testserver/api/v1/initiatives.atom",
    }

    newest, oldest = _entries(feed)
    assert _text(newest, "a:title") == "Jobbspår"
    assert _text(oldest, "a:title") == "Språkcafé"
    # The summary is HTML in Atom: the plain text is escaped, so a reader shows it as written.
    assert _text(oldest, "a:summary") == "Fika &amp; svenska &lt;varje&gt; tisdag."
    assert oldest.find(f"{ATOM}link").get("href") == "http://testserver/handlingsplan/insatser/sprakcafe/"  # type: ignore[union-attr]
    assert _text(oldest, "a:id") == f"urn:uuid:{older.uuid}"
    assert _text(oldest, "a:published") == "2026-03-02T09:00:00+00:00"
    assert _text(oldest, "a:updated")
    assert _text(oldest, "a:author/a:name") == "Avesta kommun"
    assert [c.get("term") for c in oldest.findall(f"{ATOM}category")] == ["Arbete", "Hälsa"]
    assert "Kontaktsson" not in ET.tostring(feed, encoding="unicode")


@pytest.mark.django_db
def test_at_most_fifty_entries_and_unpublished_dates_left_out(lead: Organisation) -> None:
    for day in range(FEED_LENGTH + 3):
        publish(lead, f"Insats {day:02}", day)
    make_initiative(lead, "Publicerad utan datum")  # e.g. imported: it has no publication to announce
    titles = [_text(entry, "a:title") for entry in _entries(_feed())]
    assert len(titles) == FEED_LENGTH == 50
    assert titles[0] == f"Insats {FEED_LENGTH + 2:02}"
    assert titles[-1] == "Insats 03"


@pytest.mark.django_db
def test_an_empty_feed_is_valid_atom() -> None:
    feed = _feed()
    assert _entries(feed) == []
    assert _text(feed, "a:updated")


@pytest.mark.django_db
def test_the_feed_does_not_change_with_the_readers_language(lead: Organisation) -> None:
    publish(lead, "Jobbspår", 0, title_en="Job track")
    english = ET.tostring(_feed(**{"accept-language": "en"}), encoding="unicode")
    assert english == ET.tostring(_feed(), encoding="unicode")
    assert "/en/" not in english


@pytest.mark.django_db
def test_cached_publicly_and_queries_do_not_grow(lead: Organisation) -> None:
    publish(lead, "Insats 0", 0)
    response = Client().get(FEED)
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    with CaptureQueriesContext(connection) as few:
        Client().get(FEED)
    for day in range(1, 30):
        publish(make_organisation(f"org-{day}"), f"Insats {day}", day)
    with CaptureQueriesContext(connection) as many:
        Client().get(FEED)
    assert len(many) == len(few)


@pytest.mark.django_db
def test_the_api_docs_link_the_feed() -> None:
    html = Client().get(reverse("api:docs")).content.decode()
    assert f'<link rel="alternate" type="application/atom+xml" href="{FEED}"' in html
    assert f'<a href="{FEED}">' in html
