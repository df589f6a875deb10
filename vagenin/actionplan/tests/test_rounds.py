"""Reporting rounds: editors with initiatives due are asked, the secretariat sees who has not reported."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from testsupport.personas import Personas, make_organisation
from vagenin.actionplan import services
from vagenin.actionplan.models import InitiativeStatus, ReportingRound
from vagenin.actionplan.tests.builders import make_initiative, make_period


@pytest.mark.django_db
def test_opening_a_round_mails_editors_with_initiatives_due(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    due = make_initiative(personas.org_a, "Pågår", starts_on=datetime.date(2025, 1, 1), status=InitiativeStatus.ONGOING)
    make_initiative(personas.org_b, "Avslutad", status=InitiativeStatus.COMPLETED)
    make_initiative(personas.org_b, "Börjar senare", starts_on=datetime.date(2027, 1, 1))
    with django_capture_on_commit_callbacks(execute=True), time_machine.travel(datetime.date(2026, 7, 1)):
        response = personas.client("coordinator").post(
            reverse("actionplan:rounds"),
            {"title": "Våren 2026", "period_start": "2026-01-01", "period_end": "2026-06-30", "due_on": "2026-08-31"},
        )
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [[personas.editor_a.email]]
    assert "Pågår" in mail.outbox[0].body
    reporting_round = ReportingRound.objects.get()
    assert list(services.missing_reports(reporting_round)) == [due]

    report = services.start_report(
        actor=personas.editor_a,
        initiative=due,
        period_start=reporting_round.period_start,
        period_end=reporting_round.period_end,
        reporting_round=reporting_round,
    )
    services.save_report(
        actor=personas.editor_a,
        report=report,
        narrative="Klart.",
        progress=50,
        status_after="",
        values={},
        milestones_done={},
    )
    services.submit_report(actor=personas.editor_a, report=report)
    assert list(services.missing_reports(reporting_round)) == []


@pytest.mark.django_db
def test_an_editor_who_chose_english_gets_the_round_in_english_with_english_titles(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    personas.editor_a.language = "en"
    personas.editor_a.save()
    make_initiative(
        personas.org_a, "Jobbspår", title_en="Job tracks", starts_on=datetime.date(2025, 1, 1), status="ongoing"
    )
    with django_capture_on_commit_callbacks(execute=True), time_machine.travel(datetime.date(2026, 7, 1)):
        response = personas.client("coordinator").post(  # the coordinator works in Swedish
            reverse("actionplan:rounds"),
            {"title": "Våren 2026", "period_start": "2026-01-01", "period_end": "2026-06-30", "due_on": "2026-08-31"},
        )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert "- Job tracks: http://127.0.0.1:8000/en/" in message.body
    assert "Jobbspår" not in message.body and "Kansliet" not in message.body


@pytest.mark.django_db
def test_reminder_goes_only_to_those_missing(personas: Personas, django_capture_on_commit_callbacks: Any) -> None:
    make_initiative(personas.org_a, "A:s insats", status=InitiativeStatus.ONGOING)
    reporting_round = ReportingRound.objects.create(
        agreement_period=make_period(),
        title="Omgång",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 6, 30),
        due_on=datetime.date(2026, 12, 1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = personas.client("coordinator").post(reverse("actionplan:round", args=[reporting_round.uuid]))
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [[personas.editor_a.email]]
    reporting_round.refresh_from_db()
    assert reporting_round.reminded_at is not None


@pytest.mark.django_db
def test_round_form_refuses_a_due_date_in_the_past(personas: Personas) -> None:
    make_period()
    with time_machine.travel(datetime.date(2026, 7, 1)):
        response = personas.client("coordinator").post(
            reverse("actionplan:rounds"),
            {"title": "Sen", "period_start": "2026-01-01", "period_end": "2026-06-30", "due_on": "2026-06-01"},
        )
    assert "Sista dag att rapportera kan inte ligga i det förflutna." in response.content.decode()
    assert not ReportingRound.objects.exists()


@pytest.mark.django_db
def test_the_coordinator_is_told_how_many_mails_went_and_who_had_no_editor(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    """Opening a round or reminding never says editors were e-mailed when an organisation has none."""
    no_editor = make_organisation("utan-redaktor", "Föreningen Utan Redaktör")
    for organisation, title in [(personas.org_a, "Har redaktör"), (no_editor, "Saknar redaktör")]:
        make_initiative(organisation, title, starts_on=datetime.date(2025, 1, 1), status=InitiativeStatus.ONGOING)
    client = personas.client("coordinator")
    with django_capture_on_commit_callbacks(execute=True), time_machine.travel(datetime.date(2026, 7, 1)):
        response = client.post(
            reverse("actionplan:rounds"),
            {"title": "Våren 2026", "period_start": "2026-01-01", "period_end": "2026-06-30", "due_on": "2026-08-31"},
            follow=True,
        )
    html = response.content.decode()
    assert "Rapporteringsomgången är öppnad. 1 e-postmeddelande har skickats till redaktörerna." in html
    assert "Ingen e-post gick till Föreningen Utan Redaktör: organisationen saknar redaktör." in html
    assert len(mail.outbox) == 1
    reporting_round = ReportingRound.objects.get()
    with django_capture_on_commit_callbacks(execute=True), time_machine.travel(datetime.date(2026, 7, 2)):
        response = client.post(reverse("actionplan:round", kwargs={"round_id": reporting_round.uuid}), follow=True)
    html = response.content.decode()
    assert "Påminnelse skickad (1 e-postmeddelande)." in html
    assert "Ingen e-post gick till Föreningen Utan Redaktör" in html
