"""The demo data: a year of each programme with applications in every state, loaded twice without duplicates."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from vagenin.grants.models import Application, FinalReport, Outcome, Programme, ReportStatus, Status

pytestmark = pytest.mark.django_db


def test_each_programme_has_a_year_with_applications_in_every_state() -> None:
    call_command("load_reference", stdout=io.StringIO())
    call_command("load_demo_data", force=True, stdout=io.StringIO())
    programmes = list(Programme.objects.order_by("code"))
    assert [p.code for p in programmes] == ["TIA", "§ 37", "§ 37 a"]
    for programme in programmes:
        year = Application.objects.filter(call__programme=programme, call__year=2026)
        assert set(year.values_list("status", flat=True)) == set(Status.values), programme.code
        assert set(year.exclude(outcome="").values_list("outcome", flat=True)) == set(Outcome.values), programme.code
    assert FinalReport.objects.filter(reclaim_amount__gt=0).exists()
    assert FinalReport.objects.filter(status=ReportStatus.RETURNED).exists()
    before = Application.objects.count()
    call_command("load_demo_data", force=True, stdout=io.StringIO())
    assert Application.objects.count() == before
