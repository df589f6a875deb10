"""Remove project submitters' personal data once the retention period after the decision has passed.

What happens to a submission decided (published, declined, or sent back for changes) more than
the retention period ago (SUBMISSION_RETENTION_DAYS, default 365 days):
- published: the submitter's name and e-mail address are erased; the submission itself stays,
  as the record of where the initiative came from;
- declined, or sent back for changes and never resubmitted: the whole submission is deleted.
Submissions still waiting for the secretariat are never touched. Every erasure and deletion
leaves an audit row without personal data. Run it daily, e.g. from cron or Celery beat.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from vagenin.actionplan.submissions.services import (
    deletable_submissions,
    erasable_submissions,
    purge_submissions,
    submission_retention_days,
)


class Command(BaseCommand):
    help = (
        "Erase the submitter's name and e-mail from published project submissions, and delete declined and "
        "abandoned ones, decided more than SUBMISSION_RETENTION_DAYS (default 365) days ago."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, help="Use this many days instead of the configured retention.")
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be erased and deleted.")

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"] if options["days"] is not None else submission_retention_days()
        if days < 0:
            raise CommandError("The retention cannot be negative.")
        cutoff = timezone.now() - datetime.timedelta(days=days)
        if options["dry_run"]:
            erased = erasable_submissions(decided_before=cutoff).count()
            deleted = deletable_submissions(decided_before=cutoff).count()
            verb = "would be"
        else:
            result = purge_submissions(decided_before=cutoff)
            erased, deleted, verb = result.erased, result.deleted, "were"
        self.stdout.write(
            f"Decided more than {days} days ago: personal data of {erased} published submission(s) {verb} erased, "
            f"{deleted} declined or abandoned submission(s) {verb} deleted."
        )
