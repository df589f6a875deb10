"""`python -m bench.meetings`: the meetings module at national volume (5,000 events, 100,000 registrations),
timed in-process against a baseline measured in the same run.

On its own database (var/bench/meetings.sqlite3, or the PostgreSQL database DATABASE_URL names, which must
contain "bench"), filled as `python -m bench` fills it but with only what meetings need: the reference data,
the organisations, the agreement periods and the meetings generator, at `--scale 1.0` (national volume) by
default; `--reuse` keeps the data of the last run. With Django's test client and no page cache, so every
figure is a rendered response:

- **pages**: the event list (upcoming, past, filtered), one event's page and its registration form, the
  events API and the calendar feed of all public events, each against `/bench/baseline` (the site's whole
  middleware stack and a two-byte response) timed in the same run;
- **registration**: a guest's registration posted through the public form (honeypot, rate limit, the locked
  service, the confirmation mail with its .ics rendered and sent to the in-memory backend), for an event with
  free seats and for a full one (the waitlist), and a cancellation through the signed link that promotes the
  first in line; against a bare `Registration.objects.create` of the same row.

Each figure is milliseconds per request, the best of `--repeat` rounds of `--requests` requests (the least
disturbed by the other work on the machine), with the ratio to its baseline and the queries of one request.
Every write is rolled back, so the bench database is left as it was. Never a test; see bench/README.md.
"""

from __future__ import annotations

import argparse
import importlib
import os
import random
import statistics
import time
from collections.abc import Callable
from itertools import count
from pathlib import Path
from typing import Any

BENCH_VAR = Path(__file__).resolve().parent.parent / "var" / "bench"
BENCH_VAR.mkdir(parents=True, exist_ok=True)
DATABASE = BENCH_VAR / "meetings.sqlite3"
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
os.environ["VAGENIN_VAR_DIR"] = str(BENCH_VAR)
os.environ.setdefault("API_RATE", "100000000/min")
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
elif "bench" not in os.environ["DATABASE_URL"].rsplit("/", 1)[-1]:
    raise SystemExit("DATABASE_URL must name a database with 'bench' in its name.")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core import mail  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.signals import request_finished, request_started  # noqa: E402
from django.db import close_old_connections, connection, transaction  # noqa: E402
from django.db.models import Count, F, Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench import database  # noqa: E402
from bench.load import HEADERS  # noqa: E402
from bench.urls import BASELINE_PATH, CHROME_PATH  # noqa: E402
from vagenin.meetings.links import make_token  # noqa: E402
from vagenin.meetings.models import Event, Registration, RegistrationStatus  # noqa: E402
from vagenin.site.management.commands.load_reference import load_reference  # noqa: E402

# What the meetings generator draws on, then itself: the same modules and random streams as bench/generate.py.
GENERATORS = ["bench.generators.organisations", "bench.generators.agreement", "bench.generators.meetings"]


def prepare(*, reuse: bool, seed: int, scale: float) -> None:
    if reuse and database.has_data() and Event.objects.exists():
        print(f"Reusing the data already in {database.describe()}.")
        return
    print(f"Creating {database.describe()} at scale {scale} …", flush=True)
    database.recreate()
    connection.close()
    call_command("migrate", verbosity=0)
    load_reference(base=settings.BASE_DIR / "reference")
    for name in GENERATORS:
        module = importlib.import_module(name)
        started = time.perf_counter()
        with transaction.atomic():
            counts = module.generate(random.Random(f"{seed}:{name}"), scale)
        described = ", ".join(f"{count:,} {label}" for label, count in counts.items())
        print(f"  {name}: {described} ({time.perf_counter() - started:.1f} s)", flush=True)
    database.analyze()


REPEAT = 3
REQUESTS = 30
GUEST_DOMAIN = "bench-guest.example"


class Rollback(Exception):
    """Raised to leave the transaction without keeping its writes."""


