"""`python -m bench`: build a national-volume database, count queries per page, load-test gunicorn, report.

See bench/README.md. Speed targets live here as printed ratios against a baseline from the same run,
never as timed assertions in tests.
"""

from __future__ import annotations

import argparse
import datetime
import logging
import os
import platform
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

# Before Django is imported anywhere: the bench runs on its own settings and database, and keeps its static
# and media files under var/bench/ too.
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
BENCH_VAR = Path(__file__).resolve().parent.parent / "var" / "bench"
os.environ["VAGENIN_VAR_DIR"] = str(BENCH_VAR)
(BENCH_VAR / "static").mkdir(parents=True, exist_ok=True)
# The anonymous API limit (600/min by default) would turn a load test into a test of 429s. The throttle still runs.
os.environ.setdefault("API_RATE", "100000000/min")

import django  # noqa: E402

django.setup()
# WeasyPrint logs every page it lays out at INFO: thousands of lines for a large document.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402

from bench import database, load, queries, sessions  # noqa: E402
from bench.generate import generate  # noqa: E402
from bench.pages import (  # noqa: E402
    BASELINE,
    LOGGED_IN_BASELINE,
    LOGGED_IN_PAGES,
    MIN_SHARE_LOGGED_IN,
    PAGES,
    Page,
)
from bench.report import Row, both_table, record, table, write  # noqa: E402
from bench.server import add_redis_arguments, choose_redis, collect_static, describe_redis, server_env  # noqa: E402

RESULTS_DIR = Path(settings.BASE_DIR) / "bench" / "results"


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scale",
        type=float,
        default=float(os.environ.get("BENCH_SCALE", "1.0")),
        help="data volume, 1.0 = national (2,000 organisations, 20,000 people, 21 agreements); env BENCH_SCALE",
    )
    parser.add_argument("--seed", type=int, default=1, help="seed for the generators (default 1)")
    parser.add_argument("--quick", action="store_true", help="a quick run: scale 0.1 and 2 s per page")
    parser.add_argument("--reuse", action="store_true", help="keep the data of the previous run if there is any")
    parser.add_argument("--duration", type=float, default=5.0, help="seconds of load per page (default 5)")
    parser.add_argument("--max-requests", type=int, default=3000, help="at most this many requests per page")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads (default 4)")
    parser.add_argument(
        "--workers", type=int, default=3, help="gunicorn sync workers (default 3, as docs/deploy.md deploys it)"
    )
    parser.add_argument(
        "--page-cache",
        type=int,
        default=int(os.environ.get("PAGE_CACHE_SECONDS", "300")),
        metavar="SECONDS",
        help="PAGE_CACHE_SECONDS of the cached pass, as in production (default 300; 0 skips the cached pass)",
    )
    parser.add_argument(
        "--initiatives",
        type=int,
        default=int(os.environ["BENCH_INITIATIVES"]) if os.environ.get("BENCH_INITIATIVES") else None,
        help="initiatives in the action plan, whatever the scale (default 10,000 × scale); env BENCH_INITIATIVES",
    )
    add_redis_arguments(parser)
    args = parser.parse_args(argv)
    if args.quick:
        args.scale, args.duration = min(args.scale, 0.1), min(args.duration, 2.0)
    return args


def prepare_data(args: argparse.Namespace) -> dict[str, object]:
    if args.reuse and database.has_data():
        print(f"Reusing the data already in {database.describe()}.")
        call_command("migrate", verbosity=0)
        return {"reused": True}
    print(f"Creating {database.describe()} …")
    database.recreate()
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter() - started
    # bench.grants and bench.settlement call this with a Namespace of their own, without `initiatives`.
    initiatives = getattr(args, "initiatives", None)
    options = {"bench.generators.actionplan": {"initiatives": initiatives}} if initiatives else None
    generated = generate(seed=args.seed, scale=args.scale, options=options)
    # Planner statistics as autovacuum would have them a minute after a bulk load in production.
    database.analyze()
    for step in generated:
        counts = ", ".join(f"{count:,} {label}" for label, count in step.counts.items())
        print(f"  {step.module}: {counts or 'loaded'} ({step.seconds:.1f} s)")
    return {
        "reused": False,
        "migrate_seconds": round(migrated, 1),
        "steps": [{"module": s.module, "counts": s.counts, "seconds": round(s.seconds, 1)} for s in generated],
    }


