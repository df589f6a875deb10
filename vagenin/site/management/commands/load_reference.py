"""Load reference data (geography, organisations, the agreement) from reference/. Idempotent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from vagenin.actionplan.reference import load_target_groups
from vagenin.agreement.reference import load_agreement
from vagenin.common.reference import LoadContext, ReferenceDataError
from vagenin.organisations.reference import load_geography, load_organisations
from vagenin.settlement.reference import load_county_quotas

LOADERS = [load_geography, load_organisations, load_agreement, load_target_groups, load_county_quotas]


def load_reference(*, base: Path, update: bool = False) -> LoadContext:
    """Run every loader in one transaction; any problem rolls everything back."""
    ctx = LoadContext(base=base, update=update)
    with transaction.atomic():
        for loader in LOADERS:
            loader(ctx)
        if ctx.problems:
            raise ReferenceDataError(ctx.problems)
    return ctx


class Command(BaseCommand):
    help = "Load reference data from versioned CSV files. Existing rows are kept unless --update is given."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--path", default=str(settings.BASE_DIR / "reference"), help="Folder with the files.")
        parser.add_argument("--update", action="store_true", help="Overwrite rows that differ from the files.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            ctx = load_reference(base=Path(options["path"]), update=options["update"])
        except ReferenceDataError as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(exc.problems)} problem(s) in the reference data; nothing was changed.") from exc
        for label, count in sorted(ctx.counts.items()):
            self.stdout.write(f"{label}: {count}")
