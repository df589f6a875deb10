"""Demo data: news and a knowledge bank from the seeds' facts, four newsletter issues sent in 2019, and a few
invented subscribers on example domains. Idempotent."""

from __future__ import annotations

import datetime
import struct
import zlib
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile

from vagenin.accounts.models import User
from vagenin.agreement.models import AgreementPeriod, Area
from vagenin.newsletter import compose, services
from vagenin.newsletter.models import (
    Delivery,
    DeliveryStatus,
    Document,
    DocumentKind,
    Issue,
    IssueStatus,
    NewsItem,
    NewsStatus,
    Subscriber,
    SubscriberSource,
    SubscriberStatus,
)
from vagenin.organisations.models import Organisation

STOCKHOLM = ZoneInfo("Europe/Stockholm")
SECRETARIAT = "region-dalarna"


def _at(year: int, month: int, day: int, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=STOCKHOLM)


@dataclass(frozen=True)
class DemoNews:
    key: str
    title_sv: str
    title_en: str
    summary_sv: str
    summary_en: str
    body_sv: str
    body_en: str
    organisation: str
    areas: tuple[str, ...]
    published: datetime.datetime | None
    status: str = NewsStatus.APPROVED
    image: bool = False


NEWS = [
    DemoNews(
        "processdag-1",
        "Första processdagen för Vägen in + civilsamhället",
        "First process day for Vägen in + civil society",
        "Den 5 juni 2018 började en serie processdagar med undertecknande parter för Vägen in och civilsamhället.",
        "On 5 June 2018 a series of process days began with the signatories of Vägen in and civil society.",
        "## Syftet\n\n- skapa delaktighet\n- kännedom om varandras verksamhet\n- bygga relationer och byta "
        "erfarenheter\n\nAllt för att förbättra integrationsarbetet i länet genom ökad samverkan.",
        "## The purpose\n\n- to create participation\n- to know each other's work\n- to build relationships and "
        "share experience\n\nAll to improve integration work in the county through closer cooperation.",
        SECRETARIAT,
        ("social-sammanhallning",),
        _at(2018, 6, 8),
    ),
    DemoNews(
        "processdagar-avslutade",
        "Serien med processdagar är avslutad",
        "The series of process days has ended",
        "Fem processtillfällen har genomförts, det sista på två dagar. Nätverket fortsätter att träffas 1–2 gånger "
        "per termin.",
        "Five process sessions were held, the last over two days. The network will go on meeting once or twice a term.",
        "På varje processdag har ca 25–40 personer närvarat. Aktörerna har lärt känna varandra, fått en ökad "
        "förståelse för varandras verksamhet, delat erfarenheter och tagit egna initiativ till samarbeten.\n\n"
        "Sammanfattningarna av processdagarna finns i [kunskapsbanken](/nyheter/kunskapsbank/?typ=process_day).",
        "Each process day had about 25–40 participants. The actors got to know each other, understand each "
        "other's work better, shared experience and started cooperations of their own.\n\n"
        "The summaries of the process days are in the [knowledge bank](/en/nyheter/kunskapsbank/?typ=process_day).",
        SECRETARIAT,
        ("social-sammanhallning",),
        _at(2019, 1, 21),
    ),
    DemoNews(
        "revidering",
        "Revideringen av Vägen in har startat",
        "The revision of Vägen in has started",
        "Revideringsprocessen startades upp vid en större nätverksträff i maj 2019.",
        "The revision process was started at a larger network meeting in May 2019.",
        "Nätverket med alla aktörer för Vägen in + civilsamhället spelar en viktig roll när överenskommelsen "
        "revideras och ställning ska tas till om den ska finnas kvar i nuvarande form efter 2020.",
        "The network of all actors of Vägen in + civil society plays an important part when the agreement is "
        "revised and it is decided whether it should continue in its present form after 2020.",
        SECRETARIAT,
        (),
        _at(2019, 5, 31),
    ),
    DemoNews(
        "konferens",
        "Konferens om social sammanhållning och delaktighet",
        "Conference on social cohesion and participation",
        "Under 2019 har det hållits en konferens under temat Social sammanhållning och delaktighet.",
        "In 2019 a conference was held on the theme of social cohesion and participation.",
        "Under 2019 har det också genomförts tre processträffar med tjänstepersoner och politiker från länets "
        "kommuner och region, myndigheter samt aktörer inom det civila samhället.",
        "In 2019 three process meetings were also held with officials and politicians from the county's "
        "municipalities and region, agencies and civil society.",
        SECRETARIAT,
        ("social-sammanhallning",),
        _at(2019, 10, 14),
    ),
    DemoNews(
        "integrationsrapport",
        "En integrationsrapport för Dalarna",
        "An integration report for Dalarna",
        "Med hjälp av Region Dalarnas analytiker har en integrationsrapport tagits fram.",
        "With the help of Region Dalarna's analysts, an integration report has been produced.",
        "Rapporten är ett svar på ett kunskapsbehov som har uttryckts under en längre tid av tjänstepersoner, "
        "politiker och organisationer som arbetar med integration i Dalarna.\n\n## Kommunturné\n\nUnder våren 2020 "
        "planeras en kommunturné för att presentera integrationsrapporten.",
        "The report answers a need for knowledge long expressed by officials, politicians and organisations "
        "working with integration in Dalarna.\n\n## Municipal tour\n\nA tour of the municipalities to present the "
        "report is planned for spring 2020.",
        "region-dalarna",
        ("arbete",),
        _at(2019, 12, 10),
    ),
    DemoNews(
        "horizon-2020",
        "Horizon 2020-projekt tillsammans med Högskolan Dalarna",
        "Horizon 2020 project together with Dalarna University",
        "Samverkan med Högskolan Dalarna har prioriterats genom ett gemensamt deltagande i ett Horizon 2020-projekt "
        "som godkändes i december 2019.",
        "Cooperation with Dalarna University has been a priority through joint participation in a Horizon 2020 "
        "project approved in December 2019.",
        "",
        "",
        SECRETARIAT,
        (),
        _at(2019, 12, 20),
        image=True,
    ),
    DemoNews(
        "foretagsskola",
        "Företagsskola för nyanlända i Hedemora",
        "Business school for newcomers in Hedemora",
        "Hedemora kommun berättar om sin företagsskola för nyanlända.",
        "Hedemora municipality describes its business school for newcomers.",
        "Beskrivningen (pdf, 4 sidor) finns bland projekten på Vägen in:s sida.",
        "",
        "hedemora-kommun",
        ("arbete",),
        None,
        status=NewsStatus.SUBMITTED,
    ),
]