def count_queries(pages: list[Page], users: dict[str, object]) -> dict[tuple[str, str], queries.Counted]:
    """Per page (keyed by persona and path): queries and CPU time, in-process."""
    counted = {
        (page.persona, page.path): queries.count(page.path, user=users.get(page.persona))
        for page in [BASELINE, *pages, LOGGED_IN_BASELINE, *LOGGED_IN_PAGES]
    }
    connections.close_all()
    return counted


def stylesheet(port: int) -> Page | None:
    """The site's stylesheet as whitenoise serves it, found in the home page (its name carries a hash)."""
    import re

    status, body = load.get(port, "/")
    found = re.search(rb'href="(/static/[^"]+\.css)"', body) if status == 200 else None
    return Page("static stylesheet", found.group(1).decode(), kind="static") if found else None


Counts = dict[tuple[str, str], queries.Counted]


@dataclass
class Pass:
    """One table's worth of load: the baseline first, the pages, the baseline again."""

    rows: list[Row]
    baselines: list[float]

    @property
    def baseline(self) -> float:
        return sum(self.baselines) / len(self.baselines)


def serve(
    args: argparse.Namespace,
    counted: Counts,
    cookies: dict[str, str],
    *,
    page_cache: int,
    redis_url: str,
    logged_in: bool,
) -> tuple[Pass, Pass | None]:
    """Start gunicorn with the page cache at `page_cache` seconds and load the anonymous pages (and, if
    `logged_in`, the logged-in pages after them); each set against its own baseline measured first and last."""
    port = load.free_port()
    log = BENCH_VAR / "gunicorn.log"
    env = server_env(page_cache, redis_url)
    with load.Server(port=port, workers=args.workers, env=env, log=log, cwd=Path(settings.BASE_DIR)) as server:
        server.wait_ready(BASELINE.path)
        # Every worker's first requests import and compile what the preload left out: not part of the baseline.
        load.hammer(port, BASELINE.path, concurrency=args.concurrency, duration=2.0, max_requests=args.max_requests)
        pages = list(PAGES)
        if css := stylesheet(port):
            pages.append(css)

        def measure(page: Page) -> load.Measured:
            cookie = cookies.get(page.persona, "")
            # Warm-up, a few per worker: templates, the database's own caches, the page cache.
            for _ in range(max(5, 2 * args.workers)):
                load.get(port, page.path, cookie=cookie)
            return load.hammer(
                port,
                page.path,
                concurrency=args.concurrency,
                duration=args.duration,
                max_requests=args.max_requests,
                cookie=cookie,
            )

        def measure_all(baseline: Page, pages: list[Page]) -> Pass:
            rows: list[Row] = []
            first = measure(baseline)
            print(f"  {baseline.name}: {first.per_second:.0f} req/s")
            for page in pages:
                status, _ = load.get(port, page.path, cookie=cookies.get(page.persona, ""))
                if status != 200:
                    note = f"answered {status}"
                    print(f"  {page.name}: {page.path} answered {status} – skipped")
                    rows.append(Row(page, None, counted.get((page.persona, page.path)), note))
                    continue
                measured = measure(page)
                print(f"  {page.name}: {measured.per_second:.0f} req/s, {measured.errors} errors")
                rows.append(Row(page, measured, counted.get((page.persona, page.path))))
            last = measure(baseline)
            print(f"  {baseline.name} again: {last.per_second:.0f} req/s")
            base_counted = counted.get((baseline.persona, baseline.path))
            rows.insert(0, Row(baseline, first, base_counted, "first run"))
            again = Page(f"{baseline.name} again", baseline.path, kind="baseline", persona=baseline.persona)
            rows.append(Row(again, last, base_counted))
            return Pass(rows, [first.per_second, last.per_second])

        anonymous = measure_all(BASELINE, pages)
        logged = measure_all(LOGGED_IN_BASELINE, LOGGED_IN_PAGES) if logged_in else None
    return anonymous, logged


