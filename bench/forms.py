"""`python -m bench.forms`: the size and render time of the staff forms with large choice sets, in-process.

The load test only visits anonymous pages; these need a login. Against the database the last `python -m bench`
run left (national volume: 20,000 people, 2,000 organisations, 10,000 initiatives), it renders as a coordinator
and as the editor of one organisation the initiative edit form, the new-initiative form and the working page
of the showcase initiative, and the combobox search endpoints, and prints bytes and the fastest of `--repeat`
renders against the bench's baseline view in the same run. The two users are made in a transaction that is
rolled back. See bench/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import time
from pathlib import Path

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
BENCH_VAR = Path(__file__).resolve().parent.parent / "var" / "bench"
os.environ["VAGENIN_VAR_DIR"] = str(BENCH_VAR)

import django  # noqa: E402

django.setup()

from allauth.mfa.totp.internal.auth import TOTP  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

from bench import database  # noqa: E402
from bench.urls import BASELINE_PATH  # noqa: E402
from vagenin.accounts.models import Membership, MembershipRole, RoleGrant, StaffRole, User  # noqa: E402
from vagenin.actionplan.models import Initiative  # noqa: E402

SHOWCASE_SLUG = "bench-exempel"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105  # a throwaway secret for the rolled-back bench users


class Rollback(Exception):
    """Raised to leave the transaction without keeping the bench users."""


def measure(client: Client, path: str, repeat: int) -> tuple[int, int, float, float]:
    """Status, bytes, fastest and median seconds of `repeat` GETs (after one warm-up)."""
    response = client.get(path)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(path)
        times.append(time.perf_counter() - started)
    return response.status_code, len(response.content), min(times), statistics.median(times)


def run(repeat: int) -> None:
    initiative = Initiative.objects.filter(slug=SHOWCASE_SLUG).first() or Initiative.objects.order_by("pk").first()
    assert initiative is not None, "no initiatives: run `python -m bench` first"
    coordinator = User.objects.create_user("bench-coordinator@example.invalid", "x")
    RoleGrant.objects.create(user=coordinator, role=StaffRole.COORDINATOR)
    TOTP.activate(coordinator, TOTP_SECRET)
    editor = User.objects.create_user("bench-editor@example.invalid", "x")
    Membership.objects.create(user=editor, organisation=initiative.lead_organisation, role=MembershipRole.EDITOR)
    clients = {"coordinator": Client(), "editor": Client()}
    clients["coordinator"].force_login(coordinator)
    clients["editor"].force_login(editor)
    slug = initiative.slug
    pages = [
        ("baseline (minimal view)", "editor", BASELINE_PATH),
        ("initiative edit form", "coordinator", reverse("actionplan:edit", kwargs={"slug": slug})),
        ("initiative edit form", "editor", reverse("actionplan:edit", kwargs={"slug": slug})),
        ("new initiative form", "coordinator", reverse("actionplan:create")),
        ("working page", "coordinator", reverse("actionplan:manage", kwargs={"slug": slug})),
        ("working page", "editor", reverse("actionplan:manage", kwargs={"slug": slug})),
    ]
    searches = [
        ("organisation search ?q=kommun", "coordinator", "organisations:search", "?q=kommun"),
        ("person search ?q=an", "coordinator", "people:search", "?q=an"),
        ("person search ?q=an", "editor", "people:search", "?q=an"),
    ]
    for name, who, url_name, query in searches:
        with contextlib.suppress(NoReverseMatch):  # the endpoints do not exist before the combobox
            pages.append((name, who, reverse(url_name) + query))
    print(f"Initiative {slug!r}: {Initiative.objects.count():,} initiatives in the database.")
    print()
    print("| page | as | status | bytes | fastest | median | × baseline (fastest) |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: |")
    baseline = 0.0
    for name, who, path in pages:
        status, size, fastest, median = measure(clients[who], path, repeat)
        baseline = baseline or fastest
        print(
            f"| {name} | {who} | {status} | {size:,} | {fastest * 1000:,.1f} ms | {median * 1000:,.1f} ms "
            f"| {fastest / baseline:,.0f}× |",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.forms", description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="renders per page; the fastest counts (default 5)")
    args = parser.parse_args()
    print(f"# Staff forms – {database.describe()}, load average {os.getloadavg()[0]:.1f}")
    try:
        with transaction.atomic():
            run(args.repeat)
            raise Rollback
    except Rollback:
        pass
    print(f"Load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
