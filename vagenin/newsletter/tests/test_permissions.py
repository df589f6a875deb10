"""Who may see and do what in news, the knowledge bank and the newsletter: every view over the personas."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from testsupport.personas import PERSONA_NAMES, SPECIALIST_NAMES, Personas
from vagenin.newsletter.models import Issue, IssueStatus
from vagenin.newsletter.tests.builders import PNG, area, make_document, make_issue, make_news

LOGIN = "/konto/login/"
ALL = PERSONA_NAMES + SPECIALIST_NAMES
pytestmark = pytest.mark.django_db


def _status(client: Client, url: str, method: str = "get", data: dict[str, Any] | None = None) -> int:
    response = getattr(client, method)(url, data or {})
    if response.status_code == 302 and response["Location"].startswith(LOGIN):
        return 302
    return response.status_code


@pytest.fixture
def world(personas: Personas) -> dict[str, Any]:
    area()
    published = make_news(personas.org_a, "Publicerad", image=ContentFile(PNG, name="a.png"), image_alt_sv="Blått")
    draft = make_news(personas.org_a, "Utkast", published=False)
    document = make_document(file=ContentFile(b"%PDF-1.4 test", name="guide.pdf"), content_type="application/pdf")
    sent = make_issue(personas.coordinator, subject_sv="Skickat")
    Issue.objects.filter(pk=sent.pk).update(status=IssueStatus.SENT, sent_at=timezone.now())
    draft_issue = make_issue(personas.coordinator, subject_sv="Utkastnumret")
    return {"published": published, "draft": draft, "document": document, "sent": sent, "draft_issue": draft_issue}


PUBLIC_PAGES: list[tuple[str, dict[str, Any]]] = [
    ("newsletter:news_list", {}),
    ("newsletter:feed_sv", {}),
    ("newsletter:feed_en", {}),
    ("newsletter:documents", {}),
    ("newsletter:subscribe", {}),
    ("newsletter:subscribe_sent", {}),
    ("newsletter:archive", {}),
]


@pytest.mark.parametrize("persona", ALL)
def test_public_pages(personas: Personas, world: dict[str, Any], persona: str) -> None:
    cache.clear()
    client = personas.client(persona)
    for name, kwargs in PUBLIC_PAGES:
        assert _status(client, reverse(name, kwargs=kwargs)) == 200, name
    assert _status(client, reverse("newsletter:feed_area", kwargs={"area": "arbete"})) == 200
    for name, kwargs in [
        ("newsletter:news_detail", {"newsitem": world["published"].uuid}),
        ("newsletter:news_image", {"newsitem": world["published"].uuid}),
        ("newsletter:document", {"document": world["document"].uuid}),
        ("newsletter:document_file", {"document": world["document"].uuid}),
        ("newsletter:archive_issue", {"issue": world["sent"].uuid}),
        ("newsletter:confirm", {"key": "ogiltig"}),
        ("newsletter:preferences", {"key": "ogiltig"}),
        ("newsletter:unsubscribe", {"key": "ogiltig"}),
    ]:
        assert _status(client, reverse(name, kwargs=kwargs)) == 200, name


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("anonymous", 404), ("editor_a", 200), ("editor_b", 404), ("coordinator", 200)]
    + [(name, 404) for name in SPECIALIST_NAMES],
)
def test_draft_news_is_hidden(personas: Personas, world: dict[str, Any], persona: str, expected: int) -> None:
    client = personas.client(persona)
    assert _status(client, reverse("newsletter:news_detail", kwargs={"newsitem": world["draft"].uuid})) == expected


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("anonymous", 404), ("editor_a", 404), ("editor_b", 404), ("coordinator", 200)]
    + [(name, 404) for name in SPECIALIST_NAMES],
)
def test_unsent_issue_is_hidden(personas: Personas, world: dict[str, Any], persona: str, expected: int) -> None:
    url = reverse("newsletter:archive_issue", kwargs={"issue": world["draft_issue"].uuid})
    assert _status(personas.client(persona), url) == expected


WRITER = {"anonymous": 302, "editor_a": 200, "editor_b": 200, "coordinator": 200} | dict.fromkeys(SPECIALIST_NAMES, 404)


@pytest.mark.parametrize("persona", ALL)
def test_news_desk(personas: Personas, world: dict[str, Any], persona: str) -> None:
    client = personas.client(persona)
    assert _status(client, reverse("newsletter:news_manage")) == WRITER[persona]
    assert _status(client, reverse("newsletter:news_create")) == WRITER[persona]
    edit = reverse("newsletter:news_edit", kwargs={"newsitem": world["draft"].uuid})
    own = {"anonymous": 302, "editor_a": 200, "coordinator": 200}
    assert _status(client, edit) == own.get(persona, 404)
    submit = reverse("newsletter:news_submit", kwargs={"newsitem": world["draft"].uuid})
    assert _status(client, submit, "post") == {"anonymous": 302, "editor_a": 302, "coordinator": 302}.get(persona, 404)


@pytest.mark.parametrize("persona", ALL)
def test_review_is_for_the_secretariat(personas: Personas, world: dict[str, Any], persona: str) -> None:
    client = personas.client(persona)
    expected = {"anonymous": 302, "coordinator": 302}.get(persona, 403)
    for name in ("news_approve", "news_return", "news_unpublish"):
        url = reverse(f"newsletter:{name}", kwargs={"newsitem": world["published"].uuid})
        assert _status(client, url, "post", {"comment": "x"}) == expected, name


COORDINATOR_PAGE = {"anonymous": 302, "coordinator": 200}


@pytest.mark.parametrize("persona", ALL)
def test_secretariat_pages(personas: Personas, world: dict[str, Any], persona: str) -> None:
    client = personas.client(persona)
    issue = {"issue": world["draft_issue"].uuid}
    document = {"document": world["document"].uuid}
    for name, kwargs in [
        ("newsletter:issues", {}),
        ("newsletter:issue_create", {}),
        ("newsletter:issue", issue),
        ("newsletter:issue_preview", issue),
        ("newsletter:document_create", {}),
        ("newsletter:document_edit", document),
    ]:
        assert _status(client, reverse(name, kwargs=kwargs)) == COORDINATOR_PAGE.get(persona, 403), name
    actions = {"anonymous": 302, "coordinator": 302}
    for name in ("issue_test", "issue_unschedule"):
        url = reverse(f"newsletter:{name}", kwargs=issue)
        assert _status(client, url, "post") == actions.get(persona, 403), name
    assert _status(client, reverse("newsletter:document_delete", kwargs=document), "post") == actions.get(persona, 403)


@pytest.mark.parametrize("persona", ALL)
def test_account_subscription_needs_a_login(personas: Personas, persona: str) -> None:
    expected = 302 if persona == "anonymous" else 200
    assert _status(personas.client(persona), reverse("newsletter:account")) == expected


@pytest.mark.parametrize("name", ["news_submit", "news_approve", "issue_send", "issue_test", "document_delete"])
def test_actions_refuse_get(personas: Personas, world: dict[str, Any], name: str) -> None:
    kwargs = (
        {"newsitem": world["draft"].uuid}
        if name.startswith("news")
        else {"document": world["document"].uuid}
        if name.startswith("document")
        else {"issue": world["draft_issue"].uuid}
    )
    assert _status(personas.client("coordinator"), reverse(f"newsletter:{name}", kwargs=kwargs)) == 405
