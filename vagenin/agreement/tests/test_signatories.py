"""Signatories of a period: add, edit, mark as left, remove."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from testsupport.personas import Personas
from vagenin.agreement import services
from vagenin.agreement.models import Signatory
from vagenin.agreement.tests.builders import Sample
from vagenin.common.models import AuditEntry

NOON = datetime.datetime(2026, 3, 2, 12, tzinfo=datetime.UTC)


def _url(sample: Sample, name: str, **kwargs: Any) -> str:
    return reverse(f"agreement_staff:{name}", kwargs={"period_slug": sample.period.slug, **kwargs})


@pytest.mark.django_db
def test_add_signatory_service_audits(personas: Personas, sample: Sample) -> None:
    signatory = services.add_signatory(
        actor=personas.coordinator,
        period=sample.period,
        organisation=personas.org_b,
        signed_on=datetime.date(2016, 1, 20),
        note_sv="Anslöt i efterhand",
    )
    assert signatory.note_sv == "Anslöt i efterhand"
    entry = AuditEntry.objects.get(action="signatory.added")
    assert entry.actor == personas.coordinator
    assert entry.object_id == str(signatory.pk)
    assert entry.changes == {"period": "2015-2020", "organisation": "forening-b", "signed_on": "2016-01-20"}


@pytest.mark.django_db
def test_add_signatory_view(personas: Personas, sample: Sample) -> None:
    response = personas.client("coordinator").post(
        _url(sample, "signatory_add"),
        {"organisation": personas.org_b.pk, "signed_on": "2016-01-20", "left_on": "", "note_sv": "", "note_en": ""},
    )
    assert response.status_code == 302
    assert response["Location"] == _url(sample, "signatories")
    assert Signatory.objects.get(period=sample.period, organisation=personas.org_b).signed_on == datetime.date(
        2016, 1, 20
    )


@pytest.mark.django_db
def test_an_organisation_signs_a_period_only_once(personas: Personas, sample: Sample) -> None:
    """The unique constraint is surfaced as an error beside the organisation, with the typed values kept."""
    response = personas.client("coordinator").post(
        _url(sample, "signatory_add"),
        {"organisation": personas.org_a.pk, "signed_on": "2016-01-20", "note_sv": "Dubblett"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'href="#id_organisation"' in html
    assert "Föreningen A har redan undertecknat Vägen in 2015-2020." in html
    assert 'value="Dubblett"' in html
    assert f'<option value="{personas.org_a.pk}" selected>' in html
    assert Signatory.objects.filter(period=sample.period).count() == 1


@pytest.mark.django_db
def test_leaving_before_signing_is_an_error(personas: Personas, sample: Sample) -> None:
    response = personas.client("coordinator").post(
        _url(sample, "signatory_edit", signatory_uuid=sample.signatory.uuid),
        {"organisation": personas.org_a.pk, "signed_on": "2015-06-03", "left_on": "2014-01-01"},
    )
    assert "En part kan inte lämna före den undertecknade." in response.content.decode()
    sample.signatory.refresh_from_db()
    assert sample.signatory.left_on is None


@pytest.mark.django_db
def test_edit_signatory_saves_and_audits_changes(personas: Personas, sample: Sample) -> None:
    client = personas.client("coordinator")
    url = _url(sample, "signatory_edit", signatory_uuid=sample.signatory.uuid)
    response = client.post(
        url, {"organisation": personas.org_a.pk, "signed_on": "2015-06-03", "note_sv": "Via länsnätverket"}
    )
    assert response.status_code == 302
    sample.signatory.refresh_from_db()
    assert sample.signatory.note_sv == "Via länsnätverket"
    assert AuditEntry.objects.get(action="signatory.updated").changes == {"note_sv": "Via länsnätverket"}


@pytest.mark.django_db
def test_mark_as_left_offers_today_and_keeps_the_signatory(personas: Personas, sample: Sample) -> None:
    client = personas.client("coordinator")
    url = _url(sample, "signatory_leave", signatory_uuid=sample.signatory.uuid)
    with time_machine.travel(NOON):
        assert 'value="2026-03-02"' in client.get(url).content.decode()
    response = client.post(url, {"left_on": "2019-12-31"})
    assert response.status_code == 302
    sample.signatory.refresh_from_db()
    assert sample.signatory.left_on == datetime.date(2019, 12, 31)
    assert AuditEntry.objects.get(action="signatory.left").changes == {"left_on": "2019-12-31"}


@pytest.mark.django_db
def test_mark_as_left_before_signing_is_an_error(personas: Personas, sample: Sample) -> None:
    response = personas.client("coordinator").post(
        _url(sample, "signatory_leave", signatory_uuid=sample.signatory.uuid), {"left_on": "2015-01-01"}
    )
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert "En part kan inte lämna före den undertecknade." in html
    assert 'value="2015-01-01"' in html
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_remove_signatory_asks_first(personas: Personas, sample: Sample) -> None:
    client = personas.client("coordinator")
    url = _url(sample, "signatory_delete", signatory_uuid=sample.signatory.uuid)
    page = client.get(url).content.decode()
    assert "Vill du ta bort Föreningen A" in page
    assert Signatory.objects.filter(pk=sample.signatory.pk).exists()
    response = client.post(url)
    assert response.status_code == 302
    assert not Signatory.objects.filter(pk=sample.signatory.pk).exists()
    entry = AuditEntry.objects.get(action="signatory.removed")
    assert entry.object_id == str(sample.signatory.pk)
    assert entry.changes == {"organisation": "forening-a"}


@pytest.mark.django_db
def test_signatory_list_shows_left_parties_with_their_date(personas: Personas, sample: Sample) -> None:
    services.mark_signatory_left(actor=personas.coordinator, signatory=sample.signatory, on=datetime.date(2019, 1, 1))
    html = personas.client("coordinator").get(_url(sample, "signatories")).content.decode()
    assert "2019-01-01" in html
    assert _url(sample, "signatory_leave", signatory_uuid=sample.signatory.uuid) not in html
