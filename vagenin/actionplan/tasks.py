"""Background work for the action plan: reminders before a reporting round's due date, and (from the sub-packages)
the action-plan documents built in the background."""

from __future__ import annotations

import datetime

from celery import shared_task
from django.db.models import Q
from django.utils import timezone

from vagenin.actionplan.models import ReportingRound

# Registered with Celery from here (autodiscovery looks at this module): the sub-packages' tasks.
from vagenin.actionplan.overview.tasks import build_document
from vagenin.actionplan.services import remind_missing
from vagenin.actionplan.submissions.services import purge_submissions, submission_retention_days

__all__ = ["build_document", "purge_old_submissions", "remind_due_rounds"]

REMIND_DAYS_BEFORE = 7
REMIND_AT_MOST_EVERY = datetime.timedelta(days=3)


@shared_task
def remind_due_rounds() -> int:
    """Remind editors of missing reports in open rounds due within a week; at most every third day a round."""
    today = timezone.localdate()
    recently = timezone.now() - REMIND_AT_MOST_EVERY
    due = ReportingRound.objects.filter(
        closed_at__isnull=True,
        due_on__gte=today,
        due_on__lte=today + datetime.timedelta(days=REMIND_DAYS_BEFORE),
    ).filter(Q(reminded_at__isnull=True) | Q(reminded_at__lt=recently))
    return sum(remind_missing(actor=None, reporting_round=reporting_round).sent for reporting_round in due)


@shared_task
def purge_old_submissions() -> int:
    """Erase submitters' names and addresses (or whole declined submissions) after the retention period."""
    result = purge_submissions(decided_before=timezone.now() - datetime.timedelta(days=submission_retention_days()))
    return result.erased + result.deleted
