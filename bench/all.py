"""`python -m bench.all` (`make bench`): the whole benchmark as production runs, one part after the other.

The database is PostgreSQL when one answers: DATABASE_URL if set, else BENCH_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/vagenin_bench); otherwise the bench's own SQLite file, and it says so. The
servers use Redis (database 12) when 127.0.0.1:6379 answers, otherwise each worker's own memory, and it says so.
Then, each in a process of its own and timed:

1. `python -m bench`: the pages under load, with the page cache on and off, and the logged-in pages;
2. `python -m bench.jobs --pdf`: the documents, `load_plan` and the import, on the data the first part built;
3. `python -m bench.gc`: gunicorn with and without `gc.freeze()`, on the same data;
4. `python -m bench.growth`: the action plan at 1,000 / 10,000 / 50,000 initiatives, on a database of its own
   (the first one's name with `_growth`, or var/bench/growth.sqlite3), so the others' data stays.

`--parts` runs some of them (e.g. `--parts gc`, on the data an earlier run left); BENCH_SCALE sets the volume of
parts 1 and 4. See bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import urllib.parse

from bench.proxy import redis_answers
from bench.server import DEFAULT_REDIS_URL, ROOT

PARTS = ("bench", "jobs", "gc", "growth")
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/vagenin_bench"


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.all", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--parts",
        default=",".join(PARTS),
        help=f"which parts, in this order, separated by commas (default {','.join(PARTS)})",
    )
    parser.add_argument(
        "--quick", action="store_true", help="every part in its quick form (a trial, not a measurement)"
    )
    parser.add_argument("--no-pdf", action="store_true", help="leave the PDF out of the jobs (env BENCH_PDF=0)")
    parser.add_argument("--sizes", help="initiatives per database for the growth part (default 1000,10000,50000)")
    args = parser.parse_args(argv)
    args.parts = [part.strip() for part in args.parts.split(",") if part.strip()]
    unknown = set(args.parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown parts: {', '.join(sorted(unknown))} (known: {', '.join(PARTS)})")
    args.pdf = not args.no_pdf and os.environ.get("BENCH_PDF", "1") != "0"
    return args


def postgres_answers(url: str) -> bool:
    """Whether the PostgreSQL server of `url` accepts a connection (to its `postgres` database)."""
    try:
        import psycopg
    except ImportError:
        return False
    admin = urllib.parse.urlsplit(url)._replace(path="/postgres").geturl()
    try:
        with psycopg.connect(admin, connect_timeout=3):
            return True
    except psycopg.Error:
        return False


def choose_database() -> str:
    """The DATABASE_URL for every part ("" for the SQLite file), said aloud."""
    given = os.environ.get("DATABASE_URL", "")
    url = given or os.environ.get("BENCH_DATABASE_URL", "") or DEFAULT_DATABASE_URL
    if postgres_answers(url):
        print(f"Database: PostgreSQL {urllib.parse.urlsplit(url).path.lstrip('/')} ({url}).")
        return url
    if given:
        raise SystemExit(f"DATABASE_URL={given} does not answer.")
    print(
        f"Database: no PostgreSQL answers at {url}: falling back to SQLite (var/bench/bench.sqlite3). "
        "Production runs PostgreSQL; set BENCH_DATABASE_URL to measure on it."
    )
    return ""


def commands(args: argparse.Namespace) -> dict[str, list[str]]:
    python = [sys.executable, "-m"]
    quick = ["--quick"] if args.quick else []
    jobs = ["--pdf"] if args.pdf else []
    if args.quick:
        jobs += ["--repeat=1", "--rows=1000"]
    growth = [*quick, *([f"--sizes={args.sizes}"] if args.sizes else [])]
    if os.environ.get("BENCH_SCALE"):
        growth.append(f"--scale={os.environ['BENCH_SCALE']}")
    return {
        "bench": [*python, "bench", *quick],
        "jobs": [*python, "bench.jobs", *jobs],
        "gc": [*python, "bench.gc", *quick],
        "growth": [*python, "bench.growth", *growth],
    }


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    env = dict(os.environ)
    database_url = choose_database()
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        env.pop("DATABASE_URL", None)
    if redis_answers():
        print(f"Redis: answers; the servers share {DEFAULT_REDIS_URL} (emptied first), as deployed.")
    else:
        print(
            "Redis: does not answer at 127.0.0.1:6379: each gunicorn worker keeps its own cache in its memory "
            "(the page cache and throttles per worker), unlike production."
        )
    if "jobs" in args.parts and not args.pdf:
        print("Jobs: without the PDF (--no-pdf or BENCH_PDF=0).")
    elapsed: dict[str, float] = {}
    failed: list[str] = []
    started_all = time.perf_counter()
    for part, command in commands(args).items():
        if part not in args.parts:
            continue
        print(f"\n# {part}: {' '.join(command[1:])}\n", flush=True)
        started = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, env=env, check=False)  # noqa: S603 - our own interpreter
        elapsed[part] = time.perf_counter() - started
        print(f"\n({part} took {elapsed[part] / 60:.1f} min{'' if done.returncode == 0 else ', and FAILED'})")
        if done.returncode:
            failed.append(part)
    print("\n| part | minutes |\n| --- | ---: |")
    for part, seconds in elapsed.items():
        print(f"| {part}{' (failed)' if part in failed else ''} | {seconds / 60:.1f} |")
    print(f"| all | {(time.perf_counter() - started_all) / 60:.1f} |")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
