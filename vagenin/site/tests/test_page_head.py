"""Every page's head: the same page in each language (hreflang), OpenGraph metadata, the print stylesheet."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.test import Client
from django.test.utils import override_settings

from vagenin.site.management.commands.load_reference import load_reference

pytestmark = pytest.mark.django_db

SITE = "https://vagenin.example.org"


class Head(HTMLParser):
    """The <link> and <meta> elements of a page, and its <title>."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str]] = []
        self.meta: dict[str, str] = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "link":
            self.links.append(values)
        elif tag == "meta" and "property" in values:
            self.meta.setdefault(values["property"], values.get("content", ""))
        self._in_title = tag == "title"

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def alternates(self) -> dict[str, str]:
        links = [link for link in self.links if link.get("rel") == "alternate" and "hreflang" in link]
        return {link["hreflang"]: link["href"] for link in links}


def _head(path: str) -> Head:
    response = Client().get(path)
    assert response.status_code == 200, path
    head = Head()
    head.feed(response.content.decode())
    return head


@pytest.fixture
def reference() -> None:
    load_reference(base=settings.BASE_DIR / "reference")


@override_settings(SITE_URL=SITE)
@pytest.mark.parametrize("path", ["/overenskommelsen/", "/en/overenskommelsen/"])
def test_a_page_names_itself_in_both_languages_whichever_it_is_read_in(reference: None, path: str) -> None:
    head = _head(path)
    assert head.alternates() == {
        "sv": f"{SITE}/overenskommelsen/",
        "en": f"{SITE}/en/overenskommelsen/",
        "x-default": f"{SITE}/overenskommelsen/",
    }
    assert head.meta["og:url"] == f"{SITE}{path}"


@override_settings(SITE_URL=SITE)
def test_opengraph_in_swedish_and_english(reference: None) -> None:
    swedish = _head("/organisationer/lansstyrelsen-dalarna/")
    english = _head("/en/organisationer/lansstyrelsen-dalarna/")
    assert swedish.meta["og:locale"] == "sv_SE" and swedish.meta["og:locale:alternate"] == "en_GB"
    assert english.meta["og:locale"] == "en_GB" and english.meta["og:locale:alternate"] == "sv_SE"
    for head in (swedish, english):
        assert head.meta["og:type"] == "website"
        assert head.meta["og:site_name"] == "Vägen in"
        assert head.meta["og:title"] and head.title.startswith(head.meta["og:title"] + " – ")
        assert head.meta["og:description"]
    assert english.meta["og:url"] == f"{SITE}/en/organisationer/lansstyrelsen-dalarna/"


@override_settings(SITE_URL=SITE)
def test_the_page_description_block_is_the_opengraph_description() -> None:
    head = _head("/api/v1/")
    assert head.meta["og:description"] == "Uppgifterna om Vägen in som öppna data: JSON och CSV, fritt att använda."
    # The API has no language in its paths: no alternates that would name the same address twice.
    assert head.alternates() == {}


@override_settings(SITE_URL=SITE)
def test_the_query_string_stays_with_the_page_in_each_language(reference: None) -> None:
    head = _head("/en/handlingsplan/?q=spr%C3%A5k")
    assert head.alternates()["sv"] == f"{SITE}/handlingsplan/?q=spr%C3%A5k"
    assert head.alternates()["en"] == f"{SITE}/en/handlingsplan/?q=spr%C3%A5k"


def test_a_missing_page_has_no_alternates() -> None:
    response = Client().get("/finns-inte/")
    assert response.status_code == 404
    head = Head()
    head.feed(response.content.decode())
    assert head.alternates() == {}


def test_every_page_has_a_print_stylesheet() -> None:
    head = _head("/")
    printed = [link for link in head.links if link.get("rel") == "stylesheet" and link.get("media") == "print"]
    assert len(printed) == 1 and printed[0]["href"].endswith("print.css")
    css = Client().get(printed[0]["href"])
    assert css.status_code == 200
