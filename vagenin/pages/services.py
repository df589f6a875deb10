"""Writes to visitors' messages: receiving them, handling them in the inbox, and erasing them."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from vagenin.common.audit import record
from vagenin.common.mail import may_mail_unverified, send_templated_mail_on_commit
from vagenin.pages.models import Message, MessageKind, Reply


def message_retention_days() -> int:
    """How many days messages are kept (settings.MESSAGE_RETENTION_DAYS, from the environment)."""
    return int(settings.MESSAGE_RETENTION_DAYS)


@transaction.atomic
def receive_page_feedback(*, page: str, useful: bool, comment: str, language: str) -> Message:
    """Store a visitor's answer to "was this information useful?" for a page."""
    message = Message.objects.create(
        kind=MessageKind.PAGE_FEEDBACK, page=page, useful=useful, body=comment, language=language
    )
    record(actor=None, action="message.received", obj=message, changes={"kind": message.kind, "page": page})
    return message


@transaction.atomic
def receive_contact_message(*, name: str, email: str, body: str, language: str) -> Message:
    """Store a contact-form message, tell the secretariat, and send the visitor a receipt if they gave an e-mail."""
    message = Message.objects.create(kind=MessageKind.CONTACT, name=name, email=email, body=body, language=language)
    record(actor=None, action="message.received", obj=message, changes={"kind": message.kind})
    with translation.override(settings.LANGUAGE_CODE):  # the secretariat reads the inbox in Swedish
        inbox_url = settings.SITE_URL.rstrip("/") + reverse("pages:message", kwargs={"message": message.uuid})
    send_templated_mail_on_commit(
        template="pages/email/contact_notification",
        context={"message": message, "inbox_url": inbox_url},
        to=[settings.SECRETARIAT_EMAIL],
        language=settings.LANGUAGE_CODE,
    )
    if email and may_mail_unverified(email):
        # The receipt repeats nothing the visitor typed: the address is unverified, and
        # echoing free text would let anyone send their own words to any address through us.
        send_templated_mail_on_commit(
            template="pages/email/contact_receipt",
            context={"received_at": message.created_at, "site_url": settings.SITE_URL},
            to=[email],
            language=language,
        )
    return message


class CannotReplyError(Exception):
    """The message is not a contact message with an address to answer."""


@transaction.atomic
def reply_to_message(*, actor: Any, message: Message, body: str) -> Reply:
    """E-mail the visitor the secretariat's answer, in the visitor's language; keep it on the message, mark it handled.

    The visitor's own message is quoted below the answer, as a mail client would: it goes back to the address that
    wrote it, so nothing reaches anyone who did not write to us.
    """
    message = Message.objects.select_for_update().get(pk=message.pk)
    if message.kind != MessageKind.CONTACT or not message.email:
        raise CannotReplyError
    reply = Reply.objects.create(message=message, sent_by=actor, body=body)
    record(actor=actor, action="message.replied", obj=message, changes={"reply": reply.pk})
    send_templated_mail_on_commit(
        template="pages/email/contact_reply",
        context={"message": message, "reply": reply, "site_url": settings.SITE_URL},
        to=[message.email],
        language=message.language,
        reply_to=[settings.SECRETARIAT_EMAIL],
    )
    if message.handled_at is None:
        message.handled_at, message.handled_by = reply.sent_at, actor
        message.save(update_fields=["handled_at", "handled_by"])
    return reply


@transaction.atomic
def mark_message_handled(*, actor: Any, message: Message) -> bool:
    """Mark an unhandled message as handled; False if someone already had."""
    now = timezone.now()
    updated = Message.objects.filter(pk=message.pk, handled_at__isnull=True).update(handled_at=now, handled_by=actor)
    if updated:
        message.handled_at, message.handled_by = now, actor
        record(actor=actor, action="message.handled", obj=message)
    return bool(updated)


@transaction.atomic
def reopen_message(*, actor: Any, message: Message) -> bool:
    """Put a handled message back among the unhandled; False if it already was."""
    updated = Message.objects.filter(pk=message.pk, handled_at__isnull=False).update(handled_at=None, handled_by=None)
    if updated:
        message.handled_at, message.handled_by = None, None
        record(actor=actor, action="message.reopened", obj=message)
    return bool(updated)


@transaction.atomic
def delete_message(*, actor: Any, message: Message) -> None:
    """Erase a message (GDPR); the audit row keeps only its kind and date, no personal data."""
    record(
        actor=actor,
        action="message.deleted",
        obj=message,
        changes={"kind": message.kind, "received": message.created_at.date().isoformat()},
    )
    message.delete()


@transaction.atomic
def purge_messages(*, older_than: datetime.datetime) -> int:
    """Erase every message received before `older_than`; returns how many were erased."""
    expired = Message.objects.filter(created_at__lt=older_than)
    count = 0
    for message in expired.only("pk", "kind", "created_at").iterator():
        record(
            actor=None,
            action="message.purged",
            obj=message,
            changes={"kind": message.kind, "received": message.created_at.date().isoformat()},
        )
        count += 1
    expired.delete()
    return count
