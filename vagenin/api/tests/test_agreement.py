"""/api/v1/agreements/, /api/v1/areas/ and /api/v1/themes/ (the real agreement is in test_reference_data)."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from testsupport.personas import make_organisation
from vagenin.agreement.models import AgreementPeriod, Area, FocusTheme, ThemePartner
from vagenin.api.tests.conftest import count_queries, get_json, make_period

AGREEMENTS = reverse("api:agreements-list")
AREAS = reverse("api:areas-list")
THEMES = reverse("api:themes-list")


@pytest.mark.django_db
def test_areas_filtered_by_period_default_all() -> None:
    for slug, year in (("2015-2020", 2015), ("2021-2025", 2021)):
        period = make_period(slug, starts_on=datetime.date(year, 1, 1))
        Area.objects.create(period=period, number=1, slug="arbete", name_sv=f"Arbete {year}", short_name_sv="Arbete")
    assert [a["period"] for a in get_json(AREAS)["results"]] == ["2021-2025", "2015-2020"]
    assert [a["name_sv"] for a in get_json(AREAS, period="2015-2020")["results"]] == ["Arbete 2015"]
    assert get_json(reverse("api:areas-detail", args=["2021-2025", "arbete"]))["name_sv"] == "Arbete 2021"


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("api:agreements-detail", ["1999-2000"]),
        ("api:areas-detail", ["2015-2020", "finns-inte"]),
        ("api:areas-detail", ["1999-2000", "arbete"]),
        ("api:themes-detail", ["2015-2020", "arbete", "finns-inte"]),
    ],
)
@pytest.mark.django_db
def test_unknown_slug_is_404(name: str, args: list[str]) -> None:
    assert Client().get(reverse(name, args=args)).status_code == 404


def _add_areas(period: AgreementPeriod, start: int, count: int) -> None:
    partner = make_organisation(f"partner-{period.slug}-{start}")
    for number in range(start, start + count):
        area = Area.objects.create(
            period=period, number=number, slug=f"omrade-{number}", name_sv=f"Område {number}", short_name_sv="O"
        )
        theme = FocusTheme.objects.create(area=area, number=1, slug="tema", name_sv="Tema")
        ThemePartner.objects.create(theme=theme, order=1, organisation=partner)
        ThemePartner.objects.create(theme=theme, order=2, group_sv="Kommunerna")
        period.principles.create(number=number, text_sv=f"Princip {number}")
        period.signatories.create(organisation=make_organisation(f"part-{period.slug}-{number}"))


@pytest.mark.django_db
def test_query_count_does_not_grow_with_rows() -> None:
    urls = [AGREEMENTS, AREAS, THEMES]
    _add_areas(make_period("p-0"), 1, 1)
    few = [count_queries(url) for url in urls]
    for number in range(1, 40):
        _add_areas(make_period(f"p-{number}", starts_on=datetime.date(2015, 1, 1)), 1, 3)
    assert [count_queries(url) for url in urls] == few
    assert get_json(THEMES)["count"] == 118


@pytest.mark.django_db
def test_agreement_detail_and_theme_partners() -> None:
    period = make_period(signed_on=datetime.date(2015, 6, 3))
    _add_areas(period, 1, 2)
    agreement = get_json(reverse("api:agreements-detail", args=["2015-2020"]))
    assert [p["text_sv"] for p in agreement["principles"]] == ["Princip 1", "Princip 2"]
    assert [s["organisation"] for s in agreement["signatories"]] == ["part-2015-2020-1", "part-2015-2020-2"]
    theme = get_json(reverse("api:themes-detail", args=["2015-2020", "omrade-1", "tema"]))
    assert theme["partners"] == [
        {"organisation": "partner-2015-2020-1", "group_sv": "", "group_en": "", "note_sv": "", "note_en": ""},
        {"organisation": None, "group_sv": "Kommunerna", "group_en": "", "note_sv": "", "note_en": ""},
    ]
