"""Who may see and do what in the action plan: every view over the personas."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from testsupport.personas import PERSONA_NAMES, Personas
from vagenin.actionplan import services
from vagenin.actionplan.models import Funding, ReportingRound
from vagenin.actionplan.tests.builders import add_indicator, add_milestone, make_initiative, make_period

LOGIN = "/konto/login/"


def _status(client: Client, url: str, method: str = "get", data: dict[str, Any] | None = None) -> int:
    response = getattr(client, method)(url, data or {})
    if response.status_code == 302 and response["Location"].startswith(LOGIN):
        return 302
    return response.status_code


@pytest.fixture
def world(personas: Personas) -> dict[str, Any]:
    published = make_initiative(personas.org_a, "Publicerad")
    draft = make_initiative(personas.org_a, "Utkast", published=False)
    report = services.start_report(
        actor=personas.editor_a,
        initiative=published,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 6, 30),
    )
    funding = Funding.objects.create(initiative=published, source="own_budget", amount_sek=1000)
    reporting_round = ReportingRound.objects.create(
        agreement_period=make_period(),
        title="Omgång",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 6, 30),
        due_on=datetime.date(2026, 12, 1),
    )
    return {
        "published": published,
        "draft": draft,
        "report": report,
        "funding": funding,
        "milestone": add_milestone(published),
        "indicator": add_indicator(published),
        "round": reporting_round,
    }


@pytest.mark.parametrize("persona", PERSONA_NAMES)
@pytest.mark.django_db
def test_public_pages(personas: Personas, world: dict[str, Any], persona: str) -> None:
    client = personas.client(persona)
    assert _status(client, reverse("actionplan:catalogue")) == 200
    assert _status(client, world["published"].get_absolute_url()) == 200
    # A draft is visible only to those who may edit it.
    expected = {"anonymous": 404, "editor_a": 200, "editor_b": 404, "coordinator": 200}[persona]
    assert _status(client, world["draft"].get_absolute_url()) == expected


def _edit_urls(world: dict[str, Any]) -> list[str]:
    slug = world["published"].slug
    return [
        reverse("actionplan:edit", args=[slug]),
        reverse("actionplan:manage", args=[slug]),
        reverse("actionplan:milestone_edit", args=[slug, world["milestone"].uuid]),
        reverse("actionplan:indicator_edit", args=[slug, world["indicator"].uuid]),
        reverse("actionplan:report_edit", args=[world["report"].uuid]),
    ]


@pytest.mark.parametrize("persona", PERSONA_NAMES)
@pytest.mark.django_db
def test_editing_pages_belong_to_the_lead_organisation(personas: Personas, world: dict[str, Any], persona: str) -> None:
    expected = {"anonymous": 302, "editor_a": 200, "editor_b": 404, "coordinator": 200}[persona]
    for url in _edit_urls(world):
        assert _status(personas.client(persona), url) == expected, url


@pytest.mark.parametrize("persona", PERSONA_NAMES)
@pytest.mark.django_db
def test_editing_actions_belong_to_the_lead_organisation(
    personas: Personas, world: dict[str, Any], persona: str
) -> None:
    slug = world["published"].slug
    posts: list[tuple[str, dict[str, Any]]] = [
        (reverse("actionplan:visibility", args=[slug]), {"visibility": "draft"}),
        (reverse("actionplan:partner_add", args=[slug]), {"organisation": personas.org_b.pk, "role": "partner"}),
        (reverse("actionplan:funding_add", args=[slug]), {"source": "esf_plus", "amount_sek": "5"}),
        (reverse("actionplan:funding_remove", args=[slug, world["funding"].uuid]), {}),
        (reverse("actionplan:milestone_add", args=[slug]), {"title_sv": "Nytt", "due_on": "2026-05-01"}),
        (reverse("actionplan:report_start", args=[slug]), {"period_start": "2025-07-01", "period_end": "2025-12-31"}),
    ]
    expected = {"anonymous": 302, "editor_a": 302, "editor_b": 404, "coordinator": 302}[persona]
    for url, data in posts:
        assert _status(personas.client(persona), url, "post", data) == expected, url
    if persona == "editor_b":
        world["published"].refresh_from_db()
        assert world["published"].visibility == "published"
        assert Funding.objects.filter(pk=world["funding"].pk).exists()


@pytest.mark.parametrize("persona", PERSONA_NAMES)
@pytest.mark.django_db
def test_creating_needs_an_organisation_to_edit(personas: Personas, world: dict[str, Any], persona: str) -> None:
    expected = {"anonymous": 302, "editor_a": 200, "editor_b": 200, "coordinator": 200}[persona]
    assert _status(personas.client(persona), reverse("actionplan:create")) == expected
    assert _status(personas.client(persona), reverse("actionplan:mine")) == expected


@pytest.mark.django_db
def test_a_user_without_organisation_may_not_create(db: None, personas: Personas) -> None:
    from testsupport.personas import make_user

    loner = make_user("ensam@test.example")
    client = Client()
    client.force_login(loner)
    assert client.get(reverse("actionplan:create")).status_code == 403


@pytest.mark.parametrize("persona", PERSONA_NAMES)
@pytest.mark.django_db
def test_secretariat_pages(personas: Personas, world: dict[str, Any], persona: str) -> None:
    expected = {"anonymous": 302, "editor_a": 403, "editor_b": 403, "coordinator": 200}[persona]
    for url in [
        reverse("actionplan:review_queue"),
        reverse("actionplan:report_review", args=[world["report"].uuid]),
        reverse("actionplan:rounds"),
        reverse("actionplan:round", args=[world["round"].uuid]),
    ]:
        assert _status(personas.client(persona), url) == expected, url


@pytest.mark.django_db
def test_editor_b_cannot_pick_a_as_lead_organisation(personas: Personas, world: dict[str, Any]) -> None:
    response = personas.client("editor_b").post(
        reverse("actionplan:create"),
        {"title_sv": "Kapning", "summary_sv": "x", "lead_organisation": personas.org_a.pk, "whole_county": "on"},
    )
    assert response.status_code == 200
    assert "lead_organisation" in response.context["form"].errors
