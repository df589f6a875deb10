"""Principles: added last, edited, moved and deleted with the numbering kept 1..n and unique."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from testsupport.personas import Personas
from vagenin.agreement import services
from vagenin.agreement.models import AgreementPeriod, Principle
from vagenin.agreement.tests.builders import Sample, make_principle
from vagenin.common.models import AuditEntry


def _texts(period: AgreementPeriod) -> list[tuple[int, str]]:
    return list(Principle.objects.filter(period=period).order_by("number").values_list("number", "text_sv"))


def _url(sample: Sample, name: str, **kwargs: Any) -> str:
    return reverse(f"agreement_staff:{name}", kwargs={"period_slug": sample.period.slug, **kwargs})


@pytest.fixture
def four(sample: Sample) -> list[Principle]:
    """The sample's principle and three more: A (the sample's), B, C, D."""
    Principle.objects.filter(pk=sample.principle.pk).update(text_sv="A")
    return [Principle.objects.get(pk=sample.principle.pk)] + [
        make_principle(sample.period, number, text) for number, text in ((2, "B"), (3, "C"), (4, "D"))
    ]


@pytest.mark.django_db
def test_add_principle_goes_last_and_is_audited(personas: Personas, sample: Sample, four: list[Principle]) -> None:
    principle = services.add_principle(actor=personas.coordinator, period=sample.period, text_sv="E", text_en="E en")
    assert principle.number == 5
    assert AuditEntry.objects.get(action="principle.created").changes == {"number": "5", "text_sv": "E"}


@pytest.mark.parametrize(
    ("letter", "to", "expected"),
    [
        ("D", 1, "DABC"),
        ("A", 4, "BCDA"),
        ("B", 3, "ACBD"),
        ("C", 2, "ACBD"),
        ("A", 99, "BCDA"),
        ("C", 3, "ABCD"),
    ],
)
@pytest.mark.django_db
def test_move_principle_renumbers_without_breaking_uniqueness(
    personas: Personas, sample: Sample, four: list[Principle], letter: str, to: int, expected: str
) -> None:
    principle = next(p for p in four if p.text_sv == letter)
    services.move_principle(actor=personas.coordinator, principle=principle, to=to)
    assert _texts(sample.period) == list(enumerate(expected, start=1))
    moved = AuditEntry.objects.filter(action="principle.moved")
    assert moved.count() == (0 if expected == "ABCD" else 1)


@pytest.mark.django_db
def test_move_closes_gaps_left_by_hand_numbering(personas: Personas, sample: Sample) -> None:
    """Numbers typed into the reference files may have gaps (1, 5, 9); a move leaves them 1..n."""
    Principle.objects.filter(pk=sample.principle.pk).update(number=5, text_sv="A")
    last = make_principle(sample.period, 9, "B")
    make_principle(sample.period, 2, "C")
    services.move_principle(actor=personas.coordinator, principle=last, to=1)
    assert _texts(sample.period) == [(1, "B"), (2, "C"), (3, "A")]


@pytest.mark.django_db
def test_move_buttons_post_the_neighbouring_position(personas: Personas, sample: Sample, four: list[Principle]) -> None:
    client = personas.client("coordinator")
    html = client.get(_url(sample, "principles")).content.decode()
    assert html.count('name="to"') == 6, "first row: down only; last row: up only; the two middle rows: both"
    response = client.post(_url(sample, "principle_move", principle_uuid=four[2].uuid), {"to": 2})
    assert response.status_code == 302
    assert _texts(sample.period) == list(enumerate("ACBD", start=1))


@pytest.mark.django_db
def test_move_rejects_a_bad_position(personas: Personas, sample: Sample, four: list[Principle]) -> None:
    response = personas.client("coordinator").post(_url(sample, "principle_move", principle_uuid=four[0].uuid))
    assert response.status_code == 400
    assert _texts(sample.period) == list(enumerate("ABCD", start=1))


@pytest.mark.django_db
def test_delete_principle_asks_first_and_renumbers(personas: Personas, sample: Sample, four: list[Principle]) -> None:
    client = personas.client("coordinator")
    url = _url(sample, "principle_delete", principle_uuid=four[1].uuid)
    assert "Vill du ta bort princip 2" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert _texts(sample.period) == [(1, "A"), (2, "C"), (3, "D")]
    assert AuditEntry.objects.get(action="principle.deleted").changes == {"text_sv": "B"}


@pytest.mark.django_db
def test_edit_principle(personas: Personas, sample: Sample) -> None:
    url = _url(sample, "principle_edit", principle_uuid=sample.principle.uuid)
    response = personas.client("coordinator").post(
        url, {"text_sv": "Regional samverkan och samordning", "text_en": "Regional collaboration"}
    )
    assert response.status_code == 302
    sample.principle.refresh_from_db()
    assert sample.principle.text_en == "Regional collaboration"
    assert AuditEntry.objects.get(action="principle.updated").changes == {
        "text_sv": "Regional samverkan och samordning",
        "text_en": "Regional collaboration",
    }


@pytest.mark.django_db
def test_principle_without_text_is_an_error(personas: Personas, sample: Sample) -> None:
    response = personas.client("coordinator").post(_url(sample, "principle_add"), {"text_sv": "", "text_en": "Kept"})
    html = response.content.decode()
    assert 'href="#id_text_sv"' in html
    assert 'value="Kept"' in html
    assert Principle.objects.count() == 1


@pytest.mark.django_db
def test_add_principle_view(personas: Personas, sample: Sample) -> None:
    response = personas.client("coordinator").post(_url(sample, "principle_add"), {"text_sv": "Lösningsfokus"})
    assert response.status_code == 302
    assert _texts(sample.period) == [(1, "Regional samverkan"), (2, "Lösningsfokus")]
