"""`python -m bench`: build a national-volume database, count queries per page, load-test gunicorn, report.

See bench/README.md. Speed targets live here as printed ratios against a baseline from the same run,
never as timed assertions in tests.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import subprocess
import sys
import time
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
    MIN_SHARE_OF_BASELINE,
    PAGES,
    Page,
)
from bench.report import Row, record, table, write  # noqa: E402

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
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (default 2)")
    parser.add_argument(
        "--page-cache",
        type=int,
        default=int(os.environ.get("PAGE_CACHE_SECONDS", "300")),
        metavar="SECONDS",
        help="the server's PAGE_CACHE_SECONDS, as in production (default 300; 0 measures every page rendered)",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.scale, args.duration = min(args.scale, 0.1), min(args.duration, 2.0)
    return args


def server_env(page_cache: int = 0) -> dict[str, str]:
    """Production-like: DEBUG off, production security settings, compressed manifest static files via whitenoise,
    and the page cache for anonymous visitors (each gunicorn worker keeps its own: nothing changes during a run)."""
    return {
        "PAGE_CACHE_SECONDS": str(page_cache),
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_PRODUCTION": "true",
        "VAGENIN_VAR_DIR": str(BENCH_VAR),
        "API_RATE": os.environ["API_RATE"],
        "LOG_LEVEL": "WARNING",
    }


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
    generated = generate(seed=args.seed, scale=args.scale)
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


def collect_static() -> None:
    """The production static storage serves hashed, compressed files that collectstatic writes under var/bench/."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity=0"],
        cwd=settings.BASE_DIR,
        env={**os.environ, **server_env()},
        check=True,
    )


def stylesheet(port: int) -> Page | None:
    """The site's stylesheet as whitenoise serves it, found in the home page (its name carries a hash)."""
    import re

    status, body = load.get(port, "/")
    found = re.search(rb'href="(/static/[^"]+\.css)"', body) if status == 200 else None
    return Page("static stylesheet", found.group(1).decode(), kind="static") if found else None


Counts = dict[tuple[str, str], queries.Counted]


def run_load(
    args: argparse.Namespace, counted: Counts, cookies: dict[str, str]
) -> tuple[list[Row], list[float], list[Row], list[float]]:
    port = load.free_port()
    log = BENCH_VAR / "gunicorn.log"
    rows: list[Row] = []
    baselines: list[float] = []
    with load.Server(
        port=port, workers=args.workers, env=server_env(args.page_cache), log=log, cwd=Path(settings.BASE_DIR)
    ) as server:
        server.wait_ready(BASELINE.path)
        pages = list(PAGES)
        if css := stylesheet(port):
            pages.append(css)

        def measure(page: Page) -> load.Measured:
            cookie = cookies.get(page.persona, "")
            for _ in range(5):  # warm-up: imports, template loading, the database's own caches
                load.get(port, page.path, cookie=cookie)
            return load.hammer(
                port,
                page.path,
                concurrency=args.concurrency,
                duration=args.duration,
                max_requests=args.max_requests,
                cookie=cookie,
            )

        def measure_all(baseline: Page, pages: list[Page]) -> tuple[list[Row], list[float]]:
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
            return rows, [first.per_second, last.per_second]

        rows, baselines = measure_all(BASELINE, pages)
        logged_in_rows, logged_in_baselines = measure_all(LOGGED_IN_BASELINE, LOGGED_IN_PAGES)
    return rows, baselines, logged_in_rows, logged_in_baselines


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
    print("Counting queries and CPU time per page (in-process) …")
    counted = count_queries(PAGES, dict(users))
    print("Collecting static files …")
    collect_static()
    print(
        f"Load test: gunicorn, {args.workers} sync workers, {args.concurrency} client threads, "
        f"≤ {args.duration:g} s or ≤ {args.max_requests} requests per page, "
        f"page cache {'off' if not args.page_cache else f'on ({args.page_cache} s)'} …"
    )
    load_before = os.getloadavg()
    rows, baselines, logged_in_rows, logged_in_baselines = run_load(args, counted, cookies)
    load_after = os.getloadavg()
    baseline = sum(baselines) / len(baselines)
    logged_in_baseline = sum(logged_in_baselines) / len(logged_in_baselines)
    misses = [miss for row in rows for miss in row.misses(baseline)]
    misses += [miss for row in logged_in_rows for miss in row.misses(logged_in_baseline)]

    print()
    print(
        f"## Bench {stamp} – {database.describe()}, scale {args.scale:g}, seed {args.seed}, "
        f"commit {git_commit() or '?'}, {os.cpu_count()} CPUs, "
        f"page cache {f'{args.page_cache} s' if args.page_cache else 'off'}"
    )
    print(f"Baseline: {baselines[0]:.0f} req/s at the start, {baselines[-1]:.0f} at the end; ratios use the mean.")
    # Other work on the machine takes cores from gunicorn and the client alike: read the figures with it in mind.
    print(f"Machine load average (1 min): {load_before[0]:.1f} before the load test, {load_after[0]:.1f} after.")
    print()
    print(table(rows, baseline, MIN_SHARE_OF_BASELINE))
    print()
    print(
        f"Logged-in pages (rendered every time), against the logged-in baseline: {logged_in_baselines[0]:.0f} req/s "
        f"at the start, {logged_in_baselines[-1]:.0f} at the end."
    )
    print()
    print(table(logged_in_rows, logged_in_baseline, MIN_SHARE_LOGGED_IN))
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
            "seed": args.seed,
            "workers": args.workers,
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
            "baseline_requests_per_second": [round(b, 1) for b in baselines],
            "pages": record(rows, baseline),
            "logged_in_baseline_requests_per_second": [round(b, 1) for b in logged_in_baselines],
            "logged_in_pages": record(logged_in_rows, logged_in_baseline),
            "misses": misses,
        },
    )
    print(f"Results written to {path.relative_to(settings.BASE_DIR)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
