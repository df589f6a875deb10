"""List pages make the same number of queries for few rows as for many."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from testsupport.personas import Personas, make_organisation
from vagenin.agreement.models import BodyKind, MemberRole
from vagenin.agreement.tests.builders import (
    Sample,
    make_area,
    make_body,
    make_membership,
    make_partner,
    make_period,
    make_person,
    make_principle,
    make_responsibility,
    make_signatory,
    make_theme,
)

NOON = datetime.datetime(2026, 3, 2, 12, tzinfo=datetime.UTC)


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _assert_flat(client: Client, url: str, grow: Callable[[], None]) -> None:
    client.get(url)  # warm per-process caches (content types, templates) before counting
    few = _count(client, url)
    grow()
    assert _count(client, url) == few


def _more_bodies(sample: Sample) -> None:
    for number in range(4):
        organisation = make_organisation(f"kommun-{number}", f"Kommun {number}")
        body = make_body(
            sample.period,
            f"temagrupp-{number}",
            BodyKind.THEME_GROUP,
            parent=sample.body,
            area=sample.area,
            convener=organisation,
        )
        responsibility = make_responsibility(body, f"ansvar-{number}")
        for seat in range(3):
            make_membership(
                body,
                make_person(f"Person{number}", f"Efternamn{seat}"),
                organisation=organisation,
                role=MemberRole.RESPONSIBLE,
                responsibility=responsibility,
            )


@pytest.mark.django_db
def test_public_bodies_list(personas: Personas, sample: Sample) -> None:
    with time_machine.travel(NOON):
        _assert_flat(personas.client("anonymous"), reverse("agreement:bodies"), lambda: _more_bodies(sample))


@pytest.mark.django_db
def test_public_period_page(personas: Personas, sample: Sample) -> None:
    def grow() -> None:
        for number in range(2, 6):
            make_principle(sample.period, number)
            area = make_area(sample.period, f"omrade-{number}", number)
            theme = make_theme(area)
            make_partner(theme, 1, organisation=make_organisation(f"part-{number}"))
            make_partner(theme, 2, group_sv="Kommunerna")
            make_signatory(sample.period, make_organisation(f"signatar-{number}"))

    url = reverse("agreement:period", kwargs={"period": sample.period.slug})
    _assert_flat(personas.client("anonymous"), url, grow)


@pytest.mark.django_db
def test_staff_bodies_list(personas: Personas, sample: Sample) -> None:
    url = reverse("agreement_staff:bodies", kwargs={"period_slug": sample.period.slug})
    with time_machine.travel(NOON):
        _assert_flat(personas.client("coordinator"), url, lambda: _more_bodies(sample))


@pytest.mark.django_db
def test_staff_body_page(personas: Personas, sample: Sample) -> None:
    def grow() -> None:
        for number in range(5):
            organisation = make_organisation(f"org-{number}")
            responsibility = make_responsibility(sample.body, f"ansvar-{number}", number + 2)
            person = make_person(f"Namn{number}", "Ledamot")
            make_membership(
                sample.body,
                person,
                organisation=organisation,
                role=MemberRole.RESPONSIBLE,
                responsibility=responsibility,
            )
            make_membership(sample.body, person, ends_on=datetime.date(2016, 1, 1))

    url = reverse("agreement_staff:body", kwargs={"period_slug": sample.period.slug, "body_slug": sample.body.slug})
    with time_machine.travel(NOON):
        _assert_flat(personas.client("coordinator"), url, grow)


@pytest.mark.django_db
def test_staff_signatory_list(personas: Personas, sample: Sample) -> None:
    landstinget = make_organisation("landstinget", "Landstinget")

    def grow() -> None:
        region = make_organisation("region", "Region")
        landstinget.merged_into, landstinget.dissolved_on = region, datetime.date(2018, 12, 31)
        landstinget.save()
        make_signatory(sample.period, landstinget, left_on=datetime.date(2018, 12, 31))
        for number in range(5):
            make_signatory(sample.period, make_organisation(f"signatar-{number}"))

    url = reverse("agreement_staff:signatories", kwargs={"period_slug": sample.period.slug})
    _assert_flat(personas.client("coordinator"), url, grow)


@pytest.mark.django_db
def test_staff_principle_list(personas: Personas, sample: Sample) -> None:
    def grow() -> None:
        for number in range(2, 8):
            make_principle(sample.period, number)

    url = reverse("agreement_staff:principles", kwargs={"period_slug": sample.period.slug})
    _assert_flat(personas.client("coordinator"), url, grow)


@pytest.mark.django_db
def test_staff_area_list(personas: Personas, sample: Sample) -> None:
    def grow() -> None:
        for number in range(2, 6):
            area = make_area(sample.period, f"omrade-{number}", number)
            make_theme(area, "forsta", 1)
            make_theme(area, "andra", 2)

    url = reverse("agreement_staff:areas", kwargs={"period_slug": sample.period.slug})
    _assert_flat(personas.client("coordinator"), url, grow)


@pytest.mark.django_db
def test_staff_theme_page_with_partners(personas: Personas, sample: Sample) -> None:
    def grow() -> None:
        for number in range(2, 8):
            if number % 2:
                make_partner(sample.theme, number, group_sv=f"Grupp {number}")
            else:
                make_partner(sample.theme, number, organisation=make_organisation(f"partner-{number}"))

    url = reverse(
        "agreement_staff:theme_edit",
        kwargs={"period_slug": sample.period.slug, "area_slug": sample.area.slug, "theme_slug": sample.theme.slug},
    )
    _assert_flat(personas.client("coordinator"), url, grow)


@pytest.mark.django_db
def test_staff_start_page(personas: Personas, sample: Sample) -> None:
    def grow() -> None:
        for year in (2021, 2026):
            make_period(f"{year}-{year + 4}", starts_on=datetime.date(year, 1, 1))

    _assert_flat(personas.client("coordinator"), reverse("agreement_staff:index"), grow)
