"""Rules of governance: nobody approves what they wrote or submitted, nor publishes a project they sent in;
two submits of the same report end in one submission and a message."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from testsupport.personas import Personas, make_user
from vagenin.accounts.models import StaffRole
from vagenin.actionplan import services
from vagenin.actionplan.models import Initiative, ProgressReport, ProjectSubmission, ReportStatus, SubmissionStatus
from vagenin.actionplan.submissions import services as submissions
from vagenin.actionplan.tests.builders import make_initiative, make_period
from vagenin.common.workflow import OwnWorkError, is_independent_reviewer

JAN, JUN = datetime.date(2026, 1, 1), datetime.date(2026, 6, 30)


@pytest.fixture
def initiative(personas: Personas) -> Initiative:
    return make_initiative(personas.org_a, "Språkpraktik", progress=10)


def _submitted(author: Any, initiative: Initiative) -> ProgressReport:
    report = services.start_report(actor=author, initiative=initiative, period_start=JAN, period_end=JUN)
    services.save_report(
        actor=author,
        report=report,
        narrative="Det går bra.",
        progress=40,
        status_after="",
        values={},
        milestones_done={},
    )
    return services.submit_report(actor=author, report=report)


@pytest.mark.django_db
def test_a_coordinator_cannot_approve_or_return_a_report_they_wrote(personas: Personas, initiative: Any) -> None:
    # A coordinator who also edits the organisation's reports writes one.
    report = _submitted(personas.coordinator, initiative)
    with pytest.raises(OwnWorkError):
        services.approve_report(actor=personas.coordinator, report=report)
    with pytest.raises(OwnWorkError):
        services.return_report(actor=personas.coordinator, report=report, comment="Komplettera.")
    other = make_user("samordnare.tva@test.example", roles=(StaffRole.COORDINATOR,))
    assert services.approve_report(actor=other, report=report).status == ReportStatus.APPROVED


@pytest.mark.django_db
def test_returning_a_report_does_not_make_the_reviewer_its_author(personas: Personas, initiative: Any) -> None:
    report = _submitted(personas.editor_a, initiative)
    services.return_report(actor=personas.coordinator, report=report, comment="Komplettera.")
    services.submit_report(actor=personas.editor_a, report=report)
    assert services.approve_report(actor=personas.coordinator, report=report).status == ReportStatus.APPROVED


@pytest.mark.django_db
def test_the_review_page_tells_the_author_and_refuses_their_decision(personas: Personas, initiative: Any) -> None:
    report = _submitted(personas.coordinator, initiative)
    client = personas.client("coordinator")
    url = reverse("actionplan:report_review", kwargs={"report_id": report.uuid})
    page = client.get(url).content.decode()
    assert "En annan samordnare behöver granska den." in page
    assert "Spara beslut" not in page
    response = client.post(url, {"decision": "approve", "comment": ""}, follow=True)
    assert "En annan samordnare behöver granska den." in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


@pytest.mark.django_db
def test_a_second_submit_of_the_same_report_is_a_message_not_an_error(personas: Personas, initiative: Any) -> None:
    report = services.start_report(actor=personas.editor_a, initiative=initiative, period_start=JAN, period_end=JUN)
    client = personas.client("editor_a")
    url = reverse("actionplan:report_edit", kwargs={"report_id": report.uuid})
    data = {"narrative": "Det går bra.", "progress": "40", "status_after": "", "submit": "1"}
    first = client.post(url, data)
    assert first.status_code == 302
    second = client.post(url, data, follow=True)  # the same form sent again from another tab
    assert second.status_code == 200
    assert ProgressReport.objects.filter(status=ReportStatus.SUBMITTED).count() == 1


@pytest.mark.django_db
def test_a_coordinator_cannot_publish_a_project_they_submitted(personas: Personas) -> None:
    period = make_period()
    submission = ProjectSubmission.objects.create(
        status=SubmissionStatus.PENDING,
        submitter_name="Sam Ordnare",
        submitter_email=personas.coordinator.email.upper(),
        organisation_name="Föreningen A",
        title="Språkcafé",
        summary="Samtal",
        description="Varje tisdag.",
    )
    with pytest.raises(OwnWorkError):
        submissions.decline_submission(actor=personas.coordinator, submission=submission, reason="Nej.")
    with pytest.raises(OwnWorkError):
        submissions.request_changes(actor=personas.coordinator, submission=submission, message="Mer.")
    with pytest.raises(OwnWorkError):
        submissions.publish_submission(actor=personas.coordinator, submission=submission, period=period, data={})
    response = personas.client("coordinator").post(
        reverse("actionplan:moderation_decline", kwargs={"submission_id": submission.uuid}),
        {"decline-reason": "Nej."},
        follow=True,
    )
    assert "Du har själv skickat in projektet." in response.content.decode()
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.PENDING


@pytest.mark.django_db
def test_one_helper_covers_people_addresses_and_organisations(personas: Personas) -> None:
    assert not is_independent_reviewer(personas.editor_a, made_by=[personas.editor_a])
    assert not is_independent_reviewer(personas.editor_a, emails=[" Redaktor.A@test.example "])
    assert not is_independent_reviewer(personas.editor_a, organisation_ids=[personas.org_a.pk])
    assert is_independent_reviewer(personas.editor_a, made_by=[None, personas.editor_b], emails=["x@test.example"])
    assert is_independent_reviewer(personas.editor_a, organisation_ids=[personas.org_b.pk])
