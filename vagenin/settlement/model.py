"""The transparent settlement model that proposes each municipality's quota (kommuntal). No Django here.

Under the Settlement Act (lag 2016:38, § 7) and its ordinance (förordning 2016:39) the county board
divides the county quota (länstal) among the county's municipalities, weighing in each municipality's
labour market, population, earlier reception of newcomers and unaccompanied minors, and the number of
asylum seekers living there. This module turns those factors into exact shares and whole-number quotas,
and keeps every step so a page can explain each figure.

**Factors.** Each factor gives every municipality a non-negative *basis*; its *factor share* is the basis
divided by the county's total basis, so each factor's shares sum to exactly 1.

- Labour market (raises the share): the number of employed residents, or an employment rate (0–1), which is
  first turned into employed-equivalents, rate × population, because a rate alone says nothing of size.
- Population (raises the share): the number of inhabitants.
- Reception (lowers the share): the people the municipality has taken responsibility for, its *reception
  load*: newcomers received and unaccompanied minors assigned over the chosen years, plus the asylum
  seekers living there now, in Migrationsverket's housing (ABO) and in their own (EBO). The basis is
  ``population / (1 + r / R)``, where ``r`` is the municipality's load per inhabitant and ``R`` the county's.
  Rationale: a municipality that has received nothing counts with its whole population, one at the county
  average with half of it, one at twice the average with a third; so the factor moves places from
  municipalities that have carried more than their share per inhabitant to those that have carried less,
  is never negative, never reaches zero (no municipality is excused entirely by this factor alone), does not
  change if every figure is scaled (per-year averages or totals give the same shares), and is plain
  population share when every municipality has the same rate (including none). A complement such as
  ``max_rate − r`` was rejected: it gives the highest-rate municipality nothing and hangs on one outlier.
  One consequence: if a single municipality has all of the county's load, more load does not lower its
  share further (its rate relative to the county's stays the same).
- Housing (raises the share; optional, weight 0 by default): the municipality's own assessment of its housing
  market (as in Boverket's housing-market survey); basis = population × 0 for a shortage, × 1 for balance,
  × 2 for a surplus. Self-assessments reward reporting a shortage, which is why the 2019 proposal left
  housing out; an officer can weigh it in or use the manual adjustment step instead.

**Weights.** The officer sets one non-negative weight per factor (any scale; they are normalised to sum to 1).
The default is the published 2019 proposal: labour market 43 %, population 37 %, earlier reception and
asylum reception together 20 %. A municipality's share is the sum over factors of weight × factor share, so
its contributions add up to its share, all are non-negative, and the shares sum to exactly 1.

**Whole numbers.** The exact quota is county quota × share; :mod:`vagenin.settlement.apportion` turns the
exact quotas into whole numbers summing to the county quota (largest remainder by default, so every quota
is its exact figure rounded down or up), with ties broken by the larger share and then the municipality
code. :func:`adjust_quotas` then applies the officer's justified changes and says whether the result still
sums to the county quota.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction

from vagenin.settlement.apportion import Method, Weight, apportion_detailed, exact_weight


class Factor(StrEnum):
    """A factor of the settlement model."""

    LABOUR_MARKET = "labour_market"
    POPULATION = "population"
    RECEPTION = "reception"
    HOUSING = "housing"


class LabourMarketMeasure(StrEnum):
    """What the labour-market figure of each municipality is."""

    EMPLOYED = "employed"  # number of employed residents (e.g. gainfully employed aged 20–64)
    EMPLOYMENT_RATE = "employment_rate"  # share of residents in work, between 0 and 1


class HousingMarket(StrEnum):
    """A municipality's assessment of its housing market, as in Boverket's survey."""

    SHORTAGE = "shortage"  # underskott
    BALANCE = "balance"
    SURPLUS = "surplus"  # överskott


HOUSING_SCORE: Mapping[HousingMarket, int] = {
    HousingMarket.SHORTAGE: 0,
    HousingMarket.BALANCE: 1,
    HousingMarket.SURPLUS: 2,
}


class ModelInputError(ValueError):
    """The model's input is incomplete or invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(self.problems))


@dataclass(frozen=True)
class Reception:
    """People a municipality received in one year.

    ``newcomers`` is the people received under the compensation ordinance, as in Migrationsverket's
    "Kommunmottagna" export: its Totalt column counts every category, relatives included, and already holds
    the unaccompanied children granted a permit; the officer may count only some categories (the parser
    gives each). ``unaccompanied_minors`` is the unaccompanied asylum-seeking children assigned to the
    municipality that year, who live there while their claim is tried. A child may appear in both over a
    multi-year window (assigned one year, permit the next); the model then counts both phases of the
    municipality's responsibility. Pass 0 to count one.
    """

    newcomers: int
    unaccompanied_minors: int


