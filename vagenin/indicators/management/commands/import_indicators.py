"""Import a statistics file from the command line: all of it, or nothing with every rejected row printed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vagenin.indicators.models import SourceKind
from vagenin.indicators.services import import_file


class Command(BaseCommand):
    help = "Import a PxWeb JSON-stat/CSV, Kolada JSON/export or long CSV file of official statistics."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--kind", required=True, choices=[kind.value for kind in SourceKind])
        parser.add_argument(
            "--option",
            action="append",
            default=[],
            metavar="NAME=VALUE",
            help="An importer option, as on the upload form: indicator, cell_format, kpis, geography_column, "
            "geography_format, period_column, value_columns, breakdown_columns, value_codes, fixed_breakdown, "
            "ignore_columns. Repeat for several; use \\n between lines of a multi-line option.",
        )
        parser.add_argument("--create-definitions", action="store_true", help="Define unknown indicator codes.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        settings: dict[str, Any] = {"create_definitions": options["create_definitions"]}
        for item in options["option"]:
            name, separator, value = item.partition("=")
            if not separator:
                raise CommandError(f"Options are NAME=VALUE, not {item!r}")
            settings[name.strip()] = value.replace("\\n", "\n")
        batch = import_file(
            actor=None, file_name=path.name, source_kind=options["kind"], content=path.read_bytes(), options=settings
        )
        if batch.rejected:
            for row in batch.rejected_rows:
                self.stderr.write(f"{row['file']}, {row['position']}: {row['reason']}")
            raise CommandError(f"{batch.rejected} rows rejected; nothing was imported.")
        self.stdout.write(self.style.SUCCESS(f"{batch.accepted} observations imported from {path.name}."))
