"""/api/v1/grants/: granted grants only (public records), filters, CSV and the query count."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from testsupport.personas import Personas
from vagenin.api.tests.conftest import count_queries, get_json
from vagenin.grants import services
from vagenin.grants.models import Outcome
from vagenin.grants.tests.builders import in_review, make_call, submitted

LIST = reverse("api:grants-list")
pytestmark = pytest.mark.django_db


def _decide(personas: Personas, application, outcome: str, number: str) -> None:
    services.decide(
        actor=personas.grant_officer,
        application=application,
        outcome=outcome,
        amount_granted=0,
        conditions="Hemligt villkor",
        decided_on=datetime.date(2026, 5, 1),
        registration_number=number,
    )


def test_only_granted_grants_are_published_without_personal_data(personas: Personas) -> None:
    call = make_call()
    granted = in_review(call, personas.org_a, personas.editor_a, personas.grant_officer)
    _decide(personas, granted, Outcome.GRANTED_FULL, "851-1-2026")
    declined = in_review(call, personas.org_b, personas.editor_b, personas.grant_officer)
    _decide(personas, declined, Outcome.DECLINED, "851-2-2026")
    submitted(call, personas.org_b, personas.editor_b)
    body = get_json(LIST)
    assert [row["recipient"] for row in body["results"]] == [personas.org_a.slug]
    row = body["results"][0]
    assert row["amount_sek"] == 100_000 and row["year"] == 2026 and row["registration_number"] == "851-1-2026"
    text = str(body)
    assert personas.editor_a.email not in text and "Hemligt villkor" not in text
    assert get_json(LIST, year=2025)["results"] == []
    assert len(get_json(LIST, programme=call.programme.slug)["results"]) == 1


def test_csv_and_a_constant_number_of_queries(personas: Personas) -> None:
    call = make_call()
    first = in_review(call, personas.org_a, personas.editor_a, personas.grant_officer)
    _decide(personas, first, Outcome.GRANTED_FULL, "851-1-2026")
    few = count_queries(LIST)
    second = in_review(call, personas.org_b, personas.editor_b, personas.grant_officer)
    _decide(personas, second, Outcome.GRANTED_FULL, "851-2-2026")
    assert count_queries(LIST) == few
    from django.test import Client

    response = Client().get(LIST, {"format": "csv"})
    assert response.status_code == 200 and "851-2-2026" in response.content.decode()
