"""Editing profiles, contact persons and people: services, audit rows and form errors."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from testsupport.personas import Personas, make_organisation
from vagenin.common.models import AuditEntry
from vagenin.organisations.models import Organisation, Person, Position


@pytest.mark.django_db
def test_editor_updates_own_profile_and_leaves_an_audit_row(personas: Personas) -> None:
    url = reverse("organisations:edit", args=[personas.org_a.slug])
    response = personas.client("editor_a").post(
        url, {"description_sv": "Vi driver språkcaféer.", "website": "forening-a.example.org", "name_en": ""}
    )
    assert response.status_code == 302
    personas.org_a.refresh_from_db()
    assert personas.org_a.description_sv == "Vi driver språkcaféer."
    assert personas.org_a.website == "https://forening-a.example.org"
    entry = AuditEntry.objects.get(action="organisation.updated")
    assert entry.actor == personas.editor_a
    assert entry.changes["description_sv"] == "Vi driver språkcaféer."


@pytest.mark.django_db
def test_editor_form_does_not_offer_identity_fields(personas: Personas) -> None:
    """An editor cannot rename the organisation or change its type, even by posting the fields."""
    url = reverse("organisations:edit", args=[personas.org_a.slug])
    personas.client("editor_a").post(url, {"name": "Nytt namn", "type": "state_agency", "description_sv": "x"})
    personas.org_a.refresh_from_db()
    assert personas.org_a.name == "Föreningen A"
    assert personas.org_a.type == "civil_society"


@pytest.mark.django_db
def test_coordinator_form_errors_keep_values_and_are_summarised(personas: Personas) -> None:
    url = reverse("organisations:edit", args=[personas.org_a.slug])
    response = personas.client("coordinator").post(
        url,
        {
            "name": "Föreningen A",
            "slug": "forening-a",
            "type": "civil_society",
            "organisation_number": "12345",
            "merged_into": personas.org_b.pk,
            "description_sv": "Behålls",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert "Ange organisationsnumret som NNNNNN-NNNN." in html
    assert "Ange när organisationen upphörde" in html
    assert "Behålls" in html
    assert 'value="12345"' in html


@pytest.mark.django_db
def test_coordinator_registers_an_organisation(personas: Personas) -> None:
    response = personas.client("coordinator").post(
        reverse("organisations:create"),
        {"name": "Studieförbundet Exempel", "slug": "sf-exempel", "type": "civil_society"},
    )
    assert response.status_code == 302
    assert Organisation.objects.filter(slug="sf-exempel").exists()
    assert AuditEntry.objects.filter(action="organisation.created").count() == 1


@pytest.mark.django_db
def test_contact_person_lifecycle(personas: Personas) -> None:
    client = personas.client("editor_a")
    add = reverse("organisations:contact_add", args=[personas.org_a.slug])
    response = client.post(add, {"first_name": "Kim", "last_name": "Kontakt", "title_sv": "Samordnare"})
    assert response.status_code == 200
    assert "Ange e-post eller telefon" in response.content.decode()
    response = client.post(
        add, {"first_name": "Kim", "last_name": "Kontakt", "title_sv": "Samordnare", "email": "kim@example.org"}
    )
    assert response.status_code == 302
    position = Position.objects.get(organisation=personas.org_a)
    assert position.is_contact
    detail = personas.client("anonymous").get(personas.org_a.get_absolute_url()).content.decode()
    assert "Kim Kontakt" in detail
    with time_machine.travel(datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC)):
        client.post(reverse("organisations:contact_end", args=[personas.org_a.slug, position.uuid]))
    position.refresh_from_db()
    assert position.ends_on == datetime.date(2026, 3, 1)
    assert [e.action for e in AuditEntry.objects.order_by("id")] == ["position.created", "position.ended"]
    with time_machine.travel(datetime.datetime(2026, 3, 2, 12, tzinfo=datetime.UTC)):
        detail = personas.client("anonymous").get(personas.org_a.get_absolute_url()).content.decode()
    assert "Kim Kontakt" not in detail


@pytest.mark.django_db
def test_person_moves_and_history_is_kept(personas: Personas) -> None:
    client = personas.client("coordinator")
    client.post(reverse("people:create"), {"first_name": "Lo", "last_name": "Flytt", "email": "lo@example.org"})
    person = Person.objects.get(last_name="Flytt")
    add = reverse("people:position_add", args=[person.uuid])
    client.post(
        add,
        {
            "organisation": personas.org_a.pk,
            "title_sv": "Handläggare",
            "starts_on": "2018-01-01",
            "ends_on": "2018-12-31",
        },
    )
    response = client.post(
        add, {"organisation": personas.org_b.pk, "title_sv": "Chef", "starts_on": "2019-01-01", "ends_on": "2018-01-01"}
    )
    assert "Slutdatum kan inte vara före startdatum." in response.content.decode()
    client.post(add, {"organisation": personas.org_b.pk, "title_sv": "Chef", "starts_on": "2019-01-01"})
    assert person.positions.count() == 2
    assert list(person.positions.current().values_list("organisation__slug", flat=True)) == ["forening-b"]


def _count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_list_pages_do_not_grow_queries_with_rows(personas: Personas) -> None:
    coordinator = personas.client("coordinator")
    anonymous = personas.client("anonymous")
    pages = [(anonymous, reverse("organisations:list")), (coordinator, reverse("people:list"))]

    def add_rows(start: int, count: int) -> None:
        for number in range(start, start + count):
            organisation = make_organisation(f"org-{number}", f"Organisation {number}")
            person = Person.objects.create(first_name="Per", last_name=f"Son {number}")
            Position.objects.create(person=person, organisation=organisation, title_sv="Handläggare")

    add_rows(0, 3)
    few = [_count_queries(client, url) for client, url in pages]
    add_rows(3, 40)
    many = [_count_queries(client, url) for client, url in pages]
    assert few == many
