"""The pages end to end through the test client: guest registration, the signed link, privacy of events,
the organiser's pages, documents, decisions, the evaluation and the statistics."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase
from django.utils import timezone

from testsupport.personas import Personas
from vagenin.actionplan.tests.builders import make_initiative
from vagenin.common.models import AuditEntry
from vagenin.meetings import services
from vagenin.meetings.links import make_token
from vagenin.meetings.models import Decision, Evaluation, EventVisibility, Registration, RegistrationStatus
from vagenin.meetings.tests.builders import guest, make_event

pytestmark = pytest.mark.django_db
Call = Callable[..., Any]
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


def _post_registration(client: Client, event: Any, **fields: Any) -> Any:
    data = {"name": "Gunnel Gäst", "email": "gunnel.gast@example.org", "list_consent": "on", **fields}
    return client.post(f"/moten/{event.uuid}/anmal/", data)


def _link(url: str) -> str:
    return url.removeprefix("http://127.0.0.1:8000")


def test_a_guest_registers_gets_the_mail_and_cancels_through_the_link(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    event = make_event(personas.org_a, capacity=1)
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = _post_registration(client, event)
    assert response.status_code == 302
    assert response["Location"] == f"/moten/{event.uuid}/anmald/?status=confirmed"
    assert "Du är anmäld" in client.get(response["Location"]).content.decode()
    registration = Registration.objects.get(event=event)
    assert registration.user is None and registration.status == RegistrationStatus.CONFIRMED
    (message,) = mail.outbox
    manage = next(line for line in message.body.splitlines() if "/moten/anmalan/?t=" in line).split()[-1]
    # Someone else is waiting for the one seat.
    with django_capture_on_commit_callbacks(execute=True):
        _post_registration(Client(), event, name="Wilma Väntar", email="wilma@example.org")
    assert Registration.objects.get(email="wilma@example.org").status == RegistrationStatus.WAITLISTED
    mail.outbox.clear()
    page = client.get(_link(manage))
    assert page.status_code == 200 and "Avboka min anmälan" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_link(manage), {"action": "cancel"})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert Registration.objects.get(email="wilma@example.org").status == RegistrationStatus.CONFIRMED
    assert sorted(m.to[0] for m in mail.outbox) == ["gunnel.gast@example.org", "wilma@example.org"]


def test_the_link_changes_details(personas: Personas) -> None:
    event = make_event(personas.org_a)
    registration = services.register(actor=None, event=event, data=guest(), language="sv")
    url = f"/moten/anmalan/?t={make_token(registration.uuid, 'manage')}"
    response = Client().post(url, {"action": "change", "name": "Gunnel G", "dietary_needs": "Vegansk"})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert (registration.name, registration.dietary_needs) == ("Gunnel G", "Vegansk")


def test_a_forged_expired_or_other_purpose_link_is_refused(personas: Personas) -> None:
    event = make_event(personas.org_a)
    registration = services.register(actor=None, event=event, data=guest(), language="sv")
    token = make_token(registration.uuid, "manage")
    client = Client()
    assert client.get(f"/moten/anmalan/?t={token}x").status_code == 404
    assert client.get(f"/moten/anmalan/?t={make_token(registration.uuid, 'evaluate')}").status_code == 404
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("vagenin.meetings.links.LINK_MAX_AGE", datetime.timedelta(seconds=-1))
        assert client.get(f"/moten/anmalan/?t={token}").status_code == 404
    assert client.get("/moten/anmalan/").status_code == 200  # explains where the link is


def test_a_duplicate_through_the_form_gets_a_message_beside_the_form(personas: Personas) -> None:
    event = make_event(personas.org_a)
    client = Client()
    _post_registration(client, event)
    response = _post_registration(client, event, email="GUNNEL.gast@example.org")
    assert response.status_code == 200
    assert "redan anmäld" in response.content.decode()
    assert Registration.objects.filter(event=event).count() == 1


def test_the_honeypot_pretends_and_stores_nothing(personas: Personas) -> None:
    event = make_event(personas.org_a)
    response = _post_registration(Client(), event, website="http://spam.example")
    assert response.status_code == 302
    assert not Registration.objects.exists()


def test_registrations_are_rate_limited(personas: Personas) -> None:
    event = make_event(personas.org_a)
    client = Client()
    statuses = [_post_registration(client, event, email=f"g{n}@example.org").status_code for n in range(11)]
    assert statuses[:10] == [302] * 10
    assert statuses[10] == 429


def test_an_account_holder_registers_with_the_accounts_address(personas: Personas) -> None:
    event = make_event(personas.org_a, online_link="https://video.example.org/m")
    client = personas.client("editor_b")
    assert "https://video.example.org/m" not in client.get(f"/moten/{event.uuid}/").content.decode()
    response = _post_registration(client, event, email="someone.else@example.org")
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.user, registration.email) == (personas.editor_b, personas.editor_b.email)
    page = client.get(f"/moten/{event.uuid}/").content.decode()
    assert "https://video.example.org/m" in page  # the link only for registered participants
    assert "https://video.example.org/m" not in Client().get(f"/moten/{event.uuid}/").content.decode()


def test_private_meetings_are_404_to_outsiders(personas: Personas) -> None:
    partners = make_event(personas.org_a, "Parternas möte", visibility=EventVisibility.PARTNERS)
    anonymous = Client()
    for url in (f"/moten/{partners.uuid}/", f"/moten/{partners.uuid}/anmal/", f"/moten/{partners.uuid}/kalender.ics"):
        assert anonymous.get(url).status_code == 404
    assert _post_registration(anonymous, partners).status_code == 404
    assert "Parternas möte" not in anonymous.get("/moten/").content.decode()
    assert "Parternas möte" in personas.client("editor_b").get("/moten/").content.decode()


def test_the_list_filters_and_separates_past_from_upcoming(personas: Personas) -> None:
    make_event(personas.org_a, "Kommande nätverksträff", kind="network")
    make_event(personas.org_a, "Kommande konferens", kind="conference")
    make_event(
        personas.org_a,
        "Förra årets processdag",
        starts_at=timezone.now() - datetime.timedelta(days=300),
    )
    client = Client()
    upcoming = client.get("/moten/").content.decode()
    assert "Kommande konferens" in upcoming and "Förra årets processdag" not in upcoming
    assert "Förra årets processdag" in client.get("/moten/?tid=tidigare").content.decode()
    filtered = client.get("/moten/?slag=network").content.decode()
    assert "Kommande nätverksträff" in filtered and "Kommande konferens" not in filtered
    assert "Upcoming" in client.get("/en/moten/").content.decode()


def test_the_organiser_approves_checks_in_and_exports(personas: Personas) -> None:
    event = make_event(personas.org_a, requires_approval=True)
    pending = services.register(actor=None, event=event, data=guest(dietary_needs="=1+1"), language="sv")
    client = personas.client("editor_a")
    assert "Godkänn Gunnel Gäst" in client.get(f"/moten/{event.uuid}/arrangera/").content.decode()
    client.post(f"/moten/anmalan/{pending.uuid}/beslut/", {"decision": "approve"})
    pending.refresh_from_db()
    assert pending.status == RegistrationStatus.CONFIRMED
    client.post(f"/moten/{event.uuid}/narvaro/", {"registration": str(pending.uuid), "attended": "1"})
    pending.refresh_from_db()
    assert pending.attended
    csv = client.get(f"/moten/{event.uuid}/deltagare.csv").content.decode("utf-8-sig")
    header, row = csv.strip().splitlines()
    assert header.startswith("status,name,email")
    assert "'=1+1" in row and "gunnel.gast@example.org" in row  # formula neutralised


def test_the_organiser_creates_an_event_and_its_programme(personas: Personas) -> None:
    client = personas.client("editor_a")
    response = client.post(
        "/moten/nytt/",
        {
            "kind": "network",
            "title_sv": "Nätverksträff om bostäder",
            "organiser": personas.org_a.pk,
            "format": "online",
            "starts_at": "2027-03-29T13:00",
            "ends_at": "2027-03-29T12:00",
            "visibility": "public",
            "reserved_seats": "0",
        },
    )
    assert response.status_code == 200
    assert "Slutet måste ligga efter början." in response.content.decode()
    response = client.post(
        "/moten/nytt/",
        {
            "kind": "network",
            "title_sv": "Nätverksträff om bostäder",
            "organiser": personas.org_a.pk,
            "format": "online",
            "starts_at": "2027-03-29T13:00",
            "ends_at": "2027-03-29T15:00",
            "visibility": "public",
            "reserved_seats": "0",
        },
    )
    assert response.status_code == 302
    from vagenin.meetings.models import Event

    event = Event.objects.get(title_sv="Nätverksträff om bostäder")
    assert timezone.localtime(event.starts_at).hour == 13  # Swedish summer time, stored in UTC
    client.post(f"/moten/{event.uuid}/program/", {"starts_at": "2027-03-29T13:00", "title_sv": "Välkommen"})
    assert event.programme.get().title_sv == "Välkommen"
    # Another organisation's editor may not choose org_a as organiser.
    other = personas.client("editor_b").post(
        "/moten/nytt/",
        {
            "kind": "network",
            "title_sv": "X",
            "organiser": personas.org_a.pk,
            "format": "online",
            "starts_at": "2027-03-29T13:00",
            "ends_at": "2027-03-29T15:00",
            "visibility": "public",
            "reserved_seats": "0",
        },
    )
    assert other.status_code == 200 and not Event.objects.filter(title_sv="X").exists()


def test_documents_follow_the_events_visibility(personas: Personas) -> None:
    event = make_event(personas.org_a, visibility=EventVisibility.PARTNERS)
    client = personas.client("editor_a")
    response = client.post(
        f"/moten/{event.uuid}/dokument/",
        {"title": "Minnesanteckningar", "file": SimpleUploadedFile("minnes.pdf", PDF, "application/pdf")},
    )
    assert response.status_code == 302
    document = event.documents.get()
    assert personas.client("editor_b").get(f"/moten/dokument/{document.uuid}/").status_code == 200
    assert Client().get(f"/moten/dokument/{document.uuid}/").status_code == 404
    bad = client.post(
        f"/moten/{event.uuid}/dokument/",
        {"title": "Skript", "file": SimpleUploadedFile("x.pdf", b"<script>", "application/pdf")},
    )
    assert bad.status_code == 400 and event.documents.count() == 1

    # The organiser removes it: the row through common.deletion (audited), the file once the deletion commits.
    storage, name = document.file.storage, document.file.name or ""
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert client.post(f"/moten/dokument/{document.uuid}/ta-bort/").status_code == 302
    assert not event.documents.exists() and not storage.exists(name)
    assert AuditEntry.objects.filter(action="meetings.document_removed").exists()


def test_decisions_link_to_initiatives_and_show_on_the_initiative_page(personas: Personas) -> None:
    event = make_event(personas.org_a, "Rådslag", kind="council")
    initiative = make_initiative(personas.org_a, "Språkcafé")
    client = personas.client("editor_a")
    response = client.post(
        f"/moten/{event.uuid}/beslut/ny/",
        {
            "kind": "action",
            "text_sv": "Utvidga språkcaféet till Mora",
            "status": "open",
            "initiatives": [initiative.pk],
            "responsible_organisation": personas.org_b.pk,
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert list(decision.initiatives.all()) == [initiative]
    link = f"/moten/beslut/?insats={initiative.slug}"
    assert link in Client().get(initiative.get_absolute_url()).content.decode()
    page = Client().get(link).content.decode()
    assert "Utvidga språkcaféet till Mora" in page and event.get_absolute_url() in page
    assert "Utvidga språkcaféet till Mora" in Client().get("/moten/beslut/").content.decode()
    client.post(f"/moten/beslut/{decision.uuid}/", {"kind": "action", "text_sv": decision.text_sv, "status": "done"})
    assert "Utvidga" not in Client().get("/moten/beslut/").content.decode()
    assert "Utvidga" in Client().get("/moten/beslut/?visa=alla").content.decode()


def test_decisions_of_private_meetings_stay_private(personas: Personas) -> None:
    event = make_event(personas.org_a, visibility=EventVisibility.PARTNERS)
    initiative = make_initiative(personas.org_a, "Språkcafé")
    decision = Decision.objects.create(event=event, text_sv="Hemligt beslut")
    decision.initiatives.set([initiative])
    assert "Hemligt beslut" not in Client().get(f"/moten/beslut/?insats={initiative.slug}").content.decode()
    assert (
        "Hemligt beslut" in personas.client("editor_b").get(f"/moten/beslut/?insats={initiative.slug}").content.decode()
    )
    assert "Hemligt beslut" not in Client().get("/moten/beslut/").content.decode()


def test_the_evaluation_through_its_link(personas: Personas) -> None:
    event = make_event(personas.org_a)
    registration = services.register(actor=None, event=event, data=guest(), language="sv")
    url = f"/moten/utvardering/?t={make_token(registration.uuid, 'evaluate')}"
    client = Client()
    assert client.get(url).status_code == 200
    client.post(url, {"rating": "4", "comment": "Bra dag"})
    assert Evaluation.objects.get().rating == 4
    client.post(url, {"rating": "1"})
    assert Evaluation.objects.count() == 1
    page = personas.client("editor_a").get(f"/moten/{event.uuid}/arrangera/").content.decode()
    assert "Bra dag" in page and "medelbetyg 4,0" in page


def test_statistics_count_participants_by_kind_and_municipality(personas: Personas) -> None:
    event = make_event(personas.org_a, kind="process_day")
    services.register(actor=None, event=event, data=guest(organisation=personas.org_a), language="sv")
    year = timezone.localtime(event.starts_at).year
    page = personas.client("coordinator").get(f"/moten/statistik/?ar={year}").content.decode()
    assert "1 kommun deltog i processdagarna." in page
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="chart-kinds"' in page
    assert "Falun" in page
