"""Who may see and do what in grants: every view over the personas, the grant officer among them."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from testsupport.personas import PERSONA_NAMES, SPECIALIST_NAMES, Personas
from vagenin.grants import services
from vagenin.grants.models import FieldKind, Outcome, ProgrammeDocument
from vagenin.grants.tests.builders import draft, in_review, make_call, submitted

LOGIN = "/konto/login/"
EVERYONE = PERSONA_NAMES + SPECIALIST_NAMES
PDF = b"%PDF-1.4\n%%EOF\n"

pytestmark = pytest.mark.django_db


def _status(client: Client, url: str, method: str = "get", data: dict[str, Any] | None = None) -> int:
    response = getattr(client, method)(url, data or {})
    if response.status_code == 302 and response["Location"].startswith(LOGIN):
        return 302
    return response.status_code


def _expect(persona: str, **overrides: int) -> int:
    return overrides.get(persona, overrides.get("default", 0))


@pytest.fixture
def world(personas: Personas) -> dict[str, Any]:
    call = make_call()
    hidden = make_call(slug="dold")
    hidden.published = False
    hidden.save()
    a_draft = draft(call, personas.org_a, personas.editor_a)
    file_field = call.form_version.fields.get(kind=FieldKind.FILE)
    services.save_application(
        actor=personas.editor_a,
        application=a_draft,
        data={},
        answers={},
        co_applicants=[],
        uploads={str(file_field.uuid): (SimpleUploadedFile("intyg.pdf", PDF), "application/pdf")},
    )
    sent = submitted(call, personas.org_a, personas.editor_a)
    paid = in_review(call, personas.org_a, personas.editor_a, personas.grant_officer)
    services.decide(
        actor=personas.grant_officer,
        application=paid,
        outcome=Outcome.GRANTED_FULL,
        amount_granted=0,
        conditions="",
        decided_on=datetime.date(2026, 5, 1),
        registration_number="851-9-2026",
    )
    services.mark_paid(actor=personas.grant_officer, application=paid, paid_on=datetime.date(2026, 5, 2))
    assignment = services.assign_reviewer(actor=personas.coordinator, application=sent, reviewer=personas.grant_officer)
    document = ProgrammeDocument.objects.create(
        programme=call.programme,
        title="Regler",
        file=SimpleUploadedFile("regler.pdf", PDF),
        content_type="application/pdf",
        size=len(PDF),
    )
    return {
        "call": call,
        "hidden": hidden,
        "draft": a_draft,
        "file": a_draft.files.get(),
        "sent": sent,
        "paid": paid,
        "assignment": assignment,
        "document": document,
    }


@pytest.mark.parametrize("persona", EVERYONE)
def test_public_pages(personas: Personas, world: dict[str, Any], persona: str) -> None:
    client = personas.client(persona)
    call = world["call"]
    assert _status(client, reverse("grants:index")) == 200
    assert _status(client, reverse("grants:granted")) == 200
    assert _status(client, call.programme.get_absolute_url()) == 200
    assert _status(client, call.get_absolute_url()) == 200
    assert _status(client, reverse("grants:document", args=[call.programme.slug, world["document"].uuid])) == 200
    hidden = {"coordinator": 200, "grant_officer": 200}.get(persona, 404)
    assert _status(client, world["hidden"].get_absolute_url()) == hidden


@pytest.mark.parametrize("persona", EVERYONE)
def test_applicant_pages(personas: Personas, world: dict[str, Any], persona: str) -> None:
    client = personas.client(persona)
    applicant = {"anonymous": 302, "editor_a": 200, "editor_b": 200, "coordinator": 200}.get(persona, 403)
    assert _status(client, reverse("grants:mine")) == applicant
    assert _status(client, reverse("grants:apply", args=[world["call"].slug])) == applicant
    # org_a's application: its editors, coordinators and the grant officer see it; the reviewer too.
    seen = {"anonymous": 302, "editor_a": 200, "coordinator": 200, "grant_officer": 200}.get(persona, 404)
    sent, paid = world["sent"], world["paid"]
    assert _status(client, reverse("grants:application", args=[sent.uuid])) == seen
    assert _status(client, reverse("grants:application_receipt", args=[sent.uuid])) == seen
    assert _status(client, reverse("grants:decision_letter", args=[paid.uuid])) == seen
    assert _status(client, reverse("grants:file", args=[world["draft"].uuid, world["file"].uuid])) == seen
    edit = {"anonymous": 302, "editor_a": 200, "coordinator": 200}.get(persona, 404)
    assert _status(client, reverse("grants:application_edit", args=[world["draft"].uuid])) == edit
    assert _status(client, reverse("grants:final_report", args=[paid.uuid])) == edit


@pytest.mark.parametrize("persona", EVERYONE)
def test_applicant_actions_belong_to_the_organisation(personas: Personas, world: dict[str, Any], persona: str) -> None:
    client = personas.client(persona)
    expected = {"anonymous": 302, "editor_a": 302, "coordinator": 302}.get(persona, 404)
    draft_id = world["draft"].uuid
    assert _status(client, reverse("grants:file_remove", args=[draft_id, world["file"].uuid]), "post") == expected
    assert _status(client, reverse("grants:application_withdraw", args=[draft_id]), "post") == expected
    assert _status(client, reverse("grants:application_submit", args=[draft_id]), "post") == expected


@pytest.mark.parametrize("persona", EVERYONE)
def test_officer_pages(personas: Personas, world: dict[str, Any], persona: str) -> None:
    client = personas.client(persona)
    officer = {"anonymous": 302, "coordinator": 200, "grant_officer": 200}.get(persona, 403)
    call = world["call"]
    version = call.form_version
    urls = [
        reverse("grants:officer_list"),
        reverse("grants:officer_application", args=[world["sent"].uuid]),
        reverse("grants:call_review", args=[call.slug]),
        reverse("grants:manage"),
        reverse("grants:programme_create"),
        reverse("grants:programme_edit", args=[call.programme.slug]),
        reverse("grants:call_create", args=[call.programme.slug]),
        reverse("grants:call_edit", args=[call.programme.slug, call.slug]),
        reverse("grants:form_version", args=[version.uuid]),
        reverse("grants:form_field", args=[version.uuid, version.fields.first().uuid]),
    ]
    for url in urls:
        assert _status(client, url) == officer, url
    overview = {"anonymous": 302, "coordinator": 200, "grant_officer": 200, "analyst": 200}.get(persona, 403)
    assert _status(client, reverse("grants:overview")) == overview
    reviews = {"anonymous": 302, "coordinator": 200, "grant_officer": 200}.get(persona, 403)
    assert _status(client, reverse("grants:my_reviews")) == reviews
    review = {"anonymous": 302, "grant_officer": 200}.get(persona, 404)
    assert _status(client, reverse("grants:review", args=[world["assignment"].uuid])) == review


@pytest.mark.parametrize("persona", EVERYONE)
def test_officer_actions_are_refused_to_others(personas: Personas, world: dict[str, Any], persona: str) -> None:
    client = personas.client(persona)
    expected = {"anonymous": 302, "coordinator": 302, "grant_officer": 302}.get(persona, 403)
    sent = world["sent"].uuid
    names = [
        "officer_start_review",
        "officer_request_information",
        "officer_assign",
        "officer_decide",
        "officer_paid",
        "officer_close",
        "officer_initiative",
    ]
    for name in names:
        assert _status(client, reverse(f"grants:{name}", args=[sent]), "post") == expected, name
    slug = world["call"].programme.slug
    assert _status(client, reverse("grants:programme_document", args=[slug]), "post") == expected
    assert _status(client, reverse("grants:form_create", args=[slug]), "post") == expected
    assert (
        _status(client, reverse("grants:form_new_version", args=[world["call"].form_version.uuid]), "post") == expected
    )