@dataclass(frozen=True)
class DemoDocument:
    title_sv: str
    kind: str
    description_sv: str
    date: datetime.date | None = None
    organisation: str = ""
    areas: tuple[str, ...] = field(default_factory=tuple)


PROCESS_DAY = "Sammanfattning (pdf, {pages}) av en processdag med undertecknande parter för Vägen in + civilsamhället."
DOCUMENTS = [
    DemoDocument(
        "Processdag 1, 2018-06-05",
        DocumentKind.PROCESS_DAY,
        PROCESS_DAY.format(pages="1 sida"),
        datetime.date(2018, 6, 5),
        SECRETARIAT,
    ),
    DemoDocument(
        "Processdag 2, 2018-08-30",
        DocumentKind.PROCESS_DAY,
        PROCESS_DAY.format(pages="1 sida"),
        datetime.date(2018, 8, 30),
        SECRETARIAT,
    ),
    DemoDocument(
        "Processdag 3, 2018-10-11",
        DocumentKind.PROCESS_DAY,
        PROCESS_DAY.format(pages="1 sida"),
        datetime.date(2018, 10, 11),
        SECRETARIAT,
    ),
    DemoDocument(
        "Processdag 4, 2018-11-15",
        DocumentKind.PROCESS_DAY,
        PROCESS_DAY.format(pages="1 sida"),
        datetime.date(2018, 11, 15),
        SECRETARIAT,
    ),
    DemoDocument(
        "Processdag 5, 2019-01-09 och 2018-01-10",
        DocumentKind.PROCESS_DAY,
        PROCESS_DAY.format(pages="2 sidor"),
        datetime.date(2019, 1, 9),
        SECRETARIAT,
    ),
    DemoDocument(
        "Guide för jämställdhets- och jämlikhetssäkra beslut och verksamheter i kommuner",
        DocumentKind.GUIDE,
        "Guide (pdf, 1 sida) för kommuner.",
    ),
    DemoDocument(
        "Integrationsrapport",
        DocumentKind.REPORT,
        "Integrationsrapporten har tagits fram med hjälp av Region Dalarnas analytiker. Den ska bidra till en mer "
        "nyanserad bild av både möjligheter och utmaningar kopplade till integrationen av utrikes födda personer i "
        "länet.",
        organisation="region-dalarna",
        areas=("arbete",),
    ),
    DemoDocument(
        'Webbutbildning "Bättre bemötande"',
        DocumentKind.TRAINING,
        "En öppen och gratis webbutbildning (extern länk).",
    ),
    DemoDocument(
        "Avesta: Projekt för ett inkluderande och hållbart arbetsliv",
        DocumentKind.OTHER,
        "Projektbeskrivning (word, 1 sida).",
        organisation="avesta-kommun",
        areas=("arbete",),
    ),
    DemoDocument(
        "Ludvika: Vägen till egen försörjning, Ludvikamodellen",
        DocumentKind.OTHER,
        "Projektbeskrivning (pdf, 14 sidor).",
        organisation="ludvika-kommun",
        areas=("arbete",),
    ),
    DemoDocument(
        "Vansbro: Fritidscheck", DocumentKind.OTHER, "Projektbeskrivning (word, 1 sida).", organisation="vansbro-kommun"
    ),
    DemoDocument(
        "Hedemora: Handledarutbildning",
        DocumentKind.OTHER,
        "Projektbeskrivning (pdf, 2 sidor).",
        organisation="hedemora-kommun",
    ),
    DemoDocument(
        "Hedemora: Företagsskola för nyanlända",
        DocumentKind.OTHER,
        "Projektbeskrivning (pdf, 4 sidor).",
        organisation="hedemora-kommun",
        areas=("arbete",),
    ),
]

