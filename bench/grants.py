"""`python -m bench.grants`: the grant officer's pages at 20,000 applications, timed in-process against a baseline.

The load test (`python -m bench`) only makes anonymous requests, so the pages behind a login are measured
here: the officer's list of applications (first page, a late page, filtered), the scores side by side of the
largest call (first and a late page), the statistics per programme and year (HTML, CSV, XLSX), the busiest
reviewer's list, and the public list of granted grants for comparison. Each goes through Django's whole
middleware stack with the test client, logged in as a bench grant officer; the baseline is `/bench/baseline`
(a two-byte response through the same stack) measured first and last in the same run. Printed per page: the
best of `--repeat` wall times in ms, its ratio to the baseline, the SQL queries and their time.

Data: `python -m bench`'s generators at `--scale` (default 0.1: the other modules' data at a tenth), then
grants topped up to `--applications` (default 20,000) over the same calls. `--reuse` keeps the database of
the last run and only tops up. Same `DATABASE_URL` rules as `python -m bench` (see bench/README.md).
"""

from __future__ import annotations

import argparse
import os
import random
import time
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench import database
from bench.__main__ import prepare_data  # sets up Django on the bench settings and database
from bench.generators import grants as generator
from bench.load import HEADERS
from bench.urls import BASELINE_PATH
from vagenin.accounts.models import RoleGrant, StaffRole, User
from vagenin.grants.models import Application, Call, ReviewAssignment

OFFICER = "bench-bidrag@bench.example"
MAX_QUERIES = 20  # as vagenin/grants/tests/test_query_budgets.py


@dataclass
class Timed:
    name: str
    path: str
    status: int
    best_ms: float
    queries: int
    sql_ms: float


def with_mfa(user: User) -> User:
    """Staff pages send a user without a TOTP authenticator to set one up: give the bench users one."""
    from allauth.mfa.models import Authenticator  # after django.setup() in bench.__main__
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, generate_totp_secret())
    return user


def officer() -> User:
    user, _created = User.objects.get_or_create(email=OFFICER, defaults={"full_name": "Bench Bidragshandläggare"})
    RoleGrant.objects.get_or_create(user=user, role=StaffRole.GRANT_OFFICER)
    return with_mfa(user)


def timed(client: Client, name: str, path: str, repeat: int) -> Timed:
    client.get(path)  # warm per-process caches (templates, translations, the user's roles)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    queries = list(captured.captured_queries)
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(path)
        best = min(best, time.perf_counter() - started)
    sql_ms = sum(float(query["time"]) for query in queries) * 1000
    return Timed(name, path, response.status_code, best * 1000, len(queries), sql_ms)


def pages() -> list[tuple[str, str, str]]:
    """(name, path, who) for each page: "officer", "reviewer" (the busiest) or "anonymous"."""
    largest = Call.objects.annotate(n=Count("applications")).order_by("-n", "pk").first()
    busiest = (
        ReviewAssignment.objects.values("reviewer_id").annotate(n=Count("pk")).order_by("-n", "reviewer_id").first()
    )
    call_year = largest.year if largest else 2026
    programme = largest.programme.slug if largest else ""
    overview = reverse("grants:overview") + f"?program={programme}&ar={call_year}"
    officer_list = reverse("grants:officer_list")
    found = [
        ("officer list", officer_list, "officer"),
        ("officer list, page 100", officer_list + "?sida=100", "officer"),
        ("officer list, in review, searched", officer_list + "?status=in_review&q=Spr%C3%A5kcaf%C3%A9", "officer"),
        ("statistics per programme and year", overview, "officer"),
        ("statistics, CSV", overview + "&format=csv", "officer"),
        ("statistics, XLSX", overview + "&format=xlsx", "officer"),
        ("granted grants (public)", reverse("grants:granted"), "anonymous"),
    ]
    if largest is not None:
        review = reverse("grants:call_review", args=[largest.slug])
        found[3:3] = [
            ("scores side by side, largest call", review, "officer"),
            ("scores side by side, page 20", review + "?sida=20", "officer"),
        ]
    if busiest is not None:
        found.append(("my reviews, busiest reviewer", reverse("grants:my_reviews"), f"user:{busiest['reviewer_id']}"))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.grants", description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", action="store_true", help="keep the data of the last bench run if present")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scale", type=float, default=0.1, help="volume of the other modules' data")
    parser.add_argument("--applications", type=int, default=20_000, help="grant applications to measure at")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    prepare_data(argparse.Namespace(reuse=args.reuse, seed=args.seed, scale=args.scale))
    started = time.perf_counter()
    with transaction.atomic():
        added = generator.top_up(random.Random(f"{args.seed}:bench.grants"), args.applications)
    if added:
        database.analyze()
        print(f"  grants topped up: {added} ({time.perf_counter() - started:.1f} s)")
    user = officer()
    clients = {"anonymous": Client(headers=HEADERS), "officer": Client(headers=HEADERS)}
    clients["officer"].force_login(user)

    def client_for(who: str) -> Client:
        if who not in clients:
            clients[who] = Client(headers=HEADERS)
            clients[who].force_login(with_mfa(User.objects.get(pk=int(who.split(":")[1]))))
        return clients[who]

    load_before = os.getloadavg()
    first = timed(clients["officer"], "baseline", BASELINE_PATH, args.repeat * 4)
    results = [timed(client_for(who), name, path, args.repeat) for name, path, who in pages()]
    last = timed(clients["officer"], "baseline", BASELINE_PATH, args.repeat * 4)
    baseline_ms = (first.best_ms + last.best_ms) / 2
    load_after = os.getloadavg()

    count = Application.objects.count()
    print(f"\nGrants at {count:,} applications ({database.describe()}), best of {args.repeat}, in-process")
    print(f"Load average before {load_before[0]:.2f}, after {load_after[0]:.2f}\n")
    print("| page | status | ms | × baseline | queries | SQL ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    print(
        f"| baseline ({BASELINE_PATH}, first / last) | 200 | {first.best_ms:.2f} / {last.best_ms:.2f} | 1.0 | 0 | 0 |"
    )
    missed = []
    for result in results:
        ratio = result.best_ms / baseline_ms
        print(
            f"| {result.name} | {result.status} | {result.best_ms:.1f} | {ratio:.0f} | {result.queries} "
            f"| {result.sql_ms:.1f} |"
        )
        if result.status != 200:
            missed.append(f"{result.name}: answered {result.status}")
        if result.queries > MAX_QUERIES:
            missed.append(f"{result.name}: {result.queries} queries (budget {MAX_QUERIES})")
    if missed:
        print("\nMissed targets:\n" + "\n".join(f"- {line}" for line in missed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
