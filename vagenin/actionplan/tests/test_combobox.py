"""The initiative form's large choices (lead organisation, main initiative, contact person, partner) as
comboboxes: only the current choice is rendered, typed names and ids resolve within what the role may pick,
and the parent-initiative search endpoint is limited like the form."""

from __future__ import annotations

import pytest
from django.urls import reverse

from testsupport.personas import Personas, make_organisation, make_user
from vagenin.actionplan.forms import InitiativeForm, PartnerForm
from vagenin.actionplan.models import Initiative
from vagenin.actionplan.tests.builders import make_initiative, make_period, theme
from vagenin.organisations.models import Person, Position

LOGIN = "/konto/login/"


@pytest.fixture
def setting(personas: Personas) -> dict[str, object]:
    period = make_period()
    anna = Person.objects.create(first_name="Anna", last_name="Andersson")
    bertil = Person.objects.create(first_name="Bertil", last_name="Berg")
    Position.objects.create(person=anna, organisation=personas.org_a, title_sv="Samordnare")
    Position.objects.create(person=bertil, organisation=personas.org_b, title_sv="Samordnare")
    return {"period": period, "anna": anna, "bertil": bertil}


def _data(**fields: object) -> dict[str, object]:
    return {
        "title_sv": "Språkcafé",
        "summary_sv": "Samtal på svenska",
        "themes": [theme().pk],
        "whole_county": "on",
        "status": "planned",
        "weight": "1",
        **fields,
    }


def _form(personas: Personas, persona: str, data: dict[str, object], **kwargs: object) -> InitiativeForm:
    return InitiativeForm(data, user=getattr(personas, persona), period=make_period(), **kwargs)


@pytest.mark.django_db
def test_lead_organisation_by_id_by_exact_name_or_by_the_combobox(personas: Personas, setting: dict) -> None:
    org_a = personas.org_a
    for value in (
        {"lead_organisation": str(org_a.pk)},  # the id, as a script or the combobox's key sends it
        {"lead_organisation_text": "föreningen  a"},  # the typed name without JavaScript: case and spaces ignored
        {"lead_organisation": str(org_a.pk), "lead_organisation_text": "Föreningen A"},  # key with its label
    ):
        form = _form(personas, "editor_a", _data(**value))
        assert form.is_valid(), form.errors
        assert form.cleaned_data["lead_organisation"] == org_a


@pytest.mark.django_db
def test_typed_text_wins_over_a_stale_key(personas: Personas, setting: dict) -> None:
    # The key of org A with org B's name typed over it: the text is what the coordinator chose.
    data = _data(lead_organisation=str(personas.org_a.pk), lead_organisation_text="Föreningen B")
    form = _form(personas, "coordinator", data)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["lead_organisation"] == personas.org_b


