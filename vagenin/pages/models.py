"""Visitors' page feedback and contact messages, which land in the secretariat's inbox."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _


class MessageKind(models.TextChoices):
    PAGE_FEEDBACK = "page_feedback", _("Sidrespons")
    CONTACT = "contact", _("Kontaktmeddelande")


class MessageQuerySet(models.QuerySet["Message"]):
    def unhandled(self) -> MessageQuerySet:
        return self.filter(handled_at__isnull=True)

    def handled(self) -> MessageQuerySet:
        return self.filter(handled_at__isnull=False)

    def for_inbox(self) -> MessageQuerySet:
        """Newest first, with the handler loaded for display."""
        return self.select_related("handled_by").order_by("-created_at", "-id")

    def feedback_per_page(self) -> models.QuerySet[Message, dict[str, Any]]:
        """Page feedback counted per page path: yes, no, comments and total."""
        return (
            self.filter(kind=MessageKind.PAGE_FEEDBACK)
            .values("page")
            .annotate(
                yes=Count("pk", filter=Q(useful=True)),
                no=Count("pk", filter=Q(useful=False)),
                comments=Count("pk", filter=~Q(body="")),
                total=Count("pk"),
            )
            .order_by("-total", "page")
        )


class Message(models.Model):
    """A visitor's message: page feedback ("was this useful?") or a contact-form message."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("slag"), max_length=16, choices=MessageKind.choices)
    created_at = models.DateTimeField(_("mottaget"), auto_now_add=True, db_index=True)
    page = models.CharField(_("sida"), max_length=300, blank=True)
    useful = models.BooleanField(_("till nytta"), null=True, blank=True)
    name = models.CharField(_("namn"), max_length=200, blank=True)
    email = models.EmailField(_("e-postadress"), blank=True)
    body = models.TextField(_("meddelande"), blank=True, max_length=5000)
    language = models.CharField(_("språk"), max_length=8, default="sv")
    handled_at = models.DateTimeField(_("hanterat"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hanterat av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("meddelande")
        verbose_name_plural = _("meddelanden")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=MessageKind.values), name="message_kind_valid"),
            models.CheckConstraint(
                condition=~Q(kind=MessageKind.PAGE_FEEDBACK) | Q(useful__isnull=False),
                name="message_feedback_has_answer",
            ),
            models.CheckConstraint(
                condition=~Q(kind=MessageKind.CONTACT) | ~Q(body=""), name="message_contact_has_body"
            ),
        ]

    def __str__(self) -> str:
        # Deliberately free of personal data: it is copied into the audit log.
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d}"

    @property
    def is_handled(self) -> bool:
        return self.handled_at is not None


class Reply(models.Model):
    """The secretariat's answer to a contact message, sent by e-mail from the inbox and kept with the message."""

    message = models.ForeignKey(Message, verbose_name=_("meddelande"), on_delete=models.CASCADE, related_name="replies")
    sent_at = models.DateTimeField(_("skickat"), auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skickat av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField(_("svar"), max_length=5000)

    class Meta:
        verbose_name = _("svar")
        verbose_name_plural = _("svar")
        ordering = ["sent_at", "id"]
        constraints = [models.CheckConstraint(condition=~Q(body=""), name="reply_has_body")]

    def __str__(self) -> str:
        # Free of personal data, like the message's: it is copied into the audit log.
        return f"Svar {self.sent_at:%Y-%m-%d}"
