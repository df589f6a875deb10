"""Apportion a whole number among parties in proportion to exact weights. No Django here.

Three methods, all computed in exact rational arithmetic (``fractions.Fraction`` and integers), so a result
never depends on float rounding and is the same on every machine:

- **Largest remainder** (Hamilton, Hare quota): every party first gets the whole part of its exact quota
  ``total × weight / sum of weights``; the places left over go one each to the largest fractional remainders.
- **Sainte-Laguë** (Webster): a divisor method with divisors 1, 3, 5, …; the places go one at a time to the
  party with the highest ``weight / (2s + 1)``, where ``s`` is the number of places it already has.
- **D'Hondt** (Jefferson): the same with divisors 1, 2, 3, …, i.e. the highest ``weight / (s + 1)``.

The divisor methods are not computed place by place (that would take ``total`` steps): every party first
gets the places whose priority lies strictly above the standard divisor ``sum of weights / total``, which is
an exact prefix of the place-by-place order, and at most one step per party then adds or removes the
marginal places. So totals of any size cost the same few steps.

Ties are broken deterministically, never by input order or chance. Between two parties competing for the
same place with equal primary criterion (remainder for largest remainder, priority for the divisor
methods), the party with the larger weight (equivalently, larger exact quota) wins; if the weights are
equal too, the smaller key wins, in plain string order (four-digit municipality codes therefore sort as
numbers). :func:`apportion_detailed` reports which parties a tie-break decided, so a page can say so.

Edge cases: a total of 0 gives every party 0. Parties with weight 0 get nothing while any party has a
positive weight. If every weight is 0, there is no proportion to follow and the total is split as if all
weights were equal (the symmetric answer, with the same tie-breaks). An empty set of parties can only
share a total of 0. Negative totals or weights, NaN and infinities are refused with ``ValueError``; a
float weight is taken at its exact binary value (pass a ``Fraction`` or ``Decimal`` for decimal intent).

Known paradoxes, and how this module behaves (no apportionment method avoids them all: Balinski and
Young's impossibility theorem: with four or more parties, no method both stays within quota and is free of
the population paradox):

- **Alabama paradox** (largest remainder): raising the total can take a place from a party. With weights
  6, 6 and 2, a total of 10 gives 4, 4, 2, but a total of 11 gives 5, 5, 1 (the tests keep this example).
- **Population paradox** (largest remainder): a party whose weight grows relative to another's can lose a
  place to it. With a total of 10, weights 5, 1 and 12 give 3, 0, 7; when they become 6, 1 and 19, the
  first party has grown and the second has not, yet the first drops to 2 and the second gets 1. The
  settlement model recomputes shares from fresh figures each year, so a municipality can see its quota
  fall while its factors improved; the exact quotas are returned beside the whole numbers so a page can
  show and explain this.
- **Quota violations** (divisor methods): D'Hondt and Sainte-Laguë are free of both paradoxes (they are
  house and population monotone) but can give a party more than the ceiling of its exact quota (D'Hondt
  favours large parties and never gives less than the floor) or, rarely, less than the floor
  (Sainte-Laguë). Largest remainder always gives the floor or the ceiling of the exact quota.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from types import MappingProxyType
from typing import TypeAlias

Weight: TypeAlias = Fraction | int | float | Decimal


class Method(StrEnum):
    """An apportionment method."""

    LARGEST_REMAINDER = "largest_remainder"
    SAINTE_LAGUE = "sainte_lague"
    DHONDT = "dhondt"


@dataclass(frozen=True)
class Apportionment:
    """Whole numbers per party, the exact quotas they come from, and the parties a tie-break decided."""

    method: Method
    total: int
    seats: Mapping[str, int]
    quotas: Mapping[str, Fraction]
    tied: frozenset[str]


def exact_weight(value: Weight, *, name: str = "weight") -> Fraction:
    """A weight as an exact non-negative fraction; refuses negatives, NaN, infinities and non-numbers."""
    if isinstance(value, bool) or not isinstance(value, Fraction | int | float | Decimal):
        raise TypeError(f"{name} must be a number, not {type(value).__name__}")
    if (isinstance(value, Decimal) and not value.is_finite()) or (
        isinstance(value, float) and not math.isfinite(value)
    ):
        raise ValueError(f"{name} must be finite, not {value}")
    exact = Fraction(value)
    if exact < 0:
        raise ValueError(f"{name} must not be negative: {value}")
    return exact


def _check_total(total: int) -> None:
    """Refuse a total that is not a non-negative int."""
    if isinstance(total, bool) or not isinstance(total, int):
        raise TypeError(f"the total must be an int, not {type(total).__name__}")
    if total < 0:
        raise ValueError(f"the total must not be negative: {total}")


def _exact_weights(total: int, weights: Mapping[str, Weight]) -> dict[str, Fraction]:
    """Validated exact weights; all-zero weights become equal weights (see the module docstring)."""
    _check_total(total)
    exact = {key: exact_weight(value, name=f"the weight of {key!r}") for key, value in weights.items()}
    if not exact and total > 0:
        raise ValueError(f"there are no parties to share a total of {total} among")
    if exact and not any(exact.values()):
        return dict.fromkeys(exact, Fraction(1))
    return exact


def exact_quotas(total: int, weights: Mapping[str, Weight]) -> dict[str, Fraction]:
    """Each party's exact quota, total × weight / sum of weights, in the mapping's order; they sum to total."""
    exact = _exact_weights(total, weights)
    weight_sum = sum(exact.values(), Fraction(0))
    return {key: total * weight / weight_sum for key, weight in exact.items()}


def apportion(total: int, weights: Mapping[str, Weight], method: Method = Method.LARGEST_REMAINDER) -> dict[str, int]:
    """Whole numbers per party summing exactly to total, in the mapping's order."""
    return dict(apportion_detailed(total, weights, method).seats)


