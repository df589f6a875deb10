"""Query budgets: public list pages and API lists run as many queries for 200 rows as for 10, and at most 15.

Speed itself is measured by the benchmark (`make bench`), never here.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from testsupport.personas import make_county, make_municipality, make_organisation
from vagenin.agreement.models import (
    AgreementPeriod,
    Area,
    Body,
    BodyKind,
    BodyMembership,
    FocusTheme,
    MemberRole,
    Principle,
    Responsibility,
    Signatory,
    ThemePartner,
)
from vagenin.organisations.models import Organisation, OrganisationType, Person, Position

MAX_QUERIES = 15
FEW, MANY = 10, 200
SINCE = datetime.date(2021, 1, 1)
HUB = "navet"

# (name, URL name, URL kwargs, query string). The API's own tests guard each endpoint and its filters in more
# depth; here every list must simply stay within the site-wide budget. A new module adds its public lists here.
PAGES: list[tuple[str, str, dict[str, str], str]] = [
    ("home", "pages:home", {}, ""),
    ("agreement", "agreement:index", {}, ""),
    ("areas", "agreement:areas", {}, ""),
    ("bodies", "agreement:bodies", {}, ""),
    ("organisations", "organisations:list", {}, ""),
    ("organisations search", "organisations:list", {}, "q=kommun&typ=municipality"),
    ("organisation detail", "organisations:detail", {"slug": HUB}, ""),
    ("API organisations", "api:organisations-list", {}, ""),
    ("API municipalities", "api:municipalities-list", {}, ""),
    ("API agreements", "api:agreements-list", {}, ""),
    ("API areas", "api:areas-list", {}, ""),
    ("API themes", "api:themes-list", {}, ""),
    ("API bodies", "api:bodies-list", {}, ""),
    # meetings
    ("meetings", "meetings:list", {}, ""),
    ("meetings decisions", "meetings:decisions", {}, ""),
    # settlement
    ("settlement", "settlement:index", {}, ""),
    ("API settlement quotas", "api:settlement-quotas-list", {}, ""),
    ("API settlement reception", "api:settlement-reception-list", {}, ""),
    # grants (their lists grow with applications in vagenin/grants/tests/test_query_budgets.py)
    ("grants", "grants:index", {}, ""),
    ("granted grants", "grants:granted", {}, ""),
    ("API grants", "api:grants-list", {}, ""),
    ("statistics", "indicators:index", {}, ""),
    # newsletter
    ("news", "newsletter:news_list", {}, ""),
    ("knowledge bank", "newsletter:documents", {}, "q=guide"),
    ("newsletter archive", "newsletter:archive", {}, ""),
    ("API news", "api:news-list", {}, ""),
    ("API documents", "api:documents-list", {}, ""),
]


@dataclass
class World:
    """One agreement period in force with an area, a theme and bodies, and an organisation at its centre."""

    period: AgreementPeriod
    theme: FocusTheme
    bodies: list[Body]
    responsibility: Responsibility
    hub: Organisation


def make_world() -> World:
    county = make_county()
    period = AgreementPeriod.objects.create(slug="p", county=county, title_sv="Vägen in", starts_on=SINCE)
    Principle.objects.create(period=period, number=1, text_sv="Samverkan")
    area = Area.objects.create(period=period, number=1, slug="arbete", name_sv="Arbete", short_name_sv="Arbete")
    theme = FocusTheme.objects.create(area=area, number=1, slug="jobb", name_sv="Jobb")
    kinds = [BodyKind.COUNCIL, BodyKind.THEME_GROUP, BodyKind.WORKING_GROUP]
    bodies = [
        Body.objects.create(period=period, slug=kind, kind=kind, order=n, name_sv=kind, area=area)
        for n, kind in enumerate(kinds)
    ]
    responsibility = Responsibility.objects.create(body=bodies[2], slug="utveckling", name_sv="Utveckling")
    hub = make_organisation(HUB, "Navet", type=OrganisationType.REGION, county=county)
    return World(period, theme, bodies, responsibility, hub)


def grow(world: World, start: int, count: int) -> None:
    """`count` more rows of everything the pages list: organisations, people, signatories, partners and seats."""
    municipality = make_municipality()
    numbers = range(start, start + count)
    organisations = Organisation.objects.bulk_create(
        Organisation(
            slug=f"org-{number}",
            name=f"Organisation {number} kommun",
            type=OrganisationType.MUNICIPALITY if number % 2 else OrganisationType.CIVIL_SOCIETY,
            municipality=municipality,
        )
        for number in numbers
    )
    people = Person.objects.bulk_create(Person(first_name="Per", last_name=f"Son {number}") for number in numbers)
    pairs = list(zip(numbers, organisations, people, strict=True))
    Position.objects.bulk_create(
        Position(person=person, organisation=world.hub, title_sv="Handläggare", is_contact=True)
        for _, _, person in pairs
    )
    Position.objects.bulk_create(
        Position(person=person, organisation=organisation, title_sv="Ordförande", starts_on=SINCE, ends_on=SINCE)
        for _, organisation, person in pairs
    )
    Signatory.objects.bulk_create(
        Signatory(period=world.period, organisation=organisation, signed_on=SINCE) for _, organisation, _ in pairs
    )
    ThemePartner.objects.bulk_create(
        ThemePartner(theme=world.theme, order=number, organisation=organisation) for number, organisation, _ in pairs
    )
    BodyMembership.objects.bulk_create(
        BodyMembership(
            body=body,
            person=person,
            organisation=world.hub if number % 3 else organisation,
            role=MemberRole.RESPONSIBLE if body.kind == BodyKind.WORKING_GROUP else MemberRole.MEMBER,
            responsibility=world.responsibility if body.kind == BodyKind.WORKING_GROUP else None,
            starts_on=SINCE,
        )
        for number, organisation, person in pairs
        for body in world.bodies
    )


def count_queries() -> dict[str, int]:
    counted = {}
    for name, url_name, kwargs, query in PAGES:
        cache.clear()  # the API's anonymous rate limit counts in the cache
        url = reverse(url_name, kwargs=kwargs) + (f"?{query}" if query else "")
        with CaptureQueriesContext(connection) as queries:
            response = Client().get(url)
        assert response.status_code == 200, f"{name}: {url} answered {response.status_code}"
        counted[name] = len(queries)
    return counted


@pytest.mark.django_db
def test_list_pages_keep_their_query_budget() -> None:
    world = make_world()
    grow(world, 0, FEW)
    few = count_queries()
    grow(world, FEW, MANY - FEW)
    many = count_queries()

    grew = {name: (few[name], many[name]) for name in few if few[name] != many[name]}
    assert not grew, f"queries grew with the rows (for {FEW} rows, for {MANY} rows): {grew}"
    over = {name: count for name, count in many.items() if count > MAX_QUERIES}
    assert not over, f"pages above the budget of {MAX_QUERIES} queries: {over}"
