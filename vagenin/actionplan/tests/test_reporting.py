"""Progress reports: draft → submitted → approved or returned; only approved reports count."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.db import IntegrityError
from django.urls import reverse

from testsupport.personas import Personas
from vagenin.actionplan import services
from vagenin.actionplan.models import IndicatorActual, InitiativeStatus, ProgressReport, ReportStatus
from vagenin.actionplan.tests.builders import add_indicator, add_milestone, make_initiative
from vagenin.common.models import AuditEntry

JAN, JUN = datetime.date(2026, 1, 1), datetime.date(2026, 6, 30)


@pytest.fixture
def initiative(personas: Personas) -> Any:
    return make_initiative(personas.org_a, "Språkpraktik", progress=10)


def _report(personas: Personas, initiative: Any, **overrides: Any) -> ProgressReport:
    report = services.start_report(actor=personas.editor_a, initiative=initiative, period_start=JAN, period_end=JUN)
    indicator = overrides.pop("indicator", None)
    milestone = overrides.pop("milestone", None)
    services.save_report(
        actor=personas.editor_a,
        report=report,
        narrative=overrides.get("narrative", "Det går bra."),
        progress=overrides.get("progress", 60),
        status_after=overrides.get("status_after", ""),
        values={indicator: Decimal(42)} if indicator else {},
        milestones_done={milestone: datetime.date(2026, 2, 1)} if milestone else {},
    )
    return report


@pytest.mark.django_db
def test_an_approved_report_counts_and_a_submitted_one_does_not(
    personas: Personas, initiative: Any, django_capture_on_commit_callbacks: Any
) -> None:
    indicator = add_indicator(initiative)
    milestone = add_milestone(initiative)
    report = _report(personas, initiative, indicator=indicator, milestone=milestone, status_after="ongoing")
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_report(actor=personas.editor_a, report=report)
    initiative.refresh_from_db()
    assert initiative.progress == 10
    assert not IndicatorActual.objects.exists()
    assert mail.outbox[-1].to == ["kansli@vagenin.example"]

    with django_capture_on_commit_callbacks(execute=True):
        services.approve_report(actor=personas.coordinator, report=report)
    initiative.refresh_from_db()
    milestone.refresh_from_db()
    assert initiative.progress == 60
    assert initiative.status == InitiativeStatus.ONGOING
    assert IndicatorActual.objects.get(indicator=indicator).value == Decimal(42)
    assert milestone.done_on == datetime.date(2026, 2, 1)
    assert mail.outbox[-1].to == [personas.editor_a.email]
    actions = list(AuditEntry.objects.filter(object_type="actionplan.progressreport").values_list("action", flat=True))
    assert sorted(actions) == sorted(["report.started", "report.saved", "report.submitted", "report.approved"])


@pytest.mark.django_db
def test_a_returned_report_can_be_completed_and_resubmitted(personas: Personas, initiative: Any) -> None:
    report = _report(personas, initiative)
    services.submit_report(actor=personas.editor_a, report=report)
    with pytest.raises(services.TransitionError):
        services.return_report(actor=personas.coordinator, report=report, comment=" ")
    services.return_report(actor=personas.coordinator, report=report, comment="Lägg till antal deltagare.")
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    services.save_report(
        actor=personas.editor_a,
        report=report,
        narrative="Nu med siffror.",
        progress=70,
        status_after="",
        values={},
        milestones_done={},
    )
    services.submit_report(actor=personas.editor_a, report=report)
    services.approve_report(actor=personas.coordinator, report=report)
    initiative.refresh_from_db()
    assert initiative.progress == 70


@pytest.mark.django_db
def test_transitions_are_guarded(personas: Personas, initiative: Any) -> None:
    report = _report(personas, initiative)
    with pytest.raises(services.TransitionError):
        services.approve_report(actor=personas.coordinator, report=report)
    services.submit_report(actor=personas.editor_a, report=report)
    with pytest.raises(services.TransitionError):
        services.submit_report(actor=personas.editor_a, report=report)
    with pytest.raises(services.TransitionError):
        services.save_report(
            actor=personas.editor_a,
            report=report,
            narrative="x",
            progress=1,
            status_after="",
            values={},
            milestones_done={},
        )
    services.approve_report(actor=personas.coordinator, report=report)
    with pytest.raises(services.TransitionError):
        services.return_report(actor=personas.coordinator, report=report, comment="för sent")


@pytest.mark.django_db
def test_an_empty_narrative_cannot_be_submitted(personas: Personas, initiative: Any) -> None:
    report = services.start_report(actor=personas.editor_a, initiative=initiative, period_start=JAN, period_end=JUN)
    with pytest.raises(services.TransitionError):
        services.submit_report(actor=personas.editor_a, report=report)


@pytest.mark.django_db
def test_one_open_report_per_period_is_enforced_by_the_database(personas: Personas, initiative: Any) -> None:
    _report(personas, initiative)
    with pytest.raises(services.TransitionError):
        services.start_report(actor=personas.editor_a, initiative=initiative, period_start=JAN, period_end=JUN)
    with pytest.raises(IntegrityError):
        ProgressReport.objects.create(initiative=initiative, period_start=JAN, period_end=JUN, narrative="", progress=0)


@pytest.mark.django_db
def test_a_parents_progress_is_never_set_by_a_report(personas: Personas) -> None:
    parent = make_initiative(personas.org_a, "Huvudinsats", progress=0)
    make_initiative(personas.org_a, "Delinsats ett", parent=parent, progress=100)
    make_initiative(personas.org_a, "Delinsats två", parent=parent, progress=50)
    report = _report(personas, parent, progress=5)
    services.submit_report(actor=personas.editor_a, report=report)
    services.approve_report(actor=personas.coordinator, report=report)
    parent.refresh_from_db()
    assert parent.progress == 0
    page = personas.client("anonymous").get(parent.get_absolute_url()).content.decode()
    assert "75\u00a0%" in page


@pytest.mark.django_db
def test_the_report_form_flow_in_views(personas: Personas, initiative: Any) -> None:
    indicator = add_indicator(initiative)
    client = personas.client("editor_a")
    response = client.post(
        reverse("actionplan:report_start", args=[initiative.slug]),
        {"period_start": "2026-01-01", "period_end": "2025-12-31"},
    )
    assert response.status_code == 400
    assert "Periodens slut kan inte vara före dess början." in response.content.decode()
    response = client.post(
        reverse("actionplan:report_start", args=[initiative.slug]),
        {"period_start": "2026-01-01", "period_end": "2026-06-30"},
    )
    report = ProgressReport.objects.get()
    assert response["Location"] == reverse("actionplan:report_edit", args=[report.uuid])
    edit = reverse("actionplan:report_edit", args=[report.uuid])
    response = client.post(edit, {"narrative": "", "progress": "150", "submit": "1"})
    html = response.content.decode()
    assert response.status_code == 200 and 'class="error-summary"' in html
    response = client.post(
        edit, {"narrative": "Bra fart.", "progress": "55", f"indicator_{indicator.pk}": "12", "submit": "1"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED

    coordinator = personas.client("coordinator")
    review = reverse("actionplan:report_review", args=[report.uuid])
    response = coordinator.post(review, {"decision": "return", "comment": ""})
    assert "Skriv vad som behöver kompletteras." in response.content.decode()
    coordinator.post(review, {"decision": "approve", "comment": "Tack!"})
    initiative.refresh_from_db()
    assert initiative.progress == 55


@pytest.mark.django_db
def test_the_secretariat_is_told_in_swedish_whatever_language_the_editor_uses(
    personas: Personas, initiative: Any, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    settings.SITE_URL = "https://vagenin.example"
    report = services.start_report(actor=personas.editor_a, initiative=initiative, period_start=JAN, period_end=JUN)
    edit = "/en" + reverse("actionplan:report_edit", args=[report.uuid])
    review = reverse("actionplan:report_review", args=[report.uuid])  # before the request leaves English active
    with django_capture_on_commit_callbacks(execute=True):
        response = personas.client("editor_a").post(edit, {"narrative": "Going well.", "progress": "30", "submit": "1"})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.subject == "Lägesrapport att granska: Språkpraktik"
    assert f"Granska den här: https://vagenin.example{review}\n" in message.body


@pytest.mark.django_db
def test_editors_are_told_each_in_the_language_they_chose(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    from testsupport.personas import make_user

    initiative = make_initiative(personas.org_a, "Språkpraktik", title_en="Language placements")
    personas.editor_a.language = "en"
    personas.editor_a.save()
    colleague = make_user("kollega@test.example", editor_of=(personas.org_a,))
    report = _report(personas, initiative)
    services.submit_report(actor=personas.editor_a, report=report)
    with django_capture_on_commit_callbacks(execute=True):
        services.return_report(actor=personas.coordinator, report=report, comment="Lägg till antal deltagare.")
    assert sorted((message.to[0], message.subject) for message in mail.outbox) == [
        (colleague.email, "Komplettera lägesrapporten för Språkpraktik"),
        (personas.editor_a.email, "Please add to the progress report for Language placements"),
    ]
