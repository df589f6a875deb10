"""Demo people for the real organisations. Every person here is invented."""

from __future__ import annotations

import datetime

from vagenin.organisations.models import Organisation, OrganisationType, Person, Position

FIRST_NAMES = [
    "Alva",
    "Bilal",
    "Cecilia",
    "Dawit",
    "Elsa",
    "Farid",
    "Greta",
    "Hamid",
    "Ines",
    "Jonas",
    "Karin",
    "Leyla",
    "Mats",
    "Nour",
    "Olle",
    "Parisa",
    "Rasmus",
    "Sahra",
    "Tove",
    "Yusuf",
    "Vera",
    "Amir",
    "Britt",
    "Esa",
]
LAST_NAMES = [
    "Ahlgren",
    "Berglöf",
    "Dahlkvist",
    "Engström",
    "Forsmark",
    "Gyllen",
    "Hedlöv",
    "Isaksdotter",
    "Järvholm",
    "Kolmodin",
    "Lindvret",
    "Mossberg",
    "Norrgrav",
    "Orrsjö",
    "Påhlman",
    "Rydén",
    "Sandviken",
    "Tjärnberg",
    "Ulvhammar",
    "Vikström",
    "Åkerlind",
    "Älvsten",
    "Östling",
    "Björkdal",
]

TITLES = {
    OrganisationType.MUNICIPALITY: ("Integrationsstrateg", "Integration strategist"),
    OrganisationType.COUNTY_BOARD: ("Integrationshandläggare", "Integration officer"),
    OrganisationType.REGION: ("Regional utvecklingsstrateg", "Regional development strategist"),
    OrganisationType.STATE_AGENCY: ("Samverkansansvarig", "Collaboration lead"),
    OrganisationType.UNIVERSITY: ("Samverkanskoordinator", "Partnership coordinator"),
    OrganisationType.CIVIL_SOCIETY: ("Verksamhetsutvecklare", "Programme developer"),
}
DEFAULT_TITLE = ("Kontaktperson", "Contact person")
START = datetime.date(2015, 6, 3)


def _email(first: str, last: str) -> str:
    ascii_name = f"{first}.{last}".lower().translate(str.maketrans("åäöéü", "aaoeu"))
    return f"{ascii_name}@example.org"


def person(first: str, last: str, phone: str = "") -> Person:
    """An invented person, created once."""
    found, _ = Person.objects.get_or_create(
        first_name=first, last_name=last, defaults={"email": _email(first, last), "phone": phone}
    )
    return found


def load_people() -> dict[str, Person]:
    """One contact person per organisation, plus a person who moved when Landstinget merged into the region."""
    contacts: dict[str, Person] = {}
    for number, organisation in enumerate(Organisation.objects.order_by("slug"), start=1):
        if organisation.dissolved_on:
            continue
        # A name of its own for every organisation's contact (576 pairs before one repeats), so that no
        # invented person speaks for two organisations.
        first, last = FIRST_NAMES[number % 24], LAST_NAMES[(number + 7 * (number // 24)) % 24]
        contact = person(first, last, phone=f"023-{number:02d} 00 00")
        title_sv, title_en = TITLES.get(OrganisationType(organisation.type), DEFAULT_TITLE)
        Position.objects.get_or_create(
            person=contact,
            organisation=organisation,
            defaults={"title_sv": title_sv, "title_en": title_en, "starts_on": START, "is_contact": True},
        )
        contacts[organisation.slug] = contact
    mover = person("Lisa", "Granqvist", phone="023-99 00 00")
    landstinget = Organisation.objects.get(slug="landstinget-dalarna")
    region = Organisation.objects.get(slug="region-dalarna")
    Position.objects.get_or_create(
        person=mover,
        organisation=landstinget,
        defaults={
            "title_sv": "Folkhälsostrateg",
            "title_en": "Public health strategist",
            "starts_on": START,
            "ends_on": datetime.date(2018, 12, 31),
        },
    )
    Position.objects.get_or_create(
        person=mover,
        organisation=region,
        defaults={
            "title_sv": "Folkhälsostrateg",
            "title_en": "Public health strategist",
            "starts_on": datetime.date(2019, 1, 1),
        },
    )
    contacts["mover"] = mover
    return contacts
