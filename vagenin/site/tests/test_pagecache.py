"""The page cache: anonymous visitors share rendered public pages until the data changes."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib import messages
from django.core.cache import cache, caches
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import path, reverse

from testsupport.personas import Personas, make_organisation
from vagenin.common import pagecache
from vagenin.common.pagecache import cache_for_anonymous
from vagenin.organisations.models import Organisation
from vagenin.pages.models import Message, MessageKind

pytestmark = pytest.mark.django_db

ORGANISATIONS = "/organisationer/"
NONCE = re.compile(r'nonce="([^"]+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def page_cache(settings: Any) -> None:
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    caches["pages"].clear()


def get(path: str, client: Client | None = None, **headers: str) -> tuple[Any, int]:
    """The response and the number of SQL queries it took (0 when it came from the cache)."""
    with CaptureQueriesContext(connection) as queries:
        response = (client or Client()).get(path, headers=headers)
    return response, len(queries)


def test_the_second_anonymous_visitor_gets_the_stored_page_without_touching_the_database() -> None:
    make_organisation("mora-ff", "Mora FF")
    first, first_queries = get(ORGANISATIONS)
    second, second_queries = get(ORGANISATIONS)
    assert first.status_code == second.status_code == 200
    assert first_queries > 0 and second_queries == 0
    assert "Mora FF" in second.content.decode()
    # The site-wide headers are set on the stored page as on any other.
    for header in ("Content-Security-Policy", "X-Content-Type-Options", "Permissions-Policy", "Content-Language"):
        assert second[header], header


def test_a_process_trusts_its_copy_of_the_generation_for_a_moment(settings: Any) -> None:
    """Each hit would otherwise ask Redis for the generation. A change made in another process reaches this one's
    visitors when its copy expires (PAGE_CACHE_GENERATION_SECONDS); a change made here, at once."""
    settings.PAGE_CACHE_GENERATION_SECONDS = 60
    make_organisation("mora-ff", "Mora FF")
    get(ORGANISATIONS)
    assert get(ORGANISATIONS)[1] == 0
    cache.set(pagecache.GENERATION_KEY, "another process changed something")
    assert get(ORGANISATIONS)[1] == 0  # the copy is still trusted
    pagecache._Generation.read_at = float("-inf")  # ... until it expires
    assert get(ORGANISATIONS)[1] > 0
    assert get(ORGANISATIONS)[1] == 0
    pagecache.invalidate()  # a change in this process
    assert get(ORGANISATIONS)[1] > 0


def test_the_public_calendar_feed_is_stored_too() -> None:
    """Calendar programs poll the feeds; they were marked for the cache but their type was not stored."""
    first, first_queries = get(reverse("meetings:feed"))
    second, second_queries = get(reverse("meetings:feed"))
    assert first.status_code == second.status_code == 200 and second["Content-Type"].startswith("text/calendar")
    assert first_queries > 0 and second_queries == 0


@cache_for_anonymous
def page_with_inline_script(request: HttpRequest) -> HttpResponse:
    """No page of the site has inline script today; one that does gets its nonce per response."""
    Organisation.objects.exists()  # a query, to tell a rendered response from a stored one
    return HttpResponse(f'<script nonce="{request.csp_nonce}">let seen = true;</script>')  # type: ignore[attr-defined]


@cache_for_anonymous
def page_that_greets(request: HttpRequest) -> HttpResponse:
    """A marked view that gives the visitor something of their own must not be shared."""
    Organisation.objects.exists()
    messages.info(request, "Välkommen tillbaka!")
    return HttpResponse("<p>Hej</p>")


@cache_for_anonymous
def page_that_redirects(request: HttpRequest) -> HttpResponse:
    Organisation.objects.exists()
    return redirect("/organisationer/")


urlpatterns = [
    path("inline/", page_with_inline_script),
    path("greets/", page_that_greets),
    path("redirects/", page_that_redirects),
]


@pytest.mark.urls(__name__)
def test_every_response_gets_its_own_nonce_matching_its_header() -> None:
    get("/inline/")
    nonces = []
    for _ in range(2):
        response, queries = get("/inline/")
        assert queries == 0
        in_page = set(NONCE.findall(response.content.decode()))
        assert len(in_page) == 1
        nonce = in_page.pop()
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_the_forms_of_a_stored_page_carry_a_valid_csrf_token_for_this_visitor() -> None:
    get("/personuppgifter/")
    visitor = Client(enforce_csrf_checks=True)
    response, queries = get("/personuppgifter/", visitor)
    assert queries == 0
    tokens = CSRF.findall(response.content.decode())
    assert tokens and "\x00" not in response.content.decode()
    assert visitor.cookies["csrftoken"].value
    sent = visitor.post(
        reverse("pages:feedback"),
        {"csrfmiddlewaretoken": tokens[-1], "feedback-page": "/personuppgifter/", "feedback-useful": "ja"},
    )
    assert sent.status_code == 302
    assert Message.objects.filter(kind=MessageKind.PAGE_FEEDBACK, page="/personuppgifter/").exists()


def test_a_saved_change_is_shown_at_once(django_capture_on_commit_callbacks: Any) -> None:
    organisation = make_organisation("mora-ff", "Mora FF")
    get(ORGANISATIONS)
    with django_capture_on_commit_callbacks(execute=True):
        organisation.name = "Mora Fotbollsförening"
        organisation.save()
    response, queries = get(ORGANISATIONS)
    assert queries > 0
    assert "Mora Fotbollsförening" in response.content.decode()


def test_a_deleted_row_disappears_at_once(django_capture_on_commit_callbacks: Any) -> None:
    organisation = make_organisation("mora-ff", "Mora FF")
    get(ORGANISATIONS)
    with django_capture_on_commit_callbacks(execute=True):
        organisation.delete()
    assert "Mora FF" not in get(ORGANISATIONS)[0].content.decode()


def test_private_bookkeeping_does_not_empty_the_cache(django_capture_on_commit_callbacks: Any) -> None:
    get(ORGANISATIONS)
    with django_capture_on_commit_callbacks(execute=True):
        Message.objects.create(kind=MessageKind.CONTACT, name="Kim", email="kim@test.example", body="Hej")
    assert get(ORGANISATIONS)[1] == 0


def test_a_logged_in_users_successful_post_empties_the_cache_even_after_a_bulk_update(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    message = Message.objects.create(kind=MessageKind.CONTACT, name="Kim", email="kim@test.example", body="Hej")
    make_organisation("mora-ff", "Mora FF")
    get(ORGANISATIONS)
    Organisation.objects.filter(slug="mora-ff").update(name="Mora Fotbollsförening")  # sends no signal
    assert "Mora FF" in get(ORGANISATIONS)[0].content.decode()
    coordinator = personas.client("coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(reverse("pages:message_handled", args=[message.uuid]))
    assert response.status_code == 302
    assert "Mora Fotbollsförening" in get(ORGANISATIONS)[0].content.decode()


def test_logged_in_users_always_get_a_rendered_page(personas: Personas) -> None:
    anonymous = get(ORGANISATIONS)[0].content.decode()
    editor = personas.client("editor_a")
    response, queries = get(ORGANISATIONS, editor)
    assert queries > 0
    assert response.content.decode() != anonymous
    assert personas.editor_a.email not in anonymous


def test_a_visitor_with_a_message_to_see_gets_a_rendered_page() -> None:
    get("/personuppgifter/")
    visitor = Client()
    visitor.post(reverse("pages:feedback"), {"feedback-page": "/personuppgifter/", "feedback-useful": "ja"})
    assert "Tack för ditt svar!" in get("/personuppgifter/", visitor)[0].content.decode()
    assert "Tack för ditt svar!" not in get("/personuppgifter/")[0].content.decode()


def test_languages_and_formats_are_kept_apart() -> None:
    make_organisation("mora-ff", "Mora FF")
    swedish = get(ORGANISATIONS)[0]
    english = get("/en" + ORGANISATIONS)[0]
    assert swedish["Content-Language"] == "sv" and english["Content-Language"] == "en"
    assert get("/en" + ORGANISATIONS)[0]["Content-Language"] == "en"
    api = reverse("api:organisations-list")
    as_json = get(api)[0]
    as_csv = get(api, Accept="text/csv")[0]
    assert as_json["Content-Type"].startswith("application/json")
    assert as_csv["Content-Type"].startswith("text/csv")
    assert get(api, Accept="text/csv")[0]["Content-Type"].startswith("text/csv")


def test_query_strings_are_kept_apart() -> None:
    make_organisation("mora-ff", "Mora FF")
    make_organisation("falu-bk", "Falu BK")
    get(ORGANISATIONS + "?q=Mora")
    response, queries = get(ORGANISATIONS + "?q=Falu")
    assert queries > 0
    assert "Falu BK" in response.content.decode() and "Mora FF" not in response.content.decode()


@pytest.mark.parametrize("path", ["/kontakt/", "/organisationer/finns-inte/"])
def test_unmarked_views_and_errors_are_rendered_every_time(path: str) -> None:
    first = get(path)[0]
    second = get(path)[0]
    assert first.status_code == second.status_code
    assert second.templates, "rendered, not taken from the cache"


def test_off_when_the_lifetime_is_zero(settings: Any) -> None:
    settings.PAGE_CACHE_SECONDS = 0
    get(ORGANISATIONS)
    assert get(ORGANISATIONS)[1] > 0


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("path", ["/greets/", "/redirects/"])
def test_redirects_and_responses_with_personal_state_are_not_shared(path: str) -> None:
    get(path)
    assert get(path)[1] > 0


def test_hosts_are_kept_apart(settings: Any) -> None:
    settings.ALLOWED_HOSTS = ["testserver", "www.vagenin.example"]
    make_organisation("mora-ff", "Mora FF")
    api = reverse("api:organisations-list")
    get(api)
    other = get(api, Host="www.vagenin.example")[0].json()
    assert other["results"][0]["url"].startswith("http://www.vagenin.example/")


def test_a_failing_cache_means_rendered_pages_and_writes_that_still_succeed(
    monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise ConnectionError("cache down")

    organisation = make_organisation("mora-ff", "Mora FF")
    monkeypatch.setattr(cache, "get", broken)
    monkeypatch.setattr(cache, "set", broken)
    monkeypatch.setattr(cache, "add", broken)
    for _ in range(2):
        response, queries = get(ORGANISATIONS)
        assert response.status_code == 200 and queries > 0
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        organisation.name = "Mora Fotbollsförening"
        organisation.save()
    assert callbacks  # the invalidation ran, failed quietly (logged), and the save stands
    organisation.refresh_from_db()
    assert organisation.name == "Mora Fotbollsförening"


def test_bulk_deletes_of_private_bookkeeping_keep_the_fast_path() -> None:
    from django.db.models.deletion import Collector
    from django.db.models.signals import post_delete

    from vagenin.common.models import AuditEntry
    from vagenin.pages.models import Reply

    assert not post_delete.has_listeners(Message) and not post_delete.has_listeners(Reply)
    assert Collector(using="default").can_fast_delete(AuditEntry.objects.all())
    # A message takes its replies with it (CASCADE), in one query per table and without signals.
    assert Collector(using="default").can_fast_delete(Reply.objects.all())
    assert post_delete.has_listeners(Organisation)
