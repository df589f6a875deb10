"""Background work for the overviews: the action-plan document built as a file (see builds.py)."""

from __future__ import annotations

from celery import shared_task

from vagenin.actionplan.overview import builds
from vagenin.agreement.models import AgreementPeriod


@shared_task(name="vagenin.actionplan.tasks.build_document")
def build_document(period_id: int, language: str, output: builds.Format) -> str:
    """Build the action-plan document (PDF or XLSX) in a language and store it; returns its status.

    Safe to retry or to run twice: each run writes a complete new file and then points the state to it.
    """
    period = AgreementPeriod.objects.filter(pk=period_id).first()
    if period is None:
        return "missing"
    return builds.build(period, language, output).status
