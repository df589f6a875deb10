"""The purge_messages command erases messages older than the retention period."""

from __future__ import annotations

import datetime
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from vagenin.common.models import AuditEntry
from vagenin.pages.models import Message
from vagenin.pages.services import message_retention_days
from vagenin.pages.tests.builders import make_contact, make_feedback

pytestmark = pytest.mark.django_db


def _aged(message: Message, days: int) -> Message:
    Message.objects.filter(pk=message.pk).update(created_at=timezone.now() - datetime.timedelta(days=days))
    return message


def test_messages_past_the_retention_are_erased_with_an_audit_row_each(settings: Any) -> None:
    settings.MESSAGE_RETENTION_DAYS = 30
    old_contact = _aged(make_contact(), 31)
    old_feedback = _aged(make_feedback(), 45)
    recent = _aged(make_contact("Ny Avsändare"), 29)
    out = StringIO()
    call_command("purge_messages", stdout=out)
    assert list(Message.objects.all()) == [recent]
    assert "Deleted 2 message(s) older than 30 days." in out.getvalue()
    purged = AuditEntry.objects.filter(action="message.purged")
    assert {entry.object_id for entry in purged} == {str(old_contact.pk), str(old_feedback.pk)}
    assert all(entry.actor is None for entry in purged)
    assert not any("vera" in str(entry.changes).lower() for entry in purged)


def test_dry_run_only_counts() -> None:
    _aged(make_contact(), 400)
    out = StringIO()
    call_command("purge_messages", "--dry-run", stdout=out)
    assert Message.objects.count() == 1
    assert "1 message(s) older than 365 days would be deleted." in out.getvalue()


def test_days_option_overrides_the_setting() -> None:
    _aged(make_contact(), 10)
    call_command("purge_messages", "--days", "7", stdout=StringIO())
    assert Message.objects.count() == 0


def test_a_retention_below_one_day_is_refused() -> None:
    with pytest.raises(CommandError):
        call_command("purge_messages", "--days", "0", stdout=StringIO())


def test_retention_comes_from_settings(settings: Any) -> None:
    """MESSAGE_RETENTION_DAYS is read from the environment by the settings module (default a year)."""
    assert message_retention_days() == 365
    settings.MESSAGE_RETENTION_DAYS = 60
    assert message_retention_days() == 60
