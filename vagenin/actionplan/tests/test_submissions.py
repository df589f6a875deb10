"""Project submissions: the public form, spam protection, moderation, the submitter's private link, and erasure."""

from __future__ import annotations

import datetime
import io
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from testsupport.personas import PERSONA_NAMES, Personas, make_municipality, make_organisation
from vagenin.actionplan.models import (
    Initiative,
    InitiativeStatus,
    ProjectSubmission,
    SubmissionStatus,
    Visibility,
)
from vagenin.actionplan.services import TransitionError
from vagenin.actionplan.submissions import services as submissions
from vagenin.actionplan.submissions.forms import suggested_status
from vagenin.actionplan.submissions.views import RATE_LIMIT
from vagenin.actionplan.tests.builders import make_period, theme
from vagenin.agreement.models import Area, FocusTheme
from vagenin.common.mail import UNVERIFIED_MAILS_PER_DAY
from vagenin.common.models import AuditEntry

LOGIN = "/konto/login/"
SECRETARIAT = "kansli@vagenin.example"
Capture = Callable[..., AbstractContextManager[Any]]


@pytest.fixture(autouse=True)
def _setup(db: None, settings: Any) -> Iterator[None]:
    """A period with two areas, a clean rate-limit cache, and a known secretariat address."""
    settings.SECRETARIAT_EMAIL = SECRETARIAT
    settings.SITE_URL = "https://vagenin.example/"
    period = make_period()
    area, _ = Area.objects.get_or_create(
        period=period, slug="bostad", defaults={"number": 2, "name_sv": "Vägen till bostad", "short_name_sv": "Bostad"}
    )
    FocusTheme.objects.get_or_create(area=area, slug="boende", defaults={"number": 1, "name_sv": "Boende för alla"})
    cache.clear()
    yield
    cache.clear()


def form_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "submitter_name": "Eva Insändare",
        "submitter_email": "eva@example.org",
        "organisation_name": "föreningen a",
        "title": "Språkcafé i Falun",
        "summary": "Samtal på svenska varje vecka.",
        "description": "Frivilliga och nyanlända träffas och pratar svenska.",
        "themes": [theme().pk],
        "municipalities": [make_municipality().pk],
        "starts_on": "2026-01-15",
        "ends_on": "2026-12-31",
        "website": "example.org/sprakcafe",
        "homepage": "",
    }
    data.update(overrides)
    return data


def make_submission(**overrides: Any) -> ProjectSubmission:
    """A pending submission stored through the service, as the public form would."""
    data = form_data(**overrides)
    content = {
        "submitter_name": data["submitter_name"],
        "organisation_name": data["organisation_name"],
        "title": data["title"],
        "summary": data["summary"],
        "description": data["description"],
        "themes": FocusTheme.objects.filter(pk__in=data["themes"]),
        "municipalities": [make_municipality()],
        "whole_county": False,
        "starts_on": datetime.date(2026, 1, 15),
        "ends_on": datetime.date(2026, 12, 31),
        "website": "https://example.org/sprakcafe",
    }
    return submissions.submit_project(data=content, submitter_email=data["submitter_email"], language="sv")


def publish_data(organisation_pk: int | str, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "publish-title_sv": "Språkcafé i Falun",
        "publish-summary_sv": "Samtal på svenska varje vecka.",
        "publish-description_sv": "Frivilliga och nyanlända träffas.",
        "publish-lead_organisation": organisation_pk,
        "publish-themes": [theme().pk],
        "publish-municipalities": [make_municipality().pk],
        "publish-starts_on": "2026-01-15",
        "publish-ends_on": "2026-12-31",
        "publish-status": InitiativeStatus.PLANNED,
        "publish-website": "https://example.org/sprakcafe",
    }
    data.update(overrides)
    return data


def _status(client: Client, url: str, method: str = "get", data: dict[str, Any] | None = None) -> int:
    response = getattr(client, method)(url, data or {})
    if response.status_code == 302 and response["Location"].startswith(LOGIN):
        return 302
    return response.status_code


def edit_url(submission: ProjectSubmission) -> str:
    return reverse("actionplan:submission_edit", kwargs={"token": submission.edit_token})


def moderation_url(name: str, submission: ProjectSubmission) -> str:
    return reverse(f"actionplan:{name}", kwargs={"submission_id": submission.uuid})


