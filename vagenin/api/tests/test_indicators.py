"""The official statistics in the open-data API: definitions and observations, filtered, paginated, CSV."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import Client

from vagenin.indicators.models import IndicatorDefinition, Observation, Status


@pytest.fixture
def observations(db: None) -> IndicatorDefinition:
    call_command("load_reference", stdout=io.StringIO())
    indicator = IndicatorDefinition.objects.create(code="N03926", name_sv="Långtidsarbetslöshet", publisher="Kolada")
    for geo, value in (("20", Decimal("3.4")), ("2080", None)):
        Observation.objects.create(
            indicator=indicator,
            geo_code=geo,
            geo_level="county" if len(geo) == 2 else "municipality",
            period_kind="year",
            period_code="2022",
            period_start="2022-01-01",
            period_end="2022-12-31",
            breakdown={"gender": "T"},
            breakdown_key="gender=T",
            value=value,
            status=Status.FINAL if value is not None else Status.SUPPRESSED,
        )
    return indicator


def test_indicators_are_listed_and_found_by_code(observations: IndicatorDefinition) -> None:
    listing = Client().get("/api/v1/indicators/").json()
    assert [row["code"] for row in listing["results"]] == ["N03926"]
    assert Client().get("/api/v1/indicators/N03926/").json()["publisher"] == "Kolada"
    assert Client().get("/api/v1/indicators/X/").status_code == 404


def test_observations_filter_and_keep_suppressed_values_empty(observations: IndicatorDefinition) -> None:
    rows = Client().get("/api/v1/observations/?indicator=N03926&geography=2080&period=2022").json()["results"]
    assert rows == [
        {
            "indicator": "N03926",
            "geo_code": "2080",
            "geo_level": "municipality",
            "period_kind": "year",
            "period_code": "2022",
            "period_start": "2022-01-01",
            "period_end": "2022-12-31",
            "breakdown": {"gender": "T"},
            "value": None,
            "status": "suppressed",
            "source": "",
            "imported_at": None,
        }
    ]
    assert Client().get("/api/v1/observations/?geography=999").status_code == 400


def test_observations_as_csv(observations: IndicatorDefinition) -> None:
    response = Client().get("/api/v1/observations/?format=csv&geography=20")
    assert response["Content-Type"].startswith("text/csv")
    assert "N03926,20,county,year,2022" in response.content.decode()
