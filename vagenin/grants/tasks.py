"""Background work for grants: erasing contact people after the retention period."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from vagenin.grants.services import CONTACT_RETENTION, purge_contact_details


@shared_task
def purge_old_contacts() -> int:
    """Erase the contact people of applications closed or withdrawn more than two years ago."""
    return purge_contact_details(before=timezone.now() - CONTACT_RETENTION)
