"""The combobox search endpoints: who may search organisations and people, and that nobody sees more than they
may pick (the same querysets as the forms: permissions.organisation_choices and person_choices)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from testsupport.personas import PERSONA_NAMES, Personas, make_organisation
from vagenin.organisations.models import Person, Position

LOGIN = "/konto/login/"


@pytest.fixture
def people(personas: Personas) -> dict[str, Person]:
    anna_a = Person.objects.create(first_name="Anna", last_name="Andersson", email="anna.a@example.org")
    anna_b = Person.objects.create(first_name="Anna", last_name="Berg", email="anna.b@example.org")
    nobody = Person.objects.create(first_name="Anneli", last_name="Utan", email="anneli@example.org")
    Position.objects.create(person=anna_a, organisation=personas.org_a, title_sv="Samordnare")
    Position.objects.create(person=anna_b, organisation=personas.org_b, title_sv="Projektledare")
    return {"a": anna_a, "b": anna_b, "none": nobody}


def _get(personas: Personas, persona: str, url: str) -> tuple[int, dict[str, object]]:
    response = personas.client(persona).get(url)
    if response.status_code == 302:
        assert response["Location"].startswith(LOGIN)
        return 302, {}
    if response.status_code != 200:
        return response.status_code, {}
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    return 200, response.json()


def _labels(data: dict[str, object]) -> set[str]:
    results = data["results"]
    assert isinstance(results, list)
    return {row["label"] for row in results}


@pytest.mark.parametrize("persona", ["anonymous", "editor_a", "editor_b", "coordinator"])
@pytest.mark.django_db
def test_organisation_search_is_as_public_as_the_organisation_list(personas: Personas, persona: str) -> None:
    status, data = _get(personas, persona, reverse("organisations:search") + "?q=förening")
    assert status == 200
    assert _labels(data) == {"Föreningen A", "Föreningen B"}


@pytest.mark.django_db
def test_organisation_search_own_only_for_editors(personas: Personas) -> None:
    url = reverse("organisations:search") + "?q=förening&urval=egna"
    assert _labels(_get(personas, "editor_a", url)[1]) == {"Föreningen A"}
    assert _labels(_get(personas, "editor_b", url)[1]) == {"Föreningen B"}
    assert _labels(_get(personas, "coordinator", url)[1]) == {"Föreningen A", "Föreningen B"}
    assert _labels(_get(personas, "anonymous", url)[1]) == set()


@pytest.mark.django_db
def test_organisation_search_leaves_out_dissolved_and_caps_results(personas: Personas) -> None:
    make_organisation("gammal-forening", "Gamla föreningen", dissolved_on=datetime.date(2020, 1, 1))
    for number in range(25):
        make_organisation(f"klubb-{number}", f"Klubben {number:02d}")
    status, data = _get(personas, "editor_a", reverse("organisations:search") + "?q=klubben")
    assert status == 200 and len(_labels(data)) == 20 and data["more"] is True
    assert _labels(_get(personas, "editor_a", reverse("organisations:search") + "?q=gamla")[1]) == set()
    assert _get(personas, "editor_a", reverse("organisations:search") + "?q=")[1] == {"results": [], "more": False}


PEOPLE_EXPECTED = {
    "anonymous": (302, set()),
    "editor_a": (200, {"Anna Andersson"}),
    "editor_b": (200, {"Anna Berg"}),
    "coordinator": (200, {"Anna Andersson", "Anna Berg", "Anneli Utan"}),
}


@pytest.mark.parametrize("persona", PERSONA_NAMES)
@pytest.mark.django_db
def test_person_search_shows_only_the_people_a_role_may_pick(
    personas: Personas, people: dict[str, Person], persona: str
) -> None:
    status, data = _get(personas, persona, reverse("people:search") + "?q=ann")
    expected_status, expected_labels = PEOPLE_EXPECTED[persona]
    assert status == expected_status
    if status == 200:
        assert _labels(data) == expected_labels
        # Only names and organisations: no e-mail addresses or phone numbers.
        assert "@" not in str(data)


@pytest.mark.parametrize("persona", ["settlement_officer", "grant_officer", "analyst"])
@pytest.mark.django_db
def test_person_search_is_refused_to_staff_who_pick_nobody(
    personas: Personas, people: dict[str, Person], persona: str
) -> None:
    assert _get(personas, persona, reverse("people:search") + "?q=ann")[0] == 403


@pytest.mark.django_db
def test_person_search_narrowed_to_one_organisation(personas: Personas, people: dict[str, Person]) -> None:
    url = reverse("people:search") + f"?q=anna&organisation={personas.org_b.pk}"
    data = _get(personas, "coordinator", url)[1]
    assert _labels(data) == {"Anna Berg"}
    assert data["results"] == [{"id": str(people["b"].pk), "label": "Anna Berg", "detail": "Föreningen B"}]
    # An editor narrowing to another organisation still sees only their own people: nobody.
    assert _labels(_get(personas, "editor_a", url)[1]) == set()
