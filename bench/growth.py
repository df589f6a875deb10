"""`python -m bench.growth`: the action plan's pages and jobs at 1,000, 10,000 and 50,000 initiatives.

For each size it builds a database anew (the organisations, people and agreements at `--scale`, 1.0 by default,
then exactly that many initiatives) in a process of its own: DATABASE_URL's PostgreSQL database with `_growth`
appended to its name (e.g. vagenin_bench_growth), or var/bench/growth.sqlite3 without DATABASE_URL. There,
it times in-process through the whole middleware stack (Django's test client, as bench/jobs.py does; the page
cache off): the catalogue, a search, an initiative, the API list, the analyst's overview and the document of the
period with the most initiatives, `load_plan`, the document XLSX built by its task, the coordinator's edit form
and an import of 1,000 rows against a bare `bulk_create` (bench/jobs.py), each the fastest of `--repeat` runs
with the queries of one, beside the baseline view in the same process. It prints one table with a column per
size and the ratio of the largest to the smallest: 50 for a job linear in the initiatives, about 1 for a page
whose work does not grow with them. See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "bench" / "results"
DEFAULT_SIZES = "1000,10000,50000"
QUICK_SIZES = "500,5000"
IMPORT_ROWS = 1_000
# The generators the action plan's data needs (and those before it, which it uses); `--all-modules` runs all.
ACTIONPLAN_MODULES = (
    "bench.generators.organisations",
    "bench.generators.agreement",
    "bench.generators.actionplan",
)


def sizes(text: str) -> list[int]:
    """ "1000,10000,50000" (or "1,000 / 10,000" style with underscores) as a list of positive integers."""
    found = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    if not found or min(found) < 1:
        raise argparse.ArgumentTypeError(f"sizes must be positive integers separated by commas, not {text!r}")
    return found


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.growth", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=sizes, default=None, help=f"initiatives per database (default {DEFAULT_SIZES})")
    parser.add_argument(
        "--scale",
        type=float,
        default=None,
        help="volume of everything but the initiatives (default 1.0, national: 2,000 organisations, 20,000 people)",
    )
    parser.add_argument("--seed", type=int, default=1, help="seed for the generators (default 1)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure, the fastest counts (default 3)")
    parser.add_argument(
        "--quick", action="store_true", help=f"scale 0.1, sizes {QUICK_SIZES} (unless given), one run per figure"
    )
    parser.add_argument(
        "--all-modules", action="store_true", help="generate every module's data, not only what the action plan uses"
    )
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: measure one size in this process
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.quick:
        args.scale = 0.1 if args.scale is None else args.scale
        args.sizes = args.sizes or sizes(QUICK_SIZES)
        args.repeat = 1
    args.scale = 1.0 if args.scale is None else args.scale
    args.sizes = args.sizes or sizes(DEFAULT_SIZES)
    return args


# -- one size, in a process of its own (a fresh database each time, no state carried between sizes) --


def measure_one(args: argparse.Namespace) -> dict[str, Any]:
    """Build the database with `args.one` initiatives and measure; the figures as a dict for the JSON file."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["VAGENIN_VAR_DIR"] = str(ROOT / "var" / "bench")
    # In-process and rendered: no page cache, no shared cache (the load test measures those).
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    os.environ["REDIS_URL"] = ""

    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from bench import database, jobs, sessions
    from bench.generate import GENERATORS, generate
    from bench.generators.actionplan import SHOWCASE_SLUG
    from bench.load import HEADERS
    from bench.pages import PAGES
    from bench.urls import BASELINE_PATH
    from vagenin.actionplan.models import Initiative

    print(f"[{args.one:,} initiatives] creating {database.describe()} …", flush=True)
    database.recreate()
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter() - started
    modules = GENERATORS if args.all_modules else ACTIONPLAN_MODULES
    options = {"bench.generators.actionplan": {"initiatives": args.one}}
    steps = generate(seed=args.seed, scale=args.scale, options=options, modules=modules)
    database.analyze()
    for step in steps:
        counts = ", ".join(f"{count:,} {label}" for label, count in step.counts.items())
        print(f"  {step.module}: {counts or 'loaded'} ({step.seconds:.1f} s)", flush=True)

    users = sessions.bench_users()
    anonymous = Client(headers=HEADERS)
    logged_in = {persona: Client(headers=HEADERS) for persona in ("analyst", "coordinator")}
    for persona, client in logged_in.items():
        client.force_login(users[persona])
    period = jobs.largest_period()
    in_period = Initiative.objects.filter(period=period).count()
    paths = {page.name: page.path for page in PAGES}
    figures: dict[str, dict[str, Any]] = {}

    def page(name: str, client: Client, path: str) -> None:
        client.get(path)  # warm-up: per-process caches
        with CaptureQueriesContext(connection) as captured:
            status = client.get(path).status_code
        # Count now: the next request empties the connection's query log.
        queries = len(captured.captured_queries)
        seconds = jobs.best(lambda: client.get(path), args.repeat)
        figures[name] = {"seconds": seconds, "queries": queries, "status": status}
        print(f"  {name}: {seconds * 1000:,.1f} ms, {queries} queries, status {status}", flush=True)

    def job(name: str, timed: jobs.Timed) -> None:
        figures[name] = {"seconds": timed.seconds, "queries": timed.queries}
        print(f"  {name}: {timed.seconds * 1000:,.1f} ms, {timed.queries} queries", flush=True)

    on_period = f"?period={period.slug}"
    document = reverse("actionplan:document") + on_period
    page("baseline (minimal view)", anonymous, BASELINE_PATH)
    page("action plan catalogue", anonymous, paths["action plan catalogue"])
    page("action plan search", anonymous, paths["action plan search"])
    page("initiative detail", anonymous, reverse("actionplan:detail", kwargs={"slug": SHOWCASE_SLUG}))
    page("API initiatives", anonymous, paths["API initiatives"])
    page("analyst: overview", logged_in["analyst"], reverse("actionplan:overview") + on_period)
    job("load_plan", jobs.time_load_plan(period, args.repeat))
    job("document XLSX built by the task", jobs.time_document_build(period, "xlsx"))
    page("analyst: document page (HTML)", logged_in["analyst"], document)
    page("analyst: document XLSX (from storage)", logged_in["analyst"], document + "&format=xlsx")
    edit = reverse("actionplan:edit", kwargs={"slug": SHOWCASE_SLUG})
    page("coordinator: initiative edit form", logged_in["coordinator"], edit)
    imported = jobs.measure_import(period, IMPORT_ROWS)
    figures[f"bare bulk_create, {IMPORT_ROWS:,} rows"] = {
        "seconds": imported.bulk_create,
        "queries": imported.bulk_create_queries,
    }
    figures[f"import, {IMPORT_ROWS:,} rows"] = {"seconds": imported.whole, "queries": imported.queries}
    print(
        f"  import, {IMPORT_ROWS:,} rows: {imported.whole * 1000:,.0f} ms, {imported.queries} queries "
        f"({imported.whole / imported.bulk_create:.1f}× bulk_create)",
        flush=True,
    )
    return {
        "initiatives": args.one,
        "database": database.describe(),
        "scale": args.scale,
        "seed": args.seed,
        "repeat": args.repeat,
        "modules": list(modules),
        "migrate_seconds": round(migrated, 1),
        "generated": [{"module": s.module, "counts": s.counts, "seconds": round(s.seconds, 1)} for s in steps],
        "period": period.slug,
        "initiatives_in_period": in_period,
        "figures": figures,
    }


