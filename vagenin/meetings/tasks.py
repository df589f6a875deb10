"""Background work for meetings: reminders, evaluation requests and the purge of guests' personal data."""

from __future__ import annotations

from celery import shared_task

from vagenin.meetings import services


@shared_task
def send_reminders() -> int:
    """Remind confirmed participants of events starting within two days (each once)."""
    return services.send_reminders()


@shared_task
def send_evaluations() -> int:
    """Send the evaluation link to the participants of events that ended in the past week (each once)."""
    return services.send_evaluations()


@shared_task
def purge_guest_data() -> int:
    """Erase guests' personal data once the retention period after their event has passed; counts stay."""
    return services.purge_guest_data().anonymised
