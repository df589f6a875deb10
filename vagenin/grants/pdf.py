"""Documents of an application as PDF: the receipt of what was submitted and the decision letter."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from vagenin.grants.models import Application


def render_pdf(html: str) -> bytes | None:
    """The HTML as a tagged PDF (PDF/UA-1), or None when WeasyPrint's system libraries are missing."""
    try:
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher
    except (ImportError, OSError):
        return None
    # The document needs nothing from outside: refuse every fetch rather than follow a URL in the content.
    fetcher = URLFetcher(allowed_protocols=["data"])
    return HTML(string=html, url_fetcher=fetcher).write_pdf(pdf_variant="pdf/ua-1")


def answered_questions(application: Application) -> list[dict[str, Any]]:
    """The questions of the application's own form version with their answers, in order."""
    files: dict[str, list[str]] = {}
    for stored in application.files.all():
        files.setdefault(str(stored.field_uuid), []).append(stored.name)
    rows = []
    for field in application.form_version.fields.all():
        key = str(field.uuid)
        rows.append({"field": field, "value": application.answers.get(key), "files": files.get(key, [])})
    return rows


def _render(template: str, application: Application, language: str) -> bytes | None:
    with translation.override(language):
        html = render_to_string(
            template,
            {
                "application": application,
                "questions": answered_questions(application),
                "co_applicants": list(application.co_applicants.all()),
                "now": timezone.localtime(),
                "site_url": settings.SITE_URL,
            },
        )
    return render_pdf(html)


def receipt_pdf(application: Application, language: str) -> bytes | None:
    """What was submitted, as the applicant sent it."""
    return _render("grants/pdf/receipt.html", application, language)


def decision_letter_pdf(application: Application, language: str) -> bytes | None:
    """The decision: outcome, amount, conditions, date and registration number."""
    return _render("grants/pdf/decision.html", application, language)
