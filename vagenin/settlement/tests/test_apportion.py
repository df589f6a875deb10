"""Apportionment: worked examples, edge cases, the Alabama paradox and properties, without a database."""

from __future__ import annotations

import ast
import math
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vagenin.settlement.apportion import Method, Weight, apportion, apportion_detailed, exact_quotas

# Derandomised, so every run (and CI) tries the same examples; no example database on disk.
PROPERTY = settings(derandomize=True, database=None, max_examples=60, deadline=None)
DIVISOR_METHODS = [Method.SAINTE_LAGUE, Method.DHONDT]

codes = st.text(alphabet="0123456789", min_size=4, max_size=4)
weight_values = st.one_of(
    st.integers(min_value=0, max_value=10**6),
    st.fractions(min_value=0, max_value=1000, max_denominator=1000),
    st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False),
)
weight_maps = st.dictionaries(codes, weight_values, min_size=1, max_size=12)
totals = st.one_of(st.integers(min_value=0, max_value=400), st.integers(min_value=0, max_value=10**30))


def sequential(total: int, weights: Mapping[str, Weight], method: Method) -> dict[str, int]:
    """Reference divisor method: one place at a time to the highest priority (then larger weight, smaller key)."""
    exact = {key: Fraction(value) for key, value in weights.items()}
    if not any(exact.values()):
        exact = dict.fromkeys(exact, Fraction(1))
    seats = dict.fromkeys(exact, 0)
    step = 2 if method is Method.SAINTE_LAGUE else 1  # divisors 1, 3, 5, … or 1, 2, 3, …
    for _ in range(total):
        best = min(exact, key=lambda key: (-exact[key] / (step * seats[key] + 1), -exact[key], key))
        seats[best] += 1
    return seats


# Worked examples ------------------------------------------------------------------------------------------

TEXTBOOK = {"A": 100_000, "B": 80_000, "C": 30_000, "D": 20_000}


def test_sainte_lague_textbook_example() -> None:
    # Wikipedia, "Sainte-Laguë method": 8 seats, quotients 100 000, 80 000, 33 333, 30 000, 26 667, 20 000 ×2, 16 000.
    assert apportion(8, TEXTBOOK, Method.SAINTE_LAGUE) == {"A": 3, "B": 3, "C": 1, "D": 1}


def test_dhondt_textbook_example() -> None:
    # The same votes under D'Hondt (Wikipedia, "D'Hondt method" comparison): the largest party gains a seat.
    assert apportion(8, TEXTBOOK, Method.DHONDT) == {"A": 4, "B": 3, "C": 1, "D": 0}


def test_largest_remainder_textbook_example() -> None:
    # Wikipedia, "Largest remainder method", Hare quota: 10 seats, 100 000 votes.
    votes = {"yellow": 47_000, "white": 16_000, "red": 15_800, "green": 12_000, "blue": 6_100, "pink": 3_100}
    assert apportion(10, votes, Method.LARGEST_REMAINDER) == {
        "yellow": 5,
        "white": 2,
        "red": 1,
        "green": 1,
        "blue": 1,
        "pink": 0,
    }
    assert apportion(10, votes, Method.SAINTE_LAGUE) == sequential(10, votes, Method.SAINTE_LAGUE)
    assert apportion(10, votes, Method.DHONDT) == {"yellow": 5, "white": 2, "red": 2, "green": 1, "blue": 0, "pink": 0}


def test_exact_quotas_are_exact() -> None:
    quotas = exact_quotas(10, {"a": 1, "b": 2})
    assert quotas == {"a": Fraction(10, 3), "b": Fraction(20, 3)}
    assert sum(quotas.values()) == 10


def test_the_alabama_paradox_of_largest_remainder() -> None:
    """Raising the total from 10 to 11 takes a place from C; the divisor methods never do that."""
    weights = {"A": 6, "B": 6, "C": 2}
    assert apportion(10, weights) == {"A": 4, "B": 4, "C": 2}
    assert apportion(11, weights) == {"A": 5, "B": 5, "C": 1}
    for method in DIVISOR_METHODS:
        assert apportion(11, weights, method)["C"] >= apportion(10, weights, method)["C"]