# Permissions ------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONA_NAMES)
def test_public_form_is_open_to_everyone(personas: Personas, persona: str) -> None:
    client = personas.client(persona)
    assert _status(client, reverse("actionplan:submit")) == 200
    assert _status(client, reverse("actionplan:submit_thanks")) == 200


@pytest.mark.parametrize("persona", PERSONA_NAMES)
def test_moderation_is_for_coordinators(personas: Personas, persona: str) -> None:
    submission = make_submission()
    client = personas.client(persona)
    expected_get = {"anonymous": 302, "editor_a": 403, "editor_b": 403, "coordinator": 200}[persona]
    assert _status(client, reverse("actionplan:moderation")) == expected_get
    assert _status(client, moderation_url("moderation_detail", submission)) == expected_get
    # An empty decision is invalid for the coordinator (400); nobody else gets as far as the form.
    expected_post = {"anonymous": 302, "editor_a": 403, "editor_b": 403, "coordinator": 400}[persona]
    for name in ("moderation_publish", "moderation_request_changes", "moderation_decline"):
        assert _status(client, moderation_url(name, submission), "post") == expected_post
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.PENDING
    assert not Initiative.objects.exists()


@pytest.mark.parametrize("persona", PERSONA_NAMES)
def test_moderation_of_an_unknown_submission_is_404_for_the_coordinator_only(personas: Personas, persona: str) -> None:
    url = reverse("actionplan:moderation_detail", kwargs={"submission_id": uuid.uuid4()})
    expected = {"anonymous": 302, "editor_a": 403, "editor_b": 403, "coordinator": 404}[persona]
    assert _status(personas.client(persona), url) == expected


@pytest.mark.parametrize("persona", PERSONA_NAMES)
def test_edit_link_works_only_with_the_token_and_until_the_decision(personas: Personas, persona: str) -> None:
    client = personas.client(persona)
    pending = make_submission(title="Väntar")
    asked = make_submission(title="Komplettera")
    submissions.request_changes(actor=personas.coordinator, submission=asked, message="Lägg till datum.")
    published = make_submission(title="Publicerad")
    submissions.publish_submission(
        actor=personas.coordinator,
        submission=published,
        period=make_period(),
        data={
            "title_sv": "Publicerad",
            "summary_sv": "Kort",
            "lead_organisation": personas.org_a,
            "themes": [theme()],
            "whole_county": True,
        },
    )
    declined = make_submission(title="Avböjd")
    submissions.decline_submission(actor=personas.coordinator, submission=declined, reason="Inte i Dalarna.")

    assert _status(client, edit_url(pending)) == 200
    assert _status(client, edit_url(asked)) == 200
    assert _status(client, reverse("actionplan:submission_edit", kwargs={"token": uuid.uuid4()})) == 404
    # The public uuid is not the edit token.
    assert _status(client, reverse("actionplan:submission_edit", kwargs={"token": pending.uuid})) == 404
    assert _status(client, edit_url(published)) == 404
    assert _status(client, edit_url(declined)) == 404
    assert _status(client, edit_url(declined), "post", form_data()) == 404


# The whole flow ---------------------------------------------------------------------------------


