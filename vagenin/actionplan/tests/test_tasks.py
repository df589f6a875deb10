"""The daily reminder task for reporting rounds."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.core import mail

from testsupport.personas import Personas
from vagenin.actionplan.models import InitiativeStatus, ReportingRound
from vagenin.actionplan.tasks import remind_due_rounds
from vagenin.actionplan.tests.builders import make_initiative, make_period


@pytest.mark.django_db
def test_reminders_go_out_in_the_last_week_and_not_every_day(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    make_initiative(personas.org_a, "Pågående", status=InitiativeStatus.ONGOING)
    ReportingRound.objects.create(
        agreement_period=make_period(),
        title="Hösten",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 6, 30),
        due_on=datetime.date(2026, 12, 15),
    )
    with django_capture_on_commit_callbacks(execute=True):
        with time_machine.travel(datetime.datetime(2026, 12, 1, 8, tzinfo=datetime.UTC)):
            assert remind_due_rounds.delay().get() == 0  # two weeks before: too early
        with time_machine.travel(datetime.datetime(2026, 12, 9, 8, tzinfo=datetime.UTC)):
            assert remind_due_rounds.delay().get() == 1
        with time_machine.travel(datetime.datetime(2026, 12, 10, 8, tzinfo=datetime.UTC)):
            assert remind_due_rounds.delay().get() == 0  # reminded yesterday
        with time_machine.travel(datetime.datetime(2026, 12, 13, 8, tzinfo=datetime.UTC)):
            assert remind_due_rounds.delay().get() == 1
    assert [message.to for message in mail.outbox] == [[personas.editor_a.email]] * 2


@pytest.mark.django_db
def test_purge_task_runs_the_submission_purge() -> None:
    from vagenin.actionplan.tasks import purge_old_submissions

    assert purge_old_submissions.delay().get() == 0
