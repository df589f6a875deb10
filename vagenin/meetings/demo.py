"""Demo data: a year of the secretariat's meeting rhythm, 2026–2027, with invented participants.

The rhythm follows the seeds: the council (rådslag) that the governor convenes twice a year for all
signatories, a series of process days with 25–40 participants, network meetings once or twice a term, a
conference on social cohesion and participation, and municipality visits. The 2015–2020 agreement has
ended, so no text here speaks of an agreement period in force: each event says what the meeting is about.
Every person is invented. Idempotent: an event already there (same title and start) is left alone.
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils import timezone

from vagenin.actionplan.models import Initiative
from vagenin.agreement.models import Area, Body
from vagenin.meetings import services
from vagenin.meetings.models import (
    Decision,
    DecisionKind,
    DecisionStatus,
    Document,
    Evaluation,
    Event,
    EventFormat,
    EventKind,
    EventVisibility,
    ProgrammeItem,
    Registration,
    RegistrationStatus,
)
from vagenin.organisations.models import Municipality, Organisation

STOCKHOLM = ZoneInfo("Europe/Stockholm")
FIRST_NAMES = (
    "Anna",
    "Karim",
    "Lena",
    "Mohammed",
    "Sara",
    "Johan",
    "Amina",
    "Per",
    "Hanna",
    "Yusuf",
    "Eva",
    "Omar",
    "Maria",
    "Erik",
    "Fatima",
    "Lars",
    "Ingrid",
    "Ali",
    "Karin",
    "Nils",
)
LAST_NAMES = ("Demosson", "Exempelberg", "Provström", "Testlund", "Påhittad", "Låtsasdal", "Fiktivsson", "Övningsbo")
ORGANISATIONS = (
    "falun-kommun",
    "borlange-kommun",
    "ludvika-kommun",
    "mora-kommun",
    "avesta-kommun",
    "leksand-kommun",
    "region-dalarna",
    "lansstyrelsen-dalarna",
    "arbetsformedlingen",
    "svenska-roda-korset",
    "radda-barnen",
    "svenska-kyrkan",
    "hogskolan-dalarna",
    "orsa-kommun",
    "hedemora-kommun",
)


@dataclass(frozen=True)
class DemoEvent:
    kind: str
    title_sv: str
    title_en: str
    summary_sv: str
    summary_en: str
    day: datetime.date
    start: str
    end: str
    organiser: str
    municipality: str  # four-digit code, "" for online
    venue: str = ""
    address: str = ""
    format: str = EventFormat.IN_PERSON
    visibility: str = EventVisibility.PUBLIC
    body: str = ""
    areas: tuple[str, ...] = ()
    capacity: int | None = None
    participants: int = 0
    days: int = 1
    programme: tuple[tuple[str, str, str], ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


PROCESS_PROGRAMME = (
    ("09:30", "Kaffe och välkommen", ""),
    ("10:00", "Samtal i grupper: vad har hänt sedan sist?", "Processledare från kansliet"),
    ("12:00", "Lunch", ""),
    ("13:00", "Gemensamma initiativ: vem gör vad härnäst?", ""),
    ("15:30", "Avslutning", ""),
)

EVENTS = (
    DemoEvent(
        EventKind.PROCESS_DAY,
        "Processdag: mottagande och samverkan i länet",
        "Process day: reception and collaboration in the county",
        "En dag för parterna och civilsamhället att lära känna varandras verksamhet och ta gemensamma initiativ.",
        "A day for the partners and civil society to get to know each other's work and take joint initiatives.",
        datetime.date(2026, 9, 10),
        "09:30",
        "16:00",
        "region-dalarna",
        "2080",
        "Kulturhuset Tio14",
        "Slaggatan 10",
        areas=("arbete", "social-sammanhallning"),
        capacity=40,
        participants=34,
        programme=PROCESS_PROGRAMME,
    ),
    DemoEvent(
        EventKind.NETWORK,
        "Nätverksträff: integrationssamordnare i kommunerna",
        "Network meeting: the municipalities' integration coordinators",
        "Erfarenhetsutbyte mellan kommunernas integrationssamordnare, digitalt.",
        "Exchange of experience between the municipalities' integration coordinators, online.",
        datetime.date(2026, 10, 1),
        "13:00",
        "15:00",
        "lansstyrelsen-dalarna",
        "",
        format=EventFormat.ONLINE,
        visibility=EventVisibility.PARTNERS,
        body="natverk",
        participants=18,
    ),
    DemoEvent(
        EventKind.COUNCIL,
        "Rådslag hösten 2026",
        "Council, autumn 2026",
        (
            "Landshövdingen bjuder in samtliga parter till samverkansmöte: läget i länet "
            "och vägen framåt för samverkan kring nyanländas etablering."
        ),
        (
            "The governor invites all partners to a collaboration meeting: the situation in the "
            "county and the way ahead for joint work on the establishment of newcomers."
        ),
        datetime.date(2026, 11, 12),
        "09:00",
        "12:00",
        "lansstyrelsen-dalarna",
        "2080",
        "Residenset",
        "Stora torget 2",
        visibility=EventVisibility.PARTNERS,
        body="radslag",
        capacity=60,
        participants=41,
    ),
    DemoEvent(
        EventKind.MUNICIPALITY_VISIT,
        "Kommunbesök i Ludvika",
        "Municipality visit to Ludvika",
        "Kansliet besöker Ludvika kommun för dialog om kommunens integrationsarbete.",
        "The secretariat visits Ludvika municipality to talk about its integration work.",
        datetime.date(2026, 11, 20),
        "10:00",
        "14:00",
        "region-dalarna",
        "2085",
        "Ludvika kommunhus",
        visibility=EventVisibility.PARTNERS,
        participants=9,
    ),
    DemoEvent(
        EventKind.PROCESS_DAY,
        "Processdag: språk och utbildning",
        "Process day: language and education",
        "Hur når fler nyanlända en utbildning som leder till arbete? Samtal och gemensamma initiativ.",
        "How do more newcomers reach education that leads to work? Conversations and joint initiatives.",
        datetime.date(2027, 1, 21),
        "09:30",
        "16:00",
        "region-dalarna",
        "2081",
        "Folkets hus",
        "Stationsgatan 12",
        areas=("sprak-och-utbildning",),
        capacity=40,
        participants=31,
        programme=PROCESS_PROGRAMME,
    ),
    DemoEvent(
        EventKind.THEME_GROUP,
        "Temagrupp arbete: uppföljning av insatserna",
        "Theme group work: follow-up of the initiatives",
        "Temagruppen går igenom insatserna inom området arbete.",
        "The theme group reviews the initiatives in the area of work.",
        datetime.date(2027, 1, 28),
        "13:00",
        "15:30",
        "lansstyrelsen-dalarna",
        "2080",
        "Länsstyrelsen, sal Dalälven",
        visibility=EventVisibility.BODY,
        body="temagrupp-arbete",
        areas=("arbete",),
        participants=6,
    ),
    DemoEvent(
        EventKind.MUNICIPALITY_VISIT,
        "Kommunbesök i Orsa",
        "Municipality visit to Orsa",
        "Dialog med Orsa kommun om mottagande, bostäder och arbete.",
        "A dialogue with Orsa municipality on reception, housing and work.",
        datetime.date(2027, 2, 4),
        "10:00",
        "14:00",
        "region-dalarna",
        "2034",
        "Orsa kommunhus",
        visibility=EventVisibility.PARTNERS,
        participants=7,
    ),
    DemoEvent(
        EventKind.NETWORK,
        "Nätverksträff: civilsamhället och kommunerna",
        "Network meeting: civil society and the municipalities",
        "Föreningar och kommuner delar erfarenheter av språkcaféer, läxhjälp och mötesplatser.",
        "Associations and municipalities share experience of language cafés, homework help and meeting places.",
        datetime.date(2027, 2, 10),
        "13:00",
        "16:00",
        "lansstyrelsen-dalarna",
        "2062",
        "Mora bibliotek",
        format=EventFormat.HYBRID,
        body="natverk",
        areas=("social-sammanhallning",),
        capacity=8,
        participants=10,
        extra={"online_link": "https://video.example.org/natverk-feb"},
    ),
    DemoEvent(
        EventKind.PROCESS_DAY,
        "Processdag: hälsa och bostad (två dagar)",
        "Process day: health and housing (two days)",
        "Två dagar om hälsa och bostad, med övernattning. Dagen efter sommartidens början: tiderna är svensk tid.",
        (
            "Two days on health and housing, with an overnight stay. The day "
            "after summer time starts: times are Swedish time."
        ),
        datetime.date(2027, 3, 29),
        "09:30",
        "15:00",
        "region-dalarna",
        "2031",
        "Hotell vid Siljan",
        areas=("halsa", "bostad"),
        capacity=40,
        days=2,
        participants=12,
        programme=PROCESS_PROGRAMME,
    ),
    DemoEvent(
        EventKind.COUNCIL,
        "Rådslag våren 2027",
        "Council, spring 2027",
        (
            "Landshövdingen bjuder in samtliga parter: hur tar vi samverkan "
            "vidare, och vad har hänt med besluten från hösten?"
        ),
        (
            "The governor invites all partners: how do we take our collaboration "
            "further, and what became of the autumn's decisions?"
        ),
        datetime.date(2027, 5, 20),
        "09:00",
        "12:00",
        "lansstyrelsen-dalarna",
        "2080",
        "Residenset",
        "Stora torget 2",
        visibility=EventVisibility.PARTNERS,
        body="radslag",
        capacity=60,
        participants=15,
        extra={"reserved_seats": 30},
    ),
    DemoEvent(
        EventKind.CONFERENCE,
        "Konferens: social sammanhållning och delaktighet",
        "Conference: social cohesion and participation",
        "En dag med föreläsningar och samtal om hur alla kan bli delaktiga i samhället. Öppen för alla.",
        "A day of talks and conversations on how everyone can take part in society. Open to all.",
        datetime.date(2027, 9, 30),
        "09:00",
        "16:30",
        "lansstyrelsen-dalarna",
        "2081",
        "Borlänge konferenscenter",
        "Borganäsvägen 1",
        areas=("social-sammanhallning",),
        capacity=150,
        participants=20,
        extra={"per_organisation_limit": 5},
    ),
)


def _at(day: datetime.date, clock: str) -> datetime.datetime:
    hour, minute = (int(part) for part in clock.split(":"))
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=STOCKHOLM)


def _people() -> itertools.cycle[tuple[str, str]]:
    return itertools.cycle(itertools.product(FIRST_NAMES, LAST_NAMES))


def load_meetings(*, actor: Any) -> int:
    """Create the demo events with programme, registrations, attendance, evaluations and decisions."""
    created = 0
    people = _people()
    organisations = [Organisation.objects.get(slug=slug) for slug in ORGANISATIONS]
    now = timezone.now()
    for number, demo in enumerate(EVENTS):
        starts = _at(demo.day, demo.start)
        if Event.objects.filter(title_sv=demo.title_sv, starts_at=starts).exists():
            continue
        body = Body.objects.filter(slug=demo.body).order_by("-period__starts_on").first() if demo.body else None
        event = Event.objects.create(
            kind=demo.kind,
            title_sv=demo.title_sv,
            title_en=demo.title_en,
            summary_sv=demo.summary_sv,
            summary_en=demo.summary_en,
            organiser=Organisation.objects.get(slug=demo.organiser),
            body=body,
            format=demo.format,
            venue=demo.venue,
            address=demo.address,
            municipality=Municipality.objects.filter(code=demo.municipality).first() if demo.municipality else None,
            starts_at=starts,
            ends_at=_at(demo.day + datetime.timedelta(days=demo.days - 1), demo.end),
            visibility=demo.visibility,
            capacity=demo.capacity,
            registration_closes_at=starts - datetime.timedelta(days=3),
            **demo.extra,
        )
        event.areas.set(Area.objects.filter(slug__in=demo.areas))
        for offset in range(demo.days):
            for clock, title, speakers in demo.programme:
                ProgrammeItem.objects.create(
                    event=event,
                    starts_at=_at(demo.day + datetime.timedelta(days=offset), clock),
                    title_sv=title,
                    speakers=speakers,
                )
        past = event.ends_at < now
        for index in range(demo.participants):
            first, last = next(people)
            organisation = organisations[(index + number) % len(organisations)]
            data = {
                "name": f"{first} {last}",
                "email": f"{first.lower()}.{last.lower()}.{number}-{index}@example.org".replace("å", "a")
                .replace("ä", "a")
                .replace("ö", "o"),
                "organisation": organisation,
                "municipality": organisation.municipality,
                "list_consent": index % 3 != 0,
                "dietary_needs": "Vegetarisk" if index % 5 == 0 else "",
            }
            if not past and services.registration_is_open(event):
                services.register(actor=None, event=event, data=data, language="sv" if index % 4 else "en")
                continue
            registration = Registration.objects.create(
                event=event,
                status=RegistrationStatus.CONFIRMED,
                attended=past and index % 7 != 0,
                language="sv",
                **data,
            )
            if past and index % 3 == 0:
                Evaluation.objects.create(
                    registration=registration,
                    rating=5 - index % 3,
                    comment=("Bra samtal och nya kontakter." if index % 2 else ""),
                )
        created += 1
    _load_decisions()
    _load_minutes(actor)
    return created


MINUTES_PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _load_minutes(actor: Any) -> None:
    """Minutes of the autumn council, visible to partners like the meeting itself."""
    council = Event.objects.filter(kind=EventKind.COUNCIL, title_sv="Rådslag hösten 2026").first()
    if council is None or council.documents.exists():
        return
    Document.objects.create(
        event=council,
        title="Minnesanteckningar från rådslaget",
        file=ContentFile(MINUTES_PDF, name="minnesanteckningar-radslag.pdf"),
        content_type="application/pdf",
        uploaded_by=actor,
    )


def _load_decisions() -> None:
    council = Event.objects.filter(kind=EventKind.COUNCIL, title_sv="Rådslag hösten 2026").first()
    if council is None or council.decisions.exists():
        return
    initiatives = list(Initiative.objects.order_by("pk")[:2])
    items = (
        (
            DecisionKind.DECISION,
            "Parterna tar fram en gemensam bild av läget för nyanländas etablering i länet till nästa rådslag.",
            (
                "The partners draw up a shared picture of the establishment of "
                "newcomers in the county for the next council."
            ),
            "lansstyrelsen-dalarna",
            DecisionStatus.IN_PROGRESS,
            datetime.date(2027, 5, 1),
        ),
        (
            DecisionKind.ACTION,
            "Kansliet bjuder in civilsamhället till en nätverksträff under våren.",
            "The secretariat invites civil society to a network meeting in the spring.",
            "region-dalarna",
            DecisionStatus.DONE,
            datetime.date(2027, 2, 15),
        ),
        (
            DecisionKind.ACTION,
            "Kommunerna rapporterar sina insatser för språk och utbildning till temagruppen.",
            "The municipalities report their initiatives for language and education to the theme group.",
            "falun-kommun",
            DecisionStatus.OPEN,
            datetime.date(2027, 4, 1),
        ),
    )
    for kind, text_sv, text_en, organisation, status, due in items:
        decision = Decision.objects.create(
            event=council,
            kind=kind,
            text_sv=text_sv,
            text_en=text_en,
            responsible_organisation=Organisation.objects.get(slug=organisation),
            status=status,
            due_on=due,
        )
        decision.initiatives.set(initiatives)
