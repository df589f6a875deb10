"""Sending mail from templates, only after the surrounding transaction commits."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any, Protocol

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template import Context, engines
from django.utils import translation

from vagenin.common.ratelimit import hit

# Mail to an address a visitor typed and nobody has verified (receipts, confirmations): at most this many a day
# to one address, whoever asks and from wherever, so that the site cannot be used to flood somebody's inbox.
UNVERIFIED_MAILS_PER_DAY = 3


def may_mail_unverified(address: str) -> bool:
    """Count one mail to an unverified address; False once the address has had its share today."""
    key = hashlib.sha256(address.strip().lower().encode()).hexdigest()
    return hit(scope="mail-unverified", key=key, limit=UNVERIFIED_MAILS_PER_DAY, window_seconds=24 * 60 * 60)


def send_templated_mail_on_commit(
    *,
    template: str,
    context: dict[str, Any],
    to: list[str],
    language: str | None = None,
    reply_to: list[str] | None = None,
) -> None:
    """Render `<template>_subject.txt` and `<template>_body.txt` and send them once the transaction commits."""
    lang = language or translation.get_language() or settings.LANGUAGE_CODE

    def send() -> None:
        with translation.override(lang):
            subject = " ".join(render_text(f"{template}_subject.txt", context).split())
            body = render_text(f"{template}_body.txt", context)
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to, reply_to=reply_to).send()

    transaction.on_commit(send)


class Recipient(Protocol):
    email: str
    language: str


def send_templated_mail_to_users_on_commit(
    *, template: str, context: dict[str, Any], users: Iterable[Recipient]
) -> int:
    """One mail per language, to the users who chose it; returns the number of recipients."""
    by_language: dict[str, list[str]] = {}
    for user in users:
        by_language.setdefault(user.language, []).append(user.email)
    for language, emails in sorted(by_language.items()):
        send_templated_mail_on_commit(template=template, context=context, to=emails, language=language)
    return sum(len(emails) for emails in by_language.values())


def render_text(template_name: str, context: dict[str, Any]) -> str:
    """Render a plain-text template without HTML escaping: mail is not HTML, "&" must stay "&"."""
    template = engines["django"].engine.get_template(template_name)  # type: ignore[attr-defined]  # Django backend
    return template.render(Context(context, autoescape=False))
