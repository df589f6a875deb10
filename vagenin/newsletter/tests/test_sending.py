"""Composing, previewing, testing and sending an issue: the mail's parts and headers, a worker killed
mid-send, an unsubscribe mid-send, bounces, scheduling, counts and blocks from other apps."""

from __future__ import annotations

import datetime
import io
import pathlib
import tempfile
from collections import Counter
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from testsupport.personas import Personas
from vagenin.actionplan.tests.builders import make_initiative
from vagenin.newsletter import blocks, services, tasks, tokens
from vagenin.newsletter.models import Delivery, DeliveryStatus, Issue, IssueStatus, Subscriber
from vagenin.newsletter.tests.builders import area, make_document, make_issue, make_news, make_subscriber

pytestmark = pytest.mark.django_db


class Crash(Exception):
    """Stands for a worker killed mid-send."""


class CrashingBackend(EmailBackend):
    """Sends like locmem, then fails on the (limit+1)th message, as a worker that dies would."""

    limit = 0
    sent = 0

    def send_messages(self, messages: Any) -> int:
        if CrashingBackend.sent >= CrashingBackend.limit:
            raise Crash
        CrashingBackend.sent += len(list(messages))
        return super().send_messages(messages)


def _issue(personas: Personas) -> Issue:
    news = make_news(personas.org_a, "Processdagarna är klara", title_en="The process days are over")
    return make_issue(
        personas.coordinator, news=[news], intro_sv="## Hej\n\nVälkommen till [sidan](https://example.org)."
    )


