"""HTTP as open-data clients expect it: validators and 304, CORS, JSON errors in the client's language."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from testsupport.personas import make_organisation

pytestmark = pytest.mark.django_db

ORGANISATIONS = reverse("api:organisations-list")
FEED = reverse("api:initiatives-feed")
CONDITIONAL = [
    reverse("api:organisations-list"),
    reverse("api:municipalities-list") + "?county=20",
    reverse("api:organisations-list") + "?format=csv",
    FEED,
    reverse("api:schema"),
]


@pytest.mark.parametrize("url", CONDITIONAL)
def test_conditional_get_answers_304(url: str) -> None:
    make_organisation("mora-ff", "Mora FF")
    first = Client().get(url)
    assert first.status_code == 200
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('"') and modified.endswith("GMT")
    again = Client(headers={"if-none-match": etag}).get(url)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag
    assert again["Access-Control-Allow-Origin"] == "*"
    assert Client(headers={"if-none-match": '"something-else"'}).get(url).status_code == 200


def test_the_etag_changes_with_the_data_the_query_and_the_format() -> None:
    make_organisation("mora-ff", "Mora FF")
    before = Client().get(ORGANISATIONS)["ETag"]
    assert Client().get(ORGANISATIONS, {"type": "municipality"})["ETag"] != before
    assert Client().get(ORGANISATIONS, {"format": "csv"})["ETag"] != before
    make_organisation("leksands-if", "Leksands IF")
    changed = Client(headers={"if-none-match": before}).get(ORGANISATIONS)
    assert changed.status_code == 200 and changed["ETag"] != before


def test_if_modified_since_is_honoured_by_a_stored_copy(settings: Any, django_capture_on_commit_callbacks: Any) -> None:
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    caches["pages"].clear()
    make_organisation("mora-ff", "Mora FF")
    first = Client().get(ORGANISATIONS)
    with CaptureQueriesContext(connection) as queries:
        stored = Client().get(ORGANISATIONS)
    assert len(queries) == 0, "served from the page cache"
    # The validators were stored with the copy: the same ETag and Last-Modified, and 304 from the copy.
    assert (stored["ETag"], stored["Last-Modified"]) == (first["ETag"], first["Last-Modified"])
    assert Client(headers={"if-modified-since": first["Last-Modified"]}).get(ORGANISATIONS).status_code == 304
    assert Client(headers={"if-none-match": first["ETag"]}).get(ORGANISATIONS).status_code == 304
    # A change forgets the copy: the old validators no longer match.
    with django_capture_on_commit_callbacks(execute=True):
        make_organisation("leksands-if", "Leksands IF")
    assert Client(headers={"if-none-match": first["ETag"]}).get(ORGANISATIONS).status_code == 200
    cache.clear()
    caches["pages"].clear()


@pytest.mark.parametrize("method", ["get", "head"])
def test_cors_for_anonymous_reads(method: str) -> None:
    response = getattr(Client(headers={"origin": "https://example.org"}), method)(ORGANISATIONS)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Credentials" not in response


def test_cors_preflight() -> None:
    response = Client().options(
        ORGANISATIONS,
        headers={
            "origin": "https://example.org",
            "access-control-request-method": "GET",
            "access-control-request-headers": "if-none-match",
        },
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert set(response["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Credentials" not in response


def test_no_cors_outside_the_api() -> None:
    assert "Access-Control-Allow-Origin" not in Client().get("/organisationer/")


def _error(response: Any, status: int) -> str:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    assert response["Access-Control-Allow-Origin"] == "*"
    detail = response.json()["detail"]
    assert isinstance(detail, str) and detail
    return detail


@pytest.mark.parametrize(
    ("language", "words"), [("sv", "ingen sådan adress"), ("en", "no such address"), ("en-GB,en;q=0.8", "no such")]
)
def test_unknown_path_is_a_json_404_in_the_clients_language(language: str, words: str) -> None:
    response = Client(headers={"accept-language": language}).get("/api/v1/finns-inte/")
    assert words in _error(response, 404)
    assert response["Content-Language"] == language[:2]


def test_unknown_object_is_a_json_404_in_english() -> None:
    response = Client(headers={"accept-language": "en"}).get(reverse("api:organisations-detail", args=["finns-inte"]))
    assert _error(response, 404) == "Not found."


def test_the_language_cookie_chooses_the_language_too() -> None:
    client = Client()
    client.cookies["django_language"] = "en"
    assert "no such address" in _error(client.get("/api/v1/finns-inte/"), 404)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("url", [ORGANISATIONS, FEED, reverse("api:docs"), "/api/v1/finns-inte/"])
def test_writes_are_a_json_405(method: str, url: str) -> None:
    response = getattr(Client(headers={"accept-language": "en"}), method)(url)
    assert "read-only" in _error(response, 405)
    assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_bad_filter_is_a_json_400_naming_the_parameter() -> None:
    response = Client(headers={"accept-language": "en"}).get(ORGANISATIONS, {"county": "x"})
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    assert "county" in response.json()


def test_throttled_is_a_json_429_with_retry_after(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "1/min"})
    client = Client(headers={"accept-language": "en"})
    assert client.get(ORGANISATIONS).status_code == 200
    response = client.get(ORGANISATIONS)
    assert "throttled" in _error(response, 429)
    assert int(response["Retry-After"]) > 0


def test_server_error_is_a_json_500(monkeypatch: pytest.MonkeyPatch) -> None:
    from vagenin.api import views

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("broken on purpose")

    monkeypatch.setattr(views.OrganisationViewSet, "get_queryset", broken)
    response = Client(raise_request_exception=False, headers={"accept-language": "en"}).get(ORGANISATIONS)
    assert "server" in _error(response, 500)
