"""Who may see and do what in the meetings module: every view over the personas and the specialists."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from testsupport.personas import PERSONA_NAMES, SPECIALIST_NAMES, Personas
from vagenin.actionplan.tests.builders import make_period
from vagenin.agreement.models import Body, BodyKind, BodyMembership
from vagenin.meetings import services
from vagenin.meetings.links import make_token
from vagenin.meetings.models import Decision, Document, EventVisibility, ProgrammeItem
from vagenin.meetings.tests.builders import guest, make_event
from vagenin.organisations.models import Person

LOGIN = "/konto/login/"
EVERYONE = PERSONA_NAMES + SPECIALIST_NAMES
pytestmark = pytest.mark.django_db


def _status(client: Client, url: str, method: str = "get", data: dict[str, Any] | None = None) -> int:
    response = getattr(client, method)(url, data or {})
    if response.status_code == 302 and response["Location"].startswith(LOGIN):
        return 302
    return response.status_code


def _expect(persona: str, table: dict[str, int], specialists: int) -> int:
    return table.get(persona, specialists)


@pytest.fixture
def world(personas: Personas) -> dict[str, Any]:
    cache.clear()
    body = Body.objects.create(period=make_period(), slug="temagrupp", kind=BodyKind.THEME_GROUP, name_sv="Temagrupp")
    BodyMembership.objects.create(
        body=body,
        person=Person.objects.create(first_name="Ada", last_name="Ledamot"),
        organisation=personas.org_a,
        starts_on=datetime.date(2020, 1, 1),
    )
    public = make_event(personas.org_a, "Öppet möte", body=body)
    partners = make_event(personas.org_a, "Parternas möte", visibility=EventVisibility.PARTNERS)
    # Organised by org_b, for the members of a body only org_a sits in.
    invited = make_event(personas.org_b, "Temagruppens möte", visibility=EventVisibility.BODY, body=body)
    registration = services.register(actor=None, event=public, data=guest(), language="sv")
    document = Document.objects.create(
        event=partners, title="Minnes", file=ContentFile(b"%PDF-1.7\n", name="m.pdf"), content_type="application/pdf"
    )
    public_document = Document.objects.create(
        event=public, title="Program", file=ContentFile(b"%PDF-1.7\n", name="p.pdf"), content_type="application/pdf"
    )
    return {
        "public_document": public_document,
        "public": public,
        "partners": partners,
        "invited": invited,
        "registration": registration,
        "document": document,
        "decision": Decision.objects.create(event=public, text_sv="Beslut"),
        "item": ProgrammeItem.objects.create(event=public, starts_at=public.starts_at, title_sv="Start"),
    }


@pytest.mark.parametrize("persona", EVERYONE)
def test_public_pages(personas: Personas, world: dict[str, Any], persona: str) -> None:
    client = personas.client(persona)
    uuid = world["public"].uuid
    for url in (
        reverse("meetings:list"),
        reverse("meetings:calendars"),
        reverse("meetings:feed"),
        reverse("meetings:decisions"),
        reverse("meetings:manage_registration"),
        reverse("meetings:evaluate"),
        reverse("meetings:detail", args=[uuid]),
        reverse("meetings:event_ics", args=[uuid]),
        reverse("meetings:register", args=[uuid]),
        reverse("meetings:registered", args=[uuid]),
        reverse("meetings:feed_body", args=["2015-2020", "temagrupp"]),
        reverse("meetings:feed_area", args=["2015-2020", "arbete"]),
    ):
        assert _status(client, url) == 200, url


@pytest.mark.parametrize("persona", EVERYONE)
def test_partners_events_and_their_documents(personas: Personas, world: dict[str, Any], persona: str) -> None:
    expected = 404 if persona == "anonymous" else 200
    client = personas.client(persona)
    assert _status(client, world["partners"].get_absolute_url()) == expected
    assert _status(client, reverse("meetings:document", args=[world["document"].uuid])) == expected


@pytest.mark.parametrize("persona", EVERYONE)
def test_events_for_a_bodys_members(personas: Personas, world: dict[str, Any], persona: str) -> None:
    # org_a sits in the body (invited); org_b organises the meeting; the coordinator sees everything.
    expected = _expect(persona, {"editor_a": 200, "editor_b": 200, "coordinator": 200}, 404)
    client = personas.client(persona)
    for url in (world["invited"].get_absolute_url(), reverse("meetings:register", args=[world["invited"].uuid])):
        assert _status(client, url) == expected, url


@pytest.mark.parametrize("persona", EVERYONE)
def test_organiser_pages(personas: Personas, world: dict[str, Any], persona: str) -> None:
    uuid = world["public"].uuid
    expected = _expect(persona, {"anonymous": 302, "editor_a": 200, "coordinator": 200}, 403)
    client = personas.client(persona)
    for url in (
        reverse("meetings:organise", args=[uuid]),
        reverse("meetings:edit", args=[uuid]),
        reverse("meetings:participants", args=[uuid]),
        reverse("meetings:participants_csv", args=[uuid]),
        reverse("meetings:checkin", args=[uuid]),
        reverse("meetings:decision_add", args=[uuid]),
        reverse("meetings:decision_edit", args=[world["decision"].uuid]),
        reverse("meetings:cancel", args=[uuid]),
    ):
        assert _status(client, url) == expected, url


@pytest.mark.parametrize("persona", EVERYONE)
def test_organiser_actions(personas: Personas, world: dict[str, Any], persona: str) -> None:
    uuid = world["public"].uuid
    expected = _expect(persona, {"anonymous": 302, "editor_a": 302, "coordinator": 302}, 403)
    client = personas.client(persona)
    posts: list[tuple[str, dict[str, Any]]] = [
        (reverse("meetings:checkin", args=[uuid]), {"registration": world["registration"].uuid, "attended": "1"}),
        (reverse("meetings:registration_decide", args=[world["registration"].uuid]), {"decision": "approve"}),
        (reverse("meetings:programme_add", args=[uuid]), {"starts_at": "2027-01-01T10:00", "title_sv": "Ny"}),
        (reverse("meetings:programme_delete", args=[world["item"].uuid]), {}),
        (reverse("meetings:document_delete", args=[world["public_document"].uuid]), {}),
        (reverse("meetings:cancel", args=[uuid]), {"action": "cancel", "reason_sv": "Sjukdom."}),
    ]
    for url, data in posts:
        assert _status(client, url, "post", data) == expected, url
    if expected == 403:
        world["registration"].refresh_from_db()
        assert not world["registration"].attended
        assert ProgrammeItem.objects.filter(pk=world["item"].pk).exists()
        assert Document.objects.filter(pk=world["public_document"].pk).exists()
        world["public"].refresh_from_db()
        assert not world["public"].is_cancelled


@pytest.mark.parametrize("persona", EVERYONE)
def test_organising_a_hidden_event_is_404(personas: Personas, world: dict[str, Any], persona: str) -> None:
    # The body's meeting is organised by org_b: editor_a sees it (a member) but may not organise it.
    expected = _expect(persona, {"anonymous": 302, "editor_a": 403, "editor_b": 200, "coordinator": 200}, 404)
    assert _status(personas.client(persona), reverse("meetings:organise", args=[world["invited"].uuid])) == expected


@pytest.mark.parametrize("persona", EVERYONE)
def test_creating_needs_an_organisation_to_edit(personas: Personas, world: dict[str, Any], persona: str) -> None:
    expected = _expect(persona, {"anonymous": 302, "editor_a": 200, "editor_b": 200, "coordinator": 200}, 403)
    client = personas.client(persona)
    assert _status(client, reverse("meetings:create")) == expected
    assert _status(client, reverse("meetings:my_events")) == expected


@pytest.mark.parametrize("persona", EVERYONE)
def test_statistics(personas: Personas, world: dict[str, Any], persona: str) -> None:
    expected = _expect(persona, {"anonymous": 302, "editor_a": 403, "editor_b": 403, "coordinator": 200}, 403)
    if persona == "analyst":
        expected = 200
    assert _status(personas.client(persona), reverse("meetings:statistics")) == expected


@pytest.mark.parametrize("persona", EVERYONE)
def test_the_signed_links_work_for_anyone_who_holds_them(
    personas: Personas, world: dict[str, Any], persona: str
) -> None:
    registration = world["registration"]
    client = personas.client(persona)
    manage = f"{reverse('meetings:manage_registration')}?t={make_token(registration.uuid, 'manage')}"
    evaluate = f"{reverse('meetings:evaluate')}?t={make_token(registration.uuid, 'evaluate')}"
    assert _status(client, manage) == 200
    assert _status(client, evaluate) == 200
    assert _status(client, f"{manage}x") == 404
