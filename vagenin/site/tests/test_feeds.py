"""The site's feeds: one per language (the English one in English, linking to English pages), and conditional
GETs answered with 304 like the API's."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from testsupport.personas import make_organisation
from vagenin.actionplan.tests.builders import make_initiative
from vagenin.newsletter.tests.builders import area, make_news

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def content() -> None:
    organisation = make_organisation("mora-ff", "Mora FF")
    published = timezone.now() - datetime.timedelta(days=1)
    make_initiative(
        organisation, "Språkcafé", title_en="Language café", summary_en="Swedish over coffee.", published_at=published
    )
    news = make_news(organisation, "Svensk nyhet", title_en="English news")
    news.areas.add(area())


def _url(name: str, language: str = "sv", **kwargs: str) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def _atom(url: str) -> ET.Element:
    response = Client().get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ET.fromstring(response.content)  # noqa: S314  # our own response, in a test


def _titles(feed: ET.Element) -> list[str]:
    return [entry.findtext(f"{ATOM}title") or "" for entry in feed.findall(f"{ATOM}entry")]


def _links(feed: ET.Element) -> list[str]:
    return [link.get("href", "") for link in feed.iter(f"{ATOM}link") if link.get("rel") == "alternate"]


def test_the_initiatives_feed_in_each_language() -> None:
    swedish = _atom(_url("api:initiatives-feed"))
    english = _atom(_url("api:initiatives-feed-en"))
    assert swedish.findtext(f"{ATOM}title") == "Vägen in – nya insatser i handlingsplanen"
    assert english.findtext(f"{ATOM}title") == "Vägen in – new initiatives in the action plan"
    assert _titles(swedish) == ["Språkcafé"] and _titles(english) == ["Language café"]
    assert english.findtext(f"{ATOM}entry/{ATOM}summary") == "Swedish over coffee."
    assert all("/en/" not in link for link in _links(swedish))
    assert _links(english) and all("/en/" in link for link in _links(english))
    assert english.findtext(f"{ATOM}rights") == swedish.findtext(f"{ATOM}rights")


def test_the_catalogue_links_to_the_feed_in_its_own_language() -> None:
    english = Client().get(_url("actionplan:catalogue", "en")).content.decode()
    assert _url("api:initiatives-feed-en") in english
    swedish = Client().get(_url("actionplan:catalogue")).content.decode()
    assert _url("api:initiatives-feed-en") not in swedish and _url("api:initiatives-feed") in swedish


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_news_feeds_follow_their_language_also_per_area(language: str) -> None:
    title, entry = ("Vägen in – news", "English news") if language == "en" else ("Vägen in – nyheter", "Svensk nyhet")
    for url in (_url(f"newsletter:feed_{language}", language), _url("newsletter:feed_area", language, area="arbete")):
        feed = _atom(url)
        assert (feed.findtext(f"{ATOM}title") or "").startswith(title), url
        assert _titles(feed) == [entry], url
        assert all(("/en/" in link) == (language == "en") for link in _links(feed)), url


FEEDS = [
    ("api:initiatives-feed", "sv", {}),
    ("api:initiatives-feed-en", "sv", {}),
    ("newsletter:feed_sv", "sv", {}),
    ("newsletter:feed_en", "en", {}),
    ("newsletter:feed_area", "sv", {"area": "arbete"}),
    ("newsletter:feed_area", "en", {"area": "arbete"}),
    ("meetings:feed", "sv", {}),
]


@pytest.mark.parametrize(("name", "language", "kwargs"), FEEDS)
def test_every_feed_answers_conditional_gets_with_304(name: str, language: str, kwargs: dict[str, str]) -> None:
    url = _url(name, language, **kwargs)
    with time_machine.travel(timezone.now(), tick=False):  # a calendar's DTSTAMP is the moment it is made
        first = Client().get(url)
        assert first.status_code == 200
        etag, modified = first["ETag"], first["Last-Modified"]
        assert etag.startswith('"') and modified.endswith("GMT")
        again = Client(headers={"if-none-match": etag}).get(url)
        assert again.status_code == 304 and again.content == b""
        assert again["ETag"] == etag
        assert Client(headers={"if-modified-since": modified}).get(url).status_code == 304
        assert Client(headers={"if-none-match": '"something-else"'}).get(url).status_code == 200


def test_an_atom_feed_is_modified_when_its_newest_entry_is() -> None:
    url = _url("newsletter:feed_sv")
    modified = Client().get(url)["Last-Modified"]
    later = (datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    assert Client(headers={"if-modified-since": later}).get(url).status_code == 304
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=2)):
        make_news(make_organisation("leksands-if", "Leksands IF"), "Ännu en nyhet")
        newer = Client(headers={"if-modified-since": modified}).get(url)
    assert newer.status_code == 200 and newer["Last-Modified"] != modified