@dataclass(frozen=True)
class MunicipalityFactors:
    """The factor values of one municipality; a value may be missing when its factor has weight 0."""

    code: str
    name: str
    population: int
    labour_market: Weight | None = None
    reception: Mapping[int, Reception] = field(default_factory=dict)
    asylum_seekers_abo: int | None = None  # in Migrationsverket's housing
    asylum_seekers_ebo: int | None = None  # in their own housing
    housing: HousingMarket | None = None


@dataclass(frozen=True)
class Weights:
    """The officer's weight per factor: non-negative numbers of any scale, normalised before use."""

    labour_market: Weight
    population: Weight
    reception: Weight
    housing: Weight = 0

    def by_factor(self) -> dict[Factor, Weight]:
        """The weights keyed by factor."""
        return {
            Factor.LABOUR_MARKET: self.labour_market,
            Factor.POPULATION: self.population,
            Factor.RECEPTION: self.reception,
            Factor.HOUSING: self.housing,
        }

    def normalised(self) -> dict[Factor, Fraction]:
        """The weights as exact fractions summing to 1; refuses negative or all-zero weights."""
        exact: dict[Factor, Fraction] = {}
        problems: list[str] = []
        for factor, value in self.by_factor().items():
            try:
                exact[factor] = exact_weight(value, name=f"the weight of {factor.value}")
            except (TypeError, ValueError) as error:
                problems.append(str(error))
        if problems:
            raise ModelInputError(problems)
        weight_sum = sum(exact.values(), Fraction(0))
        if weight_sum == 0:
            raise ModelInputError(["every factor has weight 0: at least one must weigh something"])
        return {factor: value / weight_sum for factor, value in exact.items()}


#: The published 2019 proposal: labour market 43 %, population 37 %, earlier and asylum reception 20 %.
PROPOSAL_2019 = Weights(labour_market=Fraction(43, 100), population=Fraction(37, 100), reception=Fraction(20, 100))


@dataclass(frozen=True)
class ModelSettings:
    """The officer's choices: the years of earlier reception counted, the weights, the measure and the method."""

    reception_years: tuple[int, ...]
    weights: Weights = PROPOSAL_2019
    labour_market_measure: LabourMarketMeasure = LabourMarketMeasure.EMPLOYED
    method: Method = Method.LARGEST_REMAINDER


@dataclass(frozen=True)
class Contribution:
    """One factor's part in a municipality's share: weight × factor share."""

    factor: Factor
    weight: Fraction  # normalised: the weights of all factors sum to 1
    basis: Fraction | None  # the municipality's value for this factor; None if unweighted and unknown
    factor_share: Fraction | None  # basis / county total; None if unweighted and unknown
    contribution: Fraction


@dataclass(frozen=True)
class MunicipalityProposal:
    """The model's result for one municipality, with everything needed to explain it."""

    code: str
    name: str
    share: Fraction
    exact_quota: Fraction
    quota: int
    contributions: tuple[Contribution, ...]
    reception_load: int | None  # earlier reception over the years plus asylum seekers, None if unknown
    reception_per_inhabitant: Fraction | None

    def contribution(self, factor: Factor) -> Contribution:
        """The contribution of one factor."""
        return next(item for item in self.contributions if item.factor is factor)


@dataclass(frozen=True)
class Proposal:
    """The model's proposal for a county: municipalities in code order, quotas summing to the county quota."""

    county_quota: int
    settings: ModelSettings
    weights: tuple[tuple[Factor, Fraction], ...]
    municipalities: tuple[MunicipalityProposal, ...]
    county_reception_per_inhabitant: Fraction | None
    tied: frozenset[str]  # municipalities whose quota a tie-break decided

    def quotas(self) -> dict[str, int]:
        """Whole-number quota per municipality code."""
        return {item.code: item.quota for item in self.municipalities}

    def municipality(self, code: str) -> MunicipalityProposal:
        """The result for one municipality code; KeyError if it is not in the proposal."""
        for item in self.municipalities:
            if item.code == code:
                return item
        raise KeyError(code)


def _count(value: int | None, label: str, problems: list[str]) -> int | None:
    """A non-negative whole number, or None with a problem noted."""
    if value is None:
        problems.append(f"{label} is missing")
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        problems.append(f"{label} must be a non-negative whole number, not {value!r}")
        return None
    return value


