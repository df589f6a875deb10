"""Who may see and edit organisations, contact persons and people: the permission matrix."""

from __future__ import annotations

import pytest
from django.urls import reverse

from testsupport.personas import PERSONA_NAMES, Personas
from vagenin.organisations.models import Person, Position

LOGIN = "/konto/login/"


def _status(personas: Personas, persona: str, url: str, method: str = "get") -> int:
    response = getattr(personas.client(persona), method)(url)
    if response.status_code == 302 and response["Location"].startswith(LOGIN):
        return 302
    return response.status_code


@pytest.fixture
def contact_a(personas: Personas) -> Position:
    person = Person.objects.create(first_name="Kim", last_name="Kontakt", email="kim@example.org")
    return Position.objects.create(person=person, organisation=personas.org_a, title_sv="Samordnare", is_contact=True)


@pytest.mark.parametrize("persona", PERSONA_NAMES)
@pytest.mark.django_db
def test_public_pages_are_open_to_everyone(personas: Personas, persona: str) -> None:
    assert _status(personas, persona, reverse("organisations:list")) == 200
    assert _status(personas, persona, reverse("organisations:detail", args=[personas.org_a.slug])) == 200


@pytest.mark.django_db
def test_unknown_organisation_is_404(personas: Personas) -> None:
    assert _status(personas, "anonymous", reverse("organisations:detail", args=["finns-inte"])) == 404


EDIT_EXPECTED = {"anonymous": 302, "editor_a": 200, "editor_b": 404, "coordinator": 200}


@pytest.mark.parametrize("persona", PERSONA_NAMES)
@pytest.mark.parametrize("name", ["organisations:edit", "organisations:contacts", "organisations:contact_add"])
@pytest.mark.django_db
def test_only_own_editors_and_coordinators_edit_an_organisation(personas: Personas, persona: str, name: str) -> None:
    assert _status(personas, persona, reverse(name, args=[personas.org_a.slug])) == EDIT_EXPECTED[persona]


@pytest.mark.parametrize("persona", PERSONA_NAMES)
@pytest.mark.django_db
def test_contact_edit_matrix(personas: Personas, contact_a: Position, persona: str) -> None:
    url = reverse("organisations:contact_edit", args=[personas.org_a.slug, contact_a.uuid])
    assert _status(personas, persona, url) == EDIT_EXPECTED[persona]


@pytest.mark.django_db
def test_editor_cannot_reach_another_organisations_contact_through_its_own_slug(
    personas: Personas, contact_a: Position
) -> None:
    """B's editor uses B's slug with A's position id: still 404, and nothing changes."""
    client = personas.client("editor_b")
    edit = reverse("organisations:contact_edit", args=[personas.org_b.slug, contact_a.uuid])
    end = reverse("organisations:contact_end", args=[personas.org_b.slug, contact_a.uuid])
    assert client.get(edit).status_code == 404
    assert client.post(end).status_code == 404
    assert client.post(edit, {"first_name": "Hackad"}).status_code == 404
    contact_a.refresh_from_db()
    assert contact_a.ends_on is None
    assert contact_a.person.first_name == "Kim"


@pytest.mark.django_db
def test_editor_b_gets_nothing_of_a_by_post(personas: Personas) -> None:
    response = personas.client("editor_b").post(
        reverse("organisations:edit", args=[personas.org_a.slug]), {"description_sv": "Kapad"}
    )
    assert response.status_code == 404
    personas.org_a.refresh_from_db()
    assert personas.org_a.description_sv == ""


COORDINATOR_ONLY = {"anonymous": 302, "editor_a": 403, "editor_b": 403, "coordinator": 200}


@pytest.mark.parametrize("persona", PERSONA_NAMES)
@pytest.mark.parametrize("name", ["organisations:create", "people:list", "people:create"])
@pytest.mark.django_db
def test_coordinator_only_pages(personas: Personas, persona: str, name: str) -> None:
    assert _status(personas, persona, reverse(name)) == COORDINATOR_ONLY[persona]


@pytest.mark.parametrize("persona", PERSONA_NAMES)
@pytest.mark.parametrize("name", ["people:edit", "people:position_add", "people:delete"])
@pytest.mark.django_db
def test_person_pages_are_coordinator_only(personas: Personas, contact_a: Position, persona: str, name: str) -> None:
    url = reverse(name, args=[contact_a.person.uuid])
    assert _status(personas, persona, url) == COORDINATOR_ONLY[persona]


@pytest.mark.parametrize("persona", PERSONA_NAMES)
@pytest.mark.django_db
def test_ending_a_position_from_the_register_is_coordinator_only(
    personas: Personas, contact_a: Position, persona: str
) -> None:
    url = reverse("people:position_end", args=[contact_a.person.uuid, contact_a.uuid])
    expected = {"anonymous": 302, "editor_a": 403, "editor_b": 403, "coordinator": 302}[persona]
    assert personas.client(persona).post(url).status_code in {expected}
    contact_a.refresh_from_db()
    assert (contact_a.ends_on is not None) == (persona == "coordinator")


@pytest.mark.django_db
def test_unknown_person_is_404_for_the_coordinator(personas: Personas) -> None:
    url = reverse("people:edit", args=["00000000-0000-0000-0000-000000000000"])
    assert _status(personas, "coordinator", url) == 404
