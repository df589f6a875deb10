"""Template tags for the action plan's charts: an indicator's line chart for the initiative page."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from vagenin.actionplan import charts
from vagenin.actionplan.models import Indicator
from vagenin.actionplan.progress import indicator_standing

register = template.Library()


def _number(value: charts.Number) -> str:
    return str(floatformat(value, "-2g"))


def _date(value: datetime.date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def indicator_summary(indicator: Indicator, actuals: list[tuple[datetime.date, Decimal]]) -> str:
    """One sentence: where the latest approved actual stands against the line from baseline to target."""
    values = {
        "unit": indicator.unit,
        "baseline": _number(indicator.baseline_value),
        "baseline_date": _date(indicator.baseline_date),
        "target": _number(indicator.target_value),
        "target_date": _date(indicator.target_date),
    }
    if not actuals:
        return (
            _(
                "Inget utfall är rapporterat ännu; utgångsvärdet är %(baseline)s %(unit)s (%(baseline_date)s) "
                "och målet %(target)s %(unit)s till %(target_date)s."
            )
            % values
        )
    latest_date, latest_value = actuals[-1]
    expected, off_target = indicator_standing(
        direction=indicator.direction,
        baseline_value=indicator.baseline_value,
        baseline_date=indicator.baseline_date,
        target_value=indicator.target_value,
        target_date=indicator.target_date,
        actual=latest_value,
        on=latest_date,
    )
    values.update({"actual": _number(latest_value), "date": _date(latest_date), "expected": _number(expected)})
    if off_target:
        text = _(
            "Senaste utfallet, %(actual)s %(unit)s (%(date)s), ligger efter planen: en rak linje mot målet "
            "%(target)s %(unit)s till %(target_date)s ger %(expected)s vid den tidpunkten."
        )
    else:
        text = _(
            "Senaste utfallet, %(actual)s %(unit)s (%(date)s), följer planen: en rak linje mot målet "
            "%(target)s %(unit)s till %(target_date)s ger %(expected)s vid den tidpunkten."
        )
    return text % values


@register.simple_tag
def indicator_chart(indicator: Indicator) -> SafeString:
    """A line chart of the indicator's plan (baseline to target) and approved actuals, with its summary."""
    # .all() uses the detail view's prefetch (ordered by period end); sorting again costs nothing.
    actuals = sorted((actual.period_end, actual.value) for actual in indicator.actuals.all())
    summary = indicator_summary(indicator, actuals)
    plan = charts.Series(
        _("Plan: rak linje från utgångsvärde till mål"),
        [
            charts.Point(indicator.baseline_date, indicator.baseline_value),
            charts.Point(indicator.target_date, indicator.target_value),
        ],
        colour=charts.ACCENT,
        dashed=True,
        marker="square",
    )
    outcome = charts.Series(
        _("Utgångsvärde och godkända utfall"),
        [charts.Point(indicator.baseline_date, indicator.baseline_value)]
        + [charts.Point(when, value) for when, value in actuals],
    )
    svg = charts.line_chart(
        chart_id=f"indicator-chart-{indicator.uuid}",
        title=_("%(indicator)s (%(unit)s) över tid") % {"indicator": indicator.name, "unit": indicator.unit},
        description=summary,
        series=[plan, outcome],
        number=_number,
        date=_date,
    )
    # line_chart escapes every text and attribute it writes.
    return format_html(
        '<figure class="indicator-chart">{}<figcaption>{}</figcaption></figure>',
        mark_safe(svg),
        summary,
    )
