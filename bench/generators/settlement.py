"""Benchmark data for settlement: a settlement year with factor data for every municipality of every county.

Run by `python -m bench` after the other generators; never by the application itself. The volume is the
country's, whatever the scale: 21 counties, 290 municipalities, two earlier years of reception each. The
figures are drawn at random in realistic ranges (population 2,500–1,000,000, employment 40–60 %), not real.
`python -m bench.settlement` times the model and the apportionment on these rows (bench/README.md).
"""

from __future__ import annotations

import random
from decimal import Decimal

from bench.rows import bulk_insert
from vagenin.organisations.models import County, Municipality
from vagenin.settlement.models import (
    CountyQuotaRevision,
    EarlierReception,
    HousingMarket,
    MunicipalityFactors,
    SettlementYear,
)

BENCH_YEAR = 2030  # a year the reference data does not have
RECEPTION_YEARS = (2028, 2029)
NATIONAL_TOTAL = 8200


def generate(rng: random.Random, scale: float) -> dict[str, int]:
    counties = list(County.objects.order_by("code"))
    municipalities = list(Municipality.objects.order_by("code"))
    years = bulk_insert(
        SettlementYear,
        (
            SettlementYear(
                year=BENCH_YEAR,
                county=county,
                reception_first_year=RECEPTION_YEARS[0],
                reception_last_year=RECEPTION_YEARS[-1],
            )
            for county in counties
        ),
        rng,
    )
    by_county = {year.county_id: year for year in years}
    populations = {m.pk: int(2500 * (400 ** rng.random())) for m in municipalities}
    county_population: dict[int, int] = {}
    for municipality in municipalities:
        county_population[municipality.county_id] = (
            county_population.get(municipality.county_id, 0) + populations[municipality.pk]
        )
    total_population = sum(county_population.values())
    bulk_insert(
        CountyQuotaRevision,
        (
            CountyQuotaRevision(
                settlement_year=year,
                order=0,
                version="bench",
                ordinance="SFS 2029:1",
                national_total=NATIONAL_TOTAL,
                county_quota=round(NATIONAL_TOTAL * county_population.get(year.county_id, 0) / total_population),
            )
            for year in years
        ),
        rng,
    )
    housing = list(HousingMarket)
    factors = bulk_insert(
        MunicipalityFactors,
        (
            MunicipalityFactors(
                settlement_year=by_county[m.county_id],
                municipality=m,
                population=populations[m.pk],
                labour_market=Decimal(round(populations[m.pk] * rng.uniform(0.40, 0.60))),
                asylum_seekers_abo=rng.randint(0, 200),
                asylum_seekers_ebo=rng.randint(0, 300),
                housing=rng.choice(housing),
            )
            for m in municipalities
        ),
        rng,
    )
    earlier = bulk_insert(
        EarlierReception,
        (
            EarlierReception(
                factors=item,
                year=year,
                newcomers=rng.randint(0, max(1, item.population // 400)),
                unaccompanied_minors=rng.randint(0, max(1, item.population // 4000)),
            )
            for item in factors
            for year in RECEPTION_YEARS
        ),
        rng,
    )
    return {"settlement years": len(years), "factor rows": len(factors), "earlier-reception rows": len(earlier)}
