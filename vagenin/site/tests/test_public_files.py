"""robots.txt, sitemap.xml, security.txt and favicon.ico: what they say, and that it matches the site."""

from __future__ import annotations

import datetime
import io
import urllib.robotparser
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings
from django.urls import resolve
from django.utils import translation

from vagenin.actionplan.models import Initiative, Visibility
from vagenin.meetings.models import Event, EventVisibility
from vagenin.site.management.commands.load_reference import load_reference

pytestmark = pytest.mark.django_db

SITE = "https://vagenin.example.org"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: object) -> Iterator[None]:
    """The reference and demo data of every app, loaded once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():  # type: ignore[attr-defined]
        load_reference(base=settings.BASE_DIR / "reference")
        call_command("load_demo_data", force=True, stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def _sitemap(client: Client) -> dict[str, dict[str, str]]:
    """Each <loc> of the sitemap with its alternates (hreflang → address), parsed with an XML parser."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    root = ET.fromstring(response.content)  # noqa: S314  # our own response
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    entries = {}
    for url in root.findall("s:url", NS):
        loc = url.findtext("s:loc", namespaces=NS)
        assert loc
        links = url.findall("xhtml:link", NS)
        assert all(link.get("rel") == "alternate" for link in links)
        entries[loc] = {link.get("hreflang", ""): link.get("href", "") for link in links}
    return entries


@override_settings(SITE_URL=SITE)
def test_sitemap_lists_public_pages_in_both_languages_each_with_its_alternates(demo: None) -> None:
    entries = _sitemap(Client())
    assert f"{SITE}/" in entries and f"{SITE}/en/" in entries
    assert entries[f"{SITE}/en/"] == {"sv": f"{SITE}/", "en": f"{SITE}/en/", "x-default": f"{SITE}/"}
    for loc, alternates in entries.items():
        assert set(alternates) == {"sv", "en", "x-default"}, loc
        assert loc in (alternates["sv"], alternates["en"])
        assert alternates["en"] == alternates["sv"].replace(SITE, f"{SITE}/en", 1)
        assert alternates["x-default"] == alternates["sv"]
        assert alternates["sv"] in entries and alternates["en"] in entries
    for initiative in Initiative.objects.all():
        listed = f"{SITE}{initiative.get_absolute_url()}" in entries
        assert listed == (initiative.visibility == Visibility.PUBLISHED), initiative.slug
    for event in Event.objects.all():
        listed = f"{SITE}{event.get_absolute_url()}" in entries
        assert listed == (event.visibility == EventVisibility.PUBLIC), event.uuid


@override_settings(SITE_URL=SITE)
def test_every_kind_of_page_in_the_sitemap_opens_for_anonymous_visitors_and_robots_allow_it(demo: None) -> None:
    client = Client()
    robots = urllib.robotparser.RobotFileParser()
    robots.parse(client.get("/robots.txt").content.decode().splitlines())
    one_per_route: dict[tuple[str, str], str] = {}
    for loc in _sitemap(client):
        path = loc.removeprefix(SITE)
        assert robots.can_fetch("*", loc), loc
        language = "en" if path.startswith("/en/") else "sv"
        with translation.override(language):
            one_per_route.setdefault((resolve(path).view_name, language), path)
    names = {name for name, _language in one_per_route}
    for expected in (
        "agreement:area",
        "organisations:detail",
        "actionplan:detail",
        "meetings:detail",
        "newsletter:news_detail",
        "newsletter:document",
        "settlement:year",
        "indicators:dashboard",
        "grants:programme",
    ):
        assert expected in names
    failures = []
    for (name, language), path in sorted(one_per_route.items()):
        status = client.get(path).status_code
        if status != 200:
            failures.append(f"{name} ({language}) {path}: {status}")
    assert not failures, failures


@override_settings(SITE_URL=SITE)
def test_robots_keeps_crawlers_out_of_staff_areas_and_names_the_sitemap() -> None:
    response = Client().get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert f"Sitemap: {SITE}/sitemap.xml" in text.splitlines()
    robots = urllib.robotparser.RobotFileParser()
    robots.parse(text.splitlines())
    for private in (
        "/konto/min-sida/",
        "/en/konto/login/",
        "/kansli/inkorg/",
        "/en/kansli/overenskommelsen/",
        "/handlingsplan/mina-insatser/",
        "/nyheter/redaktion/",
        "/bidrag/handlaggning/",
        "/bosattning/hantera/",
        "/statistik/kansli/",
    ):
        assert not robots.can_fetch("*", f"{SITE}{private}"), private
    for public in ("/", "/en/", "/handlingsplan/", "/en/organisationer/", "/api/v1/", "/api/v1/initiatives/"):
        assert robots.can_fetch("*", f"{SITE}{public}"), public


@override_settings(SITE_URL=SITE, SECRETARIAT_EMAIL="kansli@example.org", SECURITY_CONTACT="")
@time_machine.travel(datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_security_txt_follows_rfc_9116() -> None:
    response = Client().get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
    assert fields == {
        "Contact": "mailto:kansli@example.org",
        "Expires": "2026-08-28T12:00:00Z",
        "Preferred-Languages": "sv, en",
        "Canonical": f"{SITE}/.well-known/security.txt",
    }


@override_settings(SECURITY_CONTACT="https://vagenin.example.org/sakerhet")
def test_security_contact_may_be_a_reporting_page() -> None:
    text = Client().get("/.well-known/security.txt").content.decode()
    assert "Contact: https://vagenin.example.org/sakerhet\n" in text


def test_favicon_is_an_icon_file() -> None:
    response = Client().get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # the ICO header: reserved 0, type 1 (icon)
    assert int.from_bytes(response.content[4:6], "little") >= 2  # 16 and 32 pixels at least
    assert "max-age" in response["Cache-Control"]


def test_root_files_refuse_writes() -> None:
    for path in ("/robots.txt", "/sitemap.xml", "/.well-known/security.txt", "/favicon.ico"):
        assert Client().post(path).status_code == 405
