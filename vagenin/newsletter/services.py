"""Every write of news, the knowledge bank and the newsletter: guarded, audited, mail after commit."""

from __future__ import annotations

import datetime
import logging
import smtplib
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from vagenin.accounts.models import MembershipRole, User
from vagenin.agreement.models import Area
from vagenin.common.audit import record, save_changes
from vagenin.common.deletion import delete_checked
from vagenin.common.mail import send_templated_mail_on_commit, send_templated_mail_to_users_on_commit
from vagenin.newsletter import compose, tokens
from vagenin.newsletter.models import (
    Delivery,
    DeliveryStatus,
    Document,
    Issue,
    IssueStatus,
    NewsItem,
    NewsStatus,
    Subscriber,
    SubscriberSource,
    SubscriberStatus,
)
from vagenin.organisations.models import Organisation

logger = logging.getLogger(__name__)


class TransitionError(Exception):
    """A workflow step that the object's current state does not allow."""


# News --------------------------------------------------------------------------------------------

NEWS_RELATIONS = ("areas", "themes")
EDITABLE_NEWS = (NewsStatus.DRAFT, NewsStatus.RETURNED)


def _editors(organisation_id: int) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True, memberships__organisation_id=organisation_id, memberships__role=MembershipRole.EDITOR
        ).only("email", "language")
    )


@transaction.atomic
def create_news(
    *,
    actor: User,
    organisation: Organisation,
    data: Mapping[str, Any],
    image: File[Any] | None = None,
) -> NewsItem:
    """A new news item, a draft until it is published or approved."""
    item = NewsItem(organisation=organisation, created_by=actor)
    values = dict(data)
    if image is not None:
        values["image"] = image
    save_changes(actor=actor, obj=item, data=values, action="news.created")
    return item


@transaction.atomic
def update_news(
    *, actor: User, item: NewsItem, data: Mapping[str, Any], image: File[Any] | None = None, is_coordinator: bool
) -> NewsItem:
    """Change a news item. Partner editors change drafts and returned items; the secretariat any item."""
    item = NewsItem.objects.select_for_update().get(pk=item.pk)
    if not is_coordinator and item.status not in EDITABLE_NEWS:
        raise TransitionError("Only a draft or returned item can be changed.")
    values = dict(data)
    if image is not None:
        values["image"] = image
    save_changes(actor=actor, obj=item, data=values, action="news.updated")
    return item


@transaction.atomic
def submit_news(*, actor: User, item: NewsItem) -> NewsItem:
    """A partner editor sends an item to the secretariat for approval."""
    item = NewsItem.objects.select_for_update().get(pk=item.pk)
    if item.status not in EDITABLE_NEWS:
        raise TransitionError("Only a draft or returned item can be submitted.")
    item.status = NewsStatus.SUBMITTED
    item.save(update_fields=["status", "updated_at"])
    record(actor=actor, action="news.submitted", obj=item)
    send_templated_mail_on_commit(
        template="newsletter/email/news_submitted",
        context={"item": item, "site_url": settings.SITE_URL},
        to=[settings.SECRETARIAT_EMAIL],
        language=settings.LANGUAGE_CODE,
    )
    return item


@transaction.atomic
def approve_news(*, actor: User, item: NewsItem, published_at: datetime.datetime | None = None) -> NewsItem:
    """Publish an item now, or schedule it: it becomes visible by itself when `published_at` has come."""
    item = NewsItem.objects.select_for_update().get(pk=item.pk)
    if item.status == NewsStatus.APPROVED:
        raise TransitionError("The item is already approved.")
    from_partner = item.status == NewsStatus.SUBMITTED
    item.status = NewsStatus.APPROVED
    item.published_at = published_at or timezone.now()
    item.decided_at, item.decided_by, item.reviewer_comment = timezone.now(), actor, ""
    item.save()
    record(actor=actor, action="news.approved", obj=item, changes={"published_at": item.published_at.isoformat()})
    if from_partner:
        send_templated_mail_to_users_on_commit(
            template="newsletter/email/news_approved",
            context={"item": item, "site_url": settings.SITE_URL},
            users=_editors(item.organisation_id),
        )
    return item


