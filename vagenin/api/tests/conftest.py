"""Fixtures and small builders for the API tests."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from testsupport.personas import make_county
from vagenin.agreement.models import AgreementPeriod, Body, BodyKind, BodyMembership, MemberRole, Responsibility
from vagenin.organisations.models import Organisation, Person

SEATED_SINCE = datetime.date(2015, 6, 3)


@pytest.fixture(autouse=True)
def _fresh_throttle() -> None:
    """The anonymous rate limit counts in the cache; each test starts with a clean slate."""
    cache.clear()


def get_json(url: str, **params: Any) -> Any:
    """GET an API address anonymously and return the decoded JSON, asserting 200."""
    response = Client().get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def count_queries(url: str, **params: Any) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert Client().get(url, params).status_code == 200
    return len(queries)


def make_period(slug: str = "2015-2020", **fields: Any) -> AgreementPeriod:
    fields.setdefault("county", make_county())
    fields.setdefault("title_sv", f"Vägen in {slug}")
    fields.setdefault("starts_on", datetime.date(2015, 6, 3))
    return AgreementPeriod.objects.create(slug=slug, **fields)


def make_body(period: AgreementPeriod, slug: str, kind: str = BodyKind.NETWORK, **fields: Any) -> Body:
    return Body.objects.create(period=period, slug=slug, kind=kind, name_sv=slug.replace("-", " ").title(), **fields)


def seat(
    body: Body,
    organisation: Organisation,
    *,
    first_name: str = "Stina",
    last_name: str = "Sekretess",
    role: str = MemberRole.MEMBER,
    responsibility: Responsibility | None = None,
    ends_on: datetime.date | None = None,
) -> BodyMembership:
    """A person's seat in a body; the person carries an e-mail address the API must never show."""
    person = Person.objects.create(
        first_name=first_name, last_name=last_name, email=f"{first_name.lower()}@test.example", phone="070-000 00 00"
    )
    return BodyMembership.objects.create(
        body=body,
        person=person,
        organisation=organisation,
        role=role,
        responsibility=responsibility,
        starts_on=SEATED_SINCE,
        ends_on=ends_on,
    )