def run_commit_callbacks() -> None:
    """Run what the services queued for after their commit (the mails), as a commit would: the bench keeps
    everything inside one transaction that it rolls back."""
    while connection.run_on_commit:
        callbacks = list(connection.run_on_commit)
        connection.run_on_commit.clear()
        for _savepoints, callback, _robust in callbacks:
            callback()


def per_request(step: Callable[[int], Any], *, repeat: int, requests: int, numbers: count) -> float:
    """Milliseconds per call of `step`, the best of `repeat` rounds of `requests` calls."""
    rounds = []
    for _ in range(repeat):
        started = time.perf_counter()
        for _ in range(requests):
            step(next(numbers))
        rounds.append((time.perf_counter() - started) / requests * 1000)
    return min(rounds)


def queries_of(step: Callable[[], Any]) -> int:
    with CaptureQueriesContext(connection) as captured:
        step()
    return len(captured.captured_queries)


def get(client: Client, path: str) -> Callable[[int], Any]:
    def step(_number: int) -> Any:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        return response

    return step


def register_step(client: Client, event: Event, expected: str) -> Callable[[int], Any]:
    path = f"/moten/{event.uuid}/anmal/"

    def step(number: int) -> Any:
        # A new address per request, so the rate limit (per client address) never answers instead.
        response = client.post(
            path,
            {"name": f"Bench Gäst {number}", "email": f"gast{number}@{GUEST_DOMAIN}", "list_consent": "on"},
            REMOTE_ADDR=f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}",
        )
        assert response.status_code == 302, (path, response.status_code, response.content[:2000])
        assert response["Location"].endswith(f"status={expected}"), response["Location"]
        run_commit_callbacks()
        return response

    return step


def cancel_step(client: Client, event: Event) -> Callable[[int], Any]:
    """Cancel the next confirmed registration of a full event through its signed link: the first in line moves
    up and is mailed. The confirmed go first, then those on the waitlist in their order, each promoted by an
    earlier cancellation before its own turn comes."""
    registrations = event.registrations.order_by("created_at", "pk")
    in_order = [
        *registrations.filter(status=RegistrationStatus.CONFIRMED).values_list("uuid", flat=True),
        *registrations.filter(status=RegistrationStatus.WAITLISTED).values_list("uuid", flat=True),
    ]
    tokens = iter([make_token(registration_uuid, "manage") for registration_uuid in in_order])

    def step(_number: int) -> Any:
        token = next(tokens)
        response = client.post(f"/moten/anmalan/?t={token}", {"action": "cancel"})
        assert response.status_code == 302, response.status_code
        run_commit_callbacks()
        return response

    return step


def bare_create(event: Event) -> Callable[[int], Any]:
    def step(number: int) -> Any:
        return Registration.objects.create(
            event=event,
            name=f"Bench Rad {number}",
            email=f"rad{number}@{GUEST_DOMAIN}",
            list_consent=True,
            status=RegistrationStatus.CONFIRMED,
        )

    return step


