"""Benchmark data: the three grant programmes with a call a year for five years and 20,000 applications across
municipalities and civil-society organisations, in every state, with reviews, scores and final reports.

Run by `python -m bench` after the organisations generator; never by the application itself.
"""

from __future__ import annotations

import datetime
import random
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password

from bench.rows import bulk_insert
from vagenin.accounts.models import RoleGrant, StaffRole, User
from vagenin.grants.models import (
    Application,
    ApplicationForm,
    Call,
    Criterion,
    FieldKind,
    FinalReport,
    FormField,
    FormVersion,
    Outcome,
    Programme,
    ReportStatus,
    ReviewAssignment,
    Score,
    Status,
)
from vagenin.organisations.models import Organisation, OrganisationType

NATIONAL_APPLICATIONS = 20_000
YEARS = range(2022, 2027)
REVIEWED_SHARE = 0.3
STOCKHOLM = ZoneInfo("Europe/Stockholm")
# (slug, code, Swedish name, civil society may apply)
PROGRAMMES = [
    ("tidiga-insatser-for-asylsokande", "TIA", "Tidiga insatser för asylsökande", True),
    ("kapacitet-och-beredskap", "§ 37", "Utveckla kapacitet och beredskap i mottagandet av nyanlända", False),
    (
        "flyktingguider-och-familjekontakter",
        "§ 37 a",
        "Utveckla verksamhet med flyktingguider och familjekontakter",
        False,
    ),
]
# (status, outcome, weight): most applications of past years are closed.
STATES = [
    (Status.DRAFT, "", 4),
    (Status.SUBMITTED, "", 5),
    (Status.IN_REVIEW, "", 5),
    (Status.INFO_REQUESTED, "", 2),
    (Status.DECIDED, Outcome.GRANTED_FULL, 4),
    (Status.DECIDED, Outcome.DECLINED, 10),
    (Status.PAID, Outcome.GRANTED_PART, 8),
    (Status.REPORTED, Outcome.GRANTED_FULL, 6),
    (Status.CLOSED, Outcome.GRANTED_FULL, 40),
    (Status.CLOSED, Outcome.DECLINED, 10),
    (Status.WITHDRAWN, "", 6),
]
WORDS = ["Språkcafé", "Mötesplats", "Boendestöd", "Flyktingguider", "Familjekontakter", "Samhällsinformation"]
PLACES = ["på boendet", "i kommunen", "för unga vuxna", "för föräldrar", "i glesbygden", "med föreningslivet"]


def generate(rng: random.Random, scale: float) -> dict[str, int]:
    total = max(int(NATIONAL_APPLICATIONS * scale), len(STATES))
    reviewers = _reviewers(rng)
    calls = [call for programme in _programmes(rng) for call in _calls(rng, programme)]
    return {"calls": len(calls), **add_applications(rng, calls, reviewers, total, start=0)}


def top_up(rng: random.Random, total: int) -> dict[str, int]:
    """More applications to the calls the generator made, until there are `total` (`python -m bench.grants`)."""
    existing = Application.objects.count()
    if existing >= total:
        return {}
    calls = list(
        Call.objects.filter(slug__in=[f"{p[0]}-{year}" for p in PROGRAMMES for year in YEARS])
        .select_related("programme")
        .order_by("pk")
    )
    reviewers = list(
        User.objects.filter(email__startswith="granskare", email__endswith="@bench.example").order_by("pk")
    )
    return add_applications(rng, calls, reviewers, total - existing, start=existing)


