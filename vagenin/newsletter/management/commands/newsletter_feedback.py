"""Feed bounces and complaints from the mail system back: each address named stops getting the newsletter."""

from __future__ import annotations

import csv
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vagenin.newsletter.services import record_bounce

KINDS = ("bounce", "complaint")


class Command(BaseCommand):
    help = (
        "Read lines 'kind,address' (kind: bounce or complaint) from a file or standard input and stop sending "
        "to each address: it is deleted, and its latest delivery is counted as failed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", help="CSV file of kind,address lines; standard input if omitted.")

    def handle(self, *args: Any, **options: Any) -> None:
        stream = open(options["file"], encoding="utf-8") if options["file"] else sys.stdin  # noqa: SIM115
        try:
            rows = list(csv.reader(stream))
        finally:
            if options["file"]:
                stream.close()
        problems = []
        entries = []
        for number, row in enumerate(rows, start=1):
            if not row or not "".join(row).strip():
                continue
            if len(row) != 2 or row[0].strip() not in KINDS or "@" not in row[1]:
                problems.append(f"line {number}: expected 'bounce,address' or 'complaint,address', got {row!r}")
                continue
            entries.append((row[0].strip(), row[1].strip()))
        if problems:
            raise CommandError("Nothing was changed:\n" + "\n".join(problems))
        stopped = sum(record_bounce(email=email, kind=kind) for kind, email in entries)
        self.stdout.write(f"{stopped} of {len(entries)} addresses stopped; the others were not subscribed.")
