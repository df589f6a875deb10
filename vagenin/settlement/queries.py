"""Reads for the settlement pages: the factor data as the pure model takes it, fulfilment, the model's result."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from vagenin.organisations.models import Municipality
from vagenin.settlement import model as pure
from vagenin.settlement.apportion import Method
from vagenin.settlement.models import (
    ModelRun,
    MonthlyReception,
    MunicipalityFactors,
    MunicipalQuota,
    SettlementYear,
)


@dataclass(frozen=True)
class WeightChoice:
    """Weights, measure and method as a form or a model run gives them."""

    labour_market: Decimal
    population: Decimal
    reception: Decimal
    housing: Decimal
    measure: str
    method: str

    @classmethod
    def default(cls) -> WeightChoice:
        """The published 2019 proposal (PROPOSAL_2019): 43 / 37 / 20, housing 0."""
        return cls(
            labour_market=Decimal(43),
            population=Decimal(37),
            reception=Decimal(20),
            housing=Decimal(0),
            measure=pure.LabourMarketMeasure.EMPLOYED.value,
            method=Method.LARGEST_REMAINDER.value,
        )

    @classmethod
    def of_run(cls, run: ModelRun | None) -> WeightChoice:
        if run is None:
            return cls.default()
        return cls(
            labour_market=run.labour_market_weight,
            population=run.population_weight,
            reception=run.reception_weight,
            housing=run.housing_weight,
            measure=run.labour_market_measure,
            method=run.method,
        )

    def settings(self, years: tuple[int, ...]) -> pure.ModelSettings:
        return pure.ModelSettings(
            reception_years=years,
            weights=pure.Weights(
                labour_market=self.labour_market,
                population=self.population,
                reception=self.reception,
                housing=self.housing,
            ),
            labour_market_measure=pure.LabourMarketMeasure(self.measure),
            method=Method(self.method),
        )


def county_municipalities(settlement_year: SettlementYear) -> list[Municipality]:
    return list(Municipality.objects.filter(county=settlement_year.county).order_by("code"))


def factor_rows(settlement_year: SettlementYear) -> list[MunicipalityFactors]:
    return list(
        MunicipalityFactors.objects.filter(settlement_year=settlement_year)
        .select_related("municipality")
        .prefetch_related("earlier")
        .order_by("municipality__code")
    )


def model_inputs(rows: list[MunicipalityFactors]) -> list[pure.MunicipalityFactors]:
    """The stored factor data as the pure model takes it."""
    return [
        pure.MunicipalityFactors(
            code=row.municipality.code,
            name=row.municipality.short_name,
            population=row.population,
            labour_market=row.labour_market,
            reception={
                item.year: pure.Reception(item.newcomers, item.unaccompanied_minors) for item in row.earlier.all()
            },
            asylum_seekers_abo=row.asylum_seekers_abo,
            asylum_seekers_ebo=row.asylum_seekers_ebo,
            housing=pure.HousingMarket(row.housing) if row.housing else None,
        )
        for row in rows
    ]


def run_model(settlement_year: SettlementYear, choice: WeightChoice) -> pure.Proposal:
    """The model's proposal for the year with these weights; ModelInputError lists what is missing."""
    quota = settlement_year.county_quota
    rows = factor_rows(settlement_year)
    missing = [
        m.short_name for m in county_municipalities(settlement_year) if m.pk not in {r.municipality_id for r in rows}
    ]
    problems: list[str] = []
    if quota is None:
        problems.append("the county quota is not known for this year")
    if missing:
        problems.append(f"no factor data for: {', '.join(missing)}")
    if problems:
        raise pure.ModelInputError(problems)
    assert quota is not None
    return pure.propose_quotas(quota, model_inputs(rows), choice.settings(settlement_year.reception_years()))


def percent(value: Fraction | None, digits: int = 1) -> str:
    """A fraction as a per cent figure with the given decimals."""
    if value is None:
        return "–"
    return f"{float(value) * 100:.{digits}f}"


@dataclass(frozen=True)
class Fulfilment:
    municipality: Municipality
    quota: int | None
    received: int
    ratio: Fraction | None  # received / quota; None when the quota is 0 or unknown


def fulfilment(settlement_year: SettlementYear) -> list[Fulfilment]:
    """Received against quota per municipality: monthly figures where reported, else Migrationsverket's count."""
    quotas = {q.municipality_id: q for q in MunicipalQuota.objects.for_year(settlement_year)}
    monthly: dict[int, int] = {}
    for row in MonthlyReception.objects.filter(settlement_year=settlement_year).values("municipality_id", "received"):
        monthly[row["municipality_id"]] = monthly.get(row["municipality_id"], 0) + row["received"]
    result = []
    for municipality in county_municipalities(settlement_year):
        quota = quotas.get(municipality.pk)
        received = monthly.get(municipality.pk)
        if received is None:
            received = quota.received if quota is not None and quota.received is not None else 0
        figure = quota.quota if quota is not None else None
        ratio = Fraction(received, figure) if figure else None
        result.append(Fulfilment(municipality, figure, received, ratio))
    return result
