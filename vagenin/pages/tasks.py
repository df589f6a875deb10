"""Background work for the pages app: erase visitors' messages after the retention period."""

from __future__ import annotations

import datetime

from celery import shared_task
from django.utils import timezone

from vagenin.pages.services import message_retention_days, purge_messages


@shared_task
def purge_old_messages() -> int:
    """Delete feedback and contact messages older than the retention period (GDPR storage limitation)."""
    cutoff = timezone.now() - datetime.timedelta(days=message_retention_days())
    return purge_messages(older_than=cutoff)
