"""Progress of an initiative tree: a parent's progress is the weighted mean of its children's. No Django here."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


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
