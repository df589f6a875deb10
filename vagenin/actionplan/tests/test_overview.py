"""Overviews of the action plan: the pure aggregation and off-target rule, and the public page with its filters."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from testsupport.personas import PERSONA_NAMES, Personas, make_municipality
from vagenin.actionplan.models import IndicatorActual, InitiativePartner, ProgressReport, ReportStatus
from vagenin.actionplan.overview import figures as overview
from vagenin.actionplan.overview.figures import (
    Area,
    Indicator,
    Initiative,
    Municipality,
    Organisation,
    Plan,
    Theme,
    heat_level,
)
from vagenin.actionplan.overview.queries import QUERIES, load_plan
from vagenin.actionplan.progress import expected_value, is_off_target
from vagenin.actionplan.tests.builders import add_indicator, make_initiative, make_period
from vagenin.agreement.models import Area as AreaModel
from vagenin.agreement.models import FocusTheme

D = datetime.date
TODAY = D(2026, 5, 4)

# The pure part -------------------------------------------------------------------------------------


def _initiative(pk: int, **fields: Any) -> Initiative:
    defaults: dict[str, Any] = {
        "slug": f"i{pk}",
        "title": f"Insats {pk}",
        "summary": "",
        "parent_id": None,
        "weight": 1,
        "progress": 0,
        "status": "ongoing",
        "status_label": "Pågående",
        "starts_on": None,
        "ends_on": None,
        "published": True,
        "whole_county": False,
        "lead_id": 1,
    }
    return Initiative(id=pk, **{**defaults, **fields})


WORK, HEALTH = Area(1, 1, "Vägen till arbete", "Arbete", "arbete"), Area(2, 2, "Vägen till hälsa", "Hälsa", "halsa")
JOBS, BUSINESS, EARLY = (
    Theme(10, 1, 1, "Jobb", "jobb"),
    Theme(11, 1, 2, "Företag", "foretag"),
    Theme(20, 2, 1, "Tidigt", "t"),
)
FALUN, MORA, AVESTA = (
    Municipality(100, "2080", "Falun"),
    Municipality(101, "2062", "Mora"),
    Municipality(102, "2084", "Avesta"),
)
ORGS = {1: Organisation(1, "Avesta kommun", "avesta"), 2: Organisation(2, "Arbetsförmedlingen", "af")}


def _plan(*initiatives: Initiative, indicators: tuple[Indicator, ...] = ()) -> Plan:
    return Plan(
        areas=(WORK, HEALTH),
        themes=(JOBS, BUSINESS, EARLY),
        municipalities=(FALUN, MORA, AVESTA),
        organisations=ORGS,
        initiatives=initiatives,
        indicators=indicators,
    )


def test_heat_levels_step_evenly_up_to_the_largest_value() -> None:
    assert [heat_level(v, 8) for v in (0, 1, 2, 3, 4, 5, 6, 7, 8)] == [0, 1, 1, 2, 2, 3, 3, 4, 4]
    assert heat_level(1, 1) == 4
    assert heat_level(0, 0) == 0


def test_an_initiative_counts_once_per_area_and_theme_it_serves() -> None:
    both = _initiative(1, theme_ids=(10, 11, 20))
    plan = _plan(both, _initiative(2, theme_ids=(10,)), _initiative(3, theme_ids=(20,), published=False))
    shown = plan.shown(include_drafts=False)
    assert [(c.label, c.count) for c in overview.counts_per_area(plan, shown)] == [
        ("Vägen till arbete", 2),
        ("Vägen till hälsa", 1),
    ]
    assert [(c.theme.slug, c.count) for c in overview.counts_per_theme(plan, shown)] == [
        ("jobb", 2),
        ("foretag", 1),
        ("t", 1),
    ]
    assert [c.count for c in overview.counts_per_area(plan, plan.shown(include_drafts=True))] == [2, 2]


def test_whole_county_initiatives_count_in_every_municipality() -> None:
    plan = _plan(
        _initiative(1, theme_ids=(10,), whole_county=True),
        _initiative(2, theme_ids=(10, 20), municipality_ids=(101,)),
    )
    matrix = overview.municipality_matrix(plan, plan.shown(include_drafts=False))
    assert matrix.rows == [(100, "Falun"), (101, "Mora"), (102, "Avesta")]
    assert matrix.columns == [(1, "Arbete"), (2, "Hälsa")]
    assert matrix.cells == [[1, 0], [2, 1], [1, 0]]
    # Totals count each initiative once, even when it serves two areas.
    assert matrix.row_totals == [1, 2, 1]
    assert matrix.column_totals == [2, 1]
    assert matrix.total == 2
    assert matrix.table()[1] == ("Mora", [(2, 4), (1, 2)], 2)


def test_the_organisation_matrix_counts_the_lead_and_every_partner() -> None:
    plan = _plan(
        _initiative(1, theme_ids=(10,), lead_id=1, partner_ids=(2,)),
        _initiative(2, theme_ids=(20,), lead_id=2, partner_ids=(2,)),
    )
    matrix = overview.organisation_matrix(plan, plan.shown(include_drafts=False))
    assert matrix.rows == [(2, "Arbetsförmedlingen"), (1, "Avesta kommun")]
    assert matrix.cells == [[1, 1], [1, 0]]
    assert matrix.row_totals == [2, 1]


def test_progress_per_area_is_the_mean_of_rolled_up_top_level_initiatives() -> None:
    plan = _plan(
        _initiative(1, theme_ids=(10,), progress=99),  # a parent: its own value is ignored
        _initiative(2, theme_ids=(10,), parent_id=1, progress=20),
        _initiative(3, theme_ids=(10,), parent_id=1, progress=60),
        _initiative(4, theme_ids=(10,), progress=80),
    )
    shown = plan.shown(include_drafts=False)
    rows = overview.progress_per_area(plan, shown, plan.progress())
    assert [(row.area.slug, row.progress, row.initiatives) for row in rows] == [("arbete", 60, 2), ("halsa", None, 0)]


def test_ending_within_keeps_running_initiatives_ending_in_the_window() -> None:
    initiatives = [
        _initiative(1, ends_on=TODAY + datetime.timedelta(days=90)),
        _initiative(2, ends_on=TODAY + datetime.timedelta(days=91)),
        _initiative(3, ends_on=TODAY - datetime.timedelta(days=1)),
        _initiative(4, ends_on=TODAY, title="A först"),
        _initiative(5, ends_on=TODAY + datetime.timedelta(days=3), status="completed"),
        _initiative(6),
    ]
    assert [i.id for i in overview.ending_within(initiatives, today=TODAY, days=90)] == [4, 1]
    assert [i.id for i in overview.ending_within(initiatives, today=TODAY, days=91)] == [4, 1, 2]


def test_expected_value_follows_a_straight_line_and_is_flat_outside_it() -> None:
    line: dict[str, Any] = {
        "baseline_value": Decimal(0),
        "baseline_date": D(2025, 1, 1),
        "target_value": Decimal(100),
        "target_date": D(2025, 1, 11),
    }
    assert expected_value(**line, on=D(2025, 1, 6)) == Decimal(50)
    assert expected_value(**line, on=D(2024, 6, 1)) == Decimal(0)
    assert expected_value(**line, on=D(2030, 1, 1)) == Decimal(100)
    falling = {**line, "baseline_value": Decimal(40), "target_value": Decimal(10)}
    assert expected_value(**falling, on=D(2025, 1, 3)) == Decimal(34)


def test_off_target_respects_the_direction() -> None:
    assert is_off_target(direction="increase", actual=Decimal(49), expected=Decimal(50))
    assert not is_off_target(direction="increase", actual=Decimal(50), expected=Decimal(50))
    assert is_off_target(direction="decrease", actual=Decimal(35), expected=Decimal(34))
    assert not is_off_target(direction="decrease", actual=Decimal(30), expected=Decimal(34))


def _indicator(pk: int, initiative: int, **fields: Any) -> Indicator:
    defaults: dict[str, Any] = {
        "name": f"Indikator {pk}",
        "unit": "personer",
        "direction": "increase",
        "baseline_value": Decimal(0),
        "baseline_date": D(2025, 1, 1),
        "target_value": Decimal(100),
        "target_date": D(2025, 1, 11),
    }
    return Indicator(id=pk, initiative_id=initiative, **{**defaults, **fields})


def test_indicators_off_target_uses_the_latest_actual_of_shown_initiatives() -> None:
    indicators = (
        _indicator(1, 1, latest_value=Decimal(40), latest_date=D(2025, 1, 6)),  # expected 50: behind
        _indicator(2, 1, latest_value=Decimal(60), latest_date=D(2025, 1, 6)),  # ahead
        _indicator(3, 1),  # nothing reported
        _indicator(4, 2, latest_value=Decimal(0), latest_date=D(2025, 1, 6)),  # a draft's: not shown
        _indicator(
            5,
            1,
            direction="decrease",
            baseline_value=Decimal(40),
            target_value=Decimal(10),
            latest_value=Decimal(36),
            latest_date=D(2025, 1, 3),
        ),
    )
    plan = _plan(_initiative(1), _initiative(2, published=False), indicators=indicators)
    found = overview.indicators_off_target(plan, plan.shown(include_drafts=False))
    assert [(o.indicator.id, o.expected, o.gap) for o in found] == [
        (1, Decimal(50), Decimal(10)),
        (5, Decimal(34), Decimal(2)),
    ]
    assert overview.indicator_status(indicators[2]) is None


# The page ----------------------------------------------------------------------------------------


def _health_theme() -> FocusTheme:
    period = make_period()
    area, _ = AreaModel.objects.get_or_create(
        period=period, slug="halsa", defaults={"number": 2, "name_sv": "Vägen till hälsa", "short_name_sv": "Hälsa"}
    )
    theme, _ = FocusTheme.objects.get_or_create(area=area, slug="tidiga", defaults={"number": 1, "name_sv": "Tidiga"})
    return theme


def _approve_actual(initiative: Any, indicator: Any, value: int, end: datetime.date) -> None:
    report = ProgressReport.objects.create(
        initiative=initiative,
        period_start=end.replace(day=1),
        period_end=end,
        narrative="x",
        progress=0,
        status=ReportStatus.APPROVED,
    )
    IndicatorActual.objects.create(
        indicator=indicator, period_start=end.replace(day=1), period_end=end, value=Decimal(value), report=report
    )


@pytest.fixture
def plan(personas: Personas) -> dict[str, Any]:
    make_municipality("2062", "Mora")
    county = make_initiative(personas.org_a, "Hela länet", whole_county=True, ends_on=D(2026, 6, 1), status="ongoing")
    county.themes.add(_health_theme())
    lagging = make_initiative(personas.org_b, "Släpar efter", progress=30)
    InitiativePartner.objects.create(initiative=lagging, organisation=personas.org_a)
    indicator = add_indicator(lagging)  # 0 → 100 from 2025-01-01 to 2027-12-31
    _approve_actual(lagging, indicator, 10, D(2026, 1, 31))
    draft = make_initiative(personas.org_a, "Hemligt utkast", published=False, ends_on=D(2026, 6, 2))
    return {"county": county, "lagging": lagging, "draft": draft}


def _get(personas: Personas, persona: str = "anonymous", **params: str) -> Any:
    with time_machine.travel(datetime.datetime(2026, 5, 4, 12, tzinfo=datetime.UTC), tick=False):
        response = personas.client(persona).get(reverse("actionplan:overview"), params)
    assert response.status_code == 200
    return response


@pytest.mark.django_db
def test_the_public_overview_counts_published_initiatives_only(personas: Personas, plan: dict[str, Any]) -> None:
    response = _get(personas)
    context = response.context
    assert context["total"] == 2
    assert [(c.short_label, c.count) for c in context["area_counts"]] == [("Arbete", 2), ("Hälsa", 1)]
    matrix = context["municipality_matrix"]
    assert [label for _, label in matrix.rows] == ["Mora", "Falun"]  # by municipality code
    assert matrix.cells == [[1, 1], [2, 1]]  # Mora has only the whole-county initiative
    assert [initiative.title for initiative, _, _ in context["ending"]] == ["Hela länet"]
    assert [row.initiative.title for row in context["off_target"]] == ["Släpar efter"]
    html = response.content.decode()
    assert "Hemligt utkast" not in html
    assert "Insatser för hela länet räknas i varje kommun." in html
    assert 'class="number heat-4">2</td>' in html
    assert 'role="img"' in html and "utkast" not in response.context["form"].fields


@pytest.mark.django_db
def test_coordinators_may_add_drafts_and_others_may_not(personas: Personas, plan: dict[str, Any]) -> None:
    assert _get(personas, "coordinator", utkast="on").context["total"] == 3
    assert _get(personas, "coordinator").context["total"] == 2
    for persona in ("anonymous", "editor_a"):
        response = _get(personas, persona, utkast="on")
        assert response.context["total"] == 2
        assert "Hemligt utkast" not in response.content.decode()


@pytest.mark.django_db
def test_the_ending_window_is_a_parameter_and_bad_values_fall_back(personas: Personas, plan: dict[str, Any]) -> None:
    assert _get(personas, "coordinator", dagar="10", utkast="on").context["ending"] == []
    assert len(_get(personas, "coordinator", dagar="30", utkast="on").context["ending"]) == 2
    response = _get(personas, dagar="inte ett tal")
    assert response.context["filters"].days == 90
    assert "dagar" in response.context["form"].errors


@pytest.mark.django_db
def test_an_unknown_period_falls_back_to_the_current_one(personas: Personas, plan: dict[str, Any]) -> None:
    assert _get(personas, period="finns-inte").context["filters"].period.slug == "2015-2020"


def _grow(personas: Personas, start: int, count: int) -> None:
    theme = _health_theme()
    for number in range(start, start + count):
        initiative = make_initiative(personas.org_a if number % 2 else personas.org_b, f"Insats {number}")
        initiative.themes.add(theme)
        InitiativePartner.objects.create(initiative=initiative, organisation=personas.org_b)
        add_indicator(initiative)


@pytest.mark.django_db
def test_overview_query_count_does_not_grow(personas: Personas, plan: dict[str, Any]) -> None:
    def count(persona: str, **params: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            _get(personas, persona, **params)
        return len(queries)

    _grow(personas, 0, 2)
    few = count("anonymous"), count("coordinator", utkast="on")
    _grow(personas, 2, 30)
    assert (count("anonymous"), count("coordinator", utkast="on")) == few
    assert few[0] <= 15  # the site-wide budget for a public page


@pytest.mark.django_db
def test_load_plan_runs_a_fixed_number_of_queries(personas: Personas, plan: dict[str, Any]) -> None:
    period = make_period()
    with CaptureQueriesContext(connection) as queries:
        loaded = load_plan(period)
    assert len(queries) == QUERIES
    lagging = next(i for i in loaded.initiatives if i.title == "Släpar efter")
    assert lagging.organisation_ids == {personas.org_a.pk, personas.org_b.pk}
    indicator = next(i for i in loaded.indicators if i.initiative_id == lagging.id)
    assert (indicator.latest_value, indicator.latest_date) == (Decimal(10), D(2026, 1, 31))


@pytest.mark.parametrize("persona", PERSONA_NAMES)
@pytest.mark.django_db
def test_everyone_may_see_the_overview(personas: Personas, plan: dict[str, Any], persona: str) -> None:
    response = _get(personas, persona, utkast="on")
    assert ("Hemligt utkast" in response.content.decode()) == (persona == "coordinator")


@pytest.mark.django_db
def test_the_indicator_chart_include_draws_from_the_prefetched_actuals(personas: Personas) -> None:
    from django.db.models import Prefetch
    from django.template.loader import render_to_string

    from vagenin.actionplan.models import Indicator as IndicatorModel

    initiative = make_initiative(personas.org_a, "Med indikator")
    indicator = add_indicator(initiative)  # 0 → 100 from 2025-01-01 to 2027-12-31
    _approve_actual(initiative, indicator, 80, D(2026, 1, 31))
    actuals = Prefetch("actuals", queryset=IndicatorActual.objects.order_by("period_end"))
    [prefetched] = IndicatorModel.objects.filter(pk=indicator.pk).prefetch_related(actuals)
    with CaptureQueriesContext(connection) as queries:
        html = render_to_string("actionplan/overview/_indicator_chart.html", {"indicator": prefetched})
    assert len(queries) == 0
    assert f'id="indicator-chart-{indicator.uuid}"' in html and 'role="img"' in html
    assert "<title" in html and "följer planen" in html and "<figcaption>" in html
    IndicatorActual.objects.update(value=Decimal(20))
    [behind] = IndicatorModel.objects.filter(pk=indicator.pk).prefetch_related(actuals)
    assert "ligger efter planen" in render_to_string("actionplan/overview/_indicator_chart.html", {"indicator": behind})
    without = add_indicator(initiative, "Utan utfall")
    assert "Inget utfall är rapporterat ännu" in render_to_string(
        "actionplan/overview/_indicator_chart.html", {"indicator": without}
    )