# (number, sent, subject, news keys) — the seeds: the newsletter went to the partners four times in 2019.
ISSUES = [
    (1, _at(2019, 2, 12), "Processdagarna är avslutade", ("processdag-1", "processdagar-avslutade")),
    (2, _at(2019, 6, 11), "Revideringen av Vägen in har startat", ("revidering",)),
    (3, _at(2019, 10, 22), "Konferens om social sammanhållning och delaktighet", ("konferens",)),
    (4, _at(2019, 12, 19), "Integrationsrapporten och året som gått", ("integrationsrapport",)),
]
SUBSCRIBERS = [
    ("integration@kommun.example", "sv", ("arbete",), _at(2019, 1, 15)),
    ("kansli@forening.example", "sv", (), _at(2019, 1, 20)),
    ("info@studieforbund.example", "sv", ("social-sammanhallning",), _at(2019, 4, 2)),
    ("newsletter@agency.example", "en", (), _at(2019, 5, 6)),
    ("larare@skola.example", "sv", ("sprak-och-utbildning",), _at(2019, 9, 30)),
]


def demo_png(width: int = 600, height: int = 300) -> bytes:
    """A plain two-colour banner as a PNG, made here: no invented photograph."""
    rows = []
    for y in range(height):
        colour = b"\x00\x55\x8c" if y < height * 2 // 3 else b"\xf2\xc1\x00"
        rows.append(b"\x00" + colour * width)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + chunk(b"IEND", b"")
    )


