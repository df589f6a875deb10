"""Bodies, their areas of responsibility and their dated memberships."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from testsupport.personas import Personas
from vagenin.agreement import services
from vagenin.agreement.models import Body, BodyKind, BodyMembership, MemberRole, Responsibility
from vagenin.agreement.tests.builders import (
    Sample,
    make_area,
    make_body,
    make_membership,
    make_period,
    make_person,
    make_responsibility,
)
from vagenin.common.models import AuditEntry

NOON = datetime.datetime(2026, 3, 2, 12, tzinfo=datetime.UTC)
TODAY = datetime.date(2026, 3, 2)


def _url(sample: Sample, name: str, **kwargs: Any) -> str:
    return reverse(f"agreement_staff:{name}", kwargs={"period_slug": sample.period.slug, **kwargs})


def _body_url(sample: Sample, name: str = "body", **kwargs: Any) -> str:
    return _url(sample, name, body_slug=sample.body.slug, **kwargs)


def _select(html: str, name: str) -> str:
    """The HTML of one select element, to check which options it offers."""
    start = html.index(f'name="{name}"')
    return html[start : html.index("</select>", start)]


def _body_post(**overrides: Any) -> dict[str, Any]:
    return {"kind": BodyKind.THEME_GROUP, "name_sv": "Temagrupp arbete", "order": 5, **overrides}


def _membership_post(sample: Sample, **overrides: Any) -> dict[str, Any]:
    return {
        "person": sample.person.pk,
        "organisation": "",
        "role": MemberRole.MEMBER,
        "responsibility": "",
        "starts_on": "2020-01-01",
        "ends_on": "",
        **overrides,
    }


# Bodies


@pytest.mark.django_db
def test_create_body_with_parent_area_and_convener(personas: Personas, sample: Sample) -> None:
    response = personas.client("coordinator").post(
        _url(sample, "body_create"),
        _body_post(parent=sample.body.pk, area=sample.area.pk, convener=personas.org_b.pk, meets_sv="Varje månad"),
    )
    body = Body.objects.get(period=sample.period, slug="temagrupp-arbete")
    assert response["Location"] == _url(sample, "body", body_slug=body.slug)
    assert (body.parent, body.area, body.convener) == (sample.body, sample.area, personas.org_b)
    assert AuditEntry.objects.get(action="body.created").changes == {"period": "2015-2020", "slug": body.slug}


@pytest.mark.django_db
def test_body_parent_and_area_come_from_the_same_period(personas: Personas, sample: Sample) -> None:
    other = make_period("2021-2025", starts_on=datetime.date(2021, 1, 1))
    foreign_body, foreign_area = make_body(other, "kansli"), make_area(other, "arbete")
    response = personas.client("coordinator").post(
        _url(sample, "body_create"), _body_post(parent=foreign_body.pk, area=foreign_area.pk)
    )
    html = response.content.decode()
    assert 'href="#id_parent"' in html
    assert 'href="#id_area"' in html
    assert 'value="Temagrupp arbete"' in html
    assert not Body.objects.filter(period=sample.period, slug="temagrupp-arbete").exists()


@pytest.mark.django_db
def test_a_body_cannot_sit_inside_itself_or_its_own_groups(personas: Personas, sample: Sample) -> None:
    child = make_body(sample.period, "temagrupp", BodyKind.THEME_GROUP, parent=sample.body)
    grandchild = make_body(sample.period, "arbetsgrupp", BodyKind.WORKING_GROUP, parent=child)
    unrelated = make_body(sample.period, "radslag", BodyKind.COUNCIL)
    client = personas.client("coordinator")
    parents = _select(client.get(_body_url(sample, "body_edit")).content.decode(), "parent")
    assert f'<option value="{unrelated.pk}"' in parents
    for body in (sample.body, child, grandchild):
        assert f'<option value="{body.pk}"' not in parents
    response = client.post(_body_url(sample, "body_edit"), _body_post(kind=BodyKind.SECRETARIAT, parent=grandchild.pk))
    assert 'href="#id_parent"' in response.content.decode()
    sample.body.refresh_from_db()
    assert sample.body.parent is None


@pytest.mark.django_db
def test_edit_body_audits_the_changes(personas: Personas, sample: Sample) -> None:
    response = personas.client("coordinator").post(
        _body_url(sample, "body_edit"), _body_post(kind=BodyKind.SECRETARIAT, name_sv="Kansli", order=0)
    )
    assert response.status_code == 302
    sample.body.refresh_from_db()
    assert sample.body.kind == BodyKind.SECRETARIAT
    assert sample.body.slug == "kansli"
    assert not AuditEntry.objects.filter(action="body.updated").exists(), "nothing changed"
    personas.client("coordinator").post(
        _body_url(sample, "body_edit"), _body_post(kind=BodyKind.SECRETARIAT, name_sv="Kansliet", order=0)
    )
    assert AuditEntry.objects.get(action="body.updated").changes == {"name_sv": "Kansliet"}


# Responsibilities


@pytest.mark.django_db
def test_add_and_edit_responsibility(personas: Personas, sample: Sample) -> None:
    client = personas.client("coordinator")
    client.post(_body_url(sample, "responsibility_add"), {"name_sv": "Bostad och utbildning"})
    added = Responsibility.objects.get(body=sample.body, slug="bostad-och-utbildning")
    assert added.order == 2
    url = _body_url(sample, "responsibility_edit", responsibility_slug=added.slug)
    client.post(url, {"name_sv": "Bostad och utbildning", "name_en": "Housing and education"})
    added.refresh_from_db()
    assert added.name_en == "Housing and education"
    assert [e.action for e in AuditEntry.objects.order_by("id")] == ["responsibility.created", "responsibility.updated"]


@pytest.mark.django_db
def test_a_name_without_letters_needs_a_slug(personas: Personas, sample: Sample) -> None:
    response = personas.client("coordinator").post(_body_url(sample, "responsibility_add"), {"name_sv": "–"})
    html = response.content.decode()
    assert 'href="#id_slug"' in html
    assert "Ange en kortadress med bokstäver a–z, siffror och bindestreck." in html
    assert Responsibility.objects.count() == 1


@pytest.mark.django_db
def test_responsibility_in_use_cannot_be_deleted(personas: Personas, sample: Sample) -> None:
    make_membership(
        sample.body, make_person("Mirja", "Ekholm"), role=MemberRole.RESPONSIBLE, responsibility=sample.responsibility
    )
    url = _body_url(sample, "responsibility_delete", responsibility_slug=sample.responsibility.slug)
    client = personas.client("coordinator")
    page = client.get(url).content.decode()
    assert "Det används av:" in page and "Mirja Ekholm" in page and "Ja, ta bort" not in page
    response = client.post(url, follow=True)
    assert "Kommunal utveckling kan inte tas bort eftersom det används av 1 ledamotskap (”Mirja Ekholm" in (
        response.content.decode()
    )
    assert Responsibility.objects.filter(pk=sample.responsibility.pk).exists()
    assert not AuditEntry.objects.exists(), "the audit row is rolled back with the failed delete"


@pytest.mark.django_db
def test_unused_responsibility_is_deleted_after_confirmation(personas: Personas, sample: Sample) -> None:
    client = personas.client("coordinator")
    url = _body_url(sample, "responsibility_delete", responsibility_slug=sample.responsibility.slug)
    assert "Vill du ta bort ansvarsområdet" in client.get(url).content.decode()
    client.post(url)
    assert not Responsibility.objects.exists()
    assert AuditEntry.objects.filter(action="responsibility.deleted").count() == 1


# Memberships


@pytest.mark.django_db
def test_add_membership(personas: Personas, sample: Sample) -> None:
    person = make_person("Johan", "Storbacka")
    response = personas.client("coordinator").post(
        _body_url(sample, "membership_add"),
        _membership_post(
            sample,
            person=person.pk,
            organisation=personas.org_b.pk,
            role=MemberRole.RESPONSIBLE,
            responsibility=sample.responsibility.pk,
        ),
    )
    assert response["Location"] == _body_url(sample)
    membership = BodyMembership.objects.get(person=person)
    assert (membership.organisation, membership.responsibility) == (personas.org_b, sample.responsibility)
    assert AuditEntry.objects.get(action="membership.added").changes == {
        "body": "kansli",
        "person": "Johan Storbacka",
        "role": "responsible",
        "starts_on": "2020-01-01",
    }


@pytest.mark.django_db
def test_responsible_without_responsibility_is_a_form_error(personas: Personas, sample: Sample) -> None:
    response = personas.client("coordinator").post(
        _body_url(sample, "membership_add"), _membership_post(sample, role=MemberRole.RESPONSIBLE)
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in html
    assert 'href="#id_responsibility"' in html
    assert "Välj vilket ansvarsområde den ansvariga har." in html
    assert 'value="2020-01-01"' in html
    assert '<option value="responsible" selected>' in html
    assert BodyMembership.objects.count() == 1


@pytest.mark.django_db
def test_membership_ending_before_it_starts_is_a_form_error(personas: Personas, sample: Sample) -> None:
    url = _body_url(sample, "membership_edit", membership_uuid=sample.membership.uuid)
    response = personas.client("coordinator").post(url, _membership_post(sample, ends_on="2019-12-31"))
    html = response.content.decode()
    assert 'href="#id_ends_on"' in html
    assert "Slutdatum kan inte vara före startdatum." in html
    assert 'value="2019-12-31"' in html
    sample.membership.refresh_from_db()
    assert sample.membership.ends_on is None


@pytest.mark.django_db
def test_responsibility_of_another_body_is_rejected(personas: Personas, sample: Sample) -> None:
    other = make_responsibility(make_body(sample.period, "radslag", BodyKind.COUNCIL), "ordforande")
    response = personas.client("coordinator").post(
        _body_url(sample, "membership_add"),
        _membership_post(sample, role=MemberRole.RESPONSIBLE, responsibility=other.pk),
    )
    html = response.content.decode()
    assert 'href="#id_responsibility"' in html
    assert f'<option value="{other.pk}"' not in _select(html, "responsibility")
    with pytest.raises(ValidationError):
        services.add_membership(
            actor=personas.coordinator,
            body=sample.body,
            person=sample.person,
            organisation=None,
            role=MemberRole.RESPONSIBLE,
            responsibility=other,
            starts_on=datetime.date(2020, 1, 1),
        )
    assert BodyMembership.objects.count() == 1


@pytest.mark.django_db
def test_edit_membership(personas: Personas, sample: Sample) -> None:
    url = _body_url(sample, "membership_edit", membership_uuid=sample.membership.uuid)
    response = personas.client("coordinator").post(
        url, _membership_post(sample, role=MemberRole.CHAIR, organisation=personas.org_a.pk, starts_on="2015-06-03")
    )
    assert response.status_code == 302
    sample.membership.refresh_from_db()
    assert sample.membership.role == MemberRole.CHAIR
    assert AuditEntry.objects.get(action="membership.updated").changes == {"role": "chair"}


@pytest.mark.django_db
def test_end_membership_today_keeps_the_history(personas: Personas, sample: Sample) -> None:
    client = personas.client("coordinator")
    with time_machine.travel(NOON):
        response = client.post(_body_url(sample, "membership_end", membership_uuid=sample.membership.uuid), follow=True)
        html = response.content.decode()
    sample.membership.refresh_from_db()
    assert sample.membership.ends_on == TODAY, "the last day is today; from tomorrow the seat is history"
    assert "Karin Berg har lämnat Kansli i dag." in html
    assert "2026-03-02" in html
    assert _body_url(sample, "membership_end", membership_uuid=sample.membership.uuid) not in html
    with time_machine.travel(NOON + datetime.timedelta(days=1)):
        html = client.get(_body_url(sample)).content.decode()
    assert "Karin Berg" in html.partition("Tidigare och kommande ledamöter")[2]
    assert AuditEntry.objects.get(action="membership.ended").changes == {"ends_on": "2026-03-02"}


@pytest.mark.django_db
def test_ending_a_membership_that_has_not_started_is_refused(personas: Personas, sample: Sample) -> None:
    future = make_membership(sample.body, make_person("Tuva", "Rosendahl"), starts_on=datetime.date(2026, 9, 1))
    with time_machine.travel(NOON):
        response = personas.client("coordinator").post(
            _body_url(sample, "membership_end", membership_uuid=future.uuid), follow=True
        )
    assert "har inte börjat ännu" in response.content.decode()
    future.refresh_from_db()
    assert future.ends_on is None
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_delete_membership_asks_first(personas: Personas, sample: Sample) -> None:
    client = personas.client("coordinator")
    url = _body_url(sample, "membership_delete", membership_uuid=sample.membership.uuid)
    assert "Vill du ta bort ledamotskapet för Karin Berg" in client.get(url).content.decode()
    client.post(url)
    assert not BodyMembership.objects.exists()
    assert AuditEntry.objects.get(action="membership.deleted").changes == {
        "body": "kansli",
        "person": "Karin Berg",
        "role": "member",
    }


@pytest.mark.django_db
def test_body_page_splits_current_and_other_members(personas: Personas, sample: Sample) -> None:
    make_membership(
        sample.body,
        make_person("Anna", "Förr"),
        starts_on=datetime.date(2015, 6, 3),
        ends_on=datetime.date(2018, 12, 31),
    )
    with time_machine.travel(NOON):
        html = personas.client("coordinator").get(_body_url(sample)).content.decode()
    current, _, other = html.partition("Tidigare och kommande ledamöter")
    assert "Karin Berg" in current
    assert "Anna Förr" in other
    assert "Anna Förr" not in current