def apportion_detailed(
    total: int, weights: Mapping[str, Weight], method: Method = Method.LARGEST_REMAINDER
) -> Apportionment:
    """Whole numbers per party with their exact quotas and the parties whose result a tie-break decided."""
    exact = _exact_weights(total, weights)
    weight_sum = sum(exact.values(), Fraction(0))
    quotas = {key: total * weight / weight_sum for key, weight in exact.items()} if exact else {}
    if total == 0:
        seats, tied = dict.fromkeys(exact, 0), frozenset[str]()
    elif method is Method.LARGEST_REMAINDER:
        seats, tied = _largest_remainder(total, exact, quotas)
    else:
        seats, tied = _divisor_method(total, exact, quotas, webster=method is Method.SAINTE_LAGUE)
    return Apportionment(
        method=Method(method),
        total=total,
        seats=MappingProxyType({key: seats[key] for key in exact}),
        quotas=MappingProxyType(quotas),
        tied=tied,
    )


def _ranks(keys: Mapping[str, object]) -> dict[str, int]:
    """Each key's position in string order: the last tie-break, as an integer so it can be negated."""
    return {key: rank for rank, key in enumerate(sorted(keys))}


def _largest_remainder(
    total: int, weights: dict[str, Fraction], quotas: dict[str, Fraction]
) -> tuple[dict[str, int], frozenset[str]]:
    """Floors of the exact quotas, then one more each for the largest remainders."""
    seats = {key: math.floor(quota) for key, quota in quotas.items()}
    remainders = {key: quotas[key] - seats[key] for key in quotas}
    left = total - sum(seats.values())
    rank = _ranks(weights)
    order = sorted(weights, key=lambda key: (-remainders[key], -weights[key], rank[key]))
    for key in order[:left]:
        seats[key] += 1
    tied: frozenset[str] = frozenset()
    if 0 < left < len(order) and remainders[order[left - 1]] == remainders[order[left]]:
        cut = remainders[order[left]]
        tied = frozenset(key for key in order if remainders[key] == cut)
    return seats, tied


def _divisor_method(
    total: int, weights: dict[str, Fraction], quotas: dict[str, Fraction], *, webster: bool
) -> tuple[dict[str, int], frozenset[str]]:
    """The highest-averages allocation, from a prefix of the place-by-place order plus the margin."""
    # Priority of a party's n-th place (n ≥ 1): weight / n for D'Hondt, weight / (n − 1/2) for Sainte-Laguë,
    # which orders places exactly as weight / (2n − 1). Against the standard divisor sum/total, a place has
    # priority strictly above it when n < quota (+ 1/2 for Sainte-Laguë): that many places form an exact
    # prefix of the place-by-place order whatever the tie-breaks, so only the margin is left to settle.
    offset = Fraction(1, 2) if webster else Fraction(0)

    def priority(key: str, place: int) -> Fraction:
        return weights[key] / (place - offset)

    seats = {key: max(0, math.ceil(quota + offset) - 1) for key, quota in quotas.items()}
    rank = _ranks(weights)
    given = sum(seats.values())
    if given < total:
        # Add the best next places: highest priority, then larger weight, then smaller key.
        best = [(-priority(key, seats[key] + 1), -weights[key], rank[key], key) for key in weights]
        heapq.heapify(best)
        for _ in range(total - given):
            _, _, _, key = heapq.heappop(best)
            seats[key] += 1
            heapq.heappush(best, (-priority(key, seats[key] + 1), -weights[key], rank[key], key))
    elif given > total:
        # Take back the worst places given: lowest priority, then smaller weight, then larger key.
        worst = [(priority(key, seats[key]), weights[key], -rank[key], key) for key in weights if seats[key] > 0]
        heapq.heapify(worst)
        for _ in range(given - total):
            _, _, _, key = heapq.heappop(worst)
            seats[key] -= 1
            if seats[key] > 0:
                heapq.heappush(worst, (priority(key, seats[key]), weights[key], -rank[key], key))
    last_in = min(priority(key, seats[key]) for key in weights if seats[key] > 0)
    first_out = max(priority(key, seats[key] + 1) for key in weights)
    tied: frozenset[str] = frozenset()
    if last_in == first_out:
        tied = frozenset(
            key
            for key in weights
            if priority(key, seats[key] + 1) == last_in or (seats[key] > 0 and priority(key, seats[key]) == last_in)
        )
    return seats, tied
