"""The settlement model: shares, contributions, quotas and adjustments, without a database."""

from __future__ import annotations

import csv
import math
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vagenin.settlement.apportion import Method
from vagenin.settlement.migrationsverket import parse_reception_export
from vagenin.settlement.model import (
    PROPOSAL_2019,
    Adjustment,
    Factor,
    HousingMarket,
    LabourMarketMeasure,
    ModelInputError,
    ModelSettings,
    MunicipalityFactors,
    Reception,
    Weights,
    adjust_quotas,
    propose_quotas,
)

PROPERTY = settings(derandomize=True, database=None, max_examples=60, deadline=None)
FIXTURES = Path(__file__).parent.parent / "fixtures"
YEARS = (2017, 2018)
SETTINGS = ModelSettings(reception_years=YEARS)


def municipality(
    code: str,
    population: int,
    *,
    employed: int | None = None,
    received: int = 0,
    unaccompanied: int = 0,
    abo: int = 0,
    ebo: int = 0,
    housing: HousingMarket | None = None,
) -> MunicipalityFactors:
    """A municipality with the same reception in each of YEARS; employed defaults to half the population."""
    return MunicipalityFactors(
        code=code,
        name=f"Kommun {code}",
        population=population,
        labour_market=population // 2 if employed is None else employed,
        reception={year: Reception(received, unaccompanied) for year in YEARS},
        asylum_seekers_abo=abo,
        asylum_seekers_ebo=ebo,
        housing=housing,
    )


THREE = [
    municipality("2080", 60_000, employed=28_000, received=200, abo=50, ebo=20),
    municipality("2034", 7_000, employed=3_000, received=40, unaccompanied=5),
    municipality("2062", 20_000, employed=9_500, received=80, ebo=10),
]


def test_default_weights_are_the_2019_proposal() -> None:
    assert SETTINGS.weights == PROPOSAL_2019
    assert PROPOSAL_2019.normalised() == {
        Factor.LABOUR_MARKET: Fraction(43, 100),
        Factor.POPULATION: Fraction(37, 100),
        Factor.RECEPTION: Fraction(20, 100),
        Factor.HOUSING: 0,
    }
    assert SETTINGS.method is Method.LARGEST_REMAINDER


def test_shares_sum_to_one_contributions_add_up_and_quotas_sum_to_the_county_quota() -> None:
    proposal = propose_quotas(100, THREE, SETTINGS)
    assert [item.code for item in proposal.municipalities] == ["2034", "2062", "2080"]
    assert sum(item.share for item in proposal.municipalities) == 1
    assert sum(proposal.quotas().values()) == 100
    for item in proposal.municipalities:
        assert sum(part.contribution for part in item.contributions) == item.share
        assert all(part.contribution >= 0 for part in item.contributions)
        assert item.exact_quota == 100 * item.share
        assert math.floor(item.exact_quota) <= item.quota <= math.ceil(item.exact_quota)
    for factor in (Factor.LABOUR_MARKET, Factor.POPULATION, Factor.RECEPTION):
        assert sum(item.contribution(factor).factor_share or 0 for item in proposal.municipalities) == 1


def test_the_factors_are_explained() -> None:
    orsa = propose_quotas(100, THREE, SETTINGS).municipality("2034")
    labour = orsa.contribution(Factor.LABOUR_MARKET)
    assert labour.basis == 3_000
    assert labour.factor_share == Fraction(3_000, 40_500)
    assert labour.contribution == Fraction(43, 100) * Fraction(3_000, 40_500)
    population = orsa.contribution(Factor.POPULATION)
    assert population.factor_share == Fraction(7_000, 87_000)
    # Load: (40 + 5) in each of two years, no asylum seekers; county: 2·200 + 50 + 20 + 90 + 2·80 + 10 = 730.
    assert orsa.reception_load == 90
    assert orsa.reception_per_inhabitant == Fraction(90, 7_000)
    reception = orsa.contribution(Factor.RECEPTION)
    assert reception.basis == 7_000 / (1 + Fraction(90, 7_000) / Fraction(730, 87_000))
    housing = orsa.contribution(Factor.HOUSING)
    assert housing.weight == 0 and housing.factor_share is None and housing.contribution == 0


