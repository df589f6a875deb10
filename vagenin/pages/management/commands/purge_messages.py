"""Erase visitors' messages older than the retention period (run daily, e.g. from cron or Celery beat)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from vagenin.pages.models import Message
from vagenin.pages.services import message_retention_days, purge_messages


class Command(BaseCommand):
    help = "Delete page feedback and contact messages older than MESSAGE_RETENTION_DAYS (default 365)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, help="Keep this many days instead of the configured retention.")
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be deleted.")

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"] if options["days"] is not None else message_retention_days()
        if days < 1:
            raise CommandError("The retention must be at least one day.")
        cutoff = timezone.now() - datetime.timedelta(days=days)
        if options["dry_run"]:
            count = Message.objects.filter(created_at__lt=cutoff).count()
            self.stdout.write(f"{count} message(s) older than {days} days would be deleted.")
            return
        count = purge_messages(older_than=cutoff)
        self.stdout.write(self.style.SUCCESS(f"Deleted {count} message(s) older than {days} days."))