@transaction.atomic
def return_news(*, actor: User, item: NewsItem, comment: str) -> NewsItem:
    """Send a submitted item back to its organisation's editors with what to change."""
    item = NewsItem.objects.select_for_update().get(pk=item.pk)
    if item.status != NewsStatus.SUBMITTED:
        raise TransitionError("Only a submitted item can be returned.")
    if not comment.strip():
        raise TransitionError("Say what needs to change.")
    item.status = NewsStatus.RETURNED
    item.decided_at, item.decided_by, item.reviewer_comment = timezone.now(), actor, comment
    item.save()
    record(actor=actor, action="news.returned", obj=item, changes={"comment": comment})
    send_templated_mail_to_users_on_commit(
        template="newsletter/email/news_returned",
        context={"item": item, "site_url": settings.SITE_URL},
        users=_editors(item.organisation_id),
    )
    return item


@transaction.atomic
def unpublish_news(*, actor: User, item: NewsItem) -> NewsItem:
    """Take a published or scheduled item back to draft."""
    item = NewsItem.objects.select_for_update().get(pk=item.pk)
    if item.status != NewsStatus.APPROVED:
        raise TransitionError("Only a published or scheduled item can be taken back.")
    item.status = NewsStatus.DRAFT
    item.save(update_fields=["status", "updated_at"])
    record(actor=actor, action="news.unpublished", obj=item)
    return item


# The knowledge bank ------------------------------------------------------------------------------


@transaction.atomic
def save_document(
    *,
    actor: User,
    document: Document | None,
    data: Mapping[str, Any],
    file: UploadedFile | None = None,
    content_type: str = "",
) -> Document:
    """Create or change a knowledge-bank entry; a new file replaces the old one."""
    document = document or Document()
    values = dict(data)
    if file is not None:
        values |= {"file": file, "content_type": content_type, "size": file.size or 0}
    save_changes(
        actor=actor, obj=document, data=values, action="document.created" if document.pk is None else "document.updated"
    )
    return document


@transaction.atomic
def delete_document(*, actor: User, document: Document) -> None:
    """Take a document out of the knowledge bank; refused (`InUseError`) while an issue of the newsletter names it,
    so that no issue loses an entry silently. Its file goes after the commit."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    stored = document.file
    delete_checked(actor=actor, obj=document, action="document.deleted", changes={"title": document.title_sv})
    if stored:
        transaction.on_commit(lambda: stored.delete(save=False))


# Subscribers -------------------------------------------------------------------------------------


def normalise(email: str) -> str:
    local, _, domain = email.strip().rpartition("@")
    return f"{local}@{domain.lower()}"


@transaction.atomic
def subscribe(*, email: str, language: str, areas: Iterable[Area], source: str = SubscriberSource.FORM) -> Subscriber:
    """Ask for a subscription: a confirmation link by mail; nothing is sent until it is followed.

    An address that already subscribes gets a mail with its preferences link instead, so the form never
    tells a visitor whether an address is on the list."""
    email = normalise(email)
    subscriber = Subscriber.objects.select_for_update().filter(email__iexact=email).first()
    if subscriber is not None and subscriber.status == SubscriberStatus.ACTIVE:
        links = compose.subscriber_links(subscriber, tokens.manage_key(subscriber))
        send_templated_mail_on_commit(
            template="newsletter/email/already_subscribed",
            context={"preferences_url": links["preferences"]},
            to=[subscriber.email],
            language=subscriber.language,
        )
        return subscriber
    if subscriber is None:
        subscriber = Subscriber.objects.create(email=email, language=language, source=source)
    else:
        subscriber.language, subscriber.source = language, source
        subscriber.save(update_fields=["language", "source"])
    subscriber.areas.set(list(areas))
    key = tokens.confirm_key(subscriber)
    with translation.override(subscriber.language):
        confirm_url = compose.absolute(reverse("newsletter:confirm", kwargs={"key": key}))
    send_templated_mail_on_commit(
        template="newsletter/email/confirm",
        context={"confirm_url": confirm_url, "days": tokens.CONFIRM_MAX_AGE.days},
        to=[subscriber.email],
        language=subscriber.language,
    )
    return subscriber


@transaction.atomic
def confirm_subscription(*, subscriber: Subscriber) -> Subscriber:
    """Double opt-in's second step: the address owner followed the link. Consent's time is recorded."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.status == SubscriberStatus.ACTIVE:
        return subscriber
    subscriber.status, subscriber.consent_at = SubscriberStatus.ACTIVE, timezone.now()
    subscriber.save(update_fields=["status", "consent_at"])
    return subscriber


