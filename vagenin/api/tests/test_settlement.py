"""/api/v1/settlement-quotas/ and /api/v1/settlement-reception/: decided quotas and reception, public records."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from testsupport.personas import Personas
from vagenin.api.tests.conftest import count_queries, get_json
from vagenin.organisations.models import Municipality
from vagenin.settlement import services
from vagenin.settlement.models import AnnualReception
from vagenin.settlement.queries import WeightChoice
from vagenin.settlement.tests.builders import add_factors, make_year

QUOTAS = reverse("api:settlement-quotas-list")
RECEPTION = reverse("api:settlement-reception-list")
pytestmark = pytest.mark.django_db


def _decided_and_open(personas: Personas) -> None:
    officer = personas.settlement_officer
    decided = make_year(2025, county_quota=40)
    add_factors(decided)
    services.compute_proposal(actor=officer, settlement_year=decided, choice=WeightChoice.default())
    services.decide_year(
        actor=officer, settlement_year=decided, decided_on=datetime.date(2024, 11, 1), registration_number="851-1-2024"
    )
    undecided = make_year(2026, county_quota=30)
    add_factors(undecided)
    services.compute_proposal(actor=officer, settlement_year=undecided, choice=WeightChoice.default())


def test_only_decided_quotas_are_published(personas: Personas) -> None:
    _decided_and_open(personas)
    data = get_json(QUOTAS)
    rows = data["results"]
    assert {row["year"] for row in rows} == {2025}
    assert sum(row["quota"] for row in rows) == 40
    assert rows[0]["registration_number"] == "851-1-2024"
    assert get_json(QUOTAS + "?year=2026")["results"] == []
    falun = get_json(QUOTAS + "?municipality=2080")["results"]
    assert len(falun) == 1 and falun[0]["municipality_name"] == "Falun"
    assert Client().get(QUOTAS + "?county=x").status_code == 400
    csv = Client().get(QUOTAS + "?format=csv")
    assert csv.status_code == 200 and csv.content.decode().startswith("year,county_code,municipality_code")


def test_reception_per_municipality(personas: Personas) -> None:
    make_year(2018)
    falun = Municipality.objects.get(code="2080")
    AnnualReception.objects.create(year=2018, municipality=falun, persons=208, unaccompanied=46, source="x.csv")
    rows = get_json(RECEPTION + "?year=2018&county=20")["results"]
    assert rows == [
        {
            "year": 2018,
            "county_code": "20",
            "municipality_code": "2080",
            "municipality_name": "Falun",
            "persons": 208,
            "unaccompanied": 46,
            "source": "x.csv",
        }
    ]


def test_query_count_does_not_grow_with_rows(personas: Personas) -> None:
    _decided_and_open(personas)
    municipalities = list(Municipality.objects.all())
    AnnualReception.objects.create(year=2017, municipality=municipalities[0], persons=1, unaccompanied=0)
    few = (count_queries(QUOTAS), count_queries(RECEPTION))
    decided = make_year(2024, county_quota=80)
    add_factors(decided)
    services.compute_proposal(actor=personas.settlement_officer, settlement_year=decided, choice=WeightChoice.default())
    services.decide_year(
        actor=personas.settlement_officer,
        settlement_year=decided,
        decided_on=datetime.date(2023, 11, 1),
        registration_number="851-1-2023",
    )
    for municipality in municipalities:
        AnnualReception.objects.create(year=2018, municipality=municipality, persons=1, unaccompanied=0)
    assert (count_queries(QUOTAS), count_queries(RECEPTION)) == few