def _labour_market_bases(
    municipalities: list[MunicipalityFactors], measure: LabourMarketMeasure, problems: list[str]
) -> dict[str, Fraction]:
    """Employed, or employment rate × population, per code; problems noted for missing or bad values."""
    bases: dict[str, Fraction] = {}
    for item in municipalities:
        label = f"{item.code} {item.name}: labour market ({measure.value})"
        if item.labour_market is None:
            problems.append(f"{label} is missing")
            continue
        try:
            value = exact_weight(item.labour_market, name=label)
        except (TypeError, ValueError) as error:
            problems.append(str(error))
            continue
        if measure is LabourMarketMeasure.EMPLOYMENT_RATE:
            if value > 1:
                problems.append(f"{label} must be between 0 and 1 (give 78.5 % as 0.785), not {item.labour_market}")
                continue
            value *= item.population
        bases[item.code] = value
    return bases


def _reception_loads(
    municipalities: list[MunicipalityFactors], years: tuple[int, ...], problems: list[str]
) -> dict[str, int]:
    """Earlier reception over the years plus asylum seekers, per code; problems noted for missing values."""
    loads: dict[str, int] = {}
    if not years:
        problems.append("no years of earlier reception are chosen")
        return loads
    for item in municipalities:
        found: list[int | None] = []
        for year in years:
            label = f"{item.code} {item.name}: reception {year}"
            received = item.reception.get(year)
            if received is None:
                problems.append(f"{label} is missing")
                found.append(None)
                continue
            found.append(_count(received.newcomers, f"{label}, newcomers", problems))
            found.append(_count(received.unaccompanied_minors, f"{label}, unaccompanied minors", problems))
        found.append(_count(item.asylum_seekers_abo, f"{item.code} {item.name}: asylum seekers (ABO)", problems))
        found.append(_count(item.asylum_seekers_ebo, f"{item.code} {item.name}: asylum seekers (EBO)", problems))
        if all(value is not None for value in found):
            loads[item.code] = sum(value for value in found if value is not None)
    return loads


def _housing_bases(municipalities: list[MunicipalityFactors], problems: list[str]) -> dict[str, Fraction]:
    """Population × housing score per code; problems noted for missing assessments."""
    bases: dict[str, Fraction] = {}
    for item in municipalities:
        if item.housing is None:
            problems.append(f"{item.code} {item.name}: housing market assessment is missing")
        else:
            bases[item.code] = Fraction(item.population * HOUSING_SCORE[HousingMarket(item.housing)])
    return bases


def propose_quotas(
    county_quota: int, municipalities: Iterable[MunicipalityFactors], settings: ModelSettings
) -> Proposal:
    """The model's exact shares, factor contributions and whole-number quotas summing to the county quota."""
    items = sorted(municipalities, key=lambda item: item.code)
    problems: list[str] = []
    if isinstance(county_quota, bool) or not isinstance(county_quota, int) or county_quota < 0:
        problems.append(f"the county quota must be a non-negative whole number, not {county_quota!r}")
    if not items:
        problems.append("there are no municipalities")
    codes = [item.code for item in items]
    problems.extend(
        f"municipality {code} is listed more than once" for code in sorted({c for c in codes if codes.count(c) > 1})
    )
    for item in items:
        if isinstance(item.population, bool) or not isinstance(item.population, int) or item.population <= 0:
            problems.append(
                f"{item.code} {item.name}: population must be a positive whole number, not {item.population!r}"
            )
    try:
        weights = settings.weights.normalised()
    except ModelInputError as error:
        problems.extend(error.problems)
        weights = {}
    if problems:
        raise ModelInputError(problems)

    # Every factor's data is needed when it is weighted; an unweighted factor is shown only if complete.
    factor_problems: dict[Factor, list[str]] = {factor: [] for factor in Factor}
    labour = _labour_market_bases(items, settings.labour_market_measure, factor_problems[Factor.LABOUR_MARKET])
    loads = _reception_loads(items, settings.reception_years, factor_problems[Factor.RECEPTION])
    housing = _housing_bases(items, factor_problems[Factor.HOUSING])
    population = {item.code: Fraction(item.population) for item in items}
    reception = _reception_bases(items, loads) if len(loads) == len(items) else {}
    bases: dict[Factor, dict[str, Fraction]] = {
        Factor.LABOUR_MARKET: labour,
        Factor.POPULATION: population,
        Factor.RECEPTION: reception,
        Factor.HOUSING: housing,
    }
    factor_shares: dict[Factor, dict[str, Fraction] | None] = {}
    for factor in Factor:
        complete = not factor_problems[factor] and len(bases[factor]) == len(items)
        total = sum(bases[factor].values(), Fraction(0))
        if weights[factor] > 0 and not complete:
            problems.extend(factor_problems[factor])
        elif weights[factor] > 0 and total == 0:
            problems.append(f"every municipality has 0 for {factor.value}, so the factor cannot divide anything")
        factor_shares[factor] = (
            {code: basis / total for code, basis in bases[factor].items()} if complete and total else None
        )
    if problems:
        raise ModelInputError(problems)

    shares: dict[str, Fraction] = {}
    contributions: dict[str, list[Contribution]] = {}
    for item in items:
        parts: list[Contribution] = []
        for factor in Factor:
            factor_share = (factor_shares[factor] or {}).get(item.code)
            parts.append(
                Contribution(
                    factor=factor,
                    weight=weights[factor],
                    basis=bases[factor].get(item.code),
                    factor_share=factor_share,
                    contribution=weights[factor] * factor_share if factor_share is not None else Fraction(0),
                )
            )
        contributions[item.code] = parts
        shares[item.code] = sum((part.contribution for part in parts), Fraction(0))

    result = apportion_detailed(county_quota, shares, settings.method)
    total_population = sum(population.values(), Fraction(0))
    county_rate = sum(loads.values(), Fraction(0)) / total_population if len(loads) == len(items) else None
    return Proposal(
        county_quota=county_quota,
        settings=settings,
        weights=tuple(weights.items()),
        municipalities=tuple(
            MunicipalityProposal(
                code=item.code,
                name=item.name,
                share=shares[item.code],
                exact_quota=result.quotas[item.code],
                quota=result.seats[item.code],
                contributions=tuple(contributions[item.code]),
                reception_load=loads.get(item.code),
                reception_per_inhabitant=(Fraction(loads[item.code], item.population) if item.code in loads else None),
            )
            for item in items
        ),
        county_reception_per_inhabitant=county_rate,
        tied=result.tied,
    )


