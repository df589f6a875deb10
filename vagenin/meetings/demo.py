"""Demo data: the secretariat's documented year of meetings, June 2018 to May 2019, and a few upcoming meetings.

The documented year keeps to the seeds (003, "Så här jobbar Vägen in", and DOMAIN.md): the series of five
process days for the signatories and civil society on the dates the seeds list (the last on two days, 9–10
January 2019; the seed's "2018-01-10" for the second day is read as 2019, since the series began in June 2018),
each with 25–40 people present; the council (rådslag) the governor convened twice a year; network meetings once
or twice a term after the series, the larger one in May 2019 that started the revision; a conference on social
cohesion and participation; visits to municipalities. These meetings belong to the bodies of the 2015–2020
agreement, which was in force then; their decisions are done. The seeds give no dates for the councils, the
conference, the visits and the network meetings other than the month of the revision meeting: those days are
the demo's own, inside the year the seeds name.

The upcoming meetings (2027) show registration, the waitlist and the online link. The 2015–2020 agreement has
ended, so they belong to no body of it and no text speaks of an agreement period in force. Every person is
invented. Idempotent: an event already there (same title and start) is left alone.
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
    documented: bool = False  # the seeds list a one-page documentation (PDF) of each process day
    extra: dict[str, Any] = field(default_factory=dict)


PROCESS_PROGRAMME = (
    ("09:30", "Kaffe och välkommen", ""),
    ("10:00", "Samtal i grupper: vad har hänt sedan sist?", "Processledare"),
    ("12:00", "Lunch", ""),
    ("13:00", "Gemensamma initiativ: vem gör vad härnäst?", ""),
    ("15:30", "Avslutning", ""),
)
PROCESS_SUMMARY_SV = (
    "En dag i serien av processdagar för de undertecknande parterna och civilsamhället: lära känna varandras "
    "verksamhet, bygga relationer och byta erfarenheter, för ett bättre integrationsarbete i länet."
)
PROCESS_SUMMARY_EN = (
    "A day in the series of process days for the signatories and civil society: getting to know each other's "
    "work, building relationships and sharing experience, for better integration work in the county."
)


def _process_day(number: int, day: datetime.date, participants: int, days: int = 1) -> DemoEvent:
    return DemoEvent(
        EventKind.PROCESS_DAY,
        f"Processdag {number}",
        f"Process day {number}",
        PROCESS_SUMMARY_SV,
        PROCESS_SUMMARY_EN,
        day,
        "09:30",
        "16:00",
        "region-dalarna",
        "2080",
        capacity=45,
        participants=participants,
        days=days,
        programme=PROCESS_PROGRAMME,
        documented=True,
    )


# The documented year. Participants registered; about six in seven of them present (25–40 at each process day).
HISTORY = (
    _process_day(1, datetime.date(2018, 6, 5), 36),
    _process_day(2, datetime.date(2018, 8, 30), 31),
    _process_day(3, datetime.date(2018, 10, 11), 42),
    _process_day(4, datetime.date(2018, 11, 15), 34),
    _process_day(5, datetime.date(2019, 1, 9), 44, days=2),
    DemoEvent(
        EventKind.COUNCIL,
        "Rådslag hösten 2018",
        "Council, autumn 2018",
        "Landshövdingen bjuder in samtliga undertecknande parter till rådslag om arbetet med Vägen in.",
        "The governor invites all the signatories to the council on the work with Vägen in.",
        datetime.date(2018, 11, 29),
        "09:00",
        "12:00",
        "lansstyrelsen-dalarna",
        "2080",
        "Residenset",
        visibility=EventVisibility.PARTNERS,
        body="radslag",
        capacity=60,
        participants=33,
    ),
    DemoEvent(
        EventKind.NETWORK,
        "Nätverksträff: Vägen in + civilsamhället",
        "Network meeting: Vägen in + civil society",
        "Nätverket från processdagarna fortsätter att träffas, en till två gånger per termin.",
        "The network from the process days goes on meeting, once or twice a term.",
        datetime.date(2019, 2, 27),
        "13:00",
        "16:00",
        "region-dalarna",
        "2081",
        body="natverk",
        areas=("social-sammanhallning",),
        participants=24,
    ),
    DemoEvent(
        EventKind.MUNICIPALITY_VISIT,
        "Kommunbesök i Ludvika",
        "Municipality visit to Ludvika",
        "Kansliet besöker Ludvika kommun för dialog om kommunens integrationsarbete.",
        "The secretariat visits Ludvika municipality to talk about its integration work.",
        datetime.date(2019, 3, 13),
        "10:00",
        "14:00",
        "region-dalarna",
        "2085",
        visibility=EventVisibility.PARTNERS,
        participants=8,
    ),
    DemoEvent(
        EventKind.CONFERENCE,
        "Konferens: social sammanhållning och delaktighet",
        "Conference: social cohesion and participation",
        "En dag med föreläsningar och samtal under temat social sammanhållning och delaktighet. Öppen för alla.",
        "A day of talks and conversations on the theme of social cohesion and participation. Open to all.",
        datetime.date(2019, 4, 10),
        "09:00",
        "16:30",
        "lansstyrelsen-dalarna",
        "2081",
        areas=("social-sammanhallning",),
        capacity=150,
        participants=60,
    ),
    DemoEvent(
        EventKind.MUNICIPALITY_VISIT,
        "Kommunbesök i Hedemora",
        "Municipality visit to Hedemora",
        "Dialog med Hedemora kommun om kommunens integrationsarbete.",
        "A dialogue with Hedemora municipality on its integration work.",
        datetime.date(2019, 4, 24),
        "10:00",
        "14:00",
        "region-dalarna",
        "2083",
        visibility=EventVisibility.PARTNERS,
        participants=7,
    ),
    DemoEvent(
        EventKind.NETWORK,
        "Större nätverksträff: revideringen av Vägen in startar",
        "Larger network meeting: the revision of Vägen in starts",
        (
            "Vid den här träffen startar revideringsprocessen: ska överenskommelsen finnas kvar i nuvarande form "
            "efter 2020?"
        ),
        "The revision starts at this meeting: should the agreement stay in its present form after 2020?",
        datetime.date(2019, 5, 15),
        "09:30",
        "15:30",
        "region-dalarna",
        "2080",
        body="natverk",
        capacity=80,
        participants=52,
    ),
    DemoEvent(
        EventKind.COUNCIL,
        "Rådslag våren 2019",
        "Council, spring 2019",
        "Landshövdingen bjuder in samtliga undertecknande parter: vad har hänt med besluten från hösten?",
        "The governor invites all the signatories: what became of the autumn's decisions?",
        datetime.date(2019, 5, 29),
        "09:00",
        "12:00",
        "lansstyrelsen-dalarna",
        "2080",
        "Residenset",
        visibility=EventVisibility.PARTNERS,
        body="radslag",
        capacity=60,
        participants=29,
    ),
)

# Upcoming meetings, no body of the ended agreement: registration, the waitlist and the online link.
UPCOMING = (
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
        areas=("social-sammanhallning",),
        capacity=8,
        participants=10,
        extra={"online_link": "https://video.example.org/natverk-feb"},
    ),
    DemoEvent(
        EventKind.SEMINAR,
        "Lärseminarium: språk och utbildning som leder till arbete",
        "Learning seminar: language and education that lead to work",
        "Hur når fler nyanlända en utbildning som leder till arbete? Exempel från kommunerna och samtal.",
        "How do more newcomers reach education that leads to work? Examples from the municipalities, and talks.",
        datetime.date(2027, 3, 29),
        "09:30",
        "15:00",
        "region-dalarna",
        "2031",
        "Hotell vid Siljan",
        areas=("sprak-och-utbildning",),
        capacity=40,
        days=2,
        participants=12,
        programme=PROCESS_PROGRAMME,
        extra={"per_organisation_limit": 5},
    ),
    DemoEvent(
        EventKind.MUNICIPALITY_VISIT,
        "Kommunbesök i Orsa",
        "Municipality visit to Orsa",
        "Dialog med Orsa kommun om mottagande, bostäder och arbete.",
        "A dialogue with Orsa municipality on reception, housing and work.",
        datetime.date(2027, 4, 14),
        "10:00",
        "14:00",
        "region-dalarna",
        "2034",
        "Orsa kommunhus",
        visibility=EventVisibility.PARTNERS,
        participants=5,
    ),
    DemoEvent(
        EventKind.DIALOGUE,
        "Dialogmöte: integrationssamordnare i kommunerna",
        "Dialogue meeting: the municipalities' integration coordinators",
        "Erfarenhetsutbyte mellan kommunernas integrationssamordnare, digitalt.",
        "Exchange of experience between the municipalities' integration coordinators, online.",
        datetime.date(2027, 5, 6),
        "13:00",
        "15:00",
        "lansstyrelsen-dalarna",
        "",
        format=EventFormat.ONLINE,
        visibility=EventVisibility.PARTNERS,
        participants=6,
        extra={"online_link": "https://video.example.org/samordnare"},
    ),
)
EVENTS = HISTORY + UPCOMING


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
    # As the daily task would: guests' personal data of meetings past the retention period are erased, the
    # counts kept for the statistics.
    services.purge_guest_data(now=now)
    return created


MINUTES_PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _document(event: Event, title: str, filename: str, actor: Any) -> None:
    if event.documents.filter(title=title).exists():
        return
    Document.objects.create(
        event=event,
        title=title,
        file=ContentFile(MINUTES_PDF, name=filename),
        content_type="application/pdf",
        uploaded_by=actor,
    )


def _load_minutes(actor: Any) -> None:
    """The documentation of each process day (the seeds list one PDF per day) and the autumn council's minutes,
    visible as their meetings are."""
    for demo in HISTORY:
        event = Event.objects.filter(title_sv=demo.title_sv, starts_at=_at(demo.day, demo.start)).first()
        if event is not None and demo.documented:
            _document(event, f"Dokumentation från {demo.title_sv.lower()}", f"{event.title_sv}.pdf", actor)
    council = Event.objects.filter(kind=EventKind.COUNCIL, title_sv="Rådslag hösten 2018").first()
    if council is not None:
        _document(council, "Minnesanteckningar från rådslaget", "minnesanteckningar-radslag.pdf", actor)


def _load_decisions() -> None:
    """The autumn 2018 council's decisions, followed to the end: all done, as the agreement period has ended."""
    council = Event.objects.filter(kind=EventKind.COUNCIL, title_sv="Rådslag hösten 2018").first()
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
            datetime.date(2019, 5, 29),
        ),
        (
            DecisionKind.ACTION,
            "Kansliet bjuder in nätverket från processdagarna till nätverksträffar under våren.",
            "The secretariat invites the network from the process days to network meetings in the spring.",
            "region-dalarna",
            datetime.date(2019, 2, 28),
        ),
        (
            DecisionKind.ACTION,
            "Kommunerna rapporterar sina insatser för språk och utbildning till temagruppen.",
            "The municipalities report their initiatives for language and education to the theme group.",
            "falun-kommun",
            datetime.date(2019, 4, 1),
        ),
    )
    for kind, text_sv, text_en, organisation, due in items:
        decision = Decision.objects.create(
            event=council,
            kind=kind,
            text_sv=text_sv,
            text_en=text_en,
            responsible_organisation=Organisation.objects.get(slug=organisation),
            status=DecisionStatus.DONE,
            due_on=due,
        )
        decision.initiatives.set(initiatives)