def test_more_earlier_reception_lowers_the_share() -> None:
    twins = [municipality("2021", 10_000, received=10), municipality("2023", 10_000, received=10)]
    even = propose_quotas(10, [*twins, municipality("2026", 10_000, received=10)], SETTINGS)
    uneven = propose_quotas(10, [*twins, municipality("2026", 10_000, received=60)], SETTINGS)
    assert uneven.municipality("2026").share < even.municipality("2026").share
    assert uneven.municipality("2026").share < uneven.municipality("2021").share
    assert uneven.municipality("2021").share == uneven.municipality("2023").share


def test_asylum_seekers_lower_the_share_too() -> None:
    base = [municipality("2021", 10_000), municipality("2023", 10_000)]
    with_abo = propose_quotas(10, [base[0], municipality("2023", 10_000, abo=100)], SETTINGS)
    with_ebo = propose_quotas(10, [base[0], municipality("2023", 10_000, ebo=100)], SETTINGS)
    assert with_abo.municipality("2023").share < Fraction(1, 2)
    assert with_abo.municipality("2023").share == with_ebo.municipality("2023").share


def test_equal_reception_rates_leave_the_population_shares() -> None:
    proposal = propose_quotas(
        10, [municipality("2021", 10_000, received=50), municipality("2023", 30_000, received=150)], SETTINGS
    )
    for item in proposal.municipalities:
        assert item.contribution(Factor.RECEPTION).factor_share == item.contribution(Factor.POPULATION).factor_share
    nobody = propose_quotas(10, [municipality("2021", 10_000), municipality("2023", 30_000)], SETTINGS)
    assert nobody.municipality("2023").contribution(Factor.RECEPTION).factor_share == Fraction(3, 4)
    assert nobody.county_reception_per_inhabitant == 0


def test_an_employment_rate_counts_as_employed_equivalents() -> None:
    rates = [
        MunicipalityFactors("2021", "Vansbro", 6_800, Fraction(80, 100), {2018: Reception(35, 0)}, 0, 0),
        MunicipalityFactors("2080", "Falun", 58_000, Fraction(85, 100), {2018: Reception(208, 0)}, 0, 0),
    ]
    settings_ = ModelSettings(reception_years=(2018,), labour_market_measure=LabourMarketMeasure.EMPLOYMENT_RATE)
    proposal = propose_quotas(20, rates, settings_)
    assert proposal.municipality("2021").contribution(Factor.LABOUR_MARKET).basis == Fraction(80, 100) * 6_800
    with pytest.raises(ModelInputError, match=r"between 0 and 1 \(give 78.5 % as 0.785\)"):
        propose_quotas(
            20, [rates[0], MunicipalityFactors("2080", "Falun", 58_000, 85, {2018: Reception(1, 0)}, 0, 0)], settings_
        )


def test_housing_weighs_in_only_when_weighted() -> None:
    items = [
        municipality("2021", 10_000, housing=HousingMarket.SURPLUS),
        municipality("2023", 10_000, housing=HousingMarket.BALANCE),
        municipality("2026", 10_000, housing=HousingMarket.SHORTAGE),
    ]
    weighted = ModelSettings(reception_years=YEARS, weights=Weights(0, 0, 0, housing=1))
    shares = {item.code: item.share for item in propose_quotas(9, items, weighted).municipalities}
    assert shares == {"2021": Fraction(2, 3), "2023": Fraction(1, 3), "2026": 0}
    assert propose_quotas(9, items, SETTINGS).municipality("2026").contribution(Factor.HOUSING).factor_share == 0
    short = [municipality("2021", 10_000, housing=HousingMarket.SHORTAGE), municipality("2023", 10_000)]
    with pytest.raises(ModelInputError) as raised:
        propose_quotas(9, short, weighted)
    assert raised.value.problems == ("2023 Kommun 2023: housing market assessment is missing",)


