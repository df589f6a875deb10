"""Reference data for the action plan: the target groups initiatives are for."""

from __future__ import annotations

from vagenin.actionplan.models import TargetGroup
from vagenin.common.reference import LoadContext, RowError


def load_target_groups(ctx: LoadContext) -> None:
    for row in ctx.rows("vagenin/target_groups.csv", ["slug", "order", "name_sv", "name_en"]):
        try:
            order = row.integer("order")
        except RowError as exc:
            ctx.fail(row, str(exc))
            continue
        values = {"order": order, "name_sv": row["name_sv"], "name_en": row.get("name_en")}
        ctx.upsert(row, TargetGroup, {"slug": row["slug"]}, values)