@transaction.atomic
def subscribe_account(*, actor: User, language: str, areas: Iterable[Area]) -> Subscriber:
    """A logged-in user subscribes their account's address; the login proves the address, no mail needed."""
    email = normalise(actor.email)
    subscriber = Subscriber.objects.select_for_update().filter(email__iexact=email).first()
    if subscriber is None:
        subscriber = Subscriber(email=email, source=SubscriberSource.ACCOUNT)
    subscriber.language = language
    if subscriber.status != SubscriberStatus.ACTIVE:
        subscriber.status, subscriber.consent_at = SubscriberStatus.ACTIVE, timezone.now()
        subscriber.source = SubscriberSource.ACCOUNT
    subscriber.save()
    subscriber.areas.set(list(areas))
    return subscriber


@transaction.atomic
def update_preferences(*, subscriber: Subscriber, language: str, areas: Iterable[Area]) -> Subscriber:
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    subscriber.language = language
    subscriber.save(update_fields=["language"])
    subscriber.areas.set(list(areas))
    return subscriber


def _forget(subscriber: Subscriber, *, failed_reason: str = "") -> None:
    """Delete the address; its deliveries keep their counts (the one latest sent counts the leaving)."""
    latest = (
        Delivery.objects.filter(subscriber=subscriber, status=DeliveryStatus.SENT).order_by("-sent_at", "-pk").first()
    )
    if latest is not None:
        if failed_reason:
            Delivery.objects.filter(pk=latest.pk).update(status=DeliveryStatus.FAILED, error=failed_reason[:300])
        else:
            Delivery.objects.filter(pk=latest.pk).update(unsubscribed_after=True)
    # Rows still waiting are skipped by the sender, which finds no subscriber behind them.
    Delivery.objects.filter(subscriber=subscriber, status=DeliveryStatus.PENDING).update(
        status=DeliveryStatus.SKIPPED, subscriber=None
    )
    subscriber.delete()