def test_a_factor_without_weight_may_lack_data() -> None:
    bare = [
        MunicipalityFactors("2021", "Vansbro", 6_800, labour_market=3_000),
        MunicipalityFactors("2023", "Malung-Sälen", 10_100, labour_market=4_800),
    ]
    settings_ = ModelSettings(reception_years=YEARS, weights=Weights(labour_market=1, population=1, reception=0))
    proposal = propose_quotas(10, bare, settings_)
    vansbro = proposal.municipality("2021")
    assert vansbro.reception_load is None
    assert vansbro.contribution(Factor.RECEPTION).factor_share is None
    assert proposal.county_reception_per_inhabitant is None
    assert sum(proposal.quotas().values()) == 10


def test_every_input_problem_is_reported_at_once() -> None:
    broken = [
        MunicipalityFactors("2021", "Vansbro", 6_800, labour_market=None, reception={2017: Reception(3, 0)}),
        MunicipalityFactors("2023", "Malung-Sälen", 10_100, labour_market=-4, asylum_seekers_abo=1),
    ]
    with pytest.raises(ModelInputError) as raised:
        propose_quotas(10, broken, SETTINGS)
    assert raised.value.problems == (
        "2021 Vansbro: labour market (employed) is missing",
        "2023 Malung-Sälen: labour market (employed) must not be negative: -4",
        "2021 Vansbro: reception 2018 is missing",
        "2021 Vansbro: asylum seekers (ABO) is missing",
        "2021 Vansbro: asylum seekers (EBO) is missing",
        "2023 Malung-Sälen: reception 2017 is missing",
        "2023 Malung-Sälen: reception 2018 is missing",
        "2023 Malung-Sälen: asylum seekers (EBO) is missing",
    )


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        (Weights(1, -1, 1), "the weight of population must not be negative: -1"),
        (Weights(0, 0, 0), "every factor has weight 0"),
    ],
)
def test_bad_weights_are_refused(weights: Weights, message: str) -> None:
    with pytest.raises(ModelInputError, match=message):
        propose_quotas(10, THREE, ModelSettings(reception_years=YEARS, weights=weights))


def test_bad_municipalities_and_quotas_are_refused() -> None:
    with pytest.raises(ModelInputError) as raised:
        propose_quotas(-1, [*THREE, municipality("2034", 0)], SETTINGS)
    assert raised.value.problems == (
        "the county quota must be a non-negative whole number, not -1",
        "municipality 2034 is listed more than once",
        "2034 Kommun 2034: population must be a positive whole number, not 0",
    )
    with pytest.raises(ModelInputError, match="there are no municipalities"):
        propose_quotas(10, [], SETTINGS)
    with pytest.raises(ModelInputError, match="no years of earlier reception are chosen"):
        propose_quotas(10, THREE, ModelSettings(reception_years=()))
    nobody_works = [municipality("2021", 100, employed=0), municipality("2023", 100, employed=0)]
    with pytest.raises(ModelInputError, match="every municipality has 0 for labour_market"):
        propose_quotas(10, nobody_works, SETTINGS)


def test_ties_are_broken_by_code_and_reported() -> None:
    proposal = propose_quotas(
        2, [municipality("2085", 100), municipality("2021", 100), municipality("2062", 100)], SETTINGS
    )
    assert proposal.quotas() == {"2021": 1, "2062": 1, "2085": 0}
    assert proposal.tied == {"2021", "2062", "2085"}


@pytest.mark.parametrize("method", list(Method))
def test_any_method_gives_the_county_quota(method: Method) -> None:
    proposal = propose_quotas(57, THREE, ModelSettings(reception_years=YEARS, method=method))
    assert sum(proposal.quotas().values()) == 57


# Dalarna 2018 -----------------------------------------------------------------------------------------------

