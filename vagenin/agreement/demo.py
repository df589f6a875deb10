"""Demo seats in the agreement's bodies, held by invented people."""

from __future__ import annotations

import datetime
from typing import Any

from vagenin.agreement.models import AgreementPeriod, Body, BodyMembership, MemberRole, Responsibility, Signatory
from vagenin.organisations.demo import FIRST_NAMES, LAST_NAMES, person
from vagenin.organisations.models import Organisation, OrganisationType, Person, Position

START = datetime.date(2015, 6, 3)
# The agreement signed in June 2015 proposed a pilot study before any secretariat was set up; the seeds give no
# date for its forming, so the demo dates the secretariat's and its working group's seats from 2016, never from
# the signing.
SECRETARIAT_FORMED = datetime.date(2016, 1, 1)


def _seat(body: Body, who: Person, organisation: Organisation | None, role: str, **extra: Any) -> None:
    BodyMembership.objects.get_or_create(
        body=body,
        person=who,
        role=role,
        organisation=organisation,
        defaults={"starts_on": extra.pop("starts_on", START), **extra},
    )


def _position(who: Person, organisation: Organisation, title_sv: str, title_en: str) -> None:
    Position.objects.get_or_create(
        person=who, organisation=organisation, defaults={"title_sv": title_sv, "title_en": title_en, "starts_on": START}
    )


def load_memberships(contacts: dict[str, Person]) -> None:
    """Fill the council, the municipal chiefs, the secretariat, its working group and the theme groups."""
    period = AgreementPeriod.objects.get(slug="2015-2020")
    bodies = {body.slug: body for body in Body.objects.filter(period=period)}
    lst = Organisation.objects.get(slug="lansstyrelsen-dalarna")
    region = Organisation.objects.get(slug="region-dalarna")
    landstinget = Organisation.objects.get(slug="landstinget-dalarna")

    governor = person("Ingrid", "Hallsberg")
    _position(governor, lst, "Landshövding", "Governor")
    _seat(bodies["radslag"], governor, lst, MemberRole.CHAIR)
    # "Landshövdingen bjuder in samtliga undertecknande parter": every signatory has a seat in the council.
    signatories = Signatory.objects.filter(period=period).select_related("organisation").order_by("organisation__name")
    for number, signatory in enumerate(signatories):
        organisation = signatory.organisation
        if organisation == lst:
            continue
        contact = contacts.get(organisation.slug)
        if contact is None:  # a dissolved organisation: someone who worked there, else an invented contact
            position = Position.objects.filter(organisation=organisation).order_by("starts_on").first()
            contact = position.person if position else person(FIRST_NAMES[number % 24], LAST_NAMES[-1 - number % 24])
            if position is None:
                _position(contact, organisation, "Kontaktperson för Vägen in", "Contact person for Vägen in")
        ends_on = signatory.left_on or organisation.dissolved_on
        _seat(bodies["radslag"], contact, organisation, MemberRole.MEMBER, ends_on=ends_on)

    municipalities = Organisation.objects.filter(type=OrganisationType.MUNICIPALITY).order_by("name")
    for number, municipality in enumerate(municipalities):
        chief = person(FIRST_NAMES[(7 * number + 3) % 24], LAST_NAMES[(5 * number + 2) % 24])
        _position(chief, municipality, "Kommundirektör", "Municipal chief executive")
        role = MemberRole.CONVENER if number == 0 else MemberRole.MEMBER
        _seat(bodies["kommuncheferna"], chief, municipality, role)

    kansli = bodies["kansli"]
    _seat(kansli, contacts["lansstyrelsen-dalarna"], lst, MemberRole.CONVENER, starts_on=SECRETARIAT_FORMED)
    _seat(kansli, contacts["region-dalarna"], region, MemberRole.MEMBER, starts_on=SECRETARIAT_FORMED)
    _seat(
        kansli,
        contacts["mover"],
        landstinget,
        MemberRole.MEMBER,
        starts_on=SECRETARIAT_FORMED,
        ends_on=datetime.date(2018, 12, 31),
    )
    _seat(kansli, contacts["mover"], region, MemberRole.SECRETARY, starts_on=datetime.date(2019, 1, 1))

    working_group = bodies["kansliets-arbetsgrupp"]
    staff = [
        ("Johan", "Storbacka", lst),
        ("Mirja", "Ekholm", region),
        ("Samir", "Lindqvist", region),
        ("Tuva", "Rosendahl", lst),
    ]
    for (first, last, organisation), responsibility in zip(
        staff, Responsibility.objects.filter(body=working_group).order_by("order"), strict=True
    ):
        member = person(first, last)
        _position(member, organisation, "Utvecklingsledare integration", "Integration development lead")
        _seat(
            working_group,
            member,
            organisation,
            MemberRole.RESPONSIBLE,
            responsibility=responsibility,
            starts_on=SECRETARIAT_FORMED,
        )

    theme_members = {
        "temagrupp-arbete": ["arbetsformedlingen", "foretagarna-dalarna", "almi-dalarna", "borlange-kommun"],
        "temagrupp-sprak-och-utbildning": ["dalawux", "hogskolan-dalarna", "falun-kommun", "radda-barnen"],
        "temagrupp-halsa": ["region-dalarna", "forsakringskassan", "migrationsverket", "mora-kommun"],
        "temagrupp-bostad": ["migrationsverket", "lansstyrelsen-dalarna", "ludvika-kommun", "avesta-kommun"],
        "temagrupp-social-sammanhallning": [
            "svenska-roda-korset",
            "svenska-kyrkan",
            "hedemora-kommun",
            "vansbro-kommun",
        ],
    }
    for slug, organisation_slugs in theme_members.items():
        for number, organisation_slug in enumerate(organisation_slugs):
            organisation = Organisation.objects.get(slug=organisation_slug)
            role = MemberRole.CONVENER if number == 0 else MemberRole.MEMBER
            _seat(bodies[slug], contacts[organisation_slug], organisation, role)
