"""Celery tasks of the newsletter: thin wrappers around the services, safe to run again."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from vagenin.newsletter import services
from vagenin.newsletter.models import Issue, IssueStatus

# A worker gives up an issue after this long and queues it again, so one issue never holds a worker for hours.
TASK_BUDGET_SECONDS = 10 * 60


@shared_task(acks_late=True)
def deliver_issue(issue_id: int) -> bool:
    """Send an issue's pending deliveries; if time runs out, the rest goes on in a new task."""
    done = services.deliver(issue_id, budget_seconds=None if settings.CELERY_TASK_ALWAYS_EAGER else TASK_BUDGET_SECONDS)
    if not done and not settings.CELERY_TASK_ALWAYS_EAGER:
        deliver_issue.delay(issue_id)
    return done


@shared_task
def send_due_issues() -> int:
    """Start scheduled issues whose time has come, and resume issues a stopped worker left sending."""
    started = services.start_due_issues()
    for issue_id in Issue.objects.filter(status=IssueStatus.SENDING).values_list("pk", flat=True):
        deliver_issue.delay(issue_id)
    return started


@shared_task
def purge_unconfirmed_subscribers() -> int:
    return services.purge_unconfirmed()
