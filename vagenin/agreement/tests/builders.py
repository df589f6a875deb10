"""Small builders for agreement tests. Every value is chosen and readable."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from testsupport.personas import Personas, make_county
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
from vagenin.organisations.models import Organisation, Person

SIGNED = datetime.date(2015, 6, 3)


def make_period(slug: str = "2015-2020", **fields: Any) -> AgreementPeriod:
    fields.setdefault("county", make_county())
    fields.setdefault("title_sv", f"Vägen in {slug}")
    fields.setdefault("starts_on", SIGNED)
    return AgreementPeriod.objects.create(slug=slug, **fields)


def make_signatory(period: AgreementPeriod, organisation: Organisation, **fields: Any) -> Signatory:
    fields.setdefault("signed_on", SIGNED)
    return Signatory.objects.create(period=period, organisation=organisation, **fields)


def make_principle(period: AgreementPeriod, number: int, text_sv: str = "") -> Principle:
    return Principle.objects.create(period=period, number=number, text_sv=text_sv or f"Princip {number}")


def make_area(period: AgreementPeriod, slug: str = "arbete", number: int = 1, **fields: Any) -> Area:
    fields.setdefault("name_sv", f"Vägen till {slug}")
    fields.setdefault("short_name_sv", slug.title())
    return Area.objects.create(period=period, slug=slug, number=number, **fields)


def make_theme(area: Area, slug: str = "anstallning", number: int = 1, **fields: Any) -> FocusTheme:
    fields.setdefault("name_sv", f"Korta vägen till {slug}")
    return FocusTheme.objects.create(area=area, slug=slug, number=number, **fields)


def make_partner(
    theme: FocusTheme, order: int, organisation: Organisation | None = None, group_sv: str = ""
) -> ThemePartner:
    return ThemePartner.objects.create(theme=theme, order=order, organisation=organisation, group_sv=group_sv)


def make_body(period: AgreementPeriod, slug: str = "kansli", kind: str = BodyKind.SECRETARIAT, **fields: Any) -> Body:
    fields.setdefault("name_sv", slug.replace("-", " ").capitalize())
    return Body.objects.create(period=period, slug=slug, kind=kind, **fields)


def make_responsibility(body: Body, slug: str = "kommunal-utveckling", order: int = 1) -> Responsibility:
    return Responsibility.objects.create(body=body, slug=slug, order=order, name_sv=slug.replace("-", " ").capitalize())


def make_person(first_name: str = "Karin", last_name: str = "Berg", email: str = "") -> Person:
    return Person.objects.create(first_name=first_name, last_name=last_name, email=email)


def make_membership(body: Body, person: Person, **fields: Any) -> BodyMembership:
    fields.setdefault("role", MemberRole.MEMBER)
    fields.setdefault("starts_on", SIGNED)
    return BodyMembership.objects.create(body=body, person=person, **fields)


@dataclass
class Sample:
    """One of everything in a small agreement: what the permission matrix and the editing tests work on."""

    period: AgreementPeriod
    signatory: Signatory
    principle: Principle
    area: Area
    theme: FocusTheme
    partner: ThemePartner
    body: Body
    responsibility: Responsibility
    person: Person
    membership: BodyMembership


def make_sample(personas: Personas) -> Sample:
    period = make_period()
    area = make_area(period)
    theme = make_theme(area)
    body = make_body(period)
    person = make_person()
    return Sample(
        period=period,
        signatory=make_signatory(period, personas.org_a),
        principle=make_principle(period, 1, "Regional samverkan"),
        area=area,
        theme=theme,
        partner=make_partner(theme, 1, organisation=personas.org_a),
        body=body,
        responsibility=make_responsibility(body),
        person=person,
        membership=make_membership(body, person, organisation=personas.org_a),
    )
