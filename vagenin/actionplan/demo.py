"""A demo action plan across all five areas and several municipalities. The projects echo the examples the
secretariat's catalogue names (Avesta, Ludvika, Vansbro, Hedemora); their details and all figures are invented."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from vagenin.accounts.models import Membership, MembershipRole, User
from vagenin.actionplan import services
from vagenin.actionplan.models import (
    FundingSource,
    Initiative,
    InitiativeStatus,
    PartnerRole,
    ReportingRound,
    TargetGroup,
    Visibility,
)
from vagenin.agreement.models import AgreementPeriod, FocusTheme, Principle
from vagenin.organisations.demo import FIRST_NAMES, LAST_NAMES
from vagenin.organisations.models import Municipality, Organisation

D = datetime.date
# A one-page PDF saying this is a demo document (the real ones are the partners' own).
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
    b"4 0 obj<</Length 44>>stream\nBT /F1 24 Tf 72 760 Td (Demodokument) Tj ET\nendstream endobj\n"
    b"5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclass
class Demo:
    key: str
    title_sv: str
    title_en: str
    summary_sv: str
    summary_en: str
    lead: str
    themes: list[str]
    municipalities: list[str]
    starts_on: datetime.date
    ends_on: datetime.date
    status: str
    progress: int = 0
    partners: list[tuple[str, str]] = field(default_factory=list)
    funding: list[tuple[str, int]] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)
    principles: list[int] = field(default_factory=lambda: [1])
    parent: str = ""
    published: bool = True
    description_sv: str = ""


WHOLE_COUNTY = ["*"]

INITIATIVES = [
    Demo(
        "avesta-arbetsliv",
        "Ett inkluderande och hållbart arbetsliv i Avesta",
        "An inclusive and sustainable working life in Avesta",
        "Kommunen, Arbetsförmedlingen och lokala arbetsgivare matchar nyanlända mot lediga jobb och praktikplatser.",
        "The municipality, the Employment Service and local employers match newcomers with vacancies and placements.",
        "avesta-kommun",
        ["korta-vagen-till-anstallning"],
        ["2084"],
        D(2019, 1, 1),
        D(2027, 6, 30),
        InitiativeStatus.ONGOING,
        55,
        [("arbetsformedlingen", PartnerRole.CO_LEAD)],
        [(FundingSource.OWN_BUDGET, 1_200_000), (FundingSource.ESF_PLUS, 3_400_000)],
        ["nyanlanda", "kvinnor", "arbetsgivare"],
        [1, 2, 4],
        description_sv="Insatsen bygger på tidiga arbetsgivarkontakter, språkstöd på arbetsplatsen och handledare "
        "hos arbetsgivaren. Varje deltagare får en egen kontaktperson under hela vägen till anställning.",
    ),
    Demo(
        "ludvikamodellen",
        "Vägen till egen försörjning – Ludvikamodellen",
        "The way to self-sufficiency – the Ludvika model",
        "En samlad modell där kommunen, Arbetsförmedlingen och Försäkringskassan arbetar i ett team "
        "kring varje deltagare.",
        "A joint model in which the municipality, the Employment Service and the Social Insurance Agency work as one "
        "team around each participant.",
        "ludvika-kommun",
        ["korta-vagen-till-anstallning", "rehabilitering"],
        ["2085"],
        D(2018, 8, 1),
        D(2027, 12, 31),
        InitiativeStatus.ONGOING,
        0,
        [("arbetsformedlingen", PartnerRole.PARTNER), ("forsakringskassan", PartnerRole.PARTNER)],
        [(FundingSource.OWN_BUDGET, 2_000_000), (FundingSource.STATE_GRANT, 850_000)],
        ["nyanlanda", "langt-fran-arbetsmarknaden"],
        [1, 2, 3],
    ),
    Demo(
        "ludvika-sprakpraktik",
        "Språkpraktik i kommunens verksamheter",
        "Language placements in municipal services",
        "Deltagare i Ludvikamodellen gör praktik med språkstöd i kommunens förskolor, kök och äldreomsorg.",
        "Participants in the Ludvika model do placements with language support in municipal pre-schools, kitchens "
        "and elderly care.",
        "ludvika-kommun",
        ["vuxenutbildning-och-svenska"],
        ["2085"],
        D(2019, 1, 1),
        D(2026, 12, 31),
        InitiativeStatus.ONGOING,
        70,
        parent="ludvikamodellen",
        target_groups=["nyanlanda"],
    ),
    Demo(
        "ludvika-coacher",
        "Arbetsmarknadscoacher",
        "Labour-market coaches",
        "Coacher följer varje deltagare från etableringsprogrammet till anställning eller studier.",
        "Coaches follow each participant from the introduction programme to a job or studies.",
        "ludvika-kommun",
        ["korta-vagen-till-anstallning"],
        ["2085"],
        D(2019, 1, 1),
        D(2027, 12, 31),
        InitiativeStatus.ONGOING,
        40,
        parent="ludvikamodellen",
        target_groups=["nyanlanda"],
    ),
    Demo(
        "vansbro-fritidscheck",
        "Fritidscheck för barn och unga i Vansbro",
        "Leisure cheque for children and young people in Vansbro",
        "Barn och unga får en check att använda i föreningslivet, så att fler nyanlända hittar en aktiv fritid.",
        "Children and young people get a cheque to spend in local clubs, so that more newcomers find an active "
        "leisure time.",
        "vansbro-kommun",
        ["inkluderande-kultur-och-foreningsliv"],
        ["2021"],
        D(2017, 1, 1),
        D(2020, 12, 31),
        InitiativeStatus.COMPLETED,
        100,
        [("svenska-roda-korset", PartnerRole.PARTNER)],
        [(FundingSource.OWN_BUDGET, 300_000)],
        ["barn", "unga"],
        [1, 4],
    ),
    Demo(
        "hedemora-handledare",
        "Handledarutbildning för arbetsplatser i Hedemora",
        "Workplace mentor training in Hedemora",
        "Anställda hos kommunen och lokala företag utbildas till handledare för nyanlända praktikanter.",
        "Staff at the municipality and local companies are trained to mentor newly arrived trainees.",
        "hedemora-kommun",
        ["korta-vagen-till-anstallning"],
        ["2083"],
        D(2018, 9, 1),
        D(2026, 12, 31),
        InitiativeStatus.ONGOING,
        80,
        [("arbetsformedlingen", PartnerRole.PARTNER)],
        [(FundingSource.STATE_GRANT, 450_000)],
        ["arbetsgivare", "yrkesverksamma"],
    ),
    Demo(
        "hedemora-foretagsskola",
        "Företagsskola för nyanlända",
        "Business school for newcomers",
        "En kurs om att starta och driva företag i Sverige, med rådgivning från Almi och mentorer från Företagarna.",
        "A course on starting and running a business in Sweden, with advice from Almi and mentors from Företagarna.",
        "hedemora-kommun",
        ["korta-vagen-till-foretagande"],
        ["2083", "2084", "2082"],
        D(2019, 2, 1),
        D(2027, 1, 31),
        InitiativeStatus.ONGOING,
        35,
        [("almi-dalarna", PartnerRole.PARTNER), ("foretagarna-dalarna", PartnerRole.PARTNER)],
        [(FundingSource.OWN_BUDGET, 150_000), (FundingSource.OTHER, 200_000)],
        ["foretagare"],
        [1, 4],
    ),
    Demo(
        "halsoundersokningar",
        "Tidiga hälsoundersökningar",
        "Early health examinations",
        "Alla nyanlända erbjuds en hälsoundersökning och information om vården på sitt eget språk.",
        "All newcomers are offered a health examination and information about health care in their own language.",
        "region-dalarna",
        ["tidiga-och-forebyggande-insatser"],
        WHOLE_COUNTY,
        D(2016, 1, 1),
        D(2027, 12, 31),
        InitiativeStatus.ONGOING,
        65,
        [("migrationsverket", PartnerRole.PARTNER)],
        [(FundingSource.OWN_BUDGET, 5_000_000)],
        ["nyanlanda", "asylsokande"],
        [1, 3],
    ),
    Demo(
        "akademi-for-integration",
        "Akademi för integration",
        "Academy for integration",
        "Kompletterande utbildning och svenska för utländska akademiker som vill arbeta inom sitt yrke i Dalarna.",
        "Supplementary courses and Swedish for foreign academics who want to work in their profession in Dalarna.",
        "hogskolan-dalarna",
        ["vuxenutbildning-och-svenska"],
        WHOLE_COUNTY,
        D(2017, 8, 1),
        D(2026, 12, 31),
        InitiativeStatus.ONGOING,
        75,
        [("arbetsformedlingen", PartnerRole.FUNDER), ("region-dalarna", PartnerRole.PARTNER)],
        [(FundingSource.STATE_GRANT, 2_300_000)],
        ["utlandska-akademiker"],
        [1, 2],
    ),
    Demo(
        "bostadsanalys",
        "Bostadsanalys för mottagandet i Dalarna",
        "Housing analysis for reception in Dalarna",
        "Länsstyrelsen och regionen tar fram lokala analyser av bostadsmarknad, arbetsmarknad och demografi.",
        "The county board and the region produce local analyses of the housing market, labour market and demography.",
        "lansstyrelsen-dalarna",
        ["goda-planeringsforutsattningar"],
        WHOLE_COUNTY,
        D(2019, 3, 1),
        D(2027, 3, 31),
        InitiativeStatus.ONGOING,
        45,
        [("region-dalarna", PartnerRole.CO_LEAD), ("migrationsverket", PartnerRole.REFERENCE)],
        [(FundingSource.OWN_BUDGET, 600_000)],
        ["yrkesverksamma"],
        [1, 3],
    ),
    Demo(
        "laxhjalp",
        "Läxhjälp i Falun och Borlänge",
        "Homework help in Falun and Borlänge",
        "Frivilliga ger läxhjälp två kvällar i veckan på biblioteken, med särskilt fokus på nyanlända tonåringar.",
        "Volunteers give homework help two evenings a week in the libraries, focusing on newly arrived teenagers.",
        "radda-barnen",
        ["utbildning-pa-lika-villkor"],
        ["2080", "2081"],
        D(2018, 1, 15),
        D(2027, 6, 15),
        InitiativeStatus.ONGOING,
        60,
        [("falun-kommun", PartnerRole.PARTNER), ("borlange-kommun", PartnerRole.PARTNER)],
        [(FundingSource.INHERITANCE_FUND, 1_800_000)],
        ["barn", "unga", "ensamkommande"],
        [4],
    ),
    Demo(
        "sprakcafeer",
        "Språkcaféer i Mora och Orsa",
        "Language cafés in Mora and Orsa",
        "Församlingarna och studieförbunden ordnar språkcaféer där nyanlända och bofasta möts.",
        "Parishes and study associations run language cafés where newcomers and residents meet.",
        "svenska-kyrkan",
        ["inkluderande-folkbildning"],
        ["2062", "2034"],
        D(2016, 9, 1),
        D(2027, 6, 30),
        InitiativeStatus.ONGOING,
        90,
        [("mora-kommun", PartnerRole.PARTNER)],
        [(FundingSource.OWN_BUDGET, 120_000)],
        ["nyanlanda", "foraldrar"],
        [4],
    ),
    Demo(
        "vardegrund",
        "Utbildning om bemötande och diskriminering",
        "Training on treatment and discrimination",
        "Webbutbildningen ”Bättre bemötande” och workshops för anställda i länets kommuner.",
        'The online course "Better treatment" and workshops for staff in the county\'s municipalities.',
        "lansstyrelsen-dalarna",
        ["motverka-diskriminering"],
        WHOLE_COUNTY,
        D(2019, 9, 1),
        D(2026, 12, 31),
        InitiativeStatus.ONGOING,
        50,
        [("falun-kommun", PartnerRole.PARTNER), ("mora-kommun", PartnerRole.PARTNER)],
        [(FundingSource.STATE_GRANT, 400_000)],
        ["yrkesverksamma"],
        [1, 2],
    ),
    Demo(
        "yrkes-sfi",
        "Yrkes-sfi inom vård och omsorg",
        "Vocational Swedish for health and social care",
        "Sfi kombinerad med undersköterskeutbildning, samordnad mellan kommunerna i DalaWux.",
        "Swedish for immigrants combined with nursing-assistant training, coordinated between the municipalities in "
        "DalaWux.",
        "dalawux",
        ["vuxenutbildning-och-svenska"],
        ["2080", "2081", "2085"],
        D(2020, 1, 1),
        D(2027, 12, 31),
        InitiativeStatus.ONGOING,
        30,
        [("region-dalarna", PartnerRole.PARTNER), ("arbetsformedlingen", PartnerRole.PARTNER)],
        [(FundingSource.ESF_PLUS, 4_100_000)],
        ["nyanlanda", "kvinnor"],
        [1, 2],
    ),
    Demo(
        "halsokommunikatorer",
        "Hälsokommunikatörer på modersmål",
        "Health communicators in mother tongues",
        "Hälsokommunikatörer informerar om hälsa och vård på arabiska, dari, somaliska och tigrinja.",
        "Health communicators inform about health and care in Arabic, Dari, Somali and Tigrinya.",
        "region-dalarna",
        ["tidiga-och-forebyggande-insatser"],
        ["2081", "2080"],
        D(2027, 1, 1),
        D(2028, 12, 31),
        InitiativeStatus.PLANNED,
        0,
        [],
        [],
        ["nyanlanda", "foraldrar"],
        [3],
        published=False,
    ),
]


def _reporter(organisation: Organisation) -> User:
    """An editor of the organisation: a demo login where there is one, else an invented editor without a login."""
    membership = (
        Membership.objects.filter(organisation=organisation, role=MembershipRole.EDITOR).select_related("user").first()
    )
    if membership is not None:
        return membership.user
    number = Organisation.objects.filter(name__lt=organisation.name).count()
    user, created = User.objects.get_or_create(
        email=f"redaktor.{organisation.slug}@example.org",
        defaults={"full_name": f"{FIRST_NAMES[(number + 5) % 24]} {LAST_NAMES[(number + 11) % 24]}"},
    )
    if created:
        user.set_unusable_password()
        user.save()
        Membership.objects.create(user=user, organisation=organisation, role=MembershipRole.EDITOR)
    return user


def _apply_report(
    actor: User,
    initiative: Initiative,
    start: datetime.date,
    end: datetime.date,
    progress: int,
    narrative: str,
    values: dict[str, Decimal],
    final: str = "approve",
    reporting_round: ReportingRound | None = None,
) -> None:
    # The lead organisation's editor writes and submits the report; the secretariat (actor) decides it, as
    # nobody approves their own report.
    author = _reporter(initiative.lead_organisation)
    report = services.start_report(
        actor=author, initiative=initiative, period_start=start, period_end=end, reporting_round=reporting_round
    )
    indicators = {indicator.name_sv: indicator for indicator in initiative.indicators.all()}
    services.save_report(
        actor=author,
        report=report,
        narrative=narrative,
        progress=progress,
        status_after="",
        values={indicators[name]: value for name, value in values.items()},
        milestones_done={},
    )
    if final == "draft":
        return
    services.submit_report(actor=author, report=report)
    if final == "approve":
        services.approve_report(actor=actor, report=report)
    elif final == "return":
        services.return_report(
            actor=actor, report=report, comment="Beskriv gärna hur många deltagare som gått vidare till studier."
        )


def load_actionplan(actor: User) -> None:
    """Create the demo initiatives once (keyed by external id), with indicators, milestones and reports."""
    period = AgreementPeriod.objects.get(slug="2015-2020")
    if Initiative.objects.filter(external_id__startswith="demo-").exists():
        return
    created: dict[str, Initiative] = {}
    for demo in INITIATIVES:
        data = {
            "external_id": f"demo-{demo.key}",
            "title_sv": demo.title_sv,
            "title_en": demo.title_en,
            "summary_sv": demo.summary_sv,
            "summary_en": demo.summary_en,
            "description_sv": demo.description_sv or demo.summary_sv,
            "lead_organisation": Organisation.objects.get(slug=demo.lead),
            "parent": created.get(demo.parent),
            "starts_on": demo.starts_on,
            "ends_on": demo.ends_on,
            "status": demo.status,
            "progress": demo.progress,
            "whole_county": demo.municipalities == WHOLE_COUNTY,
            "themes": list(FocusTheme.objects.filter(area__period=period, slug__in=demo.themes)),
            "principles": list(Principle.objects.filter(period=period, number__in=demo.principles)),
            "municipalities": list(Municipality.objects.filter(code__in=[c for c in demo.municipalities if c != "*"])),
            "target_groups": list(TargetGroup.objects.filter(slug__in=demo.target_groups)),
        }
        initiative = services.create_initiative(actor=actor, period=period, data=data)
        for organisation, role in demo.partners:
            services.add_partner(
                actor=actor, initiative=initiative, organisation=Organisation.objects.get(slug=organisation), role=role
            )
        for source, amount in demo.funding:
            services.add_funding(actor=actor, initiative=initiative, source=source, amount_sek=amount)
        if demo.published:
            services.set_visibility(actor=actor, initiative=initiative, visibility=Visibility.PUBLISHED)
        created[demo.key] = initiative

    # The planned initiative's editor has asked to publish it: it waits in the secretariat's queue.
    planned = created["halsokommunikatorer"]
    services.request_publication(actor=_reporter(planned.lead_organisation), initiative=planned)

    avesta = created["avesta-arbetsliv"]
    services.save_indicator(
        actor=actor,
        initiative=avesta,
        instance=None,
        data={
            "name_sv": "Deltagare i arbete",
            "name_en": "Participants in work",
            "unit": "personer",
            "baseline_value": Decimal(0),
            "baseline_date": D(2019, 1, 1),
            "target_value": Decimal(120),
            "target_date": D(2027, 6, 30),
        },
    )
    services.save_milestone(
        actor=actor,
        initiative=avesta,
        instance=None,
        data={
            "title_sv": "Avtal med tio arbetsgivare",
            "title_en": "Agreements with ten employers",
            "due_on": D(2020, 6, 30),
            "done_on": D(2020, 5, 20),
        },
    )
    services.save_milestone(
        actor=actor,
        initiative=avesta,
        instance=None,
        data={
            "title_sv": "Utvärdering klar",
            "title_en": "Evaluation completed",
            "due_on": D(2027, 3, 31),
            "done_on": None,
        },
    )
    _apply_report(
        actor,
        avesta,
        D(2025, 1, 1),
        D(2025, 6, 30),
        45,
        "Trettiotvå deltagare har fått anställning.",
        {"Deltagare i arbete": Decimal(32)},
    )
    _apply_report(
        actor,
        avesta,
        D(2025, 7, 1),
        D(2025, 12, 31),
        55,
        "Ytterligare sexton deltagare i arbete.",
        {"Deltagare i arbete": Decimal(48)},
    )

    academy = created["akademi-for-integration"]
    services.save_indicator(
        actor=actor,
        initiative=academy,
        instance=None,
        data={
            "name_sv": "Deltagare som fått arbete inom sitt yrke",
            "name_en": "Participants working in their profession",
            "unit": "procent",
            "baseline_value": Decimal(20),
            "baseline_date": D(2017, 8, 1),
            "target_value": Decimal(60),
            "target_date": D(2026, 12, 31),
        },
    )
    _apply_report(
        actor,
        academy,
        D(2025, 1, 1),
        D(2025, 12, 31),
        75,
        "Två kullar har avslutat utbildningen.",
        {"Deltagare som fått arbete inom sitt yrke": Decimal(38)},
    )

    health = created["halsoundersokningar"]
    services.save_indicator(
        actor=actor,
        initiative=health,
        instance=None,
        data={
            "name_sv": "Andel som erbjudits hälsoundersökning",
            "name_en": "Share offered a health examination",
            "unit": "procent",
            "baseline_value": Decimal(40),
            "baseline_date": D(2016, 1, 1),
            "target_value": Decimal(95),
            "target_date": D(2027, 12, 31),
        },
    )
    _apply_report(
        actor,
        health,
        D(2025, 1, 1),
        D(2025, 12, 31),
        65,
        "Andelen ökar i alla kommuner utom två.",
        {"Andel som erbjudits hälsoundersökning": Decimal(71)},
    )

    ludvika = created["ludvikamodellen"]
    services.add_link(
        actor=actor, initiative=ludvika, title="Ludvika kommun om etablering", url="https://www.ludvika.se/"
    )
    services.add_attachment(
        actor=actor,
        initiative=ludvika,
        title="Ludvikamodellen i korthet",
        file=SimpleUploadedFile("ludvikamodellen.pdf", DEMO_PDF, content_type="application/pdf"),
        content_type="application/pdf",
    )

    reporting_round = ReportingRound.objects.create(
        agreement_period=period,
        title="Lägesrapportering första halvåret 2026",
        period_start=D(2026, 1, 1),
        period_end=D(2026, 6, 30),
        due_on=D(2026, 12, 15),
        opened_by=actor,
    )
    _apply_report(
        actor,
        avesta,
        D(2026, 1, 1),
        D(2026, 6, 30),
        62,
        "Arbetet fortsätter enligt plan.",
        {"Deltagare i arbete": Decimal(61)},
        final="submit",
        reporting_round=reporting_round,
    )
    _apply_report(
        actor,
        created["ludvika-sprakpraktik"],
        D(2026, 1, 1),
        D(2026, 6, 30),
        75,
        "Fler verksamheter tar emot praktikanter.",
        {},
        final="return",
        reporting_round=reporting_round,
    )
    _apply_report(
        actor,
        created["sprakcafeer"],
        D(2026, 1, 1),
        D(2026, 6, 30),
        92,
        "Språkcaféerna har i snitt 25 besökare per gång.",
        {},
        reporting_round=reporting_round,
    )
