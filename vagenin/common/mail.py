"""Sending mail from templates, only after the surrounding transaction commits."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation


def send_templated_mail_on_commit(
    *, template: str, context: dict[str, Any], to: list[str], language: str | None = None
) -> None:
    """Render `<template>_subject.txt` and `<template>_body.txt` and send them once the transaction commits."""
    lang = language or translation.get_language() or settings.LANGUAGE_CODE

    def send() -> None:
        with translation.override(lang):
            subject = render_to_string(f"{template}_subject.txt", context).strip()
            body = render_to_string(f"{template}_body.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)

    transaction.on_commit(send)
