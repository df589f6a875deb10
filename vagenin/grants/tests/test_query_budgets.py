"""Query budgets of grants' lists: as many queries for 200 applications as for 10 (the shape, not the time)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from testsupport.personas import Personas
from vagenin.accounts.models import StaffRole, User
from vagenin.grants.models import (
    Application,
    Call,
    FinalReport,
    Outcome,
    ReportStatus,
    ReviewAssignment,
    Score,
    Status,
)
from vagenin.grants.tests.builders import make_call
from vagenin.grants.views import PAGE_SIZE
from vagenin.organisations.models import Municipality, Organisation, OrganisationType

pytestmark = pytest.mark.django_db

FEW, MANY = 10, 200  # MANY is more than PAGE_SIZE, so every list has a second page
MAX_QUERIES = 20
# Every state, so each list shows a mix.
CYCLE = [
    (Status.SUBMITTED, ""),
    (Status.IN_REVIEW, ""),
    (Status.INFO_REQUESTED, ""),
    (Status.DECIDED, Outcome.GRANTED_FULL),
    (Status.DECIDED, Outcome.DECLINED),
    (Status.PAID, Outcome.GRANTED_PART),
    (Status.REPORTED, Outcome.GRANTED_FULL),
    (Status.CLOSED, Outcome.GRANTED_FULL),
    (Status.WITHDRAWN, ""),
    (Status.DRAFT, ""),
]


def grow(call: Call, reviewers: list[User], start: int, count: int) -> None:
    """`count` more organisations, each with an application in one of the states, reviewed and reported."""
    municipality = Municipality.objects.get(code="2080")
    organisations = Organisation.objects.bulk_create(
        Organisation(
            slug=f"sokande-{n}",
            name=f"Sökande {n}",
            type=OrganisationType.MUNICIPALITY if n % 2 else OrganisationType.CIVIL_SOCIETY,
            municipality=municipality if n % 3 else None,
        )
        for n in range(start, start + count)
    )
    now = timezone.now()
    applications = []
    for n, organisation in zip(range(start, start + count), organisations, strict=True):
        status, outcome = CYCLE[n % len(CYCLE)]
        requested = 100_000 + n
        amounts: dict[str, int] = {Outcome.GRANTED_FULL: requested, Outcome.GRANTED_PART: 50_000, Outcome.DECLINED: 0}
        granted = amounts.get(outcome)
        applications.append(
            Application(
                call=call,
                form_version=call.form_version,
                organisation=organisation,
                title=f"Projekt {n}",
                purpose=f"Ändamål {n}",
                amount_requested=requested,
                status=status,
                submitted_at=None if status == Status.DRAFT else now,
                outcome=outcome,
                amount_granted=granted,
                decided_on=datetime.date(2026, 5, 1) if outcome else None,
                registration_number=f"851-{n}-2026" if outcome else "",
                paid_on=datetime.date(2026, 6, 1) if status in (Status.PAID, Status.REPORTED, Status.CLOSED) else None,
            )
        )
    applications = Application.objects.bulk_create(applications)
    criteria = list(call.criteria.all())
    reviewed = [a for a in applications if a.status not in (Status.DRAFT, Status.SUBMITTED, Status.WITHDRAWN)]
    assignments = ReviewAssignment.objects.bulk_create(
        ReviewAssignment(application=a, reviewer=r, no_conflict_declared_at=now, submitted_at=now)
        for a in reviewed
        for r in reviewers
    )
    Score.objects.bulk_create(Score(assignment=x, criterion=c, score=3) for x in assignments for c in criteria)
    FinalReport.objects.bulk_create(
        FinalReport(
            application=a,
            status=ReportStatus.APPROVED,
            narrative="Klart.",
            amount_used=a.amount_granted or 0,
            submitted_at=now,
        )
        for a in reviewed
        if a.status in (Status.REPORTED, Status.CLOSED)
    )


def _pages(call: Call) -> dict[str, tuple[str, str]]:
    return {
        "granted": ("anonymous", reverse("grants:granted")),
        "index": ("anonymous", reverse("grants:index")),
        "officer list": ("grant_officer", reverse("grants:officer_list")),
        "officer list filtered": ("grant_officer", reverse("grants:officer_list") + "?status=in_review&q=Projekt"),
        "officer list page 2": ("grant_officer", reverse("grants:officer_list") + "?sida=2"),
        "scores side by side": ("grant_officer", reverse("grants:call_review", args=[call.slug])),
        "scores side by side page 2": ("grant_officer", reverse("grants:call_review", args=[call.slug]) + "?sida=2"),
        "overview": ("grant_officer", reverse("grants:overview") + f"?program={call.programme.slug}&ar=2026"),
        "overview csv": (
            "grant_officer",
            reverse("grants:overview") + f"?program={call.programme.slug}&ar=2026&format=csv",
        ),
        "my applications": ("coordinator", reverse("grants:mine")),
        "my reviews": ("grant_officer", reverse("grants:my_reviews")),
        "my reviews page 2": ("grant_officer", reverse("grants:my_reviews") + "?sida=2"),
    }


def count(personas: Personas, call: Call) -> dict[str, int]:
    counted = {}
    for name, (persona, url) in _pages(call).items():
        client: Client = personas.client(persona)
        client.get(url)  # warm the session and the user's cached roles the way a real visit does
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, f"{name}: {url} answered {response.status_code}"
        page = response.context.get("page") if response.context else None
        if page is not None:  # every list is paginated: a page never holds more than PAGE_SIZE rows
            assert len(page.object_list) <= PAGE_SIZE, f"{name}: {len(page.object_list)} rows on a page"
        counted[name] = len(queries)
    return counted


def test_grants_lists_keep_their_query_budget(personas: Personas) -> None:
    call = make_call()
    reviewers = [personas.grant_officer, personas.analyst]
    assert all(User.objects.filter(pk=r.pk, role_grants__role__in=StaffRole.values).exists() for r in reviewers)
    grow(call, reviewers, 0, FEW)
    few = count(personas, call)
    grow(call, reviewers, FEW, MANY - FEW)
    many = count(personas, call)
    grew = {name: (few[name], many[name]) for name in few if few[name] != many[name]}
    assert not grew, f"queries grew with the rows (for {FEW} rows, for {MANY} rows): {grew}"
    over = {name: n for name, n in many.items() if n > MAX_QUERIES}
    assert not over, f"pages above the budget of {MAX_QUERIES} queries: {over}"