@pytest.mark.django_db
def test_unknown_and_not_allowed_choices_are_refused_beside_the_field(personas: Personas, setting: dict) -> None:
    unknown = _form(personas, "editor_a", _data(lead_organisation_text="Finns inte"))
    assert not unknown.is_valid()
    assert "”Finns inte” finns inte bland det du kan välja" in unknown.errors["lead_organisation"][0]
    # Another organisation's editor may not make org B the lead, by id or by name.
    for value in ({"lead_organisation": str(personas.org_b.pk)}, {"lead_organisation_text": "Föreningen B"}):
        form = _form(personas, "editor_a", _data(**value))
        assert not form.is_valid()
        assert "lead_organisation" in form.errors
    # Nor pick a person of org B as contact person.
    form = _form(
        personas,
        "editor_a",
        _data(lead_organisation=str(personas.org_a.pk), contact_person_text="Bertil Berg"),
    )
    assert not form.is_valid()
    assert "contact_person" in form.errors
    # The coordinator may.
    form = _form(
        personas,
        "coordinator",
        _data(lead_organisation=str(personas.org_a.pk), contact_person_text="Bertil Berg"),
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["contact_person"] == setting["bertil"]


@pytest.mark.django_db
def test_two_people_of_the_same_name_need_the_list(personas: Personas, setting: dict) -> None:
    twin = Person.objects.create(first_name="Anna", last_name="Andersson")
    Position.objects.create(person=twin, organisation=personas.org_a, title_sv="Volontär")
    data = _data(lead_organisation=str(personas.org_a.pk), contact_person_text="Anna Andersson")
    form = _form(personas, "editor_a", data)
    assert not form.is_valid()
    assert "Flera val heter ”Anna Andersson”" in form.errors["contact_person"][0]
    # The combobox sends the key with the label: unambiguous.
    data = _data(
        lead_organisation=str(personas.org_a.pk), contact_person=str(twin.pk), contact_person_text="Anna Andersson"
    )
    form = _form(personas, "editor_a", data)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["contact_person"] == twin


@pytest.mark.django_db
def test_parent_only_among_own_top_level_initiatives(personas: Personas, setting: dict) -> None:
    own = make_initiative(personas.org_a, "Egen huvudinsats")
    other = make_initiative(personas.org_b, "Annans huvudinsats")
    ok = _form(personas, "editor_a", _data(lead_organisation=str(personas.org_a.pk), parent_text="Egen huvudinsats"))
    assert ok.is_valid(), ok.errors
    assert ok.cleaned_data["parent"] == own
    refused = _form(personas, "editor_a", _data(lead_organisation=str(personas.org_a.pk), parent=str(other.pk)))
    assert not refused.is_valid()
    assert "parent" in refused.errors


@pytest.mark.django_db
def test_edit_page_renders_only_the_current_choices(personas: Personas, setting: dict) -> None:
    for number in range(30):
        make_organisation(f"forening-{number}", f"Förening nummer {number}")
    initiative = make_initiative(personas.org_a, "Språkcafé", contact_person=setting["anna"])
    page = personas.client("coordinator").get(reverse("actionplan:edit", kwargs={"slug": initiative.slug}))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Förening nummer" not in html  # no <option> per organisation
    assert 'value="Föreningen A"' in html and 'value="Anna Andersson"' in html
    assert f'name="lead_organisation" value="{personas.org_a.pk}"' in html
    assert "common/combobox" in html and reverse("organisations:search") in html
    working = personas.client("editor_a").get(reverse("actionplan:manage", kwargs={"slug": initiative.slug}))
    assert working.status_code == 200 and "Förening nummer" not in working.content.decode()


@pytest.mark.django_db
def test_partner_form_refuses_the_lead_and_unknown_organisations(personas: Personas, setting: dict) -> None:
    initiative = make_initiative(personas.org_a, "Språkcafé")
    assert PartnerForm({"organisation_text": "Föreningen B", "role": "partner"}, initiative=initiative).is_valid()
    assert not PartnerForm({"organisation_text": "Föreningen A", "role": "partner"}, initiative=initiative).is_valid()
    assert not PartnerForm({"organisation_text": "Okänd", "role": "partner"}, initiative=initiative).is_valid()


@pytest.mark.django_db
def test_an_editor_of_one_organisation_gets_it_preselected(personas: Personas, setting: dict) -> None:
    form = InitiativeForm(user=personas.editor_a, period=make_period())
    assert form["lead_organisation"].value().key == str(personas.org_a.pk)
    two = make_user("tva@test.example", editor_of=(personas.org_a, personas.org_b))
    assert InitiativeForm(user=two, period=make_period())["lead_organisation"].value().key == ""


PARENT_EXPECTED = {"anonymous": 302, "editor_a": 200, "editor_b": 200, "coordinator": 200, "analyst": 403}


@pytest.mark.parametrize("persona", list(PARENT_EXPECTED))
@pytest.mark.django_db
def test_parent_search_lists_what_the_form_accepts(personas: Personas, setting: dict, persona: str) -> None:
    own = make_initiative(personas.org_a, "Huvudinsats A")
    make_initiative(personas.org_b, "Huvudinsats B")
    child = make_initiative(personas.org_a, "Delinsats A")
    Initiative.objects.filter(pk=child.pk).update(parent=own)
    url = reverse("actionplan:parent_search") + f"?period={setting['period'].slug}&q=insats"
    response = personas.client(persona).get(url)
    if response.status_code == 302:
        assert response["Location"].startswith(LOGIN)
    assert response.status_code == PARENT_EXPECTED[persona]
    if response.status_code == 200:
        labels = {row["label"] for row in response.json()["results"]}
        assert (
            labels
            == {
                "editor_a": {"Huvudinsats A"},
                "editor_b": {"Huvudinsats B"},
                "coordinator": {"Huvudinsats A", "Huvudinsats B"},
            }[persona]
        )
        excluded = personas.client(persona).get(url + f"&utom={own.slug}").json()["results"]
        assert "Huvudinsats A" not in {row["label"] for row in excluded}
