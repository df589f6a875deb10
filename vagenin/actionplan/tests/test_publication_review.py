"""A partner's first publication goes through the secretariat; later edits go live at once and are listed."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from testsupport.personas import PERSONA_NAMES, Personas
from vagenin.actionplan import services
from vagenin.actionplan.models import Initiative, Visibility
from vagenin.actionplan.tests.builders import make_initiative
from vagenin.common.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(personas: Personas) -> Initiative:
    return make_initiative(personas.org_a, "Språkvänner", published=False)


def publish(client: Client, initiative: Initiative) -> Any:
    return client.post(
        reverse("actionplan:visibility", args=[initiative.slug]), {"visibility": "published"}, follow=True
    )


def decide(client: Client, initiative: Initiative, **data: str) -> Any:
    fields = {f"i{initiative.pk}-{name}": value for name, value in data.items()}
    return client.post(reverse("actionplan:publication_decide", args=[initiative.slug]), fields, follow=True)


def test_a_partners_first_publication_waits_for_the_secretariat(
    personas: Personas, draft: Initiative, django_capture_on_commit_callbacks: Any
) -> None:
    editor = personas.client("editor_a")
    assert (
        "Skicka till kansliet för publicering"
        in editor.get(reverse("actionplan:manage", args=[draft.slug])).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = publish(editor, draft)
    assert "Insatsen har skickats till kansliet" in response.content.decode()
    draft.refresh_from_db()
    assert draft.visibility == Visibility.PENDING and draft.published_at is None
    assert Client().get(draft.get_absolute_url()).status_code == 404
    assert [message.to for message in mail.outbox] == [["kansli@vagenin.example"]]
    assert "Språkvänner" in mail.outbox[0].subject

    queue = personas.client("coordinator").get(reverse("actionplan:publication_queue")).content.decode()
    assert "Språkvänner" in queue and f'name="i{draft.pk}-decision"' in queue
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decide(personas.client("coordinator"), draft, decision="publish")
    draft.refresh_from_db()
    assert draft.visibility == Visibility.PUBLISHED and draft.published_at is not None
    assert Client().get(draft.get_absolute_url()).status_code == 200
    assert [message.to for message in mail.outbox] == [[personas.editor_a.email]]


def test_returned_with_what_to_change_and_a_comment_is_required(
    personas: Personas, draft: Initiative, django_capture_on_commit_callbacks: Any
) -> None:
    publish(personas.client("editor_a"), draft)
    coordinator = personas.client("coordinator")
    response = decide(coordinator, draft, decision="return", comment="")
    assert "Skriv vad partnern ska ändra." in response.content.decode()
    draft.refresh_from_db()
    assert draft.visibility == Visibility.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        decide(coordinator, draft, decision="return", comment="Lägg till målgrupp.")
    draft.refresh_from_db()
    assert (draft.visibility, draft.publication_comment) == (Visibility.DRAFT, "Lägg till målgrupp.")
    assert "Lägg till målgrupp." in mail.outbox[-1].body
    page = personas.client("editor_a").get(reverse("actionplan:manage", args=[draft.slug])).content.decode()
    assert "Lägg till målgrupp." in page
    assert AuditEntry.objects.filter(action="initiative.publication_returned").count() == 1
    response = decide(coordinator, draft, decision="publish")
    assert "har redan hanterats" in response.content.decode()


def test_once_published_later_changes_go_live_and_are_listed(personas: Personas, draft: Initiative) -> None:
    publish(personas.client("editor_a"), draft)
    decide(personas.client("coordinator"), draft, decision="publish")
    editor = personas.client("editor_a")
    editor.post(reverse("actionplan:visibility", args=[draft.slug]), {"visibility": "draft"})
    publish(editor, draft)
    draft.refresh_from_db()
    assert draft.visibility == Visibility.PUBLISHED, "republishing needs no second review"
    services.update_initiative(actor=personas.editor_a, initiative=draft, data={"summary_sv": "Ny sammanfattning"})
    changes = personas.client("coordinator").get(reverse("actionplan:recent_changes")).content.decode()
    assert "initiative.updated" in changes and "summary_sv" in changes
    assert "initiative.publication_requested" in changes
    assert "Sam Ordnare" not in changes, "the coordinator's own steps are not partners' changes"
    everyone = personas.client("coordinator").get(reverse("actionplan:recent_changes") + "?alla=1").content.decode()
    assert "Sam Ordnare" in everyone


def test_coordinators_and_deployments_without_review_publish_directly(
    personas: Personas, draft: Initiative, settings: Any
) -> None:
    other = make_initiative(personas.org_a, "Direkt", published=False)
    publish(personas.client("coordinator"), draft)
    draft.refresh_from_db()
    assert draft.visibility == Visibility.PUBLISHED
    settings.FIRST_PUBLICATION_REVIEW = False
    publish(personas.client("editor_a"), other)
    other.refresh_from_db()
    assert other.visibility == Visibility.PUBLISHED


def test_nobody_approves_a_publication_they_asked_for(personas: Personas) -> None:
    """A coordinator who is also a partner's editor and asked for it as editor cannot approve it."""
    initiative = make_initiative(personas.org_a, "Egen", published=False)
    services.request_publication(actor=personas.editor_a, initiative=initiative)
    with pytest.raises(services.OwnWorkError):
        services.approve_publication(actor=personas.editor_a, initiative=initiative)


@pytest.mark.parametrize("persona", PERSONA_NAMES)
def test_the_queue_and_the_changes_are_the_secretariats(personas: Personas, persona: str, draft: Initiative) -> None:
    expected = {"anonymous": 302, "editor_a": 403, "editor_b": 403, "coordinator": 200}[persona]
    client = personas.client(persona)
    for name in ["actionplan:publication_queue", "actionplan:recent_changes"]:
        assert client.get(reverse(name)).status_code == expected
    services.request_publication(actor=personas.editor_a, initiative=draft)
    decide(client, draft, decision="publish")
    draft.refresh_from_db()
    assert (draft.visibility == Visibility.PUBLISHED) == (persona == "coordinator")
