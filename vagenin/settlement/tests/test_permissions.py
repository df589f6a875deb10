"""Who may see and do what in settlement: every view over the personas and a municipality's settlement officer."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from testsupport.personas import PERSONA_NAMES, SPECIALIST_NAMES, Personas
from vagenin.settlement import services
from vagenin.settlement.models import MunicipalQuota
from vagenin.settlement.queries import WeightChoice
from vagenin.settlement.tests.builders import add_factors, make_municipal_officer, make_year

LOGIN = "/konto/login/"
NAMES = (*PERSONA_NAMES, *SPECIALIST_NAMES, "municipal_officer")
pytestmark = pytest.mark.django_db


def _status(client: Client, url: str, method: str = "get", data: dict[str, Any] | None = None) -> int:
    response = getattr(client, method)(url, data or {})
    if response.status_code == 302 and response["Location"].startswith(LOGIN):
        return 302
    return response.status_code


@pytest.fixture
def world(personas: Personas) -> dict[str, Any]:
    officer = personas.settlement_officer
    decided = make_year(2025, county_quota=100)
    add_factors(decided)
    services.compute_proposal(actor=officer, settlement_year=decided, choice=WeightChoice.default())
    services.decide_year(
        actor=officer, settlement_year=decided, decided_on=datetime.date(2024, 11, 1), registration_number="851-1-2024"
    )
    open_year = make_year(2026, county_quota=50)
    add_factors(open_year)
    services.compute_proposal(actor=officer, settlement_year=open_year, choice=WeightChoice.default())
    return {
        "decided": decided,
        "open": open_year,
        "decided_quota": MunicipalQuota.objects.filter(settlement_year=decided).first(),
        "open_quota": MunicipalQuota.objects.filter(settlement_year=open_year, municipality__code="2080").get(),
        "municipal_officer": make_municipal_officer("2080"),
    }


def _client(personas: Personas, world: dict[str, Any], name: str) -> Client:
    if name == "municipal_officer":
        client = Client()
        client.force_login(world["municipal_officer"])
        return client
    return personas.client(name)


@pytest.mark.parametrize("persona", NAMES)
def test_public_pages_show_decided_years_only(personas: Personas, world: dict[str, Any], persona: str) -> None:
    client = _client(personas, world, persona)
    assert _status(client, reverse("settlement:index")) == 200
    assert _status(client, reverse("settlement:year", args=[world["decided"].uuid])) == 200
    assert _status(client, reverse("settlement:municipality", args=[world["decided_quota"].uuid])) == 200
    readers = {"coordinator", "settlement_officer", "analyst"}
    expected = 200 if persona in readers else 404
    assert _status(client, reverse("settlement:year", args=[world["open"].uuid])) == expected
    assert _status(client, reverse("settlement:municipality", args=[world["open_quota"].uuid])) == expected


def _officer_pages(world: dict[str, Any]) -> list[str]:
    year = world["open"].uuid
    return [
        reverse("settlement:manage"),
        reverse("settlement:readiness"),
        reverse("settlement:manage_year", args=[year]),
        reverse("settlement:what_if", args=[year]),
        reverse("settlement:quota_manage", args=[world["open_quota"].uuid]),
    ]


@pytest.mark.parametrize("persona", NAMES)
def test_officer_pages_are_for_the_officer_coordinators_and_analysts(
    personas: Personas, world: dict[str, Any], persona: str
) -> None:
    expected = {"anonymous": 302, "coordinator": 200, "settlement_officer": 200, "analyst": 200}.get(persona, 403)
    client = _client(personas, world, persona)
    for url in _officer_pages(world):
        assert _status(client, url) == expected, url


@pytest.mark.parametrize("persona", NAMES)
def test_only_the_officer_changes_anything(personas: Personas, world: dict[str, Any], persona: str) -> None:
    expected_page = {"anonymous": 302, "settlement_officer": 200}.get(persona, 403)
    client = _client(personas, world, persona)
    year = world["open"].uuid
    for url in (
        reverse("settlement:import"),
        reverse("settlement:factors_import", args=[year]),
        reverse("settlement:factors_edit", args=[year, "2080"]),
        reverse("settlement:monthly_import", args=[year]),
    ):
        assert _status(client, url) == expected_page, url
    expected_post = {"anonymous": 302, "settlement_officer": 302}.get(persona, 403)
    posts: list[tuple[str, dict[str, Any]]] = [
        (reverse("settlement:manage"), {"year": "2030"}),
        (reverse("settlement:compute", args=[year]), {}),
        (reverse("settlement:decide", args=[year]), {}),
        (reverse("settlement:monthly_import", args=[year]), {"action": "confirm"}),
        (reverse("settlement:quota_manage", args=[world["open_quota"].uuid]), {"action": "consultation"}),
    ]
    for url, data in posts:
        status = _status(client, url, "post", data)
        if persona == "settlement_officer":
            assert status in (200, 302), url
        else:
            assert status == expected_post, url


@pytest.mark.parametrize("persona", NAMES)
def test_municipal_reporting_is_for_the_own_municipality(
    personas: Personas, world: dict[str, Any], persona: str
) -> None:
    client = _client(personas, world, persona)
    own = {"anonymous": 302, "settlement_officer": 200, "municipal_officer": 200}.get(persona, 403)
    other = {"anonymous": 302, "settlement_officer": 200, "municipal_officer": 404}.get(persona, 403)
    assert _status(client, reverse("settlement:report", args=["2080"])) == own
    assert _status(client, reverse("settlement:report", args=["2062"])) == other
    home = {"anonymous": 302, "settlement_officer": 200, "coordinator": 200, "analyst": 200, "municipal_officer": 302}
    home_status = home.get(persona, 403)
    assert _status(client, reverse("settlement:report_home")) == home_status


def test_a_municipal_officer_reports_for_their_municipality_only(personas: Personas, world: dict[str, Any]) -> None:
    client = _client(personas, world, "municipal_officer")
    data = {
        "action": "monthly",
        "settlement_year": "2026",
        "monthly-month": "2",
        "monthly-assigned": "2",
        "monthly-received": "2",
        "monthly-quota_refugees": "1",
        "monthly-from_asylum_housing": "0",
        "monthly-unaccompanied_minors": "0",
    }
    assert _status(client, reverse("settlement:report", args=["2080"]), "post", data) == 302
    assert _status(client, reverse("settlement:report", args=["2062"]), "post", data) == 404
    from vagenin.settlement.models import MonthlyReception

    assert list(MonthlyReception.objects.values_list("municipality__code", "month", "received")) == [("2080", 2, 2)]


def test_an_analyst_reads_quotas_and_readiness_but_changes_nothing(personas: Personas, world: dict[str, Any]) -> None:
    from vagenin.settlement.models import Consultation, ReadinessReport

    officer = personas.settlement_officer
    quota = world["open_quota"]
    services.record_consultation(
        actor=officer,
        settlement_year=world["open"],
        municipality=quota.municipality,
        held_on=datetime.date(2025, 10, 1),
        summary="Kommunen ser svårigheter med bostäder.",
    )
    services.save_readiness(
        actor=world["municipal_officer"],
        municipality=quota.municipality,
        year=2026,
        quarter=1,
        data={"housing_available": 7, "housing_planned": 3, "sfi_places": 20, "civic_orientation_places": 10},
    )
    client = personas.client("analyst")
    page = client.get(reverse("settlement:quota_manage", args=[quota.uuid])).content.decode()
    assert str(quota.proposed) in page
    assert "svårigheter med bostäder" not in page and 'name="action"' not in page
    readiness = client.get(reverse("settlement:readiness") + "?ar=2026&kvartal=1").content.decode()
    assert "Falun" in readiness and ">7<" in readiness
    what_if = client.get(reverse("settlement:what_if", args=[world["open"].uuid]), {"labour_market": "50"})
    assert what_if.status_code == 200

    # Every change is refused.
    def state() -> tuple[int, int, int]:
        final = MunicipalQuota.objects.get(pk=quota.pk).quota
        return final, Consultation.objects.count(), ReadinessReport.objects.count()

    before = state()
    assert _status(client, reverse("settlement:quota_manage", args=[quota.uuid]), "post", {"action": "adjust"}) == 403
    assert (
        _status(
            client,
            reverse("settlement:report", args=["2080"]),
            "post",
            {"action": "readiness", "readiness-year": "2026", "readiness-quarter": "1"},
        )
        == 403
    )
    assert state() == before
    # The coordinator reads the dialogue too.
    coordinator_page = personas.client("coordinator").get(reverse("settlement:quota_manage", args=[quota.uuid]))
    assert "svårigheter med bostäder" in coordinator_page.content.decode()
