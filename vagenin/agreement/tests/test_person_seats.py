"""A person who holds a seat in a body is part of the agreement's record and cannot be erased from the register."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from testsupport.personas import Personas, make_county
from vagenin.agreement.models import AgreementPeriod, Body, BodyMembership
from vagenin.organisations.models import Person


@pytest.mark.django_db
def test_person_with_a_seat_cannot_be_erased(personas: Personas) -> None:
    person = Person.objects.create(first_name="Sitt", last_name="Kvar")
    period = AgreementPeriod.objects.create(
        slug="p", county=make_county(), title_sv="P", starts_on=datetime.date(2015, 1, 1)
    )
    body = Body.objects.create(period=period, slug="b", kind="network", name_sv="Nätverk")
    BodyMembership.objects.create(body=body, person=person, starts_on=datetime.date(2015, 1, 1))
    response = personas.client("coordinator").post(reverse("people:delete", args=[person.uuid]))
    assert response.status_code == 200
    assert Person.objects.filter(pk=person.pk).exists()
    free = Person.objects.create(first_name="Gå", last_name="Bort")
    assert personas.client("coordinator").post(reverse("people:delete", args=[free.uuid])).status_code == 302
    assert not Person.objects.filter(pk=free.pk).exists()
