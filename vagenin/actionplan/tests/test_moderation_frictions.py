"""The small frictions of moderating a public submission (issue 14): the submitting organisation registered in
place, the contact-person list narrowed to the lead organisation, English title and summary, an ended project
published as done, and identical submissions caught."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from testsupport.personas import Personas, make_municipality
from vagenin.actionplan.models import InitiativeStatus, ProjectSubmission
from vagenin.actionplan.submissions.forms import PublishForm, municipality_choices
from vagenin.actionplan.tests.builders import make_period
from vagenin.actionplan.tests.test_submissions import form_data, make_submission, moderation_url, publish_data
from vagenin.organisations.models import Organisation, OrganisationType


@pytest.fixture(autouse=True)
def _period(db: None, settings: Any) -> None:
    settings.SECRETARIAT_EMAIL = "kansli@vagenin.example"
    make_period()


def test_publishing_registers_the_submitting_organisation(personas: Personas) -> None:
    submission = make_submission(organisation_name="Nya föreningen i Falun")
    assert submission.organisation is None
    falun = make_municipality()
    detail = personas.client("coordinator").get(moderation_url("moderation_detail", submission))
    assert detail.context["publish_form"]["new_organisation_name"].value() == "Nya föreningen i Falun"
    response = personas.client("coordinator").post(
        moderation_url("moderation_publish", submission),
        publish_data(
            "",
            **{
                "publish-new_organisation": "on",
                "publish-new_organisation_name": "Nya föreningen i Falun",
                "publish-new_organisation_type": OrganisationType.CIVIL_SOCIETY,
                "publish-new_organisation_municipality": falun.pk,
            },
        ),
    )
    assert response.status_code == 302, response.context["publish_form"].errors
    organisation = Organisation.objects.get(name="Nya föreningen i Falun")
    assert organisation.slug == "nya-foreningen-i-falun"
    assert organisation.municipality == falun and organisation.county == falun.county
    submission.refresh_from_db()
    assert submission.initiative is not None
    assert submission.initiative.lead_organisation == organisation
    assert submission.organisation == organisation


def test_a_new_organisation_needs_a_name_not_taken_and_not_a_chosen_one(personas: Personas) -> None:
    submission = make_submission()
    client = personas.client("coordinator")
    url = moderation_url("moderation_publish", submission)
    both = client.post(url, publish_data(personas.org_a.pk, **{"publish-new_organisation": "on"}))
    assert both.status_code == 400 and "new_organisation" in both.context["publish_form"].errors
    taken = client.post(
        url,
        publish_data(
            "",
            **{
                "publish-new_organisation": "on",
                "publish-new_organisation_name": "föreningen a",
                "publish-new_organisation_type": OrganisationType.CIVIL_SOCIETY,
            },
        ),
    )
    assert taken.status_code == 400 and "new_organisation_name" in taken.context["publish_form"].errors
    neither = client.post(url, publish_data(""))
    assert neither.status_code == 400 and "lead_organisation" in neither.context["publish_form"].errors


def test_municipalities_of_the_county_come_first(personas: Personas) -> None:
    falun, mora = make_municipality(), make_municipality("2062", "Mora")
    stockholm = make_municipality("0180", "Stockholm")
    _empty, (own_group, own), (_rest_group, rest) = municipality_choices(make_period().county)
    assert own == [(falun.pk, "Falun kommun"), (mora.pk, "Mora kommun")]
    assert rest == [(stockholm.pk, "Stockholm kommun")]
    assert own_group == str(make_period().county.name)


def test_contact_person_list_narrowed_to_the_lead_organisation(personas: Personas) -> None:
    submission = make_submission()
    form = PublishForm(prefix="publish", period=make_period(), submission=submission)
    html = str(form["contact_person"])
    assert 'data-filter-field="publish-lead_organisation"' in html and 'data-filter-param="organisation"' in html
    assert reverse("people:search") in html


def test_the_contact_person_must_work_at_the_lead_organisation(personas: Personas) -> None:
    from vagenin.organisations.models import Person, Position

    submission = make_submission()
    person = Person.objects.create(first_name="Kim", last_name="Kontakt")
    Position.objects.create(person=person, organisation=personas.org_b, title_sv="Samordnare")
    client = personas.client("coordinator")
    url = moderation_url("moderation_publish", submission)
    refused = client.post(url, publish_data(personas.org_a.pk, **{"publish-contact_person": person.pk}))
    assert refused.status_code == 400
    assert "Kontaktpersonen ska ha en befattning hos den ansvariga organisationen" in refused.content.decode()
    accepted = client.post(url, publish_data(personas.org_b.pk, **{"publish-contact_person": person.pk}))
    assert accepted.status_code == 302, accepted.context["publish_form"].errors


def test_english_title_and_summary_are_published(personas: Personas) -> None:
    submission = make_submission()
    response = personas.client("coordinator").post(
        moderation_url("moderation_publish", submission),
        publish_data(
            personas.org_a.pk,
            **{"publish-title_en": "Language café in Falun", "publish-summary_en": "Swedish conversation weekly."},
        ),
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.initiative is not None
    assert submission.initiative.title_en == "Language café in Falun"
    assert submission.initiative.summary_en == "Swedish conversation weekly."


@time_machine.travel(datetime.datetime(2027, 3, 1, 12, tzinfo=datetime.UTC))
def test_an_ended_project_is_published_as_done_not_at_zero(personas: Personas) -> None:
    submission = make_submission()  # ends 2026-12-31
    form = PublishForm(prefix="publish", period=make_period(), submission=submission)
    assert form["status"].value() == InitiativeStatus.COMPLETED
    response = personas.client("coordinator").post(
        moderation_url("moderation_publish", submission),
        publish_data(personas.org_a.pk, **{"publish-status": InitiativeStatus.COMPLETED}),
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.initiative is not None
    assert submission.initiative.status == InitiativeStatus.COMPLETED
    assert submission.initiative.progress == 100


def test_an_identical_submission_sent_twice_is_refused_with_a_message(personas: Personas) -> None:
    client = Client(REMOTE_ADDR="192.0.2.9")
    assert client.post(reverse("actionplan:submit"), form_data()).status_code == 302
    again = client.post(reverse("actionplan:submit"), form_data(title="  språkcafé i  falun "))
    assert again.status_code == 200
    assert "Vi har redan fått just det här projektet" in again.content.decode()
    assert ProjectSubmission.objects.count() == 1
    # A different project, or the same one from someone else, is welcome.
    assert client.post(reverse("actionplan:submit"), form_data(title="Läxhjälp")).status_code == 302
    other = form_data(submitter_email="olle@example.org")
    assert client.post(reverse("actionplan:submit"), other).status_code == 302
    assert ProjectSubmission.objects.count() == 3