def test_the_population_paradox_of_largest_remainder() -> None:
    """A grows by a fifth and B not at all, yet A loses a place to B; the divisor methods never do that."""
    before, after = {"A": 5, "B": 1, "C": 12}, {"A": 6, "B": 1, "C": 19}
    assert apportion(10, before) == {"A": 3, "B": 0, "C": 7}
    assert apportion(10, after) == {"A": 2, "B": 1, "C": 7}
    for method in DIVISOR_METHODS:
        gained_a = apportion(10, after, method)["A"] - apportion(10, before, method)["A"]
        gained_b = apportion(10, after, method)["B"] - apportion(10, before, method)["B"]
        assert not (gained_a < 0 and gained_b > 0)


# Edge cases and ties --------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", list(Method))
def test_edge_cases(method: Method) -> None:
    assert apportion(0, {"a": 3, "b": 1}, method) == {"a": 0, "b": 0}
    assert apportion(0, {}, method) == {}
    assert apportion(7, {"only": 2}, method) == {"only": 7}
    assert apportion(5, {"a": 0, "b": 3}, method) == {"a": 0, "b": 5}
    # All weights zero: no proportion to follow, so split as if equal; ties go to the smaller key.
    assert apportion(5, {"b": 0, "a": 0}, method) == {"b": 2, "a": 3}
    huge = 10**40
    assert apportion(huge, {"x": 1, "y": 2, "z": Fraction(1, 3)}, method) == {
        "x": 3 * 10**39,
        "y": 6 * 10**39,
        "z": 10**39,
    }
    assert sum(apportion(huge + 1, {"x": 1, "y": 2, "z": Fraction(1, 3)}, method).values()) == huge + 1


@pytest.mark.parametrize("method", list(Method))
def test_invalid_input_is_refused(method: Method) -> None:
    with pytest.raises(ValueError, match="total must not be negative"):
        apportion(-1, {"a": 1}, method)
    with pytest.raises(ValueError, match="weight of 'b' must not be negative"):
        apportion(3, {"a": 1, "b": -1}, method)
    with pytest.raises(ValueError, match="must be finite"):
        apportion(3, {"a": float("nan")}, method)
    with pytest.raises(ValueError, match="must be finite"):
        apportion(3, {"a": Decimal("Infinity")}, method)
    with pytest.raises(ValueError, match="no parties"):
        apportion(3, {}, method)
    with pytest.raises(TypeError, match="must be an int"):
        apportion(2.0, {"a": 1}, method)  # type: ignore[arg-type]  # the refusal is what is tested
    with pytest.raises(TypeError, match="must be a number"):
        apportion(2, {"a": True}, method)


def test_floats_and_decimals_are_taken_exactly() -> None:
    assert apportion(3, {"a": Decimal("0.1"), "b": Decimal("0.2")}) == {"a": 1, "b": 2}
    assert exact_quotas(3, {"a": 0.5, "b": 0.25}) == {"a": 2, "b": 1}


@pytest.mark.parametrize("method", list(Method))
def test_a_tie_goes_to_the_smaller_key_and_is_reported(method: Method) -> None:
    result = apportion_detailed(3, {"2085": 1, "2021": 1, "2062": 1, "2034": 1}, method)
    assert dict(result.seats) == {"2085": 0, "2021": 1, "2062": 1, "2034": 1}
    assert result.tied == {"2021", "2034", "2062", "2085"}


@pytest.mark.parametrize("method", DIVISOR_METHODS)
def test_a_divisor_tie_goes_to_the_larger_weight(method: Method) -> None:
    # D'Hondt: a's second place (2/2) ties with b's first (1/1); Sainte-Laguë: a's 3/3 with b's 1/1.
    weights = {"b": 1, "a": 2} if method is Method.DHONDT else {"b": 1, "a": 3}
    result = apportion_detailed(2, weights, method)
    assert dict(result.seats) == {"b": 0, "a": 2}
    assert result.tied == {"a", "b"}


def test_a_remainder_tie_goes_to_the_larger_quota() -> None:
    # Quotas 1.5 and 0.5: equal remainders, the larger quota takes the last place.
    assert apportion_detailed(2, {"a": 1, "b": 3}).seats == {"a": 0, "b": 2}
    assert apportion_detailed(3, {"a": 1, "b": 2}).tied == frozenset()