def test_submit_moderate_publish(personas: Personas, django_capture_on_commit_callbacks: Capture) -> None:
    visitor = personas.client("anonymous")
    page = visitor.get(reverse("actionplan:submit")).content.decode()
    assert 'class="honeypot"' in page and 'tabindex="-1"' in page and 'autocomplete="off"' in page
    assert "<legend>Vägen till arbete</legend>" in page and "<legend>Vägen till bostad</legend>" in page
    assert reverse("pages:privacy") in page

    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.post(reverse("actionplan:submit"), form_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("actionplan:submit_thanks")

    submission = ProjectSubmission.objects.get()
    assert submission.status == SubmissionStatus.PENDING
    assert submission.organisation == personas.org_a  # "föreningen a" matched "Föreningen A"
    assert submission.website == "https://example.org/sprakcafe"
    assert submission.language == "sv"
    receipt, notification = sorted(mail.outbox, key=lambda message: message.to != ["eva@example.org"])
    assert receipt.to == ["eva@example.org"]
    assert "Språkcafé" not in f"{receipt.subject} {receipt.body}"  # the receipt echoes nothing the visitor typed
    assert notification.to == [SECRETARIAT]
    assert moderation_url("moderation_detail", submission) in notification.body
    mail.outbox.clear()

    coordinator = personas.client("coordinator")
    queue = coordinator.get(reverse("actionplan:moderation"))
    assert list(queue.context["page"].object_list) == [submission]
    assert queue.context["pending_count"] == 1
    detail = coordinator.get(moderation_url("moderation_detail", submission))
    assert detail.context["publish_form"]["lead_organisation"].value().key == str(personas.org_a.pk)
    assert detail.context["publish_form"]["title_sv"].value() == "Språkcafé i Falun"
    assert "eva@example.org" in detail.content.decode()  # the coordinator sees who sent it

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(
            moderation_url("moderation_publish", submission),
            publish_data(personas.org_a.pk, **{"publish-title_sv": "Språkcafé i Falun och Mora"}),
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("actionplan:moderation")

    submission.refresh_from_db()
    initiative = submission.initiative
    assert initiative is not None
    assert submission.status == SubmissionStatus.PUBLISHED
    assert submission.moderated_by == personas.coordinator
    assert initiative.title_sv == "Språkcafé i Falun och Mora"
    assert initiative.visibility == Visibility.PUBLISHED
    assert initiative.published_at is not None
    assert initiative.lead_organisation == personas.org_a
    assert initiative.contact_person is None
    assert [link.url for link in initiative.links.all()] == ["https://example.org/sprakcafe"]
    assert list(initiative.themes.all()) == [theme()]

    (published_mail,) = mail.outbox
    assert published_mail.to == ["eva@example.org"]
    assert f"https://vagenin.example{initiative.get_absolute_url()}" in published_mail.body

    catalogue = visitor.get(reverse("actionplan:catalogue"))
    assert initiative in list(catalogue.context["page"].object_list)
    public_page = visitor.get(initiative.get_absolute_url()).content.decode()
    assert "Eva Insändare" not in public_page and "eva@example.org" not in public_page

    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"submission.received", "submission.published", "initiative.created", "initiative.published"} <= actions
    received = AuditEntry.objects.get(action="submission.received")
    assert "eva" not in str(received.changes).lower()
    assert coordinator.get(reverse("actionplan:moderation")).context["pending_count"] == 0


def test_ask_for_changes_resubmit_and_publish(personas: Personas, django_capture_on_commit_callbacks: Capture) -> None:
    submission = make_submission(organisation_name="Okänd förening")
    assert submission.organisation is None
    coordinator = personas.client("coordinator")

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(
            moderation_url("moderation_request_changes", submission),
            {"changes-message": "Vilka kommuner gäller projektet & när börjar det?"},
        )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.CHANGES_REQUESTED
    assert submission.moderator_message == "Vilka kommuner gäller projektet & när börjar det?"
    (asked,) = mail.outbox
    assert asked.to == ["eva@example.org"]
    assert f"https://vagenin.example{edit_url(submission)}" in asked.body
    assert "& när" in asked.body  # plain text: no HTML escaping
    mail.outbox.clear()

    # Still in the queue, waiting for the submitter.
    queue = coordinator.get(reverse("actionplan:moderation"))
    assert list(queue.context["page"].object_list) == [submission]
    assert queue.context["pending_count"] == 0

    submitter = Client()
    page = submitter.get(edit_url(submission))
    assert "Vilka kommuner gäller projektet" in page.content.decode()
    assert "submitter_email" not in page.context["form"].fields
    with django_capture_on_commit_callbacks(execute=True):
        response = submitter.post(
            edit_url(submission),
            form_data(title="Språkcafé i hela länet", organisation_name="Föreningen B", whole_county="on"),
        )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.PENDING
    assert submission.title == "Språkcafé i hela länet"
    assert submission.whole_county
    assert submission.organisation == personas.org_b
    assert submission.submitter_email == "eva@example.org"
    (resubmitted,) = mail.outbox
    assert resubmitted.to == [SECRETARIAT]
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(moderation_url("moderation_publish", submission), publish_data(personas.org_b.pk))
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.PUBLISHED
    assert submission.initiative is not None and submission.initiative.lead_organisation == personas.org_b
    assert submitter.get(edit_url(submission)).status_code == 404
    actions = list(
        AuditEntry.objects.filter(object_type="actionplan.projectsubmission").values_list("action", flat=True)
    )
    assert sorted(actions) == sorted(
        ["submission.received", "submission.changes_requested", "submission.resubmitted", "submission.published"]
    )


def test_decline(personas: Personas, django_capture_on_commit_callbacks: Capture) -> None:
    submission = make_submission()
    coordinator = personas.client("coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(
            moderation_url("moderation_decline", submission), {"decline-reason": "Projektet gäller inte Dalarna."}
        )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.DECLINED
    assert submission.moderated_at is not None
    (declined,) = mail.outbox
    assert declined.to == ["eva@example.org"]
    assert "Projektet gäller inte Dalarna." in declined.body
    assert AuditEntry.objects.filter(action="submission.declined").exists()
    assert list(coordinator.get(reverse("actionplan:moderation")).context["page"].object_list) == []

    # A declined submission can't be published or decided again: the coordinator is told why.
    response = coordinator.post(moderation_url("moderation_publish", submission), publish_data(personas.org_a.pk))
    assert response.status_code == 302
    messages = [str(message) for message in coordinator.get(response["Location"]).context["messages"]]
    assert any("Avböjd" in message for message in messages)
    assert not Initiative.objects.exists()
    detail = coordinator.get(moderation_url("moderation_detail", submission))
    assert "publish_form" not in detail.context


def test_guarded_transitions(personas: Personas) -> None:
    coordinator = personas.coordinator
    submission = make_submission()
    submissions.decline_submission(actor=coordinator, submission=submission, reason="Nej.")
    data = {"title_sv": "X", "summary_sv": "Y", "lead_organisation": personas.org_a, "themes": [theme()]}
    with pytest.raises(TransitionError):
        submissions.publish_submission(actor=coordinator, submission=submission, period=make_period(), data=data)
    with pytest.raises(TransitionError):
        submissions.request_changes(actor=coordinator, submission=submission, message="Mer?")
    with pytest.raises(TransitionError):
        submissions.resubmit_project(submission=submission, data={"title": "Nytt"})
    with pytest.raises(TransitionError):
        submissions.decline_submission(actor=coordinator, submission=make_submission(), reason="  ")
    assert not Initiative.objects.exists()


# Spam protection --------------------------------------------------------------------------------


def test_honeypot_pretends_success_and_stores_nothing(
    personas: Personas, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(reverse("actionplan:submit"), form_data(homepage="http://spam.example"))
    assert response.status_code == 302
    assert response["Location"] == reverse("actionplan:submit_thanks")
    assert not ProjectSubmission.objects.exists()
    assert mail.outbox == []


def test_rate_limit_per_client_address(personas: Personas) -> None:
    client = Client(REMOTE_ADDR="192.0.2.7")
    # Mistakes don't use up the limit: only posts that would be stored count.
    assert client.post(reverse("actionplan:submit"), form_data(title="")).status_code == 200
    for number in range(RATE_LIMIT):
        assert client.post(reverse("actionplan:submit"), form_data(title=f"Projekt {number}")).status_code == 302
    response = client.post(reverse("actionplan:submit"), form_data(title="Ett för mycket"))
    assert response.status_code == 429
    assert response["Retry-After"]
    assert SECRETARIAT in response.content.decode()
    assert ProjectSubmission.objects.count() == RATE_LIMIT
    assert not ProjectSubmission.objects.filter(title="Ett för mycket").exists()
    # Another address is not affected.
    other = Client(REMOTE_ADDR="192.0.2.8")
    assert other.post(reverse("actionplan:submit"), form_data(title="Från annat håll")).status_code == 302


# Error states -----------------------------------------------------------------------------------


def test_public_form_errors_keep_values(personas: Personas) -> None:
    response = Client().post(
        reverse("actionplan:submit"),
        form_data(
            submitter_email="inte-en-adress",
            themes=[],
            municipalities=[],
            starts_on="2026-06-01",
            ends_on="2026-01-01",
            description="",
        ),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"submitter_email", "themes", "municipalities", "ends_on", "description"}
    page = response.content.decode()
    assert "error-summary" in page
    assert 'href="#id_municipalities"' in page
    assert 'value="Språkcafé i Falun"' in page and 'value="inte-en-adress"' in page
    assert not ProjectSubmission.objects.exists()


@pytest.mark.parametrize("field", ["title", "submitter_name", "organisation_name", "submitter_email"])
def test_one_line_fields_refuse_line_breaks(personas: Personas, field: str) -> None:
    """A name or title ends up in mail subjects and headings: a line break is refused beside the field."""
    response = Client().post(reverse("actionplan:submit"), form_data(**{field: "Rad ett\r\nBcc: x@example.org"}))
    assert response.status_code == 200
    assert "Skriv allt på en rad, utan radbrytningar." in response.content.decode() or field == "submitter_email"
    assert field in response.context["form"].errors
    assert not ProjectSubmission.objects.exists()


def test_text_areas_keep_their_line_breaks(personas: Personas) -> None:
    Client().post(reverse("actionplan:submit"), form_data(description="Första stycket.\r\n\r\nAndra stycket."))
    assert ProjectSubmission.objects.get().description.count("\n") == 2


def test_edit_form_errors_keep_values(personas: Personas) -> None:
    submission = make_submission()
    response = Client().post(edit_url(submission), form_data(title="", summary="Ny sammanfattning"))
    assert response.status_code == 200
    assert "title" in response.context["form"].errors
    assert "Ny sammanfattning" in response.content.decode()
    submission.refresh_from_db()
    assert submission.summary == "Samtal på svenska varje vecka."


def test_moderation_form_errors(personas: Personas) -> None:
    submission = make_submission()
    coordinator = personas.client("coordinator")
    response = coordinator.post(
        moderation_url("moderation_publish", submission),
        publish_data("", **{"publish-title_sv": "Rättad titel", "publish-themes": []}),
    )
    assert response.status_code == 400
    form = response.context["publish_form"]
    assert set(form.errors) == {"lead_organisation", "themes"}
    page = response.content.decode()
    assert 'value="Rättad titel"' in page
    assert 'aria-labelledby="publish-error-summary-title"' in page
    assert reverse("organisations:create") in page

    response = coordinator.post(moderation_url("moderation_request_changes", submission), {"changes-message": " "})
    assert response.status_code == 400
    assert "message" in response.context["changes_form"].errors
    response = coordinator.post(moderation_url("moderation_decline", submission), {"decline-reason": ""})
    assert response.status_code == 400
    assert "reason" in response.context["decline_form"].errors
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.PENDING


def test_english_submitter_gets_english_links(personas: Personas, django_capture_on_commit_callbacks: Capture) -> None:
    with translation.override("en"):
        url = reverse("actionplan:submit")
    assert url.startswith("/en/")
    with django_capture_on_commit_callbacks(execute=True):
        assert Client().post(url, form_data()).status_code == 302
    submission = ProjectSubmission.objects.get()
    assert submission.language == "en"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        submissions.request_changes(actor=personas.coordinator, submission=submission, message="Datum?")
    (asked,) = mail.outbox
    assert f"/en/handlingsplan/skicka-in/{submission.edit_token}/" in asked.body


# Queries, helpers and invariants ----------------------------------------------------------------


def test_queue_query_count_does_not_grow(personas: Personas) -> None:
    client = personas.client("coordinator")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("actionplan:moderation")).status_code == 200
        return len(queries)

    for number in range(2):
        make_submission(title=f"Projekt {number}")
    few = count()
    for number in range(2, 30):
        make_submission(title=f"Projekt {number}", organisation_name="Föreningen B" if number % 2 else "Okänd")
    assert count() == few
    assert few <= 12


def test_match_organisation_ignores_case_and_spacing_beyond_ascii(personas: Personas) -> None:
    east = make_organisation("ostra", "Östra Dalarnas förening", name_en="East Dalarna Association")
    assert submissions.match_organisation("  ÖSTRA   dalarnas FÖRENING ") == east
    assert submissions.match_organisation("east dalarna association") == east
    assert submissions.match_organisation("Östra") is None
    assert submissions.match_organisation("") is None
    make_organisation("ostra-2", "Östra Dalarnas förening")
    assert submissions.match_organisation("Östra Dalarnas förening") is None  # ambiguous: let the coordinator choose
    make_organisation("nedlagd", "Nedlagda föreningen", dissolved_on=datetime.date(2020, 1, 1))
    assert submissions.match_organisation("Nedlagda föreningen") is None


def test_pending_count(personas: Personas) -> None:
    make_submission(title="Ett")
    asked = make_submission(title="Två")
    submissions.request_changes(actor=personas.coordinator, submission=asked, message="Mer.")
    assert submissions.pending_submission_count() == 1


def test_suggested_status() -> None:
    with time_machine.travel(datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC)):
        assert suggested_status(None, None) == InitiativeStatus.PLANNED
        assert suggested_status(datetime.date(2026, 9, 1), None) == InitiativeStatus.PLANNED
        assert suggested_status(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)) == InitiativeStatus.ONGOING
        assert suggested_status(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)) == InitiativeStatus.COMPLETED


