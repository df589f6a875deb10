"""Shared model pieces and the audit log."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Adds created and updated timestamps."""

    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        abstract = True


class SwedishFallback(str):
    """Swedish text shown where English was asked for, because no English exists (WCAG 3.1.2).

    It is a plain string everywhere except when a template writes it into HTML: then it says its
    language, `<span lang="sv">…</span>`, so that screen readers read it as Swedish. Anything that
    turns it into another string (a filter, `str()`, an f-string, a plain-text template) drops the mark.
    In an attribute or `<title>`, write it through a filter (`|striptags`, `|plain`).
    """

    __slots__ = ()

    def __html__(self) -> str:
        return format_html('<span lang="sv">{}</span>', str(self))


def translated(obj: Any, field: str) -> str:
    """The English variant of a bilingual field when English is active and filled in, else Swedish.

    Swedish given to an English reader is a `SwedishFallback`, which templates mark `lang="sv"`.
    """
    swedish = str(getattr(obj, f"{field}_sv"))
    if (get_language() or "sv").startswith("en"):
        english = getattr(obj, f"{field}_en", "")
        if english:
            return str(english)
        return SwedishFallback(swedish) if swedish else swedish
    return swedish


class Translated:
    """A model attribute giving the active language's variant of a `<name>_sv` / `<name>_en` field pair."""

    def __init__(self, field: str) -> None:
        self.field = field

    def __get__(self, obj: Any, objtype: Any = None) -> Any:
        return self if obj is None else translated(obj, self.field)


class AuditEntry(models.Model):
    """One row per change or workflow step: who did what to which object, and when."""

    at = models.DateTimeField(_("tidpunkt"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utförd av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("händelse"), max_length=64)
    object_type = models.CharField(_("objekttyp"), max_length=100)
    object_id = models.CharField(_("objekt-id"), max_length=64)
    object_repr = models.CharField(_("objekt"), max_length=255)
    changes = models.JSONField(_("ändringar"), default=dict, blank=True)

    class Meta:
        verbose_name = _("granskningspost")
        verbose_name_plural = _("granskningslogg")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"
