"""`python -m bench.gc`: gunicorn with `gc.freeze()` after the preload and without it, measured side by side.

gunicorn.conf.py imports the app in the master with the collector off, freezes what the import made right
before each fork and collects again in the worker; `GUNICORN_GC_FREEZE=0` leaves the collector alone. This runs
gunicorn twice against the database the last `python -m bench` run left (production environment, page cache
off so every page is rendered, Redis as `python -m bench` chooses it), loads a few rendered pages for
`--duration` seconds each between two baseline runs, then asks `/bench/gc` (bench/urls.py) until every worker
has answered: its tracked and frozen objects, its generation-2 collections against the requests it served, its
memory (resident, proportional and private, from /proc/self/smaps_rollup) and the time of one full collection.
See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import sys
import threading
from pathlib import Path
from typing import Any

from bench.server import BENCH_VAR, ROOT, add_redis_arguments, choose_redis, collect_static, describe_redis
from bench.server import server_env as production_env

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
os.environ["VAGENIN_VAR_DIR"] = str(BENCH_VAR)

import django

django.setup()

from bench import database, load  # noqa: E402
from bench.urls import BASELINE_PATH, CHROME_PATH, GC_PATH  # noqa: E402

# Rendered pages that allocate: the frame, the catalogue of every initiative, one initiative with everything on it.
PAGES = [
    ("frame only (base.html)", CHROME_PATH),
    ("action plan catalogue", "/handlingsplan/"),
    ("initiative detail", "/handlingsplan/insatser/bench-exempel/"),
]
RESULTS_DIR = ROOT / "bench" / "results"


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.gc", description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers (default 3, as deployed)")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of load per page (default 10)")
    parser.add_argument("--max-requests", type=int, default=5000, help="at most this many requests per page")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads (default 4)")
    parser.add_argument("--quick", action="store_true", help="2 s per page")
    add_redis_arguments(parser)
    args = parser.parse_args(argv)
    if args.quick:
        args.duration = min(args.duration, 2.0)
    return args


def poll_workers(port: int, workers: int, rounds: int = 30) -> list[dict[str, Any]]:
    """Each worker's first answer from /bench/gc. Requests go out `workers` at a time, so that a busy worker
    leaves the next one to the others; the earliest answer of each process (fewest requests) is kept, since
    every answer runs a full collection."""
    found: dict[int, dict[str, Any]] = {}
    lock = threading.Lock()

    def ask() -> None:
        status, body = load.get(port, GC_PATH)
        if status == 200:
            state = json.loads(body)
            with lock:
                known = found.get(state["pid"])
                if known is None or state["requests"] < known["requests"]:
                    found[state["pid"]] = state

    for _ in range(rounds):
        threads = [threading.Thread(target=ask) for _ in range(workers + 1)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if len(found) >= workers:
            break
    return sorted(found.values(), key=lambda state: state["pid"])


def proc_memory(pid: int) -> dict[str, int]:
    """Memory of a process we started (the gunicorn master), in kB, as bench.urls.memory reads its own."""
    found: dict[str, int] = {}
    try:
        lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    except OSError:
        return {}
    for line in lines:
        name, _, rest = line.partition(":")
        if rest.strip().endswith("kB"):
            found[name] = int(rest.split()[0])
    return {"rss_kb": found.get("Rss", 0), "pss_kb": found.get("Pss", 0)}


def run(args: argparse.Namespace, redis_url: str, *, freeze: bool) -> dict[str, Any]:
    port = load.free_port()
    env = {**production_env(0, redis_url), "GUNICORN_GC_FREEZE": "1" if freeze else "0"}
    log = BENCH_VAR / "gunicorn.log"
    print(f"gunicorn, {args.workers} workers, gc.freeze() {'on' if freeze else 'off'} …", flush=True)
    with load.Server(port=port, workers=args.workers, env=env, log=log, cwd=ROOT) as server:
        server.wait_ready(BASELINE_PATH)
        # Every worker's first requests import and compile what the preload left out: not part of the baseline.
        load.hammer(port, BASELINE_PATH, concurrency=args.concurrency, duration=2.0, max_requests=args.max_requests)

        def hammer(path: str) -> load.Measured:
            for _ in range(max(5, 2 * args.workers)):
                load.get(port, path)
            return load.hammer(
                port, path, concurrency=args.concurrency, duration=args.duration, max_requests=args.max_requests
            )

        baselines = [hammer(BASELINE_PATH).per_second]
        pages: list[dict[str, Any]] = []
        for name, path in PAGES:
            status, _ = load.get(port, path)
            if status != 200:
                raise SystemExit(f"{path} answered {status}: run `python -m bench` first (see bench/README.md).")
            measured = hammer(path)
            pages.append({"name": name, "path": path, "requests_per_second": round(measured.per_second, 1)})
            print(f"  {name}: {measured.per_second:.0f} req/s, {measured.errors} errors", flush=True)
        baselines.append(hammer(BASELINE_PATH).per_second)
        workers = poll_workers(port, args.workers)
        assert server.process is not None
        master = proc_memory(server.process.pid)
    baseline = statistics.fmean(baselines)
    for page in pages:
        page["share_of_baseline"] = round(page["requests_per_second"] / baseline, 3) if baseline else None
    return {
        "freeze": freeze,
        "baseline_requests_per_second": [round(b, 1) for b in baselines],
        "pages": pages,
        "workers": workers,
        "master": master,
    }


def median(run: dict[str, Any], key: str) -> float:
    return statistics.median(worker[key] for worker in run["workers"]) if run["workers"] else float("nan")


def summary(run: dict[str, Any]) -> dict[str, str]:
    workers = run["workers"]
    requests = sum(worker["requests"] for worker in workers)
    collections = sum(worker["gen2_collections"] for worker in workers)
    cells = {
        "workers that answered": str(len(workers)),
        "full collection, ms (median over workers)": f"{median(run, 'full_collection_ms'):.1f}",
        "tracked objects (median)": f"{median(run, 'tracked'):,.0f}",
        "frozen objects (median)": f"{median(run, 'frozen'):,.0f}",
        "generation-2 collections per 100 requests": f"{collections / requests * 100:.2f}" if requests else "–",
        "worker RSS, MB (median)": f"{median(run, 'rss_kb') / 1024:.1f}",
        "worker PSS, MB (median)": f"{median(run, 'pss_kb') / 1024:.1f}",
        "worker private, MB (median)": f"{median(run, 'private_kb') / 1024:.1f}",
        "master RSS, MB": f"{run['master'].get('rss_kb', 0) / 1024:.1f}",
        "baseline req/s (first, last)": ", ".join(f"{b:.0f}" for b in run["baseline_requests_per_second"]),
    }
    for page in run["pages"]:
        cells[f"{page['name']}: req/s (share of baseline)"] = (
            f"{page['requests_per_second']:.0f} ({page['share_of_baseline']:.0%})"
        )
    return cells


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    if not database.has_data():
        raise SystemExit("The bench database is empty: run `python -m bench` first (see bench/README.md).")
    stamp = datetime.datetime.now(tz=datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    print("Collecting static files …", flush=True)
    collect_static()
    redis_url = choose_redis(args)
    load_before = os.getloadavg()
    on = run(args, redis_url, freeze=True)
    if redis_url:
        choose_redis(args)  # the second server starts from an empty cache too
    off = run(args, redis_url, freeze=False)
    load_after = os.getloadavg()
    print()
    print(
        f"## gc.freeze() – {database.describe()}, gunicorn {args.workers} sync workers, {describe_redis(redis_url)}, "
        f"page cache off, {args.duration:g} s per page, {args.concurrency} client threads"
    )
    print(f"Machine load average (1 min): {load_before[0]:.1f} before, {load_after[0]:.1f} after.")
    print()
    print("| | freeze on | freeze off |\n| --- | ---: | ---: |")
    left, right = summary(on), summary(off)
    for name, value in left.items():
        print(f"| {name} | {value} | {right.get(name, '–')} |")
    path = RESULTS_DIR / f"gc-{stamp}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    record = {
        "timestamp": stamp,
        "database": database.describe(),
        "redis_url": redis_url,
        "workers": args.workers,
        "duration_per_page": args.duration,
        "concurrency": args.concurrency,
        "load_average_before": load_before,
        "load_average_after": load_after,
        "freeze_on": on,
        "freeze_off": off,
    }
    path.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(f"\nResults written to {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