def _reception_bases(municipalities: list[MunicipalityFactors], loads: Mapping[str, int]) -> dict[str, Fraction]:
    """population / (1 + rate / county rate); plain population when nobody has received anyone."""
    total_load = sum(loads.values())
    total_population = sum(item.population for item in municipalities)
    bases: dict[str, Fraction] = {}
    for item in municipalities:
        if total_load == 0:
            bases[item.code] = Fraction(item.population)
        else:
            # rate / county rate = (load / population) / (total load / total population)
            relative = Fraction(loads[item.code] * total_population, item.population * total_load)
            bases[item.code] = item.population / (1 + relative)
    return bases


@dataclass(frozen=True)
class Adjustment:
    """The officer's change of one municipality's quota, with the reason for it."""

    code: str
    quota: int
    justification: str


@dataclass(frozen=True)
class FinalQuota:
    """A municipality's proposed and final quota, and why they differ."""

    code: str
    name: str
    proposed: int
    final: int
    justification: str | None

    @property
    def adjusted(self) -> bool:
        """True when the officer changed the proposed quota."""
        return self.final != self.proposed


@dataclass(frozen=True)
class AdjustedQuotas:
    """The final quotas after the officer's adjustments, and whether they still add up to the county quota."""

    county_quota: int
    quotas: tuple[FinalQuota, ...]

    @property
    def total(self) -> int:
        """The sum of the final quotas."""
        return sum(item.final for item in self.quotas)

    @property
    def difference(self) -> int:
        """How many the final quotas give more (positive) or fewer (negative) than the county quota."""
        return self.total - self.county_quota

    @property
    def balanced(self) -> bool:
        """True when the final quotas sum exactly to the county quota; only then may they be decided."""
        return self.difference == 0

    def final(self) -> dict[str, int]:
        """Final quota per municipality code."""
        return {item.code: item.final for item in self.quotas}


def adjust_quotas(proposal: Proposal, adjustments: Iterable[Adjustment]) -> AdjustedQuotas:
    """Apply the officer's adjustments, each with a justification, to the proposal's quotas."""
    known = {item.code for item in proposal.municipalities}
    by_code: dict[str, Adjustment] = {}
    problems: list[str] = []
    for adjustment in adjustments:
        if adjustment.code not in known:
            problems.append(f"municipality {adjustment.code} is not in the proposal")
        elif adjustment.code in by_code:
            problems.append(f"municipality {adjustment.code} is adjusted more than once")
        if isinstance(adjustment.quota, bool) or not isinstance(adjustment.quota, int) or adjustment.quota < 0:
            problems.append(f"municipality {adjustment.code}: the quota must be a non-negative whole number")
        if not adjustment.justification.strip():
            problems.append(f"municipality {adjustment.code}: an adjustment needs a justification")
        by_code.setdefault(adjustment.code, adjustment)
    if problems:
        raise ModelInputError(problems)
    return AdjustedQuotas(
        county_quota=proposal.county_quota,
        quotas=tuple(
            FinalQuota(
                code=item.code,
                name=item.name,
                proposed=item.quota,
                final=by_code[item.code].quota if item.code in by_code else item.quota,
                justification=by_code[item.code].justification.strip() if item.code in by_code else None,
            )
            for item in proposal.municipalities
        ),
    )
