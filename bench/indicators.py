"""`python -m bench.indicators`: the statistics benchmark alone, on a database of its own.

Imports a generated long CSV of `--observations` counts (default 2,000,000) through the real importer, with
small-count suppression, and prints the import rate against the rate of merely parsing the same file, then
the time to render the county dashboard and to build the report's 16 editions (web, and web plus PDF unless
`--no-pdf`). Without DATABASE_URL it uses `var/bench/indicators.sqlite3`, which it recreates; with it, a
PostgreSQL database whose name contains "bench" (dropped and created anew). See bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import random
import time
from pathlib import Path

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
BENCH_VAR = Path(__file__).resolve().parent.parent / "var" / "bench"
os.environ.setdefault("VAGENIN_VAR_DIR", str(BENCH_VAR))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

if not os.environ.get("DATABASE_URL"):  # before the first connection: not the page benchmark's file
    settings.DATABASES["default"]["NAME"] = str(BENCH_VAR / "indicators.sqlite3")

from django.core.management import call_command  # noqa: E402

from bench import database  # noqa: E402
from bench.generators import indicators  # noqa: E402
from vagenin.site.management.commands.load_reference import load_reference  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.indicators", description=__doc__.splitlines()[0])
    parser.add_argument("--observations", type=int, default=indicators.FULL_SCALE, help="rows of the file")
    parser.add_argument("--no-pdf", action="store_true", help="build the web editions only")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    print(f"Creating {database.describe()} …", flush=True)
    database.recreate()
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    load_reference(base=settings.BASE_DIR / "reference")
    print(f"  migrated and loaded the reference data in {time.perf_counter() - started:.1f} s", flush=True)
    if hasattr(os, "getloadavg"):
        print(f"  load average before: {os.getloadavg()[0]:.1f}", flush=True)
    figures = indicators.run(args.observations, random.Random(args.seed), pdf=not args.no_pdf)
    for name, value in figures.items():
        print(f"indicators {name:40} {value:,.2f}")
    if hasattr(os, "getloadavg"):
        print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
