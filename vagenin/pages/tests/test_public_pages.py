"""The home page, accessibility statement and privacy notice, in Swedish and English."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from vagenin.pages.tests.builders import make_agreement

pytestmark = pytest.mark.django_db


def test_home_shows_the_agreement_from_the_database() -> None:
    period = make_agreement()
    html = Client().get(reverse("pages:home")).content.decode()
    for area in period.areas.all():
        assert f'<a href="{area.get_absolute_url()}">{area.name_sv}</a>' in html
    assert "Arbete ger gemenskap." in html
    assert "<li>Regional samverkan</li>" in html
    assert "2 parter har undertecknat Vägen in 2015–2020." in html
    for url in (reverse("organisations:list"), reverse("agreement:bodies"), reverse("pages:contact")):
        assert f'href="{url}' in html


def test_home_in_english_uses_the_english_texts() -> None:
    make_agreement()
    html = Client().get("/en/").content.decode()
    assert "The way to work" in html
    assert "<li>Regional collaboration</li>" in html
    assert "2 parties have signed The Way In 2015–2020." in html
    assert "Principles of our collaboration" in html
    assert "Why Vägen in exists" in html
    assert 'href="/en/overenskommelsen/2015-2020/omraden/arbete/"' in html


def test_home_without_an_agreement_says_so() -> None:
    response = Client().get(reverse("pages:home"))
    assert response.status_code == 200
    assert "Överenskommelsens innehåll har inte lagts in på webbplatsen ännu." in response.content.decode()


def test_home_queries_do_not_grow_with_the_areas(django_assert_max_num_queries: Any) -> None:
    make_agreement()
    with django_assert_max_num_queries(6):
        Client().get(reverse("pages:home"))


def test_accessibility_statement_follows_the_digg_model() -> None:
    html = Client().get(reverse("pages:accessibility")).content.decode()
    for heading in (
        "Hur tillgänglig är webbplatsen?",
        "Rapportera brister i webbplatsens tillgänglighet",
        "Tillsyn",
        "Teknisk information om webbplatsens tillgänglighet",
        "Innehåll som inte är tillgängligt",
        "Hur vi testat webbplatsen",
    ):
        assert f">{heading}</h2>" in html
    assert "delvis förenlig" in html
    assert 'href="https://www.digg.se/tdosanmalan"' in html
    assert f'href="{reverse("pages:contact")}"' in html
    assert 'datetime="2026-11-23"' in html


def test_privacy_notice_names_controllers_retention_and_rights(settings: Any) -> None:
    settings.MESSAGE_RETENTION_DAYS = 180
    html = Client().get(reverse("pages:privacy")).content.decode()
    assert "Länsstyrelsen Dalarna och Region Dalarna är gemensamt personuppgiftsansvariga" in html
    assert "180 dagar, sedan tas meddelandet bort automatiskt." in html
    assert "Integritetsskyddsmyndigheten (IMY)" in html
    assert f'href="{reverse("pages:contact")}"' in html


@pytest.mark.parametrize(
    ("url", "english"),
    [
        ("/en/", "is a regional agreement on the establishment of newly arrived immigrants in Dalarna"),
        ("/en/", "The content of the agreement has not been added to the website yet."),
        ("/en/kontakt/", "We only reply if you give an e-mail address."),
        ("/en/kontakt/tack/", "Thank you for your message"),
        ("/en/tillganglighet/", "Accessibility statement"),
        ("/en/tillganglighet/", "The Agency for Digital Government (Digg) is responsible for supervising"),
        ("/en/personuppgifter/", "How we handle personal data"),
        ("/en/personuppgifter/", "the Swedish Authority for Privacy Protection (IMY)"),
        ("/en/", "Was this information useful?"),
    ],
)
def test_pages_render_in_english(url: str, english: str) -> None:
    response = Client().get(url)
    assert response.status_code == 200
    assert english in response.content.decode()
