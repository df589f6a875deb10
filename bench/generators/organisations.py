"""Benchmark data: organisations and people at national volume, deterministic from the caller's random stream.

Run by `python -m bench` after the reference data is loaded; never by the application itself.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from collections.abc import Sequence

from django.utils.text import slugify

from bench.rows import bulk_insert
from vagenin.organisations.models import County, Municipality, Organisation, OrganisationType, Person, Position

NATIONAL_ORGANISATIONS = 2000
NATIONAL_PEOPLE = 20000
# The county whose real agreement the reference data holds; the others get generated twins.
REFERENCE_COUNTY = "20"
# Every county gets these regional bodies (the reference data has them for Dalarna).
REGIONAL_BODIES: list[tuple[str, str, str]] = [
    (OrganisationType.COUNTY_BOARD, "Länsstyrelsen {county}", "County Administrative Board of {county}"),
    (OrganisationType.REGION, "Region {county}", "Region {county}"),
    (OrganisationType.UNIVERSITY, "Högskolan i {county}", "{county} University College"),
    (OrganisationType.BUSINESS_ASSOCIATION, "Företagarna {county}", "Företagarna {county}"),
    (OrganisationType.EDUCATION_PROVIDER, "Vuxenutbildningsnätverket {county}", "{county} adult education network"),
    (OrganisationType.OTHER, "Almi {county}", "Almi {county}"),
]
# Local organisations: (type, weight, Swedish name patterns).
LOCAL_KINDS: list[tuple[str, int, list[str]]] = [
    (
        OrganisationType.CIVIL_SOCIETY,
        62,
        [
            "Föreningen Gemenskap {place}",
            "Integrationsföreningen i {place}",
            "{place} idrottsklubb",
            "Kulturföreningen Mötesplats {place}",
            "Språkcaféet i {place}",
            "Läxhjälpen {place}",
            "Kvinnors nätverk {place}",
            "Röda Korset {place}",
            "Rädda Barnen {place}",
            "{place} församling",
            "Somaliska föreningen i {place}",
            "Syrisk-svenska föreningen {place}",
            "Afghanska kulturföreningen {place}",
            "Eritreanska föreningen i {place}",
            "Hembygdsföreningen {place}",
        ],
    ),
    (
        OrganisationType.EDUCATION_PROVIDER,
        16,
        [
            "{place} folkhögskola",
            "Studieförbundet Vuxenskolan {place}",
            "ABF {place}",
            "Studiefrämjandet {place}",
            "Lärcentrum {place}",
            "SFI-skolan i {place}",
        ],
    ),
    (
        OrganisationType.BUSINESS_ASSOCIATION,
        10,
        ["Näringslivsrådet {place}", "Nyföretagarcentrum {place}", "Handelsföreningen {place}"],
    ),
    (
        OrganisationType.OTHER,
        12,
        ["Bostadsbolaget i {place}", "Arbetsintegrerande kooperativet {place}", "Stiftelsen Nystart {place}"],
    ),
]
DESCRIPTION_SV = (
    "{name} arbetar i {place} med att ta emot nyanlända och bidra till att de snabbt lär sig svenska, "
    "kommer i arbete eller studier och blir delaktiga i samhället. Verksamheten bygger på samverkan med "
    "kommunen, myndigheterna och det lokala föreningslivet."
)
DESCRIPTION_EN = (
    "{name} works in {place} to welcome newly arrived immigrants and help them learn Swedish quickly, find "
    "work or studies and take part in society, in collaboration with the municipality, the agencies and "
    "local associations."
)
FIRST_NAMES = [
    "Alva",
    "Amir",
    "Anna",
    "Aisha",
    "Bilal",
    "Britt",
    "Cecilia",
    "Dawit",
    "Elsa",
    "Emil",
    "Erik",
    "Farid",
    "Fatima",
    "Greta",
    "Hamid",
    "Hanna",
    "Ines",
    "Ida",
    "Jonas",
    "Johan",
    "Karin",
    "Kerstin",
    "Leyla",
    "Lars",
    "Mats",
    "Maria",
    "Mohammed",
    "Nour",
    "Nils",
    "Olle",
    "Omar",
    "Parisa",
    "Per",
    "Rasmus",
    "Rania",
    "Sahra",
    "Samir",
    "Sara",
    "Tove",
    "Tuva",
    "Yusuf",
    "Vera",
    "Viktor",
    "Zainab",
    "Åsa",
    "Ebba",
    "Hassan",
    "Linnea",
    "Mustafa",
    "Signe",
    "Tesfay",
    "Ulla",
]
LAST_NAMES = [
    "Ahlgren",
    "Andersson",
    "Berglöf",
    "Björkdal",
    "Dahlkvist",
    "Ekholm",
    "Engström",
    "Forsmark",
    "Gyllen",
    "Hedlöv",
    "Hassan",
    "Isaksson",
    "Järvholm",
    "Johansson",
    "Karlsson",
    "Kolmodin",
    "Lindvret",
    "Lindqvist",
    "Mossberg",
    "Mohammadi",
    "Nilsson",
    "Norrgrav",
    "Orrsjö",
    "Påhlman",
    "Persson",
    "Rydén",
    "Sandviken",
    "Svensson",
    "Tjärnberg",
    "Ulvhammar",
    "Vikström",
    "Yilmaz",
    "Åkerlind",
    "Älvsten",
    "Östling",
]
TITLES: dict[str, list[tuple[str, str]]] = {
    OrganisationType.MUNICIPALITY: [
        ("Integrationsstrateg", "Integration strategist"),
        ("Enhetschef arbetsmarknad", "Head of labour market unit"),
        ("SFI-rektor", "SFI head teacher"),
        ("Socialsekreterare", "Social worker"),
        ("Kommundirektör", "Municipal chief executive"),
    ],
    OrganisationType.COUNTY_BOARD: [
        ("Integrationshandläggare", "Integration officer"),
        ("Bosättningssamordnare", "Settlement coordinator"),
    ],
    OrganisationType.REGION: [
        ("Regional utvecklingsstrateg", "Regional development strategist"),
        ("Folkhälsostrateg", "Public health strategist"),
    ],
}
DEFAULT_TITLES = [
    ("Kontaktperson", "Contact person"),
    ("Verksamhetsutvecklare", "Programme developer"),
    ("Projektledare", "Project manager"),
    ("Ordförande", "Chair"),
]
# Where people work: public bodies employ far more of the people in the register than associations do.
EMPLOYER_WEIGHT: dict[str, int] = {
    OrganisationType.MUNICIPALITY: 6,
    OrganisationType.COUNTY_BOARD: 8,
    OrganisationType.REGION: 8,
    OrganisationType.STATE_AGENCY: 10,
    OrganisationType.UNIVERSITY: 4,
}
HISTORY_SHARE = 0.3
TODAY_FOR_DATA = datetime.date(2026, 1, 1)


def generate(rng: random.Random, scale: float) -> dict[str, int]:
    """Regional bodies and municipalities as organisations, local organisations, and people with positions."""
    counties = list(County.objects.exclude(code=REFERENCE_COUNTY).order_by("code"))
    covered = counties[: round(len(counties) * scale)]
    created = add_regional_bodies(rng, covered)
    missing = NATIONAL_ORGANISATIONS * scale - Organisation.objects.count()
    created += len(add_organisations(rng, max(0, round(missing))))
    people = max(0, round(NATIONAL_PEOPLE * scale) - Person.objects.count())
    positions = add_people(rng, people)
    return {"organisations": created, "people": people, "positions": positions}


def add_regional_bodies(rng: random.Random, counties: Sequence[County]) -> int:
    """A county board, region and the other regional bodies for each county, and an organisation per municipality."""
    slugs = set(Organisation.objects.values_list("slug", flat=True))
    with_organisation = set(
        Organisation.objects.filter(type=OrganisationType.MUNICIPALITY).values_list("municipality_id", flat=True)
    )
    new: list[Organisation] = []
    for county in counties:
        for org_type, name_sv, name_en in REGIONAL_BODIES:
            name = name_sv.format(county=county.short_name)
            new.append(
                Organisation(
                    slug=_unique_slug(name, slugs),
                    name=name,
                    name_en=name_en.format(county=county.short_name),
                    type=org_type,
                    county=county,
                    website=f"https://www.example.org/{slugify(name)}",
                    description_sv=DESCRIPTION_SV.format(name=name, place=county.name),
                    description_en=DESCRIPTION_EN.format(name=name, place=county.name),
                )
            )
        for municipality in county.municipalities.order_by("code"):
            if municipality.pk in with_organisation:
                continue
            new.append(
                Organisation(
                    slug=_unique_slug(f"{municipality.short_name} kommun", slugs),
                    name=municipality.name,
                    name_en=f"{municipality.short_name} Municipality",
                    type=OrganisationType.MUNICIPALITY,
                    municipality=municipality,
                    website=f"https://www.{slugify(municipality.short_name)}.example.org",
                    description_sv=DESCRIPTION_SV.format(name=municipality.name, place=municipality.short_name),
                    description_en=DESCRIPTION_EN.format(name=municipality.name, place=municipality.short_name),
                )
            )
    return len(bulk_insert(Organisation, new, rng))


def add_organisations(rng: random.Random, count: int) -> list[Organisation]:
    """`count` local associations, education providers and businesses spread over all municipalities."""
    municipalities = list(Municipality.objects.order_by("code"))
    slugs = set(Organisation.objects.values_list("slug", flat=True))
    numbers = set(Organisation.objects.exclude(organisation_number="").values_list("organisation_number", flat=True))
    weights = [weight for _, weight, _ in LOCAL_KINDS]
    new: list[Organisation] = []
    for _ in range(count):
        org_type, _, patterns = rng.choices(LOCAL_KINDS, weights=weights)[0]
        municipality = rng.choice(municipalities)
        name = rng.choice(patterns).format(place=municipality.short_name)
        organisation = Organisation(
            slug=_unique_slug(name, slugs),
            name=name,
            type=org_type,
            municipality=municipality,
            description_sv=DESCRIPTION_SV.format(name=name, place=municipality.short_name),
            description_en=DESCRIPTION_EN.format(name=name, place=municipality.short_name),
            email=f"info@{slugify(name)[:40]}.example.org",
            phone=f"0{rng.randint(10, 99)}-{rng.randint(100000, 999999)}",
        )
        if rng.random() < 0.6:
            organisation.organisation_number = _unique_number(rng, numbers)
        if rng.random() < 0.02:
            # Associations fold now and then; the register keeps them with the date.
            organisation.dissolved_on = datetime.date(rng.randint(2016, 2025), rng.randint(1, 12), 1)
        new.append(organisation)
    return bulk_insert(Organisation, new, rng)


def add_people(rng: random.Random, count: int, organisations: Sequence[Organisation] | None = None) -> int:
    """`count` people, each with a current position and some with ended ones; returns the number of positions."""
    employers = list(organisations if organisations is not None else Organisation.objects.active().order_by("pk"))
    if not employers or count <= 0:
        return 0
    weights = [EMPLOYER_WEIGHT.get(organisation.type, 1) for organisation in employers]
    people = bulk_insert(Person, (_person(rng) for _ in range(count)), rng)
    has_contact = set(Position.objects.filter(is_contact=True).values_list("organisation_id", flat=True))
    positions: list[Position] = []
    for person in people:
        employer = rng.choices(employers, weights=weights)[0]
        starts_on = _date(rng, 2012, 2025)
        # The first person placed at an organisation is its contact; a few more are too.
        is_contact = employer.pk not in has_contact or rng.random() < 0.05
        has_contact.add(employer.pk)
        positions.append(_position(rng, person, employer, starts_on=starts_on, is_contact=is_contact))
        if rng.random() < HISTORY_SHARE:
            earlier = rng.choices(employers, weights=weights)[0]
            ended_on = starts_on - datetime.timedelta(days=rng.randint(1, 90))
            began_on = ended_on - datetime.timedelta(days=rng.randint(180, 2500))
            positions.append(_position(rng, person, earlier, starts_on=began_on, ends_on=ended_on))
    return len(bulk_insert(Position, positions, rng))


def add_staff(rng: random.Random, organisations: Sequence[Organisation]) -> dict[int, int]:
    """One new person with a current position at each organisation; person id per organisation id."""
    people = bulk_insert(Person, (_person(rng) for _ in organisations), rng)
    positions = [
        _position(rng, person, organisation, starts_on=_date(rng, 2012, 2020))
        for person, organisation in zip(people, organisations, strict=True)
    ]
    bulk_insert(Position, positions, rng)
    return {organisation.pk: person.pk for person, organisation in zip(people, organisations, strict=True)}


def people_by_organisation() -> dict[int, list[int]]:
    """Person ids with a current position, per organisation id: where other generators find representatives."""
    found: dict[int, list[int]] = defaultdict(list)
    current = Position.objects.current(on=TODAY_FOR_DATA).order_by("pk")
    for organisation_id, person_id in current.values_list("organisation_id", "person_id"):
        found[organisation_id].append(person_id)
    return found


def _person(rng: random.Random) -> Person:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    ascii_name = slugify(f"{first}.{last}").replace("-", ".")
    return Person(
        first_name=first,
        last_name=last,
        email=f"{ascii_name}.{rng.randint(100, 99999)}@example.org",
        phone=f"070-{rng.randint(1000000, 9999999)}" if rng.random() < 0.5 else "",
    )


def _position(
    rng: random.Random,
    person: Person,
    organisation: Organisation,
    *,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    is_contact: bool = False,
) -> Position:
    title_sv, title_en = rng.choice(TITLES.get(organisation.type, DEFAULT_TITLES))
    return Position(
        person=person,
        organisation=organisation,
        title_sv=title_sv,
        title_en=title_en,
        starts_on=starts_on,
        ends_on=ends_on,
        is_contact=is_contact and ends_on is None,
    )


def _date(rng: random.Random, first_year: int, last_year: int) -> datetime.date:
    return datetime.date(rng.randint(first_year, last_year), rng.randint(1, 12), rng.randint(1, 28))


def _unique_slug(name: str, taken: set[str]) -> str:
    base = slugify(name)[:70]
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    taken.add(slug)
    return slug


def _unique_number(rng: random.Random, taken: set[str]) -> str:
    """A made-up organisation number in the 80xxxx series (non-profit associations)."""
    while True:
        number = f"80{rng.randint(0, 9999):04d}-{rng.randint(0, 9999):04d}"
        if number not in taken:
            taken.add(number)
            return number
