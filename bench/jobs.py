"""`python -m bench.jobs`: time the heavy jobs of the action plan in-process against the bench database.

What the page load test cannot show: the XLSX writers at 500 / 1,000 / 2,000 rows, `load_plan` and the
overview and document pages for the largest agreement period, and an import of 10,000 rows against a bare
`bulk_create` of the same rows and a plain `csv.reader` parse of the file, all measured in the same run so
the ratios hold on a busy machine. Every write is rolled back. Run `python -m bench` (or `--reuse`) first to
fill the database; see bench/README.md.
"""

from __future__ import annotations

import argparse
import csv
import io
import logging
import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Literal

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
BENCH_VAR = Path(__file__).resolve().parent.parent / "var" / "bench"
os.environ["VAGENIN_VAR_DIR"] = str(BENCH_VAR)

import django  # noqa: E402

django.setup()
# WeasyPrint logs every page it lays out at INFO: thousands of lines for a large document.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench import database  # noqa: E402
from vagenin.accounts.models import User  # noqa: E402
from vagenin.actionplan.exchange import files  # noqa: E402
from vagenin.actionplan.exchange import services as exchange  # noqa: E402
from vagenin.actionplan.exchange.columns import NAMES  # noqa: E402
from vagenin.actionplan.models import Initiative  # noqa: E402
from vagenin.actionplan.overview import builds  # noqa: E402
from vagenin.actionplan.overview.queries import load_plan  # noqa: E402
from vagenin.agreement.models import AgreementPeriod  # noqa: E402

IMPORT_ROWS = 10_000
ACTOR = "bench-import@example.invalid"


class Rollback(Exception):
    """Raised to leave a transaction without keeping its writes."""