@transaction.atomic
def unsubscribe(*, subscriber: Subscriber) -> None:
    """End a subscription at once, mid-send too: the address is deleted and nothing more is sent to it."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    _forget(subscriber)


@transaction.atomic
def unsubscribe_account(*, actor: User) -> bool:
    subscriber = Subscriber.objects.select_for_update().filter(email__iexact=normalise(actor.email)).first()
    if subscriber is None:
        return False
    _forget(subscriber)
    return True


@transaction.atomic
def record_bounce(*, email: str, kind: str = "bounce") -> bool:
    """A hard bounce or a complaint from the mail system: stop sending to the address. False if unknown."""
    subscriber = Subscriber.objects.select_for_update().filter(email__iexact=normalise(email)).first()
    if subscriber is None:
        return False
    _forget(subscriber, failed_reason=kind)
    return True


def purge_unconfirmed(*, now: datetime.datetime | None = None) -> int:
    """Delete requests whose confirmation link has expired: an unconfirmed address is kept no longer."""
    cutoff = (now or timezone.now()) - tokens.CONFIRM_MAX_AGE
    deleted, _ = Subscriber.objects.filter(status=SubscriberStatus.PENDING, created_at__lt=cutoff).delete()
    return deleted


# Issues ------------------------------------------------------------------------------------------

ISSUE_RELATIONS = ("news", "documents", "initiatives")


def next_number() -> int:
    latest = Issue.objects.order_by("-number").values_list("number", flat=True).first()
    return (latest or 0) + 1


@transaction.atomic
def save_issue(*, actor: User, issue: Issue | None, data: Mapping[str, Any]) -> Issue:
    """Create or change an issue while it is a draft or scheduled."""
    if issue is None:
        issue = Issue(number=next_number(), created_by=actor)
        action = "issue.created"
    else:
        issue = Issue.objects.select_for_update().get(pk=issue.pk)
        if issue.status not in (IssueStatus.DRAFT, IssueStatus.SCHEDULED):
            raise TransitionError("An issue that is being sent or has been sent cannot be changed.")
        action = "issue.updated"
    save_changes(actor=actor, obj=issue, data=data, action=action)
    return issue


def send_test(*, actor: User, issue: Issue) -> int:
    """The issue in both languages to the actor's own address, marked as a test."""
    sent = 0
    connection = get_connection()
    for language in ("sv", "en"):
        content = compose.build(issue, language)
        content.subject = f"[TEST] {content.subject}"
        links = {"unsubscribe": compose.absolute("/"), "preferences": compose.absolute("/")}
        sent += compose.message(content, to=actor.email, links=links, connection=connection).send()
    record(actor=actor, action="issue.test_sent", obj=issue, changes={"to": actor.email})
    return sent


@transaction.atomic
def schedule_issue(*, actor: User, issue: Issue, when: datetime.datetime) -> Issue:
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if issue.status not in (IssueStatus.DRAFT, IssueStatus.SCHEDULED):
        raise TransitionError("Only a draft can be scheduled.")
    issue.status, issue.scheduled_for = IssueStatus.SCHEDULED, when
    issue.save(update_fields=["status", "scheduled_for", "updated_at"])
    record(actor=actor, action="issue.scheduled", obj=issue, changes={"scheduled_for": when.isoformat()})
    return issue


@transaction.atomic
def unschedule_issue(*, actor: User, issue: Issue) -> Issue:
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if issue.status != IssueStatus.SCHEDULED:
        raise TransitionError("Only a scheduled issue can go back to draft.")
    issue.status, issue.scheduled_for = IssueStatus.DRAFT, None
    issue.save(update_fields=["status", "scheduled_for", "updated_at"])
    record(actor=actor, action="issue.unscheduled", obj=issue)
    return issue


def recipients_for(issue: Issue) -> Any:
    """Everyone active when sending starts: each reads the items of the areas they chose."""
    return Subscriber.objects.active()


@transaction.atomic
def start_sending(*, actor: User | None, issue: Issue) -> Issue:
    """Freeze the issue, write one pending delivery per active subscriber, and hand them to the worker."""
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if issue.status not in (IssueStatus.DRAFT, IssueStatus.SCHEDULED):
        raise TransitionError("The issue is already being sent.")
    issue.status = IssueStatus.SENDING
    issue.save(update_fields=["status", "updated_at"])
    ids = list(recipients_for(issue).values_list("pk", flat=True))
    for start in range(0, len(ids), 2000):
        Delivery.objects.bulk_create(
            [Delivery(issue=issue, subscriber_id=pk) for pk in ids[start : start + 2000]], ignore_conflicts=True
        )
    record(actor=actor, action="issue.sending", obj=issue, changes={"recipients": len(ids)})
    from vagenin.newsletter.tasks import deliver_issue  # the task module imports these services

    issue_id = issue.pk
    transaction.on_commit(lambda: deliver_issue.delay(issue_id))
    return issue


