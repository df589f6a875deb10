"""The daily purge of old visitor messages."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from vagenin.pages.models import Message, MessageKind
from vagenin.pages.tasks import purge_old_messages


@pytest.mark.django_db
def test_messages_older_than_the_retention_period_are_erased(settings: object) -> None:
    settings.MESSAGE_RETENTION_DAYS = 30  # type: ignore[attr-defined]
    with time_machine.travel(datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)):
        Message.objects.create(kind=MessageKind.CONTACT, body="Gammalt")
    with time_machine.travel(datetime.datetime(2026, 2, 20, tzinfo=datetime.UTC)):
        Message.objects.create(kind=MessageKind.CONTACT, body="Nytt")
        assert purge_old_messages.delay().get() == 1
    assert list(Message.objects.values_list("body", flat=True)) == ["Nytt"]