# -- the parent: one process per size, then the table --


def cell(figure: dict[str, Any] | None) -> str:
    if figure is None:
        return "–"
    text = f"{figure['seconds'] * 1000:,.1f} ms · {figure['queries']:,} q"
    status = figure.get("status", 200)
    return text if status == 200 else f"{text} (status {status})"


def ratio(first: dict[str, Any] | None, last: dict[str, Any] | None) -> str:
    if not first or not last or not first["seconds"]:
        return "–"
    return f"{last['seconds'] / first['seconds']:,.1f}×"


def report(runs: list[dict[str, Any]]) -> str:
    head = ["what", *(f"{run['initiatives']:,}" for run in runs)]
    last_over_first = f"{runs[-1]['initiatives']:,} / {runs[0]['initiatives']:,}" if len(runs) > 1 else "ratio"
    lines = [
        "| " + " | ".join([*head, last_over_first]) + " |",
        "| --- |" + " ---: |" * (len(runs) + 1),
        "| initiatives in the largest period | "
        + " | ".join(f"{run['initiatives_in_period']:,}" for run in runs)
        + f" | {runs[-1]['initiatives_in_period'] / max(runs[0]['initiatives_in_period'], 1):,.1f}× |",
        "| generating the action plan | "
        + " | ".join(f"{generation_seconds(run):,.1f} s" for run in runs)
        + f" | {generation_seconds(runs[-1]) / max(generation_seconds(runs[0]), 0.001):,.1f}× |",
    ]
    names = list(dict.fromkeys(name for run in runs for name in run["figures"]))
    for name in names:
        found = [run["figures"].get(name) for run in runs]
        lines.append(f"| {name} | " + " | ".join(cell(f) for f in found) + f" | {ratio(found[0], found[-1])} |")
    return "\n".join(lines)