# Population 31 December 2017 (Statistics Sweden, via the shared scb/municip_data.csv, column pop of 2018).
# Reception 2018: the shipped Kommunmottagna export. Employment rates and asylum seekers are illustrative,
# not official figures: they only make the example realistic in size.
DALARNA = {
    # code: (name, population, employment rate %, asylum seekers ABO, EBO)
    "2021": ("Vansbro", 6_837, 80, 20, 5),
    "2023": ("Malung-Sälen", 10_114, 84, 30, 5),
    "2026": ("Gagnef", 10_241, 85, 0, 5),
    "2029": ("Leksand", 15_640, 84, 10, 10),
    "2031": ("Rättvik", 10_837, 82, 10, 5),
    "2034": ("Orsa", 6_887, 80, 20, 5),
    "2039": ("Älvdalen", 7_068, 81, 40, 5),
    "2061": ("Smedjebacken", 10_894, 80, 0, 15),
    "2062": ("Mora", 20_369, 84, 60, 20),
    "2080": ("Falun", 58_340, 83, 80, 60),
    "2081": ("Borlänge", 51_964, 77, 100, 120),
    "2082": ("Säter", 11_160, 83, 0, 10),
    "2083": ("Hedemora", 15_566, 78, 0, 30),
    "2084": ("Avesta", 23_256, 76, 0, 60),
    "2085": ("Ludvika", 26_992, 77, 40, 70),
}


def dalarna_factors() -> list[MunicipalityFactors]:
    name = "Kommunmottagna_enligt_ersattningsforordningen_2018.csv"
    with (FIXTURES / "municipalities.csv").open(encoding="utf-8", newline="") as file:
        everyone = {row["municipality_code"]: row["municipality_name"] for row in csv.DictReader(file)}
    export = parse_reception_export((FIXTURES / name).read_bytes(), file_name=name, municipalities=everyone)
    received = {row.code: row.total.persons for row in export.municipalities}
    return [
        MunicipalityFactors(
            code=code,
            name=name,
            population=population,
            labour_market=Fraction(rate, 100),
            reception={2018: Reception(newcomers=received[code], unaccompanied_minors=0)},
            asylum_seekers_abo=abo,
            asylum_seekers_ebo=ebo,
        )
        for code, (name, population, rate, abo, ebo) in DALARNA.items()
    ]


def test_a_dalarna_like_proposal_for_the_2018_county_quota() -> None:
    settings_ = ModelSettings(reception_years=(2018,), labour_market_measure=LabourMarketMeasure.EMPLOYMENT_RATE)
    proposal = propose_quotas(388, dalarna_factors(), settings_)
    quotas = proposal.quotas()
    assert len(quotas) == 15
    assert sum(quotas.values()) == 388
    assert sum(item.share for item in proposal.municipalities) == 1
    assert quotas == {
        "2021": 9,
        "2023": 14,
        "2026": 15,
        "2029": 22,
        "2031": 15,
        "2034": 9,
        "2039": 9,
        "2061": 15,
        "2062": 28,
        "2080": 82,
        "2081": 69,
        "2082": 16,
        "2083": 21,
        "2084": 29,
        "2085": 35,
    }
    assert proposal.tied == frozenset()
    # Avesta received the most per inhabitant in 2018 (193 + 60 for 23 256), so its reception factor
    # share lies below its population share.
    avesta = proposal.municipality("2084")
    reception_share = avesta.contribution(Factor.RECEPTION).factor_share
    population_share = avesta.contribution(Factor.POPULATION).factor_share
    assert reception_share is not None and population_share is not None
    assert reception_share < population_share
    final = adjust_quotas(
        proposal,
        [
            Adjustment("2084", quotas["2084"] - 3, "Bostadsbrist efter nedläggning av ett boende."),
            Adjustment("2080", quotas["2080"] + 3, "Falun har lediga lägenheter hos det kommunala bostadsbolaget."),
        ],
    )
    assert final.balanced
    assert final.total == 388


# Manual adjustment ----------------------------------------------------------------------------------------


