"""Factor data from another app (the indicator store's extension point): values fill only what is empty, values
of the wrong kind are left out, and the officer takes them from the year's page."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from testsupport.personas import Personas
from vagenin.common.models import AuditEntry
from vagenin.settlement import services, sources
from vagenin.settlement.models import MunicipalityFactors
from vagenin.settlement.tests.builders import make_year

pytestmark = pytest.mark.django_db
asked: list[tuple[int, list[str]]] = []


def statistics(*, year: int, codes: Sequence[str]) -> dict[str, dict[str, Any]]:
    asked.append((year, list(codes)))
    return {
        "2080": {"population": 59945, "labour_market": "0.71", "asylum_seekers_abo": 12},
        "2062": {"population": 20540, "asylum_seekers_ebo": -3},  # a negative count is left out
        "2081": {"labour_market": 0.6},  # no population: no new row
        "0180": {"population": 988943},  # not in the county
        "2021": {"population": 0, "asylum_seekers_abo": 1.5},  # neither is a whole positive count
    }


@pytest.fixture
def registered() -> Iterator[None]:
    asked.clear()
    sources.register("statistik", "Statistikbanken", statistics)
    yield
    sources.unregister("statistik")


def test_collect_keeps_the_known_fields_of_the_asked_codes(registered: None) -> None:
    values = sources.collect("statistik", year=2026, codes=["2080", "2062", "2081", "2021"])
    assert values == {
        "2080": {"population": 59945, "labour_market": Decimal("0.71"), "asylum_seekers_abo": 12},
        "2062": {"population": 20540},
        "2081": {"labour_market": Decimal("0.6")},
    }
    assert sources.collect("okand", year=2026, codes=["2080"]) == {}


def test_values_fill_only_what_is_empty(personas: Personas, registered: None) -> None:
    settlement_year = make_year()
    MunicipalityFactors.objects.create(
        settlement_year=settlement_year,
        municipality=settlement_year.county.municipalities.get(code="2080"),
        population=60000,
        note="Inmatat",
    )
    counts = services.take_factor_values(
        actor=personas.settlement_officer, settlement_year=settlement_year, source="statistik"
    )
    assert asked[0][0] == 2026 and "2080" in asked[0][1]
    falun = MunicipalityFactors.objects.get(settlement_year=settlement_year, municipality__code="2080")
    assert falun.population == 60000  # typed by hand: kept
    assert falun.labour_market == Decimal("0.71") and falun.asylum_seekers_abo == 12 and falun.note == "Inmatat"
    mora = MunicipalityFactors.objects.get(settlement_year=settlement_year, municipality__code="2062")
    assert mora.population == 20540 and mora.asylum_seekers_ebo is None and mora.note == "Statistikbanken"
    assert not MunicipalityFactors.objects.filter(municipality__code="2081").exists()
    assert (counts.created, counts.changed) == (1, 1)
    entry = AuditEntry.objects.get(action="settlement.factors_taken")
    assert entry.changes["source"] == "statistik"
    assert entry.changes["filled"]["2080"] == ["asylum_seekers_abo", "labour_market"]
    again = services.take_factor_values(
        actor=personas.settlement_officer, settlement_year=settlement_year, source="statistik"
    )
    assert (again.created, again.changed) == (0, 0)


def test_an_unknown_source_changes_nothing(personas: Personas) -> None:
    settlement_year = make_year()
    with pytest.raises(services.TransitionError):
        services.take_factor_values(actor=personas.settlement_officer, settlement_year=settlement_year, source="x")
    assert not MunicipalityFactors.objects.exists()


def test_the_officer_takes_them_on_the_years_page(personas: Personas, registered: None) -> None:
    settlement_year = make_year()
    client = personas.client("settlement_officer")
    page = client.get(reverse("settlement:manage_year", args=[settlement_year.uuid])).content.decode()
    url = reverse("settlement:take_factors", args=[settlement_year.uuid])
    assert url in page and 'value="statistik"' in page
    response = client.post(url, {"source": "statistik"}, follow=True)
    assert "kompletterade" in response.content.decode()
    assert MunicipalityFactors.objects.filter(settlement_year=settlement_year).count() == 2
    # Analysts and coordinators read the page but see no button and may not post.
    for persona in ("analyst", "coordinator"):
        other = personas.client(persona)
        assert url not in other.get(reverse("settlement:manage_year", args=[settlement_year.uuid])).content.decode()
        assert other.post(url, {"source": "statistik"}).status_code == 403


def test_nothing_is_offered_without_a_provider() -> None:
    assert "statistik" not in sources.available()