def _finish_if_done(issue: Issue) -> bool:
    with transaction.atomic():
        locked = Issue.objects.select_for_update().get(pk=issue.pk)
        if locked.status != IssueStatus.SENDING:
            return locked.status == IssueStatus.SENT
        if Delivery.objects.filter(issue=locked, status=DeliveryStatus.PENDING).exists():
            return False
        locked.status, locked.sent_at = IssueStatus.SENT, timezone.now()
        for language in ("sv", "en"):
            html, text = compose.render_mail(compose.build(locked, language))
            setattr(locked, f"html_{language}", html)
            setattr(locked, f"text_{language}", text)
        locked.save()
        record(actor=None, action="issue.sent", obj=locked, changes=delivery_counts(locked))
        return True


class _Variants:
    """Each version of the issue is built and rendered once per run of the sender, not once per recipient.

    A version is a language and the subscriber's choice of areas as far as it matters to this issue: the areas
    the issue's items are tagged with. Subscribers who chose only areas the issue does not mention get the
    same version (the untagged items), and so do those who chose everything."""

    def __init__(self, issue: Issue) -> None:
        self.issue = issue
        self.built: dict[tuple[str, frozenset[int] | None], tuple[compose.Content, tuple[str, str]]] = {}
        self._tagged: frozenset[int] | None = None

    def tagged(self) -> frozenset[int]:
        """The areas any of the issue's items is tagged with (news, documents, initiatives by their themes)."""
        if self._tagged is None:
            issue = self.issue
            self._tagged = frozenset(
                [
                    *NewsItem.areas.through.objects.filter(newsitem__in=issue.news.all()).values_list(
                        "area_id", flat=True
                    ),
                    *Document.areas.through.objects.filter(document__in=issue.documents.all()).values_list(
                        "area_id", flat=True
                    ),
                    *issue.initiatives.values_list("themes__area_id", flat=True),
                ]
            ) - {None}
        return self._tagged

    def version(self, language: str, areas: frozenset[int]) -> tuple[compose.Content, tuple[str, str]]:
        key = (language, (areas & self.tagged()) if areas else None)
        if key not in self.built:
            content = compose.build(self.issue, language, areas=set(areas))
            self.built[key] = (content, compose.render_with_marks(content))
        return self.built[key]


CHUNK = 100


def _next_chunk(issue: Issue, after: int, size: int) -> list[tuple[int, Subscriber | None, frozenset[int]]]:
    """The next pending deliveries with their subscribers and chosen areas, read without locks in two queries."""
    rows = list(
        Delivery.objects.filter(issue=issue, status=DeliveryStatus.PENDING, pk__gt=after)
        .order_by("pk")
        .values_list("pk", "subscriber_id")[:size]
    )
    subscriber_ids = [subscriber_id for _, subscriber_id in rows if subscriber_id is not None]
    people = {
        person.pk: person
        for person in Subscriber.objects.filter(pk__in=subscriber_ids, status=SubscriberStatus.ACTIVE).only(
            "pk", "uuid", "email", "language"
        )
    }
    chosen: dict[int, set[int]] = {}
    for subscriber_id, area_id in Subscriber.areas.through.objects.filter(subscriber_id__in=subscriber_ids).values_list(
        "subscriber_id", "area_id"
    ):
        chosen.setdefault(subscriber_id, set()).add(area_id)
    return [
        (pk, people.get(subscriber_id or 0), frozenset(chosen.get(subscriber_id or 0, ())))
        for pk, subscriber_id in rows
    ]


