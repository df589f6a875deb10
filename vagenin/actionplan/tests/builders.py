"""Small builders for action-plan tests: a period with one area and theme, and initiatives in it."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.utils.text import slugify

from testsupport.personas import make_county, make_municipality
from vagenin.actionplan.models import Indicator, Initiative, Milestone, Visibility
from vagenin.agreement.models import AgreementPeriod, Area, FocusTheme
from vagenin.organisations.models import Organisation


def make_period() -> AgreementPeriod:
    period, _ = AgreementPeriod.objects.get_or_create(
        slug="2015-2020",
        defaults={"county": make_county(), "title_sv": "Vägen in 2015–2020", "starts_on": datetime.date(2015, 6, 3)},
    )
    area, _ = Area.objects.get_or_create(
        period=period, slug="arbete", defaults={"number": 1, "name_sv": "Vägen till arbete", "short_name_sv": "Arbete"}
    )
    FocusTheme.objects.get_or_create(
        area=area, slug="anstallning", defaults={"number": 1, "name_sv": "Korta vägen till anställning"}
    )
    return period


def theme() -> FocusTheme:
    return FocusTheme.objects.get(slug="anstallning")


def make_initiative(organisation: Organisation, title: str, *, published: bool = True, **fields: Any) -> Initiative:
    period = make_period()
    initiative = Initiative.objects.create(
        period=period,
        slug=fields.pop("slug", slugify(title)),
        title_sv=title,
        summary_sv=fields.pop("summary_sv", f"Sammanfattning av {title}"),
        lead_organisation=organisation,
        visibility=Visibility.PUBLISHED if published else Visibility.DRAFT,
        **fields,
    )
    initiative.themes.add(theme())
    initiative.municipalities.add(make_municipality())
    return initiative


def add_indicator(initiative: Initiative, name: str = "Deltagare i arbete") -> Indicator:
    return Indicator.objects.create(
        initiative=initiative,
        name_sv=name,
        unit="personer",
        baseline_value=Decimal(0),
        baseline_date=datetime.date(2025, 1, 1),
        target_value=Decimal(100),
        target_date=datetime.date(2027, 12, 31),
    )


def add_milestone(initiative: Initiative, title: str = "Avtal klart") -> Milestone:
    return Milestone.objects.create(initiative=initiative, title_sv=title, due_on=datetime.date(2026, 3, 1))