def test_the_result_keeps_the_callers_order_and_reports_quotas() -> None:
    result = apportion_detailed(3, {"z": 1, "a": 2}, Method.DHONDT)
    assert list(result.seats) == ["z", "a"]
    assert result.quotas == {"z": 1, "a": 2}
    assert result.method is Method.DHONDT
    assert result.total == 3


# Properties -----------------------------------------------------------------------------------------------


@PROPERTY
@given(total=totals, weights=weight_maps, method=st.sampled_from(list(Method)))
def test_every_method_hands_out_exactly_the_total(total: int, weights: dict[str, Weight], method: Method) -> None:
    result = apportion(total, weights, method)
    assert sum(result.values()) == total
    assert all(seats >= 0 for seats in result.values())
    assert list(result) == list(weights)
    if any(Fraction(value) for value in weights.values()):
        assert all(result[key] == 0 for key, value in weights.items() if Fraction(value) == 0)


@PROPERTY
@given(total=totals, weights=weight_maps, method=st.sampled_from(list(Method)))
def test_results_do_not_depend_on_input_order_or_scale(total: int, weights: dict[str, Weight], method: Method) -> None:
    result = apportion(total, weights, method)
    assert apportion(total, dict(reversed(list(weights.items()))), method) == result
    assert apportion(total, {key: Fraction(value) * 7 for key, value in weights.items()}, method) == result
    assert apportion(total, weights, method) == result


@PROPERTY
@given(total=totals, weights=weight_maps)
def test_largest_remainder_stays_within_quota(total: int, weights: dict[str, Weight]) -> None:
    quotas = exact_quotas(total, weights)
    for key, seats in apportion(total, weights, Method.LARGEST_REMAINDER).items():
        assert math.floor(quotas[key]) <= seats <= math.ceil(quotas[key])


@PROPERTY
@given(total=totals, weights=weight_maps)
def test_dhondt_never_gives_less_than_the_lower_quota(total: int, weights: dict[str, Weight]) -> None:
    quotas = exact_quotas(total, weights)
    for key, seats in apportion(total, weights, Method.DHONDT).items():
        assert seats >= math.floor(quotas[key])


@PROPERTY
@given(total=st.integers(min_value=0, max_value=60), weights=weight_maps, method=st.sampled_from(DIVISOR_METHODS))
def test_divisor_methods_match_the_place_by_place_count(total: int, weights: dict[str, Weight], method: Method) -> None:
    assert apportion(total, weights, method) == sequential(total, weights, method)


@PROPERTY
@given(total=totals, weights=weight_maps, method=st.sampled_from(DIVISOR_METHODS))
def test_divisor_methods_are_house_monotone(total: int, weights: dict[str, Weight], method: Method) -> None:
    before, after = apportion(total, weights, method), apportion(total + 1, weights, method)
    assert all(after[key] >= before[key] for key in weights)


@PROPERTY
@given(
    total=st.integers(min_value=0, max_value=400),
    weights=weight_maps,
    method=st.sampled_from(DIVISOR_METHODS),
    growth=st.fractions(min_value=0, max_value=100, max_denominator=100),
    data=st.data(),
)
def test_divisor_methods_are_population_monotone(
    total: int, weights: dict[str, Weight], method: Method, growth: Fraction, data: st.DataObject
) -> None:
    """A party whose weight grows, others unchanged, never loses a place."""
    key = data.draw(st.sampled_from(sorted(weights)))
    grown = {**weights, key: Fraction(weights[key]) + growth}
    assert apportion(total, grown, method)[key] >= apportion(total, weights, method)[key]


def test_pure_modules_never_import_django() -> None:
    """The pure core imports nothing of Django and, of the project, only itself."""
    package = Path(__file__).parent.parent
    modules = [package / "apportion.py", package / "model.py", *sorted((package / "migrationsverket").glob("*.py"))]
    assert len(modules) == 7
    for module in modules:
        tree = ast.parse(module.read_text(encoding="utf-8"))
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert not any(name.startswith("django") for name in imported), (module, imported)
        project = {name for name in imported if name.startswith("vagenin")}
        assert all(name.startswith("vagenin.settlement.") for name in project), (module, imported)
        assert not any(".tests" in name for name in project), (module, imported)
