"""Everyone may read, nobody may write; caching and the human-readable start page."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from testsupport.personas import PERSONA_NAMES, Personas, make_organisation
from vagenin.api.views import LIST_ENDPOINTS
from vagenin.organisations.models import Organisation

LISTS = [reverse(f"api:{name}-list") for name in LIST_ENDPOINTS]


@pytest.mark.parametrize("persona", PERSONA_NAMES)
@pytest.mark.django_db
def test_every_endpoint_is_open_to_everyone(personas: Personas, persona: str) -> None:
    client = personas.client(persona)
    for url in [*LISTS, reverse("api:organisations-detail", args=[personas.org_a.slug]), reverse("api:schema")]:
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("api:docs")).status_code == 200


@pytest.mark.django_db
def test_anonymous_json_is_the_default() -> None:
    make_organisation("forening-a")
    response = Client().get(reverse("api:organisations-list"))
    assert response["Content-Type"] == "application/json"
    assert response.json()["count"] == 1


@pytest.mark.django_db
def test_writes_are_refused_for_everyone(personas: Personas) -> None:
    detail = reverse("api:organisations-detail", args=[personas.org_a.slug])
    for client in (Client(), personas.client("editor_a"), personas.client("coordinator")):
        for method in ("post", "put", "patch", "delete"):
            for url in [*LISTS, detail]:
                response = getattr(client, method)(url, data="{}", content_type="application/json")
                assert response.status_code == 405, (method, url)
    assert Organisation.objects.filter(slug=personas.org_a.slug).exists()


@pytest.mark.django_db
def test_lists_and_details_may_be_cached_publicly_for_five_minutes() -> None:
    make_organisation("forening-a")
    for url in [reverse("api:organisations-list"), reverse("api:organisations-detail", args=["forening-a"])]:
        cache_control = Client().get(url)["Cache-Control"]
        assert "public" in cache_control
        assert "max-age=300" in cache_control
    missing = Client().get(reverse("api:organisations-detail", args=["finns-inte"]))
    assert "public" not in missing.get("Cache-Control", "")


@pytest.mark.django_db
def test_pagination_with_page_size_and_link_header() -> None:
    make_organisation("forening-a", "Föreningen A")
    make_organisation("forening-b", "Föreningen B")
    url = reverse("api:organisations-list")
    first = Client().get(url, {"page_size": 1})
    assert first.json()["count"] == 2
    assert [row["slug"] for row in first.json()["results"]] == ["forening-a"]
    assert first["Link"] == '<http://testserver/api/v1/organisations/?page=2&page_size=1>; rel="next"'
    second = Client().get(url, {"page_size": 1, "page": 2})
    assert [row["slug"] for row in second.json()["results"]] == ["forening-b"]
    assert 'rel="prev"' in second["Link"]
    assert Client().get(url, {"page": 3}).status_code == 404


@pytest.mark.parametrize(("language", "heading"), [("sv", "Öppna data (API)"), ("en", "Open data (API)")])
@pytest.mark.django_db
def test_docs_page_in_both_languages(language: str, heading: str) -> None:
    response = Client(headers={"accept-language": language}).get(reverse("api:docs"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert reverse("api:schema") in html
    assert "CC0" in html
    for url in LISTS:
        assert f"<code>{url}</code>" in html


@pytest.mark.django_db
def test_docs_page_follows_the_language_cookie() -> None:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("api:docs"))
    assert "<h1>Open data (API)</h1>" in response.content.decode()
    assert response["Content-Language"] == "en"