def test_database_refuses_undecided_decisions_and_orphaned_publications(personas: Personas) -> None:
    submission = make_submission()
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectSubmission.objects.filter(pk=submission.pk).update(
            status=SubmissionStatus.DECLINED, moderator_message=""
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectSubmission.objects.filter(pk=submission.pk).update(
            status=SubmissionStatus.CHANGES_REQUESTED, moderator_message="Mer.", moderated_at=None
        )
    initiative = submissions.publish_submission(
        actor=personas.coordinator,
        submission=submission,
        period=make_period(),
        data={"title_sv": "T", "summary_sv": "S", "lead_organisation": personas.org_a, "themes": [theme()]},
    )
    with pytest.raises(ProtectedError):
        initiative.delete()


# Erasure ----------------------------------------------------------------------------------------


def test_purge_erases_published_and_deletes_declined_and_abandoned(personas: Personas) -> None:
    coordinator = personas.coordinator
    period = make_period()
    initiative_data = {"summary_sv": "S", "lead_organisation": personas.org_a, "themes": [theme()]}
    long_ago = timezone.now() - datetime.timedelta(days=400)
    with time_machine.travel(long_ago, tick=False):
        old_published = make_submission(title="Gammal publicerad")
        submissions.publish_submission(
            actor=coordinator,
            submission=old_published,
            period=period,
            data={"title_sv": "Gammal publicerad", **initiative_data},
        )
        old_declined = make_submission(title="Gammal avböjd")
        submissions.decline_submission(actor=coordinator, submission=old_declined, reason="Nej.")
        abandoned = make_submission(title="Aldrig kompletterad")
        submissions.request_changes(actor=coordinator, submission=abandoned, message="Mer.")
        make_submission(title="Gammal väntande")
    recent_declined = make_submission(title="Ny avböjd")
    submissions.decline_submission(actor=coordinator, submission=recent_declined, reason="Nej.")
    recent_published = make_submission(title="Ny publicerad")
    submissions.publish_submission(
        actor=coordinator, submission=recent_published, period=period, data={"title_sv": "Ny", **initiative_data}
    )

    out = io.StringIO()
    call_command("purge_submissions", "--dry-run", stdout=out)
    assert "1 published" in out.getvalue() and "2 declined or abandoned" in out.getvalue()
    assert ProjectSubmission.objects.count() == 6

    call_command("purge_submissions", stdout=io.StringIO())
    old_published.refresh_from_db()
    assert (old_published.submitter_name, old_published.submitter_email) == ("", "")
    assert old_published.initiative is not None
    assert not ProjectSubmission.objects.filter(pk__in=[old_declined.pk, abandoned.pk]).exists()
    remaining = set(ProjectSubmission.objects.values_list("title", flat=True))
    assert remaining == {"Gammal publicerad", "Gammal väntande", "Ny avböjd", "Ny publicerad"}
    recent_published.refresh_from_db()
    assert recent_published.submitter_email == "eva@example.org"
    assert AuditEntry.objects.filter(action="submission.personal_data_erased").count() == 1
    assert AuditEntry.objects.filter(action="submission.deleted").count() == 2

    # Idempotent, and a shorter retention reaches the recent ones.
    call_command("purge_submissions", stdout=io.StringIO())
    assert AuditEntry.objects.filter(action="submission.personal_data_erased").count() == 1
    call_command("purge_submissions", "--days", "0", stdout=io.StringIO())
    assert set(ProjectSubmission.objects.values_list("title", flat=True)) == {
        "Gammal publicerad",
        "Gammal väntande",
        "Ny publicerad",
    }
    detail = personas.client("coordinator").get(moderation_url("moderation_detail", old_published))
    assert "Personuppgifterna är borttagna." in detail.content.decode()


def test_an_address_gets_a_few_receipts_a_day(personas: Personas, django_capture_on_commit_callbacks: Capture) -> None:
    """The receipt goes to an address nobody verified; the secretariat still hears of every submission."""
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(UNVERIFIED_MAILS_PER_DAY + 1):
            make_submission()
    recipients = [sent.to for sent in mail.outbox]
    assert recipients.count([SECRETARIAT]) == UNVERIFIED_MAILS_PER_DAY + 1
    assert recipients.count(["eva@example.org"]) == UNVERIFIED_MAILS_PER_DAY
