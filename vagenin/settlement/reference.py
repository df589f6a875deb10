"""Reference data for settlement: Dalarna's county quota (länstal) per year, as the ordinances set it.

`reference/settlement/dalarna_lanstal.csv` is the shared file copied unchanged: one row per ordinance or
revision (year, version, national_total, dalarna_lanstal, source). A year may have several rows (a
revision during the year); they are kept in the file's order. An empty Dalarna figure stays empty: the
year's county quota is then the latest figure that was stated, and the page says a later revision has no
figure for the county.
"""

from __future__ import annotations

import datetime
import re

from vagenin.common.reference import LoadContext, RowError
from vagenin.organisations.models import County
from vagenin.settlement.models import HOME_COUNTY_CODE, CountyQuotaRevision, SettlementYear

FILE = "settlement/dalarna_lanstal.csv"
ORDINANCE = re.compile(r"SFS \d{4}:\d+")
EFFECTIVE = re.compile(r"from (\d{4}-\d{2}-\d{2})")


def load_county_quotas(ctx: LoadContext) -> None:
    county = County.objects.filter(code=HOME_COUNTY_CODE).first()
    order: dict[int, int] = {}
    for row in ctx.rows(FILE, ["year", "version", "national_total", "dalarna_lanstal", "source"]):
        if county is None:
            ctx.fail(row, f"county {HOME_COUNTY_CODE} is not loaded")
            return
        try:
            year = row.integer("year")
            national = row.integer("national_total") if row.get("national_total") else None
            quota = row.integer("dalarna_lanstal") if row.get("dalarna_lanstal") else None
            effective = EFFECTIVE.search(row["version"])
            effective_from = datetime.date.fromisoformat(effective[1]) if effective else None
        except (RowError, ValueError) as exc:
            ctx.fail(row, str(exc))
            continue
        settlement_year = ctx.upsert(row, SettlementYear, {"year": year, "county": county}, {})
        if settlement_year is None:
            continue
        index = order.get(year, 0)
        order[year] = index + 1
        ordinance = ORDINANCE.search(row["version"])
        ctx.upsert(
            row,
            CountyQuotaRevision,
            {"settlement_year": settlement_year, "order": index},
            {
                "version": row["version"],
                "ordinance": ordinance[0] if ordinance else "",
                "effective_from": effective_from,
                "national_total": national,
                "county_quota": quota,
                "source": row["source"][:300],
            },
        )
