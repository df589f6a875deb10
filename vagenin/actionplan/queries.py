"""Reads of the action plan that several parts share: the progress roll-up of initiative trees.

The computation itself is pure (`progress.py`); this module fetches what it needs in one query.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

from vagenin.actionplan.models import Initiative
from vagenin.actionplan.progress import Node, rolled_up_progress


def tree_progress(initiatives: Iterable[Initiative]) -> dict[int, int]:
    """Rolled-up progress of the given initiatives from their children and grandchildren, in one query.

    Sub-initiatives may not have sub-initiatives of their own (the forms and the import refuse it), so two
    levels below cover every tree; a deeper level would count with its own stored progress.
    """
    rows: dict[int, tuple[int | None, int, int]] = {
        initiative.pk: (initiative.parent_id, initiative.weight, initiative.progress) for initiative in initiatives
    }
    if rows:
        below = Initiative.objects.filter(Q(parent_id__in=rows) | Q(parent__parent_id__in=rows))
        for pk, parent_id, weight, progress in below.values_list("pk", "parent_id", "weight", "progress"):
            rows.setdefault(pk, (parent_id, weight, progress))
    nodes = [
        Node(id=pk, parent_id=parent, weight=weight, progress=progress)
        for pk, (parent, weight, progress) in rows.items()
    ]
    return rolled_up_progress(nodes)


def family_progress(initiative: Initiative, children: list[Initiative]) -> dict[int, int]:
    """The rolled-up progress of an initiative and its sub-initiatives, from rows already read.

    Sub-initiatives have no sub-initiatives of their own (the forms and the import refuse it), so the children
    are the whole tree below: the page that lists them needs no query for the roll-up.
    """
    nodes = [
        Node(id=node.pk, parent_id=node.parent_id, weight=node.weight, progress=node.progress)
        for node in [initiative, *children]
    ]
    return rolled_up_progress(nodes)