def pick_events() -> tuple[Event, Event, Event]:
    """A public upcoming event with free seats, one full with a waitlist, and the showcase event of the pages."""
    upcoming = Event.objects.public().filter(starts_at__gt=timezone.now(), cancelled_at__isnull=True)
    free = upcoming.filter(capacity__isnull=True).order_by("starts_at", "pk").first()
    full = (
        upcoming.filter(capacity__isnull=False)
        .annotate(
            seats=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)),
            waiting=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)),
        )
        .filter(seats__gte=F("capacity"), waiting__gte=1)
        .order_by("-seats", "pk")
        .first()
    )
    showcase = Event.objects.public().order_by("pk").first()
    if free is None or full is None or showcase is None:
        raise SystemExit("No upcoming public events in the bench data: rebuild it without --reuse.")
    return free, full, showcase


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.meetings", description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", action="store_true", help="keep the data of the last bench run if present")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scale", type=float, default=1.0, help="1.0: 5,000 events, 100,000 registrations")
    parser.add_argument("--repeat", type=int, default=REPEAT, help="rounds per figure, the fastest counts")
    parser.add_argument("--requests", type=int, default=REQUESTS, help="requests per round")
    args = parser.parse_args(argv)
    prepare(reuse=args.reuse, seed=args.seed, scale=args.scale)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # As Django's test runner does: the client's requests must not close the connection of the open transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)

    free, full, showcase = pick_events()
    events, registrations = Event.objects.count(), Registration.objects.count()
    public = Event.objects.public().count()
    print(
        f"\nMeetings at {events:,} events ({public:,} public) and {registrations:,} registrations; "
        f"load average {os.getloadavg()[0]:.2f}; {args.repeat} rounds of {args.requests} requests, the best counts\n"
    )
    client = Client(headers=HEADERS)
    numbers = count(1)
    timing = {"repeat": args.repeat, "requests": args.requests, "numbers": numbers}
    rows: list[tuple[str, float, float, int]] = []

    def measure(label: str, step: Callable[[int], Any], base: float, *, single: Callable[[], Any]) -> float:
        step(next(numbers))  # warm-up: per-process caches, templates
        queries = queries_of(single)
        ms = per_request(step, **timing)  # type: ignore[arg-type]
        rows.append((label, ms, ms / base if base else 1.0, queries))
        print(f"  {label}: {ms:.1f} ms, {queries} queries", flush=True)
        return ms

    baseline = measure(
        "baseline: /bench/baseline",
        get(client, BASELINE_PATH),
        0,
        single=lambda: client.get(BASELINE_PATH),
    )
    rows[-1] = (rows[-1][0], baseline, 1.0, rows[-1][3])
    pages = [
        ("frame only (base.html)", CHROME_PATH),
        ("event list", "/moten/"),
        ("event list, past", "/moten/?tid=tidigare"),
        ("event list, filtered", "/moten/?slag=process_day&kommun=2080"),
        ("event page", f"/moten/{showcase.uuid}/"),
        ("registration form", f"/moten/{showcase.uuid}/anmal/"),
        ("API events", "/api/v1/events/"),
        ("API events, upcoming in an area", "/api/v1/events/?upcoming=true&area=arbete"),
        ("calendar feed, all public events", "/moten/kalender.ics"),
    ]
    for label, path in pages:
        measure(label, get(client, path), baseline, single=lambda path=path: client.get(path))

    try:
        with transaction.atomic():
            bare = measure("bare Registration.objects.create", bare_create(free), 0, single=lambda: None)
            rows[-1] = (rows[-1][0], bare, 1.0, 1)
            measure(
                "registration, free seat (form, service, mail with .ics)",
                register_step(client, free, RegistrationStatus.CONFIRMED),
                bare,
                single=lambda: register_step(client, free, RegistrationStatus.CONFIRMED)(next(numbers)),
            )
            cache.clear()  # the rate limit's counters of the warm-up addresses
            measure(
                "registration, full event (waitlist)",
                register_step(client, full, RegistrationStatus.WAITLISTED),
                bare,
                single=lambda: register_step(client, full, RegistrationStatus.WAITLISTED)(next(numbers)),
            )
            cancel = cancel_step(client, full)
            measure(
                "cancellation by signed link, first in line promoted",
                cancel,
                bare,
                single=lambda: cancel(0),
            )
            sent = len(getattr(mail, "outbox", []))
            raise Rollback
    except Rollback:
        pass

    print("| step | ms per request | × its baseline | queries |")
    print("| --- | ---: | ---: | ---: |")
    for label, ms, ratio, queries in rows:
        print(f"| {label} | {ms:.1f} | {ratio:.1f} | {queries} |")
    print(
        f"\nPages against /bench/baseline; registration and cancellation against the bare insert. {sent:,} mails "
        f"rendered and sent to the in-memory backend; every write rolled back. "
        f"Load average after: {statistics.fmean(os.getloadavg()):.2f} (1/5/15-minute mean)."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