def load_newsletter(actor: User) -> None:
    """News, the knowledge bank, four sent issues and a few subscribers, once."""
    if NewsItem.objects.exists() or Document.objects.exists():
        return
    period = AgreementPeriod.objects.get(slug="2015-2020")
    areas = {area.slug: area for area in Area.objects.filter(period=period)}
    news: dict[str, NewsItem] = {}
    for demo in NEWS:
        data = {
            "title_sv": demo.title_sv,
            "title_en": demo.title_en,
            "summary_sv": demo.summary_sv,
            "summary_en": demo.summary_en,
            "body_sv": demo.body_sv,
            "body_en": demo.body_en,
            "areas": [areas[slug] for slug in demo.areas],
        }
        if demo.image:
            data |= {
                "image_alt_sv": "Vägen in:s färger, blått och gult, i ett band",
                "image_alt_en": "Vägen in's colours, blue and yellow, in a band",
            }
        image = ContentFile(demo_png(), name=f"{demo.key}.png") if demo.image else None
        item = services.create_news(
            actor=actor, organisation=Organisation.objects.get(slug=demo.organisation), data=data, image=image
        )
        if demo.status == NewsStatus.APPROVED:
            services.approve_news(actor=actor, item=item, published_at=demo.published)
        elif demo.status == NewsStatus.SUBMITTED:
            services.submit_news(actor=actor, item=item)
        news[demo.key] = item
    for entry in DOCUMENTS:
        services.save_document(
            actor=actor,
            document=None,
            data={
                "title_sv": entry.title_sv,
                "description_sv": entry.description_sv,
                "kind": entry.kind,
                "date": entry.date,
                "language": "sv",
                "organisation": Organisation.objects.get(slug=entry.organisation) if entry.organisation else None,
                "areas": [areas[slug] for slug in entry.areas],
            },
        )
    subscribers = []
    for email, language, chosen, consent in SUBSCRIBERS:
        subscriber = Subscriber.objects.create(
            email=email,
            language=language,
            status=SubscriberStatus.ACTIVE,
            source=SubscriberSource.DEMO,
            consent_at=consent,
        )
        subscriber.areas.set([areas[slug] for slug in chosen])
        subscribers.append(subscriber)
    process_days = list(Document.objects.filter(kind=DocumentKind.PROCESS_DAY))
    for number, sent_at, subject, keys in ISSUES:
        issue = services.save_issue(
            actor=actor,
            issue=None,
            data={
                "subject_sv": f"Nyhetsbrev {number}/2019: {subject}",
                "intro_sv": "Hej! Här är nyheterna från Vägen in-kansliet.",
                "intro_en": "Hello! Here is the news from the Vägen in secretariat.",
                "news": [news[key] for key in keys],
                "documents": process_days if number == 1 else [],
            },
        )
        Issue.objects.filter(pk=issue.pk).update(status=IssueStatus.SENT, sent_at=sent_at)
        issue.refresh_from_db()
        snapshots: dict[str, str] = {}
        for language in ("sv", "en"):
            html, text = compose.render_mail(compose.build(issue, language))
            snapshots |= {f"html_{language}": html, f"text_{language}": text}
        Issue.objects.filter(pk=issue.pk).update(**snapshots)
        recipients = [s for s in subscribers if s.consent_at and s.consent_at < sent_at]
        Delivery.objects.bulk_create(
            [
                Delivery(issue=issue, subscriber=s, status=DeliveryStatus.SENT, attempts=1, sent_at=sent_at)
                for s in recipients
            ]
        )
        if number == 3:
            # Someone who left after the third issue: the count stays, the address is gone.
            Delivery.objects.create(
                issue=issue,
                subscriber=None,
                status=DeliveryStatus.SENT,
                attempts=1,
                sent_at=sent_at,
                unsubscribed_after=True,
            )
