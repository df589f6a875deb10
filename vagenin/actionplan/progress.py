"""Progress, computed: an initiative tree's (a parent's progress is the weighted mean of its children's) and an
indicator's against the straight line from its baseline to its target. No Django here."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

DECREASE = "decrease"  # Indicator.Direction.DECREASE; anything else should increase


@dataclass(frozen=True)
class Node:
    """One initiative as the computation sees it."""

    id: int
    parent_id: int | None
    weight: int
    progress: int  # the approved progress of a leaf, 0–100; ignored for a parent


def rolled_up_progress(nodes: Iterable[Node]) -> dict[int, int]:
    """Progress per id: leaves keep their own, parents get the weighted mean of their children, rounded."""
    by_id: dict[int, Node] = {node.id: node for node in nodes}
    children: dict[int, list[int]] = {}
    for node in by_id.values():
        if node.parent_id is not None and node.parent_id in by_id:
            children.setdefault(node.parent_id, []).append(node.id)
    result: dict[int, float] = {}

    def compute(node_id: int, trail: frozenset[int]) -> float:
        if node_id in result:
            return result[node_id]
        if node_id in trail:
            raise ValueError(f"initiative {node_id} is its own ancestor")
        kids = children.get(node_id, [])
        if not kids:
            value = float(by_id[node_id].progress)
        else:
            total_weight = sum(by_id[kid].weight for kid in kids)
            if total_weight == 0:
                value = sum(compute(kid, trail | {node_id}) for kid in kids) / len(kids)
            else:
                value = sum(compute(kid, trail | {node_id}) * by_id[kid].weight for kid in kids) / total_weight
        result[node_id] = value
        return value

    for node_id in by_id:
        compute(node_id, frozenset())
    return {node_id: round(value) for node_id, value in result.items()}


def mean_progress(progress: Mapping[int, int], ids: Iterable[int]) -> int | None:
    """The unweighted mean progress of the given initiatives, or None when there are none."""
    values = [progress[i] for i in ids if i in progress]
    return round(sum(values) / len(values)) if values else None


def expected_value(
    *,
    baseline_value: Decimal,
    baseline_date: datetime.date,
    target_value: Decimal,
    target_date: datetime.date,
    on: datetime.date,
) -> Decimal:
    """The value on a straight line from baseline to target on the given date (flat before and after)."""
    if on <= baseline_date:
        return baseline_value
    if on >= target_date:
        return target_value
    share = Decimal((on - baseline_date).days) / Decimal((target_date - baseline_date).days)
    return baseline_value + (target_value - baseline_value) * share


def is_off_target(*, direction: str, actual: Decimal, expected: Decimal) -> bool:
    """Behind the line: below it for an indicator that should increase, above it for one that should decrease."""
    if direction == DECREASE:
        return actual > expected
    return actual < expected


def indicator_standing(
    *,
    direction: str,
    baseline_value: Decimal,
    baseline_date: datetime.date,
    target_value: Decimal,
    target_date: datetime.date,
    actual: Decimal,
    on: datetime.date,
) -> tuple[Decimal, bool]:
    """(the expected value on the actual's date, rounded to two decimals as values are stored; off target?)"""
    expected = expected_value(
        baseline_value=baseline_value,
        baseline_date=baseline_date,
        target_value=target_value,
        target_date=target_date,
        on=on,
    ).quantize(Decimal("0.01"))
    return expected, is_off_target(direction=direction, actual=actual, expected=expected)