def add_applications(
    rng: random.Random, calls: list[Call], reviewers: list[User], count: int, *, start: int
) -> dict[str, int]:
    """`count` applications spread over the calls, in every state, with reviews, scores and final reports."""
    municipalities = list(Organisation.objects.filter(type=OrganisationType.MUNICIPALITY).only("pk", "type"))
    associations = list(Organisation.objects.filter(type=OrganisationType.CIVIL_SOCIETY).only("pk", "type"))
    weights = [weight for _, _, weight in STATES]
    applications = []
    for n in range(start, start + count):
        call = calls[n % len(calls)]
        pool = (
            associations
            if call.programme.civil_society_may_apply and rng.random() < 0.4 and associations
            else municipalities
        )
        status, outcome, _ = rng.choices(STATES, weights=weights)[0]
        requested = rng.randrange(50, 800) * 1000
        amounts: dict[str, int] = {
            Outcome.GRANTED_FULL: requested,
            Outcome.GRANTED_PART: requested // 2,
            Outcome.DECLINED: 0,
        }
        granted = amounts.get(outcome)
        decided = call.closes_at.date() + datetime.timedelta(days=30)
        applications.append(
            Application(
                call=call,
                form_version_id=call.form_version_id,
                organisation=rng.choice(pool),
                title=f"{rng.choice(WORDS)} {rng.choice(PLACES)}",
                purpose=f"{rng.choice(WORDS)} {rng.choice(PLACES)} under {call.year}.",
                amount_requested=requested,
                status=status,
                submitted_at=None
                if status == Status.DRAFT
                else call.opens_at + datetime.timedelta(days=rng.randrange(1, 40)),
                outcome=outcome,
                amount_granted=granted,
                decided_on=decided if outcome else None,
                registration_number=f"851-{n}-{call.year}" if outcome else "",
                paid_on=decided + datetime.timedelta(days=14)
                if status in (Status.PAID, Status.REPORTED) or (status == Status.CLOSED and outcome != Outcome.DECLINED)
                else None,
                contact_name="Bench Kontakt",
                contact_email=f"kontakt{n}@bench.example",
            )
        )
    applications = bulk_insert(Application, applications, rng)
    reviewed = [
        a
        for a in applications
        if a.status not in (Status.DRAFT, Status.SUBMITTED, Status.WITHDRAWN) and rng.random() < REVIEWED_SHARE
    ]
    now = datetime.datetime(2026, 1, 1, tzinfo=STOCKHOLM)
    assignments = bulk_insert(
        ReviewAssignment,
        (
            ReviewAssignment(
                application=a, reviewer=rng.choice(reviewers), no_conflict_declared_at=now, submitted_at=now
            )
            for a in reviewed
        ),
        rng,
    )
    criteria: dict[int, list[int]] = {}
    for criterion in Criterion.objects.filter(call__in=calls).values_list("call_id", "pk"):
        criteria.setdefault(criterion[0], []).append(criterion[1])
    scores = Score.objects.bulk_create(
        (
            Score(assignment=assignment, criterion_id=criterion, score=rng.randrange(0, 6))
            for assignment in assignments
            for criterion in criteria[assignment.application.call_id]
        ),
        batch_size=2000,
    )
    reports = bulk_insert(
        FinalReport,
        (
            FinalReport(
                application=a,
                status=ReportStatus.APPROVED,
                narrative="Genomfört enligt plan.",
                amount_used=(a.amount_granted or 0) - (rng.randrange(0, 5) * 1000 if a.amount_granted else 0),
                reclaim_amount=0,
                submitted_at=now,
            )
            for a in applications
            if a.status in (Status.REPORTED, Status.CLOSED) and a.outcome != Outcome.DECLINED
        ),
        rng,
    )
    return {
        "applications": len(applications),
        "review assignments": len(assignments),
        "scores": len(scores),
        "final reports": len(reports),
    }


def _reviewers(rng: random.Random) -> list[User]:
    users = bulk_insert(
        User,
        (
            User(email=f"granskare{n}@bench.example", full_name=f"Granskare {n}", password=make_password(None))
            for n in range(8)
        ),
        rng,
    )
    RoleGrant.objects.bulk_create(RoleGrant(user=user, role=StaffRole.GRANT_OFFICER) for user in users)
    return users


def _programmes(rng: random.Random) -> list[Programme]:
    programmes = bulk_insert(
        Programme,
        (
            Programme(
                slug=slug,
                code=code,
                name_sv=name,
                legal_basis_sv="Förordning (2010:1122)" if code != "TIA" else "Förordning (2016:1363)",
                civil_society_may_apply=civil,
                asks_participants=code != "§ 37",
            )
            for slug, code, name, civil in PROGRAMMES
        ),
        rng,
    )
    for programme in programmes:
        form = bulk_insert(
            ApplicationForm, [ApplicationForm(programme=programme, name=f"Ansökan {programme.code}")], rng
        )[0]
        version = bulk_insert(FormVersion, [FormVersion(form=form, number=1)], rng)[0]
        bulk_insert(
            FormField,
            (
                FormField(version=version, order=n, kind=kind, label_sv=label)
                for n, (kind, label) in enumerate(
                    [
                        (FieldKind.ORGANISATION, "Sökande"),
                        (FieldKind.LONG_TEXT, "Aktiviteter"),
                        (FieldKind.BUDGET, "Budget"),
                    ]
                )
            ),
            rng,
        )
        programme.bench_version = version  # type: ignore[attr-defined]  # handed to _calls
    return programmes


def _calls(rng: random.Random, programme: Programme) -> list[Call]:
    calls = bulk_insert(
        Call,
        (
            Call(
                programme=programme,
                slug=f"{programme.slug}-{year}",
                title_sv=f"{programme.name_sv} {year}",
                year=year,
                opens_at=datetime.datetime(year, 1, 15, 8, tzinfo=STOCKHOLM),
                closes_at=datetime.datetime(year, 3, 2, tzinfo=STOCKHOLM),
                amount_available=rng.randrange(20, 60) * 100_000,
                form_version=programme.bench_version,  # type: ignore[attr-defined]  # set by _programmes
                published=True,
            )
            for year in YEARS
        ),
        rng,
    )
    bulk_insert(
        Criterion,
        (
            Criterion(call=call, order=n, name_sv=name, max_score=5)
            for call in calls
            for n, name in enumerate(["Behov", "Genomförbarhet", "Samverkan", "Budget"])
        ),
        rng,
    )
    return calls