def git_commit() -> str:
    try:
        found = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            check=False,
        )
        return found.stdout.strip()
    except OSError:
        return ""


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    stamp = datetime.datetime.now(tz=datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    data = prepare_data(args)
    users = sessions.bench_users()
    cookies = sessions.session_cookies(users)
    print("Counting queries and CPU time per page (in-process, page cache off) …")
    counted = count_queries(PAGES, dict(users))
    print("Collecting static files …")
    collect_static()
    redis_url = choose_redis(args)
    print(
        f"Load test: gunicorn, {args.workers} sync workers, {describe_redis(redis_url)}, "
        f"{args.concurrency} client threads, ≤ {args.duration:g} s or ≤ {args.max_requests} requests per page …"
    )
    load_before = os.getloadavg()
    cached: Pass | None = None
    logged_in: Pass | None = None
    if args.page_cache:
        print(f"Page cache on ({args.page_cache} s): anonymous pages, then logged-in pages (never cached) …")
        cached, logged_in = serve(
            args, counted, cookies, page_cache=args.page_cache, redis_url=redis_url, logged_in=True
        )
    print("Page cache off (PAGE_CACHE_SECONDS=0): anonymous pages rendered every time …")
    rendered, logged = serve(args, counted, cookies, page_cache=0, redis_url=redis_url, logged_in=logged_in is None)
    logged_in = logged_in or logged
    assert logged_in is not None
    load_after = os.getloadavg()
    misses = [miss for row in rendered.rows for miss in row.misses(rendered.baseline)]
    if cached is not None:
        misses += [miss for row in cached.rows for miss in row.misses(cached.baseline, cached=True)]
    misses += [miss for row in logged_in.rows for miss in row.misses(logged_in.baseline)]

    print()
    initiatives = f", {args.initiatives:,} initiatives" if args.initiatives else ""
    volume = f"scale {args.scale:g}{initiatives}, seed {args.seed}"
    if data.get("reused"):
        volume = "the data of an earlier run (--reuse)"
    print(
        f"## Bench {stamp} – {database.describe()}, {volume}, "
        f"commit {git_commit() or '?'}, {os.cpu_count()} CPUs, gunicorn {args.workers} sync workers, "
        f"{describe_redis(redis_url)}, page cache {f'{args.page_cache} s and off' if args.page_cache else 'off'}"
    )
    if cached is not None:
        print(
            f"Baseline with the page cache on: {cached.baselines[0]:.0f} req/s at the start, "
            f"{cached.baselines[-1]:.0f} at the end."
        )
    print(
        f"Baseline with the page cache off: {rendered.baselines[0]:.0f} req/s at the start, "
        f"{rendered.baselines[-1]:.0f} at the end. Ratios use each server's mean."
    )
    # Other work on the machine takes cores from gunicorn and the client alike: read the figures with it in mind.
    print(f"Machine load average (1 min): {load_before[0]:.1f} before the load test, {load_after[0]:.1f} after.")
    print()
    print(
        both_table(rendered.rows, rendered.baseline, cached.rows if cached else None, cached.baseline if cached else 0)
    )
    print()
    print(
        f"Logged-in pages (rendered every time), against the logged-in baseline: {logged_in.baselines[0]:.0f} req/s "
        f"at the start, {logged_in.baselines[-1]:.0f} at the end."
    )
    print()
    print(table(logged_in.rows, logged_in.baseline, MIN_SHARE_LOGGED_IN))
    print()
    if misses:
        print(f"Targets missed ({len(misses)}):")
        for miss in misses:
            print(f"  - {miss}")
    else:
        print("All key pages meet the targets.")

    path = RESULTS_DIR / f"{stamp}.json"
    write(
        path,
        {
            "timestamp": stamp,
            "commit": git_commit(),
            "database": database.describe(),
            "conn_max_age": settings.DATABASES["default"].get("CONN_MAX_AGE"),
            "scale": args.scale,
            "initiatives": args.initiatives,
            "seed": args.seed,
            "workers": args.workers,
            "redis_url": redis_url,
            "page_cache_seconds": args.page_cache,
            "concurrency": args.concurrency,
            "duration_per_page": args.duration,
            "max_requests_per_page": args.max_requests,
            "cpus": os.cpu_count(),
            "load_average_before": load_before,
            "load_average_after": load_after,
            "python": platform.python_version(),
            "django": django.get_version(),
            "data": data,
            # The anonymous pages rendered (page cache off): the cost of the first visitor after a change.
            "baseline_requests_per_second": [round(b, 1) for b in rendered.baselines],
            "pages": record(rendered.rows, rendered.baseline),
            # The same pages served from the page cache (absent with --page-cache 0).
            "cached_baseline_requests_per_second": [round(b, 1) for b in cached.baselines] if cached else None,
            "cached_pages": record(cached.rows, cached.baseline, cached=True) if cached else None,
            "logged_in_baseline_requests_per_second": [round(b, 1) for b in logged_in.baselines],
            "logged_in_pages": record(logged_in.rows, logged_in.baseline),
            "misses": misses,
        },
    )
    print(f"Results written to {path.relative_to(settings.BASE_DIR)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
