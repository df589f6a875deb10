"""The data subject's rights: every model with personal fields is in the registry, and the secretariat finds,
exports and erases everything held about a person, leaving an audit row that names no one."""

from __future__ import annotations

import json

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from testsupport.personas import PASSWORD, Personas, make_user
from vagenin.actionplan.models import ProjectSubmission
from vagenin.common import personaldata
from vagenin.common.audit import record
from vagenin.common.models import AuditEntry
from vagenin.organisations.models import Person, Position
from vagenin.pages.models import Message, MessageKind

# Field names that hold data about a person wherever they occur.
PERSONAL_FIELDS = {"email", "first_name", "last_name", "full_name", "phone", "submitter_name", "submitter_email"}
# Models that have such fields but hold no personal data, each with the reason.
NOT_PERSONAL: dict[str, str] = {
    "organisations.organisation": "the organisation's own switchboard address and telephone, not a person's",
}
EMAIL = "kim.kontakt@test.example"


def test_every_model_with_personal_fields_is_in_the_registry() -> None:
    registered = {source.label: set(source.fields) for source in personaldata.sources()}
    missing = []
    for model in apps.get_models():
        if not model.__module__.startswith("vagenin."):
            continue
        label = model._meta.label_lower
        personal = {
            field.name
            for field in model._meta.get_fields()
            if field.concrete and (field.name in PERSONAL_FIELDS or field.name.endswith("_email"))
        }
        if personal and label not in NOT_PERSONAL and not personal <= registered.get(label, set()):
            missing.append(f"{label}: {sorted(personal - registered.get(label, set()))}")
    assert missing == [], "Register these in the app's personal_data.py (vagenin/common/personaldata.py)"


@pytest.fixture
def held(personas: Personas) -> dict[str, object]:
    """One person known to the platform four ways, by the same address."""
    user = make_user(EMAIL, editor_of=(personas.org_a,), full_name="Kim Kontakt")
    person = Person.objects.create(first_name="Kim", last_name="Kontakt", email=EMAIL, phone="070-000 00 00")
    Position.objects.create(person=person, organisation=personas.org_a, title_sv="Samordnare", is_contact=True)
    message = Message.objects.create(kind=MessageKind.CONTACT, name="Kim Kontakt", email=EMAIL, body="Hej!")
    submission = ProjectSubmission.objects.create(
        submitter_name="Kim Kontakt",
        submitter_email=EMAIL.upper(),
        organisation_name="Föreningen A",
        title="Språkcafé",
        summary="Samtal på svenska",
        description="Varje tisdag.",
    )
    record(actor=personas.coordinator, action="person.updated", obj=person, changes={"email": EMAIL})
    unrelated = Message.objects.create(kind=MessageKind.CONTACT, name="Annan", email="annan@test.example", body="Hej")
    return {"user": user, "person": person, "message": message, "submission": submission, "unrelated": unrelated}


@pytest.mark.django_db
def test_the_secretariat_finds_everything_by_address_or_name(held: dict[str, object]) -> None:
    by_address = {item.source.label: len(item.rows) for item in personaldata.find(personaldata.Subject(email=EMAIL))}
    assert by_address == {
        "accounts.user": 1,
        "actionplan.projectsubmission": 1,
        "organisations.person": 1,
        "pages.message": 1,
    }
    by_name = {item.source.label for item in personaldata.find(personaldata.Subject(name="kim  KONTAKT"))}
    assert by_name == set(by_address)


@pytest.mark.django_db
def test_the_export_is_a_file_with_everything(personas: Personas, held: dict[str, object]) -> None:
    response = personas.client("coordinator").get(reverse("site:personal_data"), {"email": EMAIL, "format": "json"})
    assert response["Content-Disposition"].startswith('attachment; filename="personuppgifter-')
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["records"]["organisations.person"][0]["phone"] == "070-000 00 00"
    assert data["records"]["pages.message"][0]["body"] == "Hej!"
    exported = AuditEntry.objects.filter(action="personal_data.exported").values()
    assert EMAIL not in json.dumps(list(exported), default=str)


@pytest.mark.django_db
def test_erasure_leaves_nothing_about_the_person(personas: Personas, held: dict[str, object]) -> None:
    client = personas.client("coordinator")
    page = client.get(reverse("site:personal_data"), {"email": EMAIL}).content.decode()
    assert "Språkcafé" in page and "Radera och avidentifiera" in page
    response = client.post(
        reverse("site:personal_data_erase"), {"radera-email": EMAIL, "radera-name": "", "radera-confirm": "on"}
    )
    assert response.status_code == 302
    assert personaldata.find(personaldata.Subject(email=EMAIL)) == []
    assert personaldata.find(personaldata.Subject(name="Kim Kontakt")) == []
    assert not Client().login(email=EMAIL, password=PASSWORD)
    assert not Message.objects.filter(email=EMAIL).exists()
    assert Message.objects.filter(pk=held["unrelated"].pk).exists()  # type: ignore[attr-defined]
    assert ProjectSubmission.objects.get(title="Språkcafé").submitter_email == ""
    everything_audited = json.dumps(list(AuditEntry.objects.values()), default=str)
    assert EMAIL not in everything_audited and "Kim" not in everything_audited
    (entry,) = AuditEntry.objects.filter(action="personal_data.erased")
    assert entry.changes["records"]["pages.message"] == {"deleted": 1}
    assert entry.actor == personas.coordinator


@pytest.mark.django_db
def test_erasure_needs_the_confirmation_and_changes_nothing_without_it(
    personas: Personas, held: dict[str, object]
) -> None:
    response = personas.client("coordinator").post(reverse("site:personal_data_erase"), {"radera-email": EMAIL})
    assert response.status_code == 400
    assert "radera-confirm" in response.content.decode()
    assert Message.objects.filter(email=EMAIL).exists()


@pytest.mark.django_db
def test_a_search_needs_an_address_or_a_name(personas: Personas) -> None:
    response = personas.client("coordinator").get(reverse("site:personal_data"), {"email": "", "name": " "})
    assert "Ange en e-postadress eller ett namn." in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "status"), [("anonymous", 302), ("editor_a", 403), ("analyst", 403), ("coordinator", 200)]
)
def test_only_coordinators_see_personal_data(personas: Personas, persona: str, status: int) -> None:
    assert personas.client(persona).get(reverse("site:personal_data"), {"email": EMAIL}).status_code == status
    erase = personas.client(persona).post(reverse("site:personal_data_erase"), {"radera-email": EMAIL})
    assert erase.status_code == (400 if persona == "coordinator" else status)