def _send(issue: Issue, personas: Personas, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.start_sending(actor=personas.coordinator, issue=issue)


def test_each_subscriber_gets_html_and_text_in_their_language_with_unsubscribe_headers(
    personas: Personas, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    settings.NEWSLETTER_RATE_PER_SECOND = 0
    make_subscriber("sv@example.org")
    make_subscriber("en@example.org", language="en")
    make_subscriber("pending@example.org", active=False)
    issue = _issue(personas)
    _send(issue, personas, django_capture_on_commit_callbacks)
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"sv@example.org", "en@example.org"}
    swedish, english = by_address["sv@example.org"], by_address["en@example.org"]
    assert swedish.subject == "Nyhetsbrev 1" and english.subject == "Newsletter 1"
    assert "Processdagarna är klara" in swedish.body and "The process days are over" in english.body
    assert isinstance(swedish, EmailMultiAlternatives)
    html, kind = swedish.alternatives[0]
    assert kind == "text/html"
    assert isinstance(html, str)
    assert "<table" in html and 'style="' in html and "<h2" in html
    assert "<img" not in html and "<link" not in html and "<script" not in html
    assert 'Välkommen till <a href="https://example.org"' in html
    assert "Hej\n===" in swedish.body and "<" not in swedish.body.split("Välkommen")[0]
    headers = swedish.extra_headers
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert headers["List-Unsubscribe"].startswith("<https://") or headers["List-Unsubscribe"].startswith("<http://")
    assert "mailto:" in headers["List-Unsubscribe"]
    unsubscribe = headers["List-Unsubscribe"][1:].split(">")[0]
    assert unsubscribe in swedish.body and unsubscribe in html
    # The header's link works as RFC 8058 says: a POST without session or token.
    path = "/" + unsubscribe.split("://", 1)[1].split("/", 1)[1]
    assert Client(enforce_csrf_checks=True).post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert not Subscriber.objects.filter(email="sv@example.org").exists()
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT and issue.sent_at and "Processdagarna" in issue.html_sv
    counts = services.delivery_counts(issue)
    assert counts["sent"] == 2 and counts["unsubscribed"] == 1 and counts["pending"] == 0


def test_a_worker_killed_mid_send_repeats_nobody_and_skips_nobody(
    personas: Personas, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    settings.NEWSLETTER_RATE_PER_SECOND = 0
    settings.NEWSLETTER_BATCH_SIZE = 3
    settings.EMAIL_BACKEND = "vagenin.newsletter.tests.test_sending.CrashingBackend"
    for number in range(10):
        make_subscriber(f"s{number}@example.org")
    issue = _issue(personas)
    CrashingBackend.sent, CrashingBackend.limit = 0, 4
    with pytest.raises(Crash):
        _send(issue, personas, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 4
    assert Delivery.objects.filter(issue=issue, status=DeliveryStatus.SENT).count() == 4
    assert Issue.objects.get(pk=issue.pk).status == IssueStatus.SENDING
    # The worker comes back (the periodic task resumes issues left sending).
    CrashingBackend.limit = 100
    tasks.send_due_issues()
    recipients = Counter(message.to[0] for message in mail.outbox)
    assert set(recipients) == {f"s{number}@example.org" for number in range(10)}
    assert max(recipients.values()) == 1
    assert Issue.objects.get(pk=issue.pk).status == IssueStatus.SENT
    # Running the task again sends nothing more.
    tasks.deliver_issue(issue.pk)
    assert len(mail.outbox) == 10


class CrashAfterAcceptBackend(EmailBackend):
    """The server accepts the (limit+1)th message, then the worker dies before its row is marked."""

    limit = 0
    sent = 0

    def send_messages(self, messages: Any) -> int:
        count = super().send_messages(messages)
        CrashAfterAcceptBackend.sent += count
        if CrashAfterAcceptBackend.sent > CrashAfterAcceptBackend.limit:
            raise Crash
        return count


def test_a_worker_killed_between_acceptance_and_commit_repeats_only_that_one_mail(
    personas: Personas, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    """The documented window SMTP cannot close: the one mail in flight may go twice; nobody else does."""
    settings.NEWSLETTER_RATE_PER_SECOND = 0
    settings.NEWSLETTER_BATCH_SIZE = 4
    settings.EMAIL_BACKEND = "vagenin.newsletter.tests.test_sending.CrashAfterAcceptBackend"
    for number in range(8):
        make_subscriber(f"k{number}@example.org")
    issue = _issue(personas)
    CrashAfterAcceptBackend.sent, CrashAfterAcceptBackend.limit = 0, 5
    with pytest.raises(Crash):
        _send(issue, personas, django_capture_on_commit_callbacks)
    # Six accepted by the server, five marked: the sixth row was rolled back with the dying worker.
    assert len(mail.outbox) == 6
    assert Delivery.objects.filter(issue=issue, status=DeliveryStatus.SENT).count() == 5
    CrashAfterAcceptBackend.limit = 100
    tasks.send_due_issues()
    recipients = Counter(message.to[0] for message in mail.outbox)
    assert set(recipients) == {f"k{number}@example.org" for number in range(8)}
    assert sorted(recipients.values()) == [1] * 7 + [2]
    assert Issue.objects.get(pk=issue.pk).status == IssueStatus.SENT
    assert services.delivery_counts(issue)["sent"] == 8


def test_an_unsubscribe_mid_send_stops_sending_to_that_address(
    personas: Personas, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    settings.NEWSLETTER_RATE_PER_SECOND = 0
    subscribers = [make_subscriber(f"m{number}@example.org") for number in range(6)]
    issue = _issue(personas)
    with django_capture_on_commit_callbacks(execute=False):
        services.start_sending(actor=personas.coordinator, issue=issue)
    leaving = subscribers[4]

    def unsubscribe_after_two(handled: int) -> None:
        if handled == 2:
            key = tokens.manage_key(leaving)
            Client().post(reverse("newsletter:unsubscribe", kwargs={"key": key}))

    services.deliver_batch(issue, limit=100, after_send=unsubscribe_after_two)
    assert "m4@example.org" not in {message.to[0] for message in mail.outbox}
    assert len(mail.outbox) == 5
    counts = services.delivery_counts(issue)
    assert counts["skipped"] == 1 and counts["sent"] == 5


def test_bounces_and_complaints_stop_sending(personas: Personas, django_capture_on_commit_callbacks: Any) -> None:
    make_subscriber("studs@example.org")
    make_subscriber("klagar@example.org")
    make_subscriber("kvar@example.org")
    issue = _issue(personas)
    _send(issue, personas, django_capture_on_commit_callbacks)
    out = io.StringIO()
    with tempfile.TemporaryDirectory() as folder:
        csv_file = pathlib.Path(folder) / "feedback.csv"
        csv_file.write_text("bounce,studs@example.org\ncomplaint,KLAGAR@example.org\nbounce,okand@example.org\n")
        call_command("newsletter_feedback", str(csv_file), stdout=out)
        assert "2 of 3" in out.getvalue()
        bad = pathlib.Path(folder) / "bad.csv"
        bad.write_text("bounce,kvar@example.org\nstuds,x\n")
        with pytest.raises(CommandError, match="line 2"):
            call_command("newsletter_feedback", str(bad), stdout=out)
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["kvar@example.org"]
    assert services.delivery_counts(issue)["failed"] == 2
    second = make_issue(personas.coordinator, subject_sv="Nummer 2")
    mail.outbox.clear()
    _send(second, personas, django_capture_on_commit_callbacks)
    assert [message.to for message in mail.outbox] == [["kvar@example.org"]]


def test_a_refused_address_is_marked_failed(personas: Personas, settings: Any) -> None:
    import smtplib

    class Refusing(EmailBackend):
        def send_messages(self, messages: Any) -> int:
            raise smtplib.SMTPRecipientsRefused({"x@example.org": (550, b"no such user")})

    make_subscriber("x@example.org")
    issue = _issue(personas)
    Issue.objects.filter(pk=issue.pk).update(status=IssueStatus.SENDING)
    Delivery.objects.create(issue=issue, subscriber=Subscriber.objects.get())
    services.deliver_batch(issue, limit=10, connection=Refusing())
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED and "550" in delivery.error


def test_subscribers_read_only_the_areas_they_chose(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    work = area()
    tagged = make_news(personas.org_a, "Bara arbete")
    tagged.areas.add(work)
    general = make_news(personas.org_a, "Till alla")
    chooser = make_subscriber("arbete@example.org")
    chooser.areas.add(work)
    make_subscriber("allt@example.org")
    other_area = work.period.areas.create(number=9, slug="annat", name_sv="Annat", short_name_sv="Annat")
    other = make_subscriber("annat@example.org")
    other.areas.add(other_area)
    issue = make_issue(personas.coordinator, news=[tagged, general])
    _send(issue, personas, django_capture_on_commit_callbacks)
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert "Bara arbete" in bodies["arbete@example.org"] and "Bara arbete" in bodies["allt@example.org"]
    assert "Bara arbete" not in bodies["annat@example.org"] and "Till alla" in bodies["annat@example.org"]


def test_new_initiatives_and_documents_blocks(personas: Personas) -> None:
    initiative = make_initiative(personas.org_a, "Jobbspår i Falun")
    document = make_document()
    issue = make_issue(personas.coordinator, initiatives=[initiative], documents=[document])
    page = personas.client("coordinator").get(reverse("newsletter:issue_preview", kwargs={"issue": issue.uuid}))
    text = page.content.decode()
    assert "Jobbspår i Falun" in text and document.title_sv in text
    assert "Nya insatser i handlingsplanen" in text and "New initiatives" in text


def test_blocks_from_other_apps(personas: Personas) -> None:
    def coming_events(*, since: Any, language: str) -> dict[str, Any]:
        title = "Coming events" if language == "en" else "Kommande möten"
        return {"title": title, "items": [{"title": "Nätverksträff", "url": "/moten/1/", "when": "2027-02-01"}]}

    blocks.register("meetings", "Möten", coming_events)
    try:
        issue = make_issue(personas.coordinator, extra_blocks=["meetings", "gone"])
        form_page = personas.client("coordinator").get(reverse("newsletter:issue", kwargs={"issue": issue.uuid}))
        assert 'value="meetings"' in form_page.content.decode()
        from vagenin.newsletter import compose

        content = compose.build(issue, "en")
        assert [section.title for section in content.sections] == ["Coming events"]
        assert content.sections[0].items[0].url.endswith("/moten/1/")
    finally:
        blocks.unregister("meetings")


def test_test_mail_goes_to_the_actor_in_both_languages(personas: Personas) -> None:
    make_subscriber("ingen@example.org")
    issue = _issue(personas)
    response = personas.client("coordinator").post(reverse("newsletter:issue_test", kwargs={"issue": issue.uuid}))
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [[personas.coordinator.email]] * 2
    assert [message.subject for message in mail.outbox] == ["[TEST] Nyhetsbrev 1", "[TEST] Newsletter 1"]
    assert Issue.objects.get(pk=issue.pk).status == IssueStatus.DRAFT


def test_compose_preview_and_send_through_the_pages(
    personas: Personas, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.NEWSLETTER_RATE_PER_SECOND = 0
    make_subscriber("las@example.org")
    news = make_news(personas.org_a, "Nyheten i numret")
    client = personas.client("coordinator")
    response = client.post(
        reverse("newsletter:issue_create"),
        {"subject_sv": "Vinternumret", "subject_en": "Winter issue", "intro_sv": "Hej", "news": [news.pk]},
    )
    assert response.status_code == 302
    issue = Issue.objects.get()
    preview = client.get(reverse("newsletter:issue_preview", kwargs={"issue": issue.uuid})).content.decode()
    assert "Vinternumret" in preview and "Winter issue" in preview and "Nyheten i numret" in preview
    assert "preview-phone" in preview
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("newsletter:issue_send", kwargs={"issue": issue.uuid}))
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT
    assert [message.to for message in mail.outbox] == [["las@example.org"]]
    detail = client.get(reverse("newsletter:issue", kwargs={"issue": issue.uuid})).content.decode()
    assert "<progress" in detail
    # Sent issues cannot change, and appear in the public archive.
    with pytest.raises(services.TransitionError):
        services.save_issue(actor=personas.coordinator, issue=issue, data={"subject_sv": "Ändrat"})
    archive = Client().get(reverse("newsletter:archive")).content.decode()
    assert "Vinternumret" in archive
    assert Client().get(issue.get_absolute_url()).status_code == 200


def test_scheduled_issue_is_sent_when_its_time_comes(personas: Personas, settings: Any) -> None:
    settings.NEWSLETTER_RATE_PER_SECOND = 0
    make_subscriber("tid@example.org")
    issue = _issue(personas)
    when = timezone.now() + datetime.timedelta(days=1)
    services.schedule_issue(actor=personas.coordinator, issue=issue, when=when)
    assert tasks.send_due_issues() == 0
    with time_machine.travel(when + datetime.timedelta(minutes=1)):
        assert tasks.send_due_issues() == 1
    assert Issue.objects.get(pk=issue.pk).status == IssueStatus.SENT
    assert len(mail.outbox) == 1


def test_unschedule_and_guarded_steps(personas: Personas) -> None:
    issue = _issue(personas)
    with pytest.raises(services.TransitionError):
        services.unschedule_issue(actor=personas.coordinator, issue=issue)
    services.schedule_issue(actor=personas.coordinator, issue=issue, when=timezone.now() + datetime.timedelta(days=1))
    services.unschedule_issue(actor=personas.coordinator, issue=issue)
    assert Issue.objects.get(pk=issue.pk).status == IssueStatus.DRAFT
    Issue.objects.filter(pk=issue.pk).update(status=IssueStatus.SENDING)
    with pytest.raises(services.TransitionError):
        services.start_sending(actor=personas.coordinator, issue=issue)


def test_rate_limit_waits_between_sends(personas: Personas, monkeypatch: pytest.MonkeyPatch) -> None:
    waits: list[float] = []
    monkeypatch.setattr(services.time, "sleep", waits.append)
    for number in range(3):
        make_subscriber(f"r{number}@example.org")
    issue = _issue(personas)
    Issue.objects.filter(pk=issue.pk).update(status=IssueStatus.SENDING)
    Delivery.objects.bulk_create([Delivery(issue=issue, subscriber=s) for s in Subscriber.objects.all()])
    services.deliver_batch(issue, limit=10, rate_per_second=1)
    assert len(waits) == 3 and all(wait > 0 for wait in waits)