def deliver_batch(
    issue: Issue,
    *,
    limit: int,
    rate_per_second: float = 0,
    connection: Any = None,
    after_send: Callable[[int], None] | None = None,
    variants: _Variants | None = None,
) -> int:
    """Send up to `limit` pending deliveries of the issue, each in its own transaction; returns how many were handled.

    Each row is locked (`select_for_update(skip_locked=True)` on PostgreSQL) and re-checked as still pending,
    sent, and marked in one transaction: a worker that dies before the commit leaves its row pending for the
    next run, and a second worker never takes a row the first holds. (The only window for a repeat is a crash
    between the SMTP server's "250 OK" and the commit, which SMTP cannot close.) An unsubscribe, bounce or
    complaint marks the address's pending rows skipped at once, so the re-check stops them; a refused
    address is marked failed."""
    variants = variants or _Variants(issue)
    mail_connection = connection or get_connection()
    skip_locked = db_connection.features.has_select_for_update_skip_locked
    handled, after, started = 0, 0, time.monotonic()
    mail_connection.open()
    try:
        while handled < limit:
            chunk = _next_chunk(issue, after, min(CHUNK, limit - handled))
            if not chunk:
                break
            for pk, subscriber, areas in chunk:
                after = pk
                with transaction.atomic():
                    pending = Delivery.objects.filter(pk=pk, status=DeliveryStatus.PENDING)
                    delivery = pending.select_for_update(skip_locked=skip_locked).only("pk", "attempts").first()
                    if delivery is None:
                        continue  # another worker has it, or the address left since the chunk was read
                    handled += 1
                    if subscriber is None:
                        Delivery.objects.filter(pk=pk).update(status=DeliveryStatus.SKIPPED)
                        continue
                    content, parts = variants.version(subscriber.language, areas)
                    links = compose.subscriber_links(subscriber, tokens.manage_key(subscriber))
                    mail = compose.message(
                        content, to=subscriber.email, links=links, connection=mail_connection, parts=parts
                    )
                    try:
                        mail.send()
                    except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused) as error:
                        Delivery.objects.filter(pk=pk).update(
                            status=DeliveryStatus.FAILED, attempts=delivery.attempts + 1, error=str(error)[:300]
                        )
                        continue
                    Delivery.objects.filter(pk=pk).update(
                        status=DeliveryStatus.SENT, attempts=delivery.attempts + 1, sent_at=timezone.now()
                    )
                if after_send is not None:
                    after_send(handled)
                if rate_per_second:
                    # Never faster than the rate: wait until this many sends are due.
                    ahead = handled / rate_per_second - (time.monotonic() - started)
                    if ahead > 0:
                        time.sleep(ahead)
    finally:
        mail_connection.close()
    return handled


def deliver(issue_id: int, *, batch_size: int | None = None, budget_seconds: float | None = None) -> bool:
    """Send the issue's pending deliveries in batches until none is left (True) or the time budget is spent."""
    issue = Issue.objects.get(pk=issue_id)
    if issue.status != IssueStatus.SENDING:
        return issue.status == IssueStatus.SENT
    batch = batch_size or settings.NEWSLETTER_BATCH_SIZE
    started, variants = time.monotonic(), _Variants(issue)
    rate = settings.NEWSLETTER_RATE_PER_SECOND
    while deliver_batch(issue, limit=batch, rate_per_second=rate, variants=variants):
        if budget_seconds is not None and time.monotonic() - started > budget_seconds:
            return _finish_if_done(issue)
    return _finish_if_done(issue)


def start_due_issues() -> int:
    """Start every scheduled issue whose time has come; resume issues left sending by a stopped worker."""
    started = 0
    for issue in Issue.objects.due():
        try:
            start_sending(actor=None, issue=issue)
            started += 1
        except TransitionError:
            continue
    return started


def delivery_counts(issue: Issue) -> dict[str, int]:
    """Pending, sent, failed, skipped and unsubscribed-after counts, in one query."""
    from django.db.models import Count, Q

    counts = Delivery.objects.filter(issue=issue).aggregate(
        total=Count("pk"),
        pending=Count("pk", filter=Q(status=DeliveryStatus.PENDING)),
        sent=Count("pk", filter=Q(status=DeliveryStatus.SENT)),
        failed=Count("pk", filter=Q(status=DeliveryStatus.FAILED)),
        skipped=Count("pk", filter=Q(status=DeliveryStatus.SKIPPED)),
        unsubscribed=Count("pk", filter=Q(unsubscribed_after=True)),
    )
    result = {key: int(value or 0) for key, value in counts.items()}
    result["handled"] = result["total"] - result["pending"]
    return result