def best(job: Callable[[], object], repeat: int) -> float:
    """The fastest of `repeat` runs in seconds: the least disturbed by the other work on the machine."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        job()
        times.append(time.perf_counter() - started)
    return min(times)


def line(name: str, seconds: float, note: str = "") -> None:
    print(f"| {name} | {seconds * 1000:,.0f} ms | {note} |", flush=True)


def largest_period() -> AgreementPeriod:
    return AgreementPeriod.objects.annotate(size=Count("initiatives")).order_by("-size", "pk").first()  # type: ignore[return-value]


def time_xlsx(period: AgreementPeriod, repeat: int) -> None:
    rows = exchange.export_rows(period)
    for size in (500, 1_000, 2_000):
        sample = (rows * (size // max(len(rows), 1) + 1))[:size]
        line(f"import-file XLSX, {size:,} rows", best(partial(files.to_xlsx, sample), repeat))


@dataclass
class Timed:
    """The fastest of some runs of a job, with the queries of one run."""

    seconds: float
    queries: int
    slowest_query_ms: float = 0.0


def counted(job: Callable[[], object], repeat: int) -> Timed:
    """The fastest of `repeat` runs, and the queries of a first run made to count them."""
    with CaptureQueriesContext(connection) as captured:
        job()
    queries = captured.captured_queries  # read now: a request in `job` would empty the connection's log
    slowest = max((float(query["time"]) for query in queries), default=0.0)
    return Timed(best(job, repeat), len(queries), slowest * 1000)


def time_load_plan(period: AgreementPeriod, repeat: int) -> Timed:
    return counted(lambda: load_plan(period), repeat)


def time_document_build(period: AgreementPeriod, output: Literal["xlsx", "pdf"] = "xlsx") -> Timed:
    """The action-plan document built by its task (once: it writes the file that the document view serves)."""
    with CaptureQueriesContext(connection) as captured:
        seconds = best(partial(builds.build, period, "sv", output), 1)
    return Timed(seconds, len(captured.captured_queries))


def time_plan(period: AgreementPeriod, repeat: int, *, pdf: bool) -> None:
    size = Initiative.objects.filter(period=period).count()
    plan = time_load_plan(period, repeat)
    line(
        f"load_plan, {size:,} initiatives",
        plan.seconds,
        f"{plan.queries} queries, slowest {plan.slowest_query_ms:,.0f} ms",
    )
    for output in ("xlsx", "pdf") if pdf else ("xlsx",):
        line(
            f"document {output.upper()} built by the task, {size:,} initiatives",
            time_document_build(period, output).seconds,
        )
    client = Client()
    for name, url in (
        ("overview page", reverse("actionplan:overview") + f"?period={period.slug}"),
        ("document page (HTML)", reverse("actionplan:document") + f"?period={period.slug}"),
        ("document XLSX (served from storage)", reverse("actionplan:document") + f"?period={period.slug}&format=xlsx"),
    ):
        status = client.get(url).status_code
        line(f"{name}, {size:,} initiatives", best(partial(client.get, url), repeat), f"status {status}")


def import_file(period: AgreementPeriod, rows: int) -> bytes:
    """`rows` new initiatives for the period: its own export rows again under new external ids, no parents."""
    exported = [dict(zip(NAMES, row, strict=True)) for row in exchange.export_rows(period)]
    made = []
    for number in range(rows):
        row = dict(exported[number % len(exported)])
        row.update(external_id=f"BENCH-{number:06d}", parent="")
        made.append(tuple(row[name] for name in NAMES))
    return files.to_csv(made)


@dataclass
class ImportTimes:
    rows: int
    size_bytes: int
    parse: float
    bulk_create: float
    bulk_create_queries: int
    whole: float
    queries: int


def measure_import(period: AgreementPeriod, rows: int) -> ImportTimes:
    """An import of `rows` new initiatives against a plain parse and a bare `bulk_create` of the same rows, each
    run once in a transaction that is rolled back (the parse: fastest of three)."""
    content = import_file(period, rows)
    parse = best(lambda: list(csv.reader(io.StringIO(content.decode("utf-8-sig")))), 3)
    # The generators make no users: the import's actor is a bench user, made once.
    actor = User.objects.filter(email=ACTOR).first() or User.objects.create_user(email=ACTOR)
    plans = exchange.check_file("bench.csv", content, period)

    def bare() -> None:
        """The same rows as plain model objects in one bulk_create: no checks, relations, slugs or audit."""
        objects = []
        for plan in plans:
            fields = {}
            for name, value in plan.values.items():
                field = Initiative._meta.get_field(name)
                if not field.many_to_many:
                    fields[field.attname] = value  # type: ignore[union-attr]  # a concrete field
            objects.append(Initiative(period=period, slug=f"bench-bare-{plan.key.lower()}", **fields))
        Initiative.objects.bulk_create(objects, batch_size=2_000)

    def rolled_back(job: Callable[[], object]) -> Callable[[], None]:
        def run() -> None:
            try:
                with transaction.atomic():
                    job()
                    raise Rollback
            except Rollback:
                pass

        return run

    with CaptureQueriesContext(connection) as bulk_queries:
        bulk = best(rolled_back(bare), 1)
    bulk_count = len(bulk_queries)
    with CaptureQueriesContext(connection) as queries:
        whole = best(
            rolled_back(
                lambda: exchange.import_initiatives(actor=actor, period=period, name="bench.csv", content=content)
            ),
            1,
        )
    return ImportTimes(rows, len(content), parse, bulk, bulk_count, whole, len(queries))


def time_import(period: AgreementPeriod, rows: int) -> None:
    found = measure_import(period, rows)
    line(f"csv.reader parse, {rows:,} rows ({found.size_bytes / 1e6:.1f} MB)", found.parse)
    line(f"bare bulk_create, {rows:,} rows", found.bulk_create)
    line(
        f"import, {rows:,} rows",
        found.whole,
        f"{found.whole / found.bulk_create:.1f}× bulk_create, {found.whole / found.parse:.0f}× the parse, "
        f"{found.queries:,} queries",
    )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.jobs", description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure, the fastest counts (default 3)")
    parser.add_argument("--rows", type=int, default=IMPORT_ROWS, help="rows of the import (default 10,000)")
    parser.add_argument("--pdf", action="store_true", help="also build the PDF (minutes for a large period)")
    parser.add_argument("--only-import", action="store_true", help="time the import only")
    parser.add_argument("--skip-import", action="store_true", help="leave out the import (the slowest part)")
    args = parser.parse_args()
    if not database.has_data():
        raise SystemExit("The bench database is empty: run `python -m bench` first (see bench/README.md).")
    period = largest_period()
    print(f"{database.describe()}; largest period {period.slug}; load average {os.getloadavg()[0]:.2f}")
    print("\n| job | time | note |\n| --- | ---: | --- |")
    if not args.only_import:
        time_xlsx(period, args.repeat)
        time_plan(period, args.repeat, pdf=args.pdf)
    if not args.skip_import:
        time_import(period, args.rows)
    print(f"\nload average after: {statistics.fmean(os.getloadavg()):.2f} (1/5/15-minute mean)")


if __name__ == "__main__":
    main()
