"""Demo grants: the three programmes, a 2026 call of each with applications in every state, and an open TIA call
for 2027. Applicants are real municipalities and associations of the register; people and figures are invented."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile

from vagenin.accounts.models import StaffRole, User
from vagenin.actionplan.demo import DEMO_PDF
from vagenin.common.audit import record
from vagenin.grants.models import (
    Application,
    ApplicationFile,
    ApplicationForm,
    Call,
    Criterion,
    FieldKind,
    FinalReport,
    FormField,
    FormVersion,
    Message,
    Outcome,
    Programme,
    ProgrammeDocument,
    ReportStatus,
    ReviewAssignment,
    Score,
    Status,
)
from vagenin.organisations.models import Organisation

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=STOCKHOLM)


PROGRAMMES = [
    {
        "slug": "tidiga-insatser-for-asylsokande",
        "code": "TIA",
        "name_sv": "Tidiga insatser för asylsökande",
        "name_en": "Early measures for asylum seekers",
        "legal_basis_sv": (
            "Förordning (2016:1363) om statsbidrag för tidiga insatser för asylsökande och vissa nyanlända invandrare"
        ),
        "legal_basis_en": (
            "Ordinance (2016:1363) on state grants for early measures for asylum "
            "seekers and certain newly arrived immigrants"
        ),
        "municipalities_may_apply": True,
        "civil_society_may_apply": True,
        "asks_participants": True,
        "rules_sv": "Tidiga insatser är verksamheter som är riktade till vuxna personer som söker asyl eller som har "
        "uppehållstillstånd men bor kvar på något av Migrationsverkets anläggningsboenden i väntan på "
        "kommunanvisning. Kommuner och organisationer inom civilsamhället kan söka bidrag till verksamheter för "
        "asylsökande personer.",
        "rules_en": "Early measures are activities for adults who are seeking asylum, or who have a residence permit "
        "but still live in the Migration Agency's accommodation while waiting to be assigned to a municipality. "
        "Municipalities and civil-society organisations may apply for grants for activities for asylum seekers.",
    },
    {
        "slug": "kapacitet-och-beredskap",
        "code": "§ 37",
        "name_sv": "Utveckla kapacitet och beredskap i mottagandet av nyanlända",
        "name_en": "Developing capacity and readiness in the reception of newcomers",
        "legal_basis_sv": "37 § förordningen (2010:1122) om statlig ersättning för insatser för vissa utlänningar",
        "legal_basis_en": (
            "Section 37 of the Ordinance (2010:1122) on state compensation for measures for certain foreigners"
        ),
        "municipalities_may_apply": True,
        "civil_society_may_apply": False,
        "asks_participants": False,
        "rules_sv": "Kommuner kan söka bidrag för att skapa beredskap och tillräcklig mottagningskapacitet för "
        "nyanlända personer och ensamkommande barn. Bidragen kan bland annat användas för insatser som rör "
        "bostäder och bosättning.",
        "rules_en": "Municipalities may apply for grants to create readiness and sufficient reception capacity for "
        "newly arrived people and unaccompanied children. The grants may be used for housing and settlement, "
        "among other things.",
    },
    {
        "slug": "flyktingguider-och-familjekontakter",
        "code": "§ 37 a",
        "name_sv": "Utveckla verksamhet med flyktingguider och familjekontakter",
        "name_en": "Developing refugee guides and family contacts",
        "legal_basis_sv": "37 a § förordningen (2010:1122) om statlig ersättning för insatser för vissa utlänningar",
        "legal_basis_en": (
            "Section 37 a of the Ordinance (2010:1122) on state compensation for measures for certain foreigners"
        ),
        "municipalities_may_apply": True,
        "civil_society_may_apply": False,
        "asks_participants": True,
        "rules_sv": "Kommuner kan söka bidrag för att stärka och utveckla arbetet med flyktingguider och "
        "familjekontakter. Bidragen kan bland annat användas för att skapa nätverk och stödja språkinlärningen.",
        "rules_en": "Municipalities may apply for grants to strengthen and develop their work with refugee guides "
        "and family contacts. The grants may be used to build networks and support language learning, among "
        "other things.",
    },
]

QUESTIONS = [
    (FieldKind.ORGANISATION, "Sökande organisation", "Applying organisation", "", "", True, "", ""),
    (
        FieldKind.CONTACT,
        "Kontaktperson",
        "Contact person",
        "Den som handläggaren ska höra av sig till.",
        "The person the officer should contact.",
        True,
        "",
        "",
    ),
    (
        FieldKind.LONG_TEXT,
        "Bakgrund och behov",
        "Background and need",
        "Vilket behov ska insatsen möta?",
        "What need will the measure meet?",
        True,
        "",
        "",
    ),
    (
        FieldKind.LONG_TEXT,
        "Aktiviteter",
        "Activities",
        "Vad ska göras, av vem och när?",
        "What will be done, by whom and when?",
        True,
        "",
        "",
    ),
    (FieldKind.NUMBER, "Antal deltagare som planeras", "Planned number of participants", "", "", False, "", ""),
    (
        FieldKind.CHOICE,
        "Målgrupp",
        "Target group",
        "",
        "",
        True,
        "Asylsökande vuxna\nNyanlända\nEnsamkommande barn och unga",
        "Adult asylum seekers\nNewcomers\nUnaccompanied children and young people",
    ),
    (FieldKind.DATE, "Startdatum", "Start date", "", "", True, "", ""),
    (FieldKind.BUDGET, "Budget", "Budget", "Kostnad per post i kronor.", "Cost per item in kronor.", True, "", ""),
    (
        FieldKind.FILE,
        "Underskriven försäkran",
        "Signed declaration",
        "PDF med firmatecknarens underskrift.",
        "PDF signed by an authorised signatory.",
        False,
        "",
        "",
    ),
]

CRITERIA = [
    ("Behov och målgrupp", "Need and target group", 5),
    ("Genomförbarhet", "Feasibility", 5),
    ("Samverkan", "Collaboration", 5),
    ("Rimlig budget", "Reasonable budget", 5),
]


@dataclass(frozen=True)
class DemoApplication:
    organisation: str
    title: str
    purpose: str
    amount: int
    status: str
    outcome: str = ""
    granted: int = 0
    used: int | None = None
    report_status: str = ""


# Every state appears for each programme: draft, submitted, in review, more information requested, decided
# (in full, in part, declined), paid, reported, closed and withdrawn.
APPLICATIONS: dict[str, list[DemoApplication]] = {
    "TIA": [
        DemoApplication(
            "svenska-roda-korset",
            "Språkcaféer på boendet",
            "Språkcaféer två kvällar i veckan för asylsökande vuxna.",
            180000,
            Status.CLOSED,
            Outcome.GRANTED_FULL,
            180000,
            172500,
            ReportStatus.APPROVED,
        ),
        DemoApplication(
            "radda-barnen",
            "Föräldrastöd under asyltiden",
            "Samtalsgrupper för föräldrar som väntar på beslut.",
            240000,
            Status.REPORTED,
            Outcome.GRANTED_PART,
            200000,
            200000,
            ReportStatus.APPROVED,
        ),
        DemoApplication(
            "svenska-kyrkan",
            "Samhällsinformation och friluftsliv",
            "Studiebesök, vandringar och samhällsinformation för asylsökande.",
            150000,
            Status.PAID,
            Outcome.GRANTED_FULL,
            150000,
            120000,
            ReportStatus.SUBMITTED,
        ),
        DemoApplication(
            "falun-kommun",
            "Svenska från dag ett i Falun",
            "Svenskundervisning för asylsökande vuxna i Falun.",
            320000,
            Status.PAID,
            Outcome.GRANTED_PART,
            260000,
        ),
        DemoApplication(
            "mora-kommun",
            "Arbetsmarknadsorientering",
            "Korta kurser om arbetslivet i Sverige.",
            210000,
            Status.DECIDED,
            Outcome.GRANTED_FULL,
            210000,
        ),
        DemoApplication(
            "ludvika-kommun",
            "Hälsoskola för asylsökande",
            "Information om hälsa och vård på flera språk.",
            190000,
            Status.DECIDED,
            Outcome.DECLINED,
            0,
        ),
        DemoApplication(
            "borlange-kommun",
            "Mötesplats Borlänge",
            "En öppen mötesplats för asylsökande och föreningar.",
            260000,
            Status.IN_REVIEW,
        ),
        DemoApplication(
            "avesta-kommun",
            "Cykelskola för vuxna",
            "Cykelskola och trafikträning för asylsökande vuxna.",
            85000,
            Status.INFO_REQUESTED,
        ),
        DemoApplication(
            "hedemora-kommun", "Digital vardag", "Grundkurser i digitala tjänster.", 120000, Status.SUBMITTED
        ),
        DemoApplication(
            "leksand-kommun",
            "Studiecirklar i svenska",
            "Studiecirklar i samarbete med studieförbund.",
            95000,
            Status.WITHDRAWN,
        ),
        DemoApplication("rattvik-kommun", "Friluftsliv och språk", "Svenska genom friluftsliv.", 70000, Status.DRAFT),
    ],
    "§ 37": [
        DemoApplication(
            "falun-kommun",
            "Boendeplanering för nyanlända",
            "Planering av bostäder för anvisade nyanlända.",
            450000,
            Status.CLOSED,
            Outcome.GRANTED_FULL,
            450000,
            450000,
            ReportStatus.APPROVED,
        ),
        DemoApplication(
            "borlange-kommun",
            "Beredskap för ensamkommande",
            "En beredskapsplan för mottagande av ensamkommande barn.",
            380000,
            Status.REPORTED,
            Outcome.GRANTED_FULL,
            380000,
            341000,
            ReportStatus.APPROVED,
        ),
        DemoApplication(
            "ludvika-kommun",
            "Bostadssamordnare",
            "En bostadssamordnare på halvtid i ett år.",
            400000,
            Status.PAID,
            Outcome.GRANTED_PART,
            300000,
        ),
        DemoApplication(
            "mora-kommun",
            "Mottagningsrutiner i norra Dalarna",
            "Gemensamma rutiner för mottagande med grannkommunerna.",
            350000,
            Status.DECIDED,
            Outcome.GRANTED_FULL,
            350000,
        ),
        DemoApplication(
            "orsa-kommun",
            "Lokal analys av bostadsbehov",
            "En analys av bostäder, arbetsmarknad och befolkning.",
            200000,
            Status.DECIDED,
            Outcome.DECLINED,
            0,
        ),
        DemoApplication(
            "sater-kommun",
            "Introduktion för nya medarbetare",
            "Kompetens i mottagandet för nya medarbetare.",
            150000,
            Status.IN_REVIEW,
        ),
        DemoApplication(
            "smedjebacken-kommun",
            "Korttidsboende",
            "Beredskap med korttidsboende vid mottagande.",
            300000,
            Status.INFO_REQUESTED,
        ),
        DemoApplication(
            "gagnef-kommun",
            "Samverkan med hyresvärdar",
            "Avtal och kontakter med hyresvärdar.",
            180000,
            Status.SUBMITTED,
        ),
        DemoApplication(
            "vansbro-kommun", "Mottagandeplan", "En mottagandeplan för kommunen.", 120000, Status.WITHDRAWN
        ),
        DemoApplication(
            "alvdalen-kommun", "Transporter i glesbygd", "Transporter mellan bostad och SFI.", 160000, Status.DRAFT
        ),
    ],
    "§ 37 a": [
        DemoApplication(
            "hedemora-kommun",
            "Flyktingguider i Hedemora",
            "Matchning av flyktingguider med nyanlända familjer.",
            160000,
            Status.CLOSED,
            Outcome.GRANTED_FULL,
            160000,
            148000,
            ReportStatus.APPROVED,
        ),
        DemoApplication(
            "avesta-kommun",
            "Familjekontakter i Avesta",
            "Familjekontakter med föreningslivet.",
            140000,
            Status.REPORTED,
            Outcome.GRANTED_FULL,
            140000,
            140000,
            ReportStatus.APPROVED,
        ),
        DemoApplication(
            "leksand-kommun",
            "Språkvänner",
            "Språkvänner som stöd för språkinlärningen.",
            110000,
            Status.PAID,
            Outcome.GRANTED_PART,
            90000,
            75000,
            ReportStatus.RETURNED,
        ),
        DemoApplication(
            "rattvik-kommun",
            "Guider i föreningslivet",
            "Flyktingguider från idrottsföreningar.",
            90000,
            Status.DECIDED,
            Outcome.GRANTED_FULL,
            90000,
        ),
        DemoApplication(
            "malung-salen-kommun",
            "Nätverk för familjekontakter",
            "Ett nätverk för familjekontakter i Malung-Sälen.",
            100000,
            Status.DECIDED,
            Outcome.DECLINED,
            0,
        ),
        DemoApplication(
            "falun-kommun",
            "Flyktingguider i Falun",
            "Utbildning och matchning av flyktingguider.",
            130000,
            Status.IN_REVIEW,
        ),
        DemoApplication(
            "orsa-kommun", "Fikaträffar", "Träffar mellan nyanlända och ortsbor.", 60000, Status.INFO_REQUESTED
        ),
        DemoApplication(
            "sater-kommun", "Läxhjälp med familjekontakter", "Läxhjälp genom familjekontakter.", 80000, Status.SUBMITTED
        ),
        DemoApplication("gagnef-kommun", "Guider i Gagnef", "Flyktingguider i Gagnef.", 50000, Status.WITHDRAWN),
        DemoApplication(
            "ludvika-kommun", "Familjekontakter i Ludvika", "Familjekontakter i Ludvika.", 90000, Status.DRAFT
        ),
    ],
}


def _form(programme: Programme) -> FormVersion:
    form, _created = ApplicationForm.objects.get_or_create(programme=programme, name=f"Ansökan {programme.code}")
    version, created = FormVersion.objects.get_or_create(form=form, number=1)
    if created:
        for order, (kind, label_sv, label_en, help_sv, help_en, required, choices_sv, choices_en) in enumerate(
            QUESTIONS
        ):
            FormField.objects.create(
                version=version,
                order=order * 10,
                kind=kind,
                label_sv=label_sv,
                label_en=label_en,
                help_sv=help_sv,
                help_en=help_en,
                required=required,
                choices_sv=choices_sv,
                choices_en=choices_en,
            )
    return version


def _call(
    programme: Programme,
    version: FormVersion,
    year: int,
    opens: datetime.datetime,
    closes: datetime.datetime,
    amount: int,
) -> Call:
    slug = f"{programme.slug}-{year}"
    call, created = Call.objects.get_or_create(
        slug=slug,
        defaults={
            "programme": programme,
            "title_sv": f"{programme.name_sv} {year}",
            "title_en": f"{programme.name_en} {year}",
            "year": year,
            "description_sv": programme.rules_sv,
            "description_en": programme.rules_en,
            "how_to_apply_sv": (
                "Ansök i Vägen in som redaktör för er organisation. Kontakta kansliet om ni saknar konto."
            ),
            "how_to_apply_en": (
                "Apply in Vägen in as an editor of your organisation. Contact the secretariat if you have no account."
            ),
            "reporting_sv": (
                "En slutrapport senast två månader efter projektets slut: vad som gjordes, deltagare och använda medel."
            ),
            "reporting_en": (
                "A final report at the latest two months after the project ends: what "
                "was done, participants and money used."
            ),
            "opens_at": opens,
            "closes_at": closes,
            "report_due_on": datetime.date(year + 1, 2, 28),
            "amount_available": amount,
            "form_version": version,
            "published": True,
        },
    )
    if created:
        for order, (name_sv, name_en, max_score) in enumerate(CRITERIA):
            Criterion.objects.create(call=call, order=order, name_sv=name_sv, name_en=name_en, max_score=max_score)
    return call


def _answers(version: FormVersion, demo: DemoApplication, n: int) -> dict[str, object]:
    answers: dict[str, object] = {}
    for field in version.fields.all():
        key = str(field.uuid)
        if field.kind == FieldKind.CONTACT:
            answers[key] = {"name": f"Kontakt {n + 1}", "email": f"kontakt{n + 1}@example.org", "phone": ""}
        elif field.kind == FieldKind.LONG_TEXT:
            answers[key] = demo.purpose
        elif field.kind == FieldKind.NUMBER:
            answers[key] = str(20 + 5 * n)
        elif field.kind == FieldKind.CHOICE:
            answers[key] = field.options()[0][0]
        elif field.kind == FieldKind.DATE:
            answers[key] = "2026-04-01"
        elif field.kind == FieldKind.BUDGET:
            staff = demo.amount * 7 // 10
            answers[key] = [
                {"item": "Personal", "amount": staff},
                {"item": "Lokaler och material", "amount": demo.amount - staff},
            ]
    return answers


def _build(*, call: Call, demo: DemoApplication, n: int, officer: User, reviewers: list[User]) -> None:
    organisation = Organisation.objects.filter(slug=demo.organisation).first()
    if (
        organisation is None
        or Application.objects.filter(call=call, organisation=organisation, title=demo.title).exists()
    ):
        return
    submitted = call.opens_at + datetime.timedelta(days=3 + n)
    application = Application(
        call=call,
        form_version=call.form_version,
        organisation=organisation,
        title=demo.title,
        purpose=demo.purpose,
        amount_requested=demo.amount,
        answers=_answers(call.form_version, demo, n),
        contact_name=f"Kontakt {n + 1}",
        contact_email=f"kontakt{n + 1}@example.org",
        status=demo.status,
    )
    if demo.status != Status.DRAFT:
        application.submitted_at = submitted
    if demo.outcome:
        application.outcome, application.amount_granted = demo.outcome, demo.granted
        application.decided_on = (call.closes_at + datetime.timedelta(days=30)).date()
        application.registration_number = f"851-{1200 + n}-{call.year}"
        application.decided_by = officer
        application.conditions = "Slutrapport enligt utlysningen." if demo.outcome != Outcome.DECLINED else ""
    if demo.status in (Status.PAID, Status.REPORTED) or (
        demo.status == Status.CLOSED and demo.outcome != Outcome.DECLINED
    ):
        application.paid_on = (call.closes_at + datetime.timedelta(days=45)).date()
    application.full_clean()
    application.save()
    record(actor=None, action="grants.demo_loaded", obj=application, changes={"status": demo.status})
    if demo.status == Status.DRAFT:
        declaration = next(f for f in call.form_version.fields.all() if f.kind == FieldKind.FILE)
        ApplicationFile.objects.create(
            application=application,
            field_uuid=declaration.uuid,
            name="forsakran.pdf",
            file=SimpleUploadedFile("forsakran.pdf", DEMO_PDF),
            content_type="application/pdf",
            size=len(DEMO_PDF),
        )
    if demo.status == Status.INFO_REQUESTED:
        Message.objects.create(
            application=application,
            author=officer,
            from_officer=True,
            body="Beskriv gärna hur ni når deltagarna och bifoga en underskriven försäkran.",
        )
    if demo.status not in (Status.DRAFT, Status.SUBMITTED, Status.WITHDRAWN):
        for r, reviewer in enumerate(reviewers):
            assignment = ReviewAssignment.objects.create(
                application=application,
                reviewer=reviewer,
                assigned_by=officer,
                no_conflict_declared_at=submitted + datetime.timedelta(days=10),
                submitted_at=submitted + datetime.timedelta(days=12),
                comment="Tydlig plan och rimlig budget." if (n + r) % 2 == 0 else "Samverkan kan beskrivas bättre.",
            )
            for c, criterion in enumerate(call.criteria.all()):
                Score.objects.create(assignment=assignment, criterion=criterion, score=2 + (n + r + c) % 4)
    if demo.report_status:
        used = demo.used or 0
        FinalReport.objects.create(
            application=application,
            status=demo.report_status,
            narrative="Verksamheten genomfördes enligt plan med något färre tillfällen än tänkt.",
            participants={
                "women": {"0-17": 0, "18-29": 8 + n, "30-64": 12, "65+": 1},
                "men": {"0-17": 0, "18-29": 10, "30-64": 9 + n, "65+": 2},
                "other": {"0-17": 0, "18-29": 0, "30-64": 1, "65+": 0},
            }
            if call.programme.asks_participants
            else {},
            spent={"0": used * 7 // 10, "1": used - used * 7 // 10},
            amount_used=used,
            reclaim_amount=max(demo.granted - used, 0),
            submitted_at=submitted + datetime.timedelta(days=300),
            officer_comment="Redovisa deltagarna per åldersgrupp."
            if demo.report_status == ReportStatus.RETURNED
            else "",
            decided_by=officer if demo.report_status in (ReportStatus.APPROVED, ReportStatus.RETURNED) else None,
        )


def load_grants() -> None:
    """The three programmes with a 2026 call each (applications in every state) and an open TIA call for 2027."""
    officer = User.objects.filter(role_grants__role=StaffRole.GRANT_OFFICER).order_by("pk").first()
    coordinator = User.objects.filter(role_grants__role=StaffRole.COORDINATOR).order_by("pk").first()
    if officer is None:
        return
    reviewers = [user for user in (officer, coordinator) if user is not None]
    amounts = {"TIA": 2_000_000, "§ 37": 2_500_000, "§ 37 a": 900_000}
    for data in PROGRAMMES:
        programme, _created = Programme.objects.get_or_create(slug=data["slug"], defaults=data)
        version = _form(programme)
        if not programme.documents.exists():
            ProgrammeDocument.objects.create(
                programme=programme,
                title=f"Regler för {programme.code}",
                file=SimpleUploadedFile("regler.pdf", DEMO_PDF),
                content_type="application/pdf",
                size=len(DEMO_PDF),
            )
        call = _call(programme, version, 2026, at(2026, 1, 15, 8), at(2026, 3, 2), amounts[programme.code])
        for n, demo in enumerate(APPLICATIONS[programme.code]):
            _build(call=call, demo=demo, n=n, officer=officer, reviewers=reviewers)
        if programme.code == "TIA":
            _call(programme, version, 2027, at(2026, 11, 16, 8), at(2027, 1, 18), 2_200_000)
