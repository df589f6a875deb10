"""Loads an agreement period's action plan into the plain dataclasses of `figures.py`, in a fixed number of
queries however many initiatives there are."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from django.db.models import Q
from django.utils.translation import get_language

from vagenin.actionplan.models import Indicator, Initiative, InitiativePartner, InitiativeStatus, Visibility
from vagenin.actionplan.overview import figures
from vagenin.agreement.models import AgreementPeriod, Area, FocusTheme
from vagenin.common.models import SwedishFallback
from vagenin.organisations.models import Municipality, Organisation

# How many queries `load_plan` runs; the overview and document tests hold it to this.
QUERIES = 9


def _english() -> bool:
    return (get_language() or "sv").startswith("en")


def _pick(row: Mapping[str, Any], name: str) -> str:
    """The English variant of a bilingual value when English is active and it is filled in."""
    english = row.get(f"{name}_en") or ""
    if not _english():
        return str(row[f"{name}_sv"])
    # Swedish for an English reader is marked lang="sv" where a template shows it.
    return str(english) if english else SwedishFallback(row[f"{name}_sv"])


def _pairs(through: Any, field: str, period: AgreementPeriod) -> dict[int, list[int]]:
    """{initiative id: [related ids]} from a many-to-many table, for the period's initiatives."""
    result: dict[int, list[int]] = defaultdict(list)
    rows = through.objects.filter(initiative__period=period).values_list("initiative_id", field).order_by("pk")
    for initiative_id, related_id in rows:
        result[initiative_id].append(related_id)
    return result


def load_plan(period: AgreementPeriod, *, with_indicators: bool = True) -> figures.Plan:
    """The period's areas, themes, municipalities, involved organisations, initiatives (drafts too) and indicators."""
    areas = tuple(
        figures.Area(row["id"], row["number"], _pick(row, "name"), _pick(row, "short_name"), row["slug"])
        for row in Area.objects.filter(period=period)
        .order_by("number")
        .values("id", "number", "slug", "name_sv", "name_en", "short_name_sv", "short_name_en")
    )
    themes = tuple(
        figures.Theme(row["id"], row["area_id"], row["number"], _pick(row, "name"), row["slug"])
        for row in FocusTheme.objects.filter(area__period=period)
        .order_by("area__number", "number")
        .values("id", "area_id", "number", "slug", "name_sv", "name_en")
    )
    municipalities = tuple(
        figures.Municipality(pk, code, name)
        for pk, code, name in Municipality.objects.filter(county=period.county_id)
        .order_by("code")
        .values_list("id", "code", "short_name")
    )
    # Two semi-joins (IN subqueries), not joins through both relations with OR and DISTINCT: the planner
    # answers each from an index, so the query stays linear in the number of initiatives.
    leads = Initiative.objects.filter(period=period, lead_organisation__isnull=False).values("lead_organisation_id")
    partners = InitiativePartner.objects.filter(initiative__period=period).values("organisation_id")
    involved = Q(pk__in=leads) | Q(pk__in=partners)
    organisations = {
        row["id"]: figures.Organisation(
            row["id"], row["name_en"] if _english() and row["name_en"] else row["name"], row["slug"]
        )
        for row in Organisation.objects.filter(involved).values("id", "name", "name_en", "slug")
    }
    theme_ids = _pairs(Initiative.themes.through, "focustheme_id", period)
    municipality_ids = _pairs(Initiative.municipalities.through, "municipality_id", period)
    partner_ids = _pairs(InitiativePartner, "organisation_id", period)
    labels = dict(InitiativeStatus.choices)
    fields = [
        "id",
        "slug",
        "title_sv",
        "title_en",
        "summary_sv",
        "summary_en",
        "parent_id",
        "weight",
        "progress",
        "status",
        "starts_on",
        "ends_on",
        "visibility",
        "whole_county",
        "lead_organisation_id",
    ]
    initiatives = tuple(
        figures.Initiative(
            id=row["id"],
            slug=row["slug"],
            title=_pick(row, "title"),
            summary=_pick(row, "summary"),
            parent_id=row["parent_id"],
            weight=row["weight"],
            progress=row["progress"],
            status=row["status"],
            status_label=str(labels.get(row["status"], row["status"])),
            starts_on=row["starts_on"],
            ends_on=row["ends_on"],
            published=row["visibility"] == Visibility.PUBLISHED,
            whole_county=row["whole_county"],
            lead_id=row["lead_organisation_id"],
            partner_ids=tuple(partner_ids.get(row["id"], ())),
            theme_ids=tuple(theme_ids.get(row["id"], ())),
            municipality_ids=tuple(municipality_ids.get(row["id"], ())),
        )
        for row in Initiative.objects.filter(period=period).order_by("title_sv", "id").values(*fields)
    )
    indicators: tuple[figures.Indicator, ...] = ()
    if with_indicators:
        indicators = tuple(
            figures.Indicator(
                id=row["id"],
                initiative_id=row["initiative_id"],
                name=_pick(row, "name"),
                unit=row["unit"],
                direction=row["direction"],
                baseline_value=row["baseline_value"],
                baseline_date=row["baseline_date"],
                target_value=row["target_value"],
                target_date=row["target_date"],
                latest_value=row["latest_value"],
                latest_date=row["latest_period_end"],
            )
            for row in Indicator.objects.filter(initiative__period=period)
            .with_latest_actual()
            .order_by("name_sv", "id")
            .values(  # type: ignore[misc]  # the stubs do not see with_latest_actual's annotations
                "id",
                "initiative_id",
                "name_sv",
                "name_en",
                "unit",
                "direction",
                "baseline_value",
                "baseline_date",
                "target_value",
                "target_date",
                "latest_value",
                "latest_period_end",
            )
        )
    return figures.Plan(
        areas=areas,
        themes=themes,
        municipalities=municipalities,
        organisations=organisations,
        initiatives=initiatives,
        indicators=indicators,
    )