def test_adjustments_say_whether_the_quotas_still_add_up() -> None:
    proposal = propose_quotas(100, THREE, SETTINGS)
    quotas = proposal.quotas()
    moved = adjust_quotas(
        proposal,
        [
            Adjustment("2034", quotas["2034"] + 1, "  Nytt boende för ensamkommande.  "),
            Adjustment("2080", quotas["2080"] - 1, "Avlastning."),
        ],
    )
    assert moved.balanced and moved.difference == 0
    assert moved.final() == {**quotas, "2034": quotas["2034"] + 1, "2080": quotas["2080"] - 1}
    orsa = next(item for item in moved.quotas if item.code == "2034")
    assert (orsa.proposed, orsa.final, orsa.adjusted, orsa.justification) == (
        quotas["2034"],
        quotas["2034"] + 1,
        True,
        "Nytt boende för ensamkommande.",
    )
    added = adjust_quotas(proposal, [Adjustment("2062", quotas["2062"] + 2, "Efter dialog med kommunen.")])
    assert not added.balanced
    assert (added.total, added.difference) == (102, 2)
    untouched = adjust_quotas(proposal, [])
    assert untouched.balanced and not any(item.adjusted for item in untouched.quotas)


def test_bad_adjustments_are_refused_together() -> None:
    proposal = propose_quotas(100, THREE, SETTINGS)
    with pytest.raises(ModelInputError) as raised:
        adjust_quotas(
            proposal,
            [
                Adjustment("2099", 3, "Okänd."),
                Adjustment("2034", -1, "Negativt."),
                Adjustment("2062", 5, "   "),
                Adjustment("2062", 6, "Två gånger."),
            ],
        )
    assert raised.value.problems == (
        "municipality 2099 is not in the proposal",
        "municipality 2034: the quota must be a non-negative whole number",
        "municipality 2062: an adjustment needs a justification",
        "municipality 2062 is adjusted more than once",
    )


# Properties -----------------------------------------------------------------------------------------------

factor_rows = st.lists(
    st.tuples(
        st.integers(min_value=1, max_value=200_000),  # population
        st.integers(min_value=0, max_value=100_000),  # employed
        st.integers(min_value=0, max_value=2_000),  # received per year
        st.integers(min_value=0, max_value=500),  # asylum seekers
    ),
    min_size=1,
    max_size=15,
)
weight_sets = st.tuples(*[st.integers(min_value=0, max_value=100)] * 3).filter(any)


def build(rows: list[tuple[int, int, int, int]]) -> list[MunicipalityFactors]:
    return [
        municipality(f"{2001 + index}", population, employed=max(employed, 1), received=received, abo=abo)
        for index, (population, employed, received, abo) in enumerate(rows)
    ]


@PROPERTY
@given(rows=factor_rows, weights=weight_sets, county_quota=st.integers(min_value=0, max_value=5_000))
def test_any_proposal_is_consistent(
    rows: list[tuple[int, int, int, int]], weights: tuple[int, int, int], county_quota: int
) -> None:
    proposal = propose_quotas(
        county_quota, build(rows), ModelSettings(reception_years=YEARS, weights=Weights(*weights))
    )
    assert sum(item.share for item in proposal.municipalities) == 1
    assert sum(proposal.quotas().values()) == county_quota
    for item in proposal.municipalities:
        assert all(part.contribution >= 0 for part in item.contributions)
        assert sum(part.contribution for part in item.contributions) == item.share
        assert math.floor(item.exact_quota) <= item.quota <= math.ceil(item.exact_quota)


@PROPERTY
@given(rows=factor_rows, extra=st.integers(min_value=1, max_value=1_000), data=st.data())
def test_more_reception_never_raises_a_share(
    rows: list[tuple[int, int, int, int]], extra: int, data: st.DataObject
) -> None:
    index = data.draw(st.integers(min_value=0, max_value=len(rows) - 1))
    more = [*rows]
    population, employed, received, abo = rows[index]
    more[index] = (population, employed, received, abo + extra)
    code = f"{2001 + index}"
    before = propose_quotas(100, build(rows), SETTINGS).municipality(code).share
    after = propose_quotas(100, build(more), SETTINGS).municipality(code).share
    assert after <= before
    others_received = any(r[2] or r[3] for i, r in enumerate(rows) if i != index)
    if others_received:
        assert after < before
