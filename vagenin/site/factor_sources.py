"""Settlement's factor data from the indicator store.

Settlement and indicators are sibling modules that do not import each other (docs/architecture.md); the site app
sits above both and connects them: it registers a source with `settlement.sources` that reads the official
series the indicator store holds. For the settlement year Y it takes, per municipality, the latest yearly figure
for a year before Y (the population on 31 December of Y−1, as the ordinance's model uses it), of the series'
headline breakdown, and never a figure the platform has withheld as a small count.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from vagenin.indicators.models import GeoLevel, IndicatorDefinition, Observation, PeriodKind, Unit, breakdown_key

KEY = "indicators"
# Factor -> the indicator code whose series stands for it: SCB's population and the employment rate 20–64
# (Kolada N00914, a percentage, given to the model as a share 0–1) as the labour-market measure. Asylum seekers
# have no official series in the store yet.
SERIES = {"population": "BE0101N1", "labour_market": "N00914"}


def factor_values(*, year: int, codes: Sequence[str]) -> Mapping[str, Mapping[str, Any]]:
    """Per municipality code, the factors the indicator store has a figure for (see the module's docstring)."""
    found: dict[str, dict[str, Any]] = {}
    definitions = IndicatorDefinition.objects.filter(code__in=SERIES.values())
    by_code = {definition.code: definition for definition in definitions}
    for field, code in SERIES.items():
        definition = by_code.get(code)
        if definition is None:
            continue
        rows = (
            Observation.objects.filter(
                indicator=definition,
                geo_level=GeoLevel.MUNICIPALITY,
                geo_code__in=list(codes),
                period_kind=PeriodKind.YEAR,
                period_code__lt=str(year),
                breakdown_key=breakdown_key(definition.headline or {}),
                value__isnull=False,
            )
            .order_by("geo_code", "-period_code")
            .values_list("geo_code", "value")
        )
        for geo_code, value in rows:
            if value is None:  # excluded by the filter; for the type checker
                continue
            if definition.unit == Unit.PERCENT:  # the model takes an employment rate as a share, 0–1
                value = (Decimal(value) / 100).quantize(Decimal("0.0001"))
            found.setdefault(geo_code, {}).setdefault(field, value)  # the latest year comes first
    return found


def register() -> None:
    from vagenin.settlement import sources

    sources.register(KEY, _("Statistik i plattformen (folkmängd, sysselsättning)"), factor_values)
