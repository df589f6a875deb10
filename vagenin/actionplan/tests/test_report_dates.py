"""Reports and milestones are checked against the initiative's dates and today, in the forms (messages beside
the fields) and in the services; choosing a reporting round fills in the report's period."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from testsupport.personas import Personas
from vagenin.actionplan import services
from vagenin.actionplan.models import Milestone, ProgressReport, ReportingRound
from vagenin.actionplan.tests.builders import add_milestone, make_initiative

START = datetime.date(2025, 3, 1)


@pytest.fixture
def initiative(personas: Personas) -> Any:
    return make_initiative(personas.org_a, "Språkpraktik", starts_on=START)


def _errors(response: Any, form: str) -> dict[str, list[str]]:
    return dict(response.context[form].errors)


@pytest.mark.django_db
def test_a_report_period_may_not_end_in_the_future_nor_before_the_start(personas: Personas, initiative: Any) -> None:
    today = timezone.localdate()
    client = personas.client("editor_a")
    url = reverse("actionplan:report_start", args=[initiative.slug])

    response = client.post(url, {"period_start": today.isoformat(), "period_end": (today + datetime.timedelta(1))})
    assert response.status_code == 400
    assert _errors(response, "report_form") == {
        "period_end": ["Perioden har inte tagit slut än. Rapportera när den är över."]
    }
    assert 'id="id_period_end_error"' in response.content.decode()

    response = client.post(url, {"period_start": "2024-07-01", "period_end": "2024-12-31"})
    assert _errors(response, "report_form") == {
        "period_end": ["Perioden slutar innan insatsen startar (1 mars 2025): det finns inget att rapportera."]
    }
    assert not ProgressReport.objects.exists()

    # A period that only begins before the start (a reporting round's half year) is fine.
    response = client.post(url, {"period_start": "2025-01-01", "period_end": "2025-06-30"})
    assert response.status_code == 302
    assert ProgressReport.objects.get().period_end == datetime.date(2025, 6, 30)

    with pytest.raises(ValidationError):
        services.start_report(
            actor=personas.editor_a,
            initiative=initiative,
            period_start=today,
            period_end=today + datetime.timedelta(days=30),
        )


@pytest.mark.django_db
def test_choosing_a_reporting_round_fills_in_the_period(personas: Personas, initiative: Any) -> None:
    reporting_round = ReportingRound.objects.create(
        agreement_period=initiative.period,
        title="Första halvåret 2025",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 6, 30),
        due_on=timezone.localdate() + datetime.timedelta(days=14),
    )
    client = personas.client("editor_a")
    page = client.get(reverse("actionplan:manage", args=[initiative.slug])).content.decode()
    assert 'data-period-start="2025-01-01" data-period-end="2025-06-30"' in page
    assert "actionplan/report-period.js" in page
    response = client.post(
        reverse("actionplan:report_start", args=[initiative.slug]),
        {"round": str(reporting_round.uuid), "period_start": "", "period_end": ""},
    )
    assert response.status_code == 302
    report = ProgressReport.objects.get()
    assert (report.reporting_round, report.period_start, report.period_end) == (
        reporting_round,
        datetime.date(2025, 1, 1),
        datetime.date(2025, 6, 30),
    )
    # Without a round the dates are needed.
    response = client.post(reverse("actionplan:report_start", args=[initiative.slug]), {"round": ""})
    assert set(_errors(response, "report_form")) == {"period_start", "period_end"}


@pytest.mark.django_db
def test_a_milestone_cannot_be_done_before_the_start_or_in_the_future(personas: Personas, initiative: Any) -> None:
    client = personas.client("editor_a")
    add = reverse("actionplan:milestone_add", args=[initiative.slug])
    data = {"title_sv": "Avtal klart", "due_on": "2025-06-01"}
    response = client.post(add, {**data, "done_on": "2025-02-01"})
    assert response.status_code == 400
    assert _errors(response, "milestone_form") == {
        "done_on": ["Delmålet kan inte vara klart före insatsens start (1 mars 2025)."]
    }
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(add, {**data, "done_on": tomorrow.isoformat()})
    assert _errors(response, "milestone_form") == {"done_on": ["Datumet kan inte ligga i framtiden."]}
    assert not Milestone.objects.exists()
    assert client.post(add, {**data, "done_on": "2025-05-01"}).status_code == 302

    milestone = Milestone.objects.get()
    response = client.post(
        reverse("actionplan:milestone_edit", args=[initiative.slug, milestone.uuid]), {**data, "done_on": "2024-01-01"}
    )
    assert "done_on" in _errors(response, "form")
    with pytest.raises(ValidationError):
        services.save_milestone(
            actor=personas.editor_a,
            initiative=initiative,
            instance=milestone,
            data={**data, "done_on": datetime.date(2024, 1, 1)},
        )


@pytest.mark.django_db
def test_a_report_cannot_mark_a_milestone_done_before_the_start(personas: Personas, initiative: Any) -> None:
    milestone = add_milestone(initiative)
    report = services.start_report(
        actor=personas.editor_a,
        initiative=initiative,
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 6, 30),
    )
    url = reverse("actionplan:report_edit", args=[report.uuid])
    data = {"narrative": "Det går bra.", "progress": "20", "status_after": ""}
    response = personas.client("editor_a").post(url, {**data, f"milestone_{milestone.pk}": "2025-01-15"})
    assert _errors(response, "form") == {
        f"milestone_{milestone.pk}": ["Delmålet kan inte vara klart före insatsens start (1 mars 2025)."]
    }
    with pytest.raises(ValidationError):
        services.save_report(
            actor=personas.editor_a,
            report=report,
            narrative="Det går bra.",
            progress=20,
            status_after="",
            values={},
            milestones_done={milestone: datetime.date(2025, 1, 15)},
        )