def generation_seconds(run: dict[str, Any]) -> float:
    return sum(step["seconds"] for step in run["generated"] if step["module"] == "bench.generators.actionplan")


def growth_env() -> dict[str, str]:
    """The environment of the per-size processes: a database of their own beside the other parts' (which they
    would otherwise drop and refill), the PostgreSQL database's name with `_growth`, or another SQLite file."""
    env = dict(os.environ)
    url = env.get("DATABASE_URL", "")
    if url:
        parts = urllib.parse.urlsplit(url)
        env["DATABASE_URL"] = parts._replace(path=parts.path.rstrip("/") + "_growth").geturl()
    else:
        env["BENCH_SQLITE_NAME"] = "growth.sqlite3"
    return env


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    if args.one:
        found = measure_one(args)
        if args.out:
            args.out.write_text(json.dumps(found, indent=2, default=str) + "\n", encoding="utf-8")
        return 0
    stamp = datetime.datetime.now(tz=datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    load_before = os.getloadavg()
    runs = []
    env = growth_env()
    with tempfile.TemporaryDirectory(prefix="bench-growth-") as scratch:
        for size in args.sizes:
            out = Path(scratch) / f"{size}.json"
            command = [sys.executable, "-m", "bench.growth", f"--one={size}", f"--out={out}"]
            command += [f"--scale={args.scale}", f"--seed={args.seed}", f"--repeat={args.repeat}"]
            if args.all_modules:
                command.append("--all-modules")
            started = time.perf_counter()
            subprocess.run(command, cwd=ROOT, env=env, check=True)  # noqa: S603 - our own interpreter and arguments
            run = json.loads(out.read_text(encoding="utf-8"))
            run["wall_seconds"] = round(time.perf_counter() - started, 1)
            print(f"[{size:,} initiatives] done in {run['wall_seconds']:,.0f} s", flush=True)
            runs.append(run)
    load_after = os.getloadavg()
    first = runs[0]
    print()
    print(
        f"## Growth {stamp} – {first['database']}, scale {args.scale:g} for the rest, seed {args.seed}, "
        f"fastest of {args.repeat}, period with the most initiatives ({first['period']} at the smallest size)"
    )
    print(f"Machine load average (1 min): {load_before[0]:.1f} before, {load_after[0]:.1f} after.")
    print()
    print(report(runs))
    path = RESULTS_DIR / f"growth-{stamp}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    record = {"timestamp": stamp, "load_average_before": load_before, "load_average_after": load_after, "runs": runs}
    path.write_text(json.dumps(record, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"\nResults written to {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
