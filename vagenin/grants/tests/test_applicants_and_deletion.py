"""Applicants found by organisation number; reviewers who have scored stay; deletes go through common.deletion."""

from __future__ import annotations

import pytest
from django.urls import reverse

from testsupport.personas import Personas, make_user
from vagenin.accounts.models import StaffRole
from vagenin.common.models import AuditEntry
from vagenin.grants import services
from vagenin.grants.models import Application, ReviewAssignment, Score
from vagenin.grants.services import TransitionError
from vagenin.grants.tests.builders import draft, in_review, make_call, make_programme
from vagenin.organisations.models import Organisation, OrganisationType

pytestmark = pytest.mark.django_db

NUMBER_A = "802000-1114"
NUMBER_B = "202100-5521"


@pytest.fixture
def numbered(personas: Personas) -> Personas:
    Organisation.objects.filter(pk=personas.org_a.pk).update(organisation_number=NUMBER_A)
    Organisation.objects.filter(pk=personas.org_b.pk).update(organisation_number=NUMBER_B)
    return personas


def _apply(personas: Personas, number: str, persona: str = "editor_a") -> tuple[int, str]:
    call = make_call()
    response = personas.client(persona).post(reverse("grants:apply", args=[call.slug]), {"organisation_number": number})
    return response.status_code, response.content.decode()


@pytest.mark.parametrize("typed", [NUMBER_A, "8020001114", "16802000-1114"])
def test_an_editor_applies_by_organisation_number(numbered: Personas, typed: str) -> None:
    status, _page = _apply(numbered, typed)
    assert status == 302
    assert Application.objects.get().organisation == numbered.org_a


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("802000-1115", "kontrollsiffran stämmer inte"),
        ("80200", "NNNNNN-NNNN"),
        ("556000-0001", "Ingen organisation i registret har organisationsnumret 556000-0001"),
        (NUMBER_B, "Du är inte redaktör för Föreningen B (202100-5521)"),
    ],
)
def test_a_number_that_finds_no_organisation_of_yours_says_why(numbered: Personas, typed: str, said: str) -> None:
    status, page = _apply(numbered, typed)
    assert status == 200
    assert said in page
    assert not Application.objects.exists()


def test_a_number_of_a_kind_the_programme_does_not_take_says_so(numbered: Personas) -> None:
    make_programme("TIA", civil_society=False)
    Organisation.objects.filter(pk=numbered.org_a.pk).update(type=OrganisationType.CIVIL_SOCIETY)
    Organisation.objects.filter(pk=numbered.org_b.pk).update(type=OrganisationType.MUNICIPALITY)
    status, page = _apply(numbered, NUMBER_A, persona="coordinator")
    assert status == 200 and "får inte söka i programmet" in page
    assert not Application.objects.exists()


def test_the_list_and_the_number_must_agree(numbered: Personas) -> None:
    call = make_call()
    response = numbered.client("coordinator").post(
        reverse("grants:apply", args=[call.slug]), {"organisation": numbered.org_b.pk, "organisation_number": NUMBER_A}
    )
    assert response.status_code == 200 and "hör till Föreningen A" in response.content.decode()
    empty = {"organisation_number": " "}
    response = numbered.client("coordinator").post(reverse("grants:apply", args=[call.slug]), empty)
    assert response.status_code == 200 and "ange dess organisationsnummer" in response.content.decode()
    assert not Application.objects.exists()


def test_a_co_applicant_is_added_by_organisation_number(numbered: Personas) -> None:
    call = make_call()
    application = draft(call, numbered.org_a, numbered.editor_a)
    url = reverse("grants:application_edit", args=[application.uuid])
    form = {"title": "Språkcafé", "purpose": "Språkcaféer.", "amount_requested": "0"}
    editor = numbered.client("editor_a")
    response = editor.post(url, {**form, "co_applicant_number": NUMBER_A})
    assert response.status_code == 400 and "den sökande organisationen själv" in response.content.decode()
    response = editor.post(url, {**form, "co_applicant_number": "202100-5520"})
    assert response.status_code == 400 and "kontrollsiffran" in response.content.decode()
    assert editor.post(url, {**form, "co_applicant_number": "2021005521"}).status_code == 302
    assert list(application.co_applicants.all()) == [numbered.org_b]


def _scored(personas: Personas) -> tuple[Application, ReviewAssignment, ReviewAssignment]:
    call = make_call()
    application = in_review(call, personas.org_a, personas.editor_a, personas.grant_officer)
    scorer = make_user("granskare@test.example", roles=(StaffRole.ANALYST,), full_name="Gun Granskare")
    idle = make_user("vilande@test.example", roles=(StaffRole.ANALYST,), full_name="Vilma Vilande")
    scored = services.assign_reviewer(actor=personas.grant_officer, application=application, reviewer=scorer)
    untouched = services.assign_reviewer(actor=personas.grant_officer, application=application, reviewer=idle)
    criterion = call.criteria.first()
    assert criterion is not None
    services.save_review(
        actor=scorer, assignment=scored, no_conflict=True, scores={criterion: 4}, comment="", final=False
    )
    return application, scored, untouched


def test_a_reviewer_who_has_scored_cannot_be_removed(personas: Personas) -> None:
    application, scored, untouched = _scored(personas)
    with pytest.raises(TransitionError) as refused:
        services.remove_reviewer(actor=personas.grant_officer, assignment=scored)
    assert refused.value.code == "scored" and "Gun Granskare" in str(refused.value)
    assert Score.objects.filter(assignment=scored).count() == 1
    # The page refuses it too, with the reason, and offers no button for it.
    officer = personas.client("grant_officer")
    url = reverse("grants:officer_unassign", args=[application.uuid, scored.uuid])
    page = officer.post(url, follow=True).content.decode()
    assert "har redan gett poäng" in page
    assert ReviewAssignment.objects.filter(pk=scored.pk).exists()
    assert reverse("grants:officer_unassign", args=[application.uuid, scored.uuid]) not in page
    # One who has not scored goes, audited through common.deletion.
    officer.post(reverse("grants:officer_unassign", args=[application.uuid, untouched.uuid]))
    assert not ReviewAssignment.objects.filter(pk=untouched.pk).exists()
    entry = AuditEntry.objects.get(action="grants.reviewer_removed")
    assert entry.changes["application"] == str(application.uuid)


def test_a_cleared_score_is_deleted_and_audited(personas: Personas) -> None:
    _application, scored, _untouched = _scored(personas)
    criterion = scored.scores.get().criterion
    services.save_review(
        actor=scored.reviewer, assignment=scored, no_conflict=True, scores={criterion: None}, comment="", final=False
    )
    assert not scored.scores.exists()
    assert AuditEntry.objects.filter(action="grants.score_cleared").count() == 1
    # With no score left, the reviewer may be taken off again.
    services.remove_reviewer(actor=personas.grant_officer, assignment=scored)
    assert not ReviewAssignment.objects.filter(pk=scored.pk).exists()
