"""Settlement's factor data from the indicator store, connected by the site app (site/factor_sources.py)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from testsupport.personas import Personas
from vagenin.indicators.models import GeoLevel, IndicatorDefinition, Observation, PeriodKind, Unit
from vagenin.settlement import services, sources
from vagenin.settlement.models import MunicipalityFactors
from vagenin.settlement.tests.builders import make_year

pytestmark = pytest.mark.django_db


def _observe(definition: IndicatorDefinition, code: str, year: int, value: str | None, **breakdown: str) -> None:
    key = ";".join(f"{k}={v}" for k, v in sorted(breakdown.items()))
    Observation.objects.create(
        indicator=definition,
        geo_code=code,
        geo_level=GeoLevel.MUNICIPALITY,
        period_kind=PeriodKind.YEAR,
        period_code=str(year),
        period_start=datetime.date(year, 1, 1),
        period_end=datetime.date(year, 12, 31),
        breakdown=breakdown,
        breakdown_key=key,
        value=None if value is None else Decimal(value),
        status="final" if value is not None else "suppressed",
    )


@pytest.fixture
def statistics() -> None:
    population = IndicatorDefinition.objects.create(code="BE0101N1", name_sv="Folkmängd", unit=Unit.NUMBER)
    employment = IndicatorDefinition.objects.create(
        code="N00914", name_sv="Förvärvsarbetande 20–64 år", unit=Unit.PERCENT, headline={"gender": "T"}
    )
    _observe(population, "2080", 2024, "59100")
    _observe(population, "2080", 2025, "59945")
    _observe(population, "2080", 2026, "60200")  # the settlement year itself: not used
    _observe(population, "2062", 2025, None)  # withheld: never taken
    _observe(employment, "2080", 2025, "78.4", gender="T")
    _observe(employment, "2080", 2025, "80.1", gender="M")  # not the headline breakdown
    _observe(population, "0180", 2025, "988943")  # outside what is asked


def test_the_latest_figure_before_the_year_of_the_headline_series(statistics: None) -> None:
    values = sources.collect("indicators", year=2026, codes=["2080", "2062"])
    assert values == {"2080": {"population": 59945, "labour_market": Decimal("0.784")}}


def test_the_officer_fills_empty_factors_from_the_store(statistics: None, personas: Personas) -> None:
    settlement_year = make_year(2026)
    counts = services.take_factor_values(
        actor=personas.coordinator, settlement_year=settlement_year, source="indicators"
    )
    falun = MunicipalityFactors.objects.get(settlement_year=settlement_year, municipality__code="2080")
    assert (falun.population, falun.labour_market) == (59945, Decimal("0.784"))
    assert counts.created == 1
    assert not MunicipalityFactors.objects.filter(settlement_year=settlement_year, municipality__code="2062").exists()
