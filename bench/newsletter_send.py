"""`python -m bench.newsletter_send`: send one newsletter issue to N subscribers through a local SMTP sink and
compare the rate with a bare smtplib loop sending to the same sink in the same run.

The sink is a tiny SMTP server on 127.0.0.1 (stdlib sockets and a thread per connection; it accepts and
counts every message, stores nothing). It runs in a process of its own, so that its replies never wait for
the sender's interpreter lock: both paths pay the same round trips to a separate server, as with a real one.

The platform's path is the real one: `start_sending` writes one delivery row per subscriber and `deliver`
claims, renders (HTML and text, per language and choice of areas), sends and marks each one in its own
transaction, with the rate limit off. The bare loop sends the bytes of one real recipient's mail, already
serialised. Its own SQLite database under var/bench/ unless DATABASE_URL names a database with "bench" in
its name.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import smtplib
import socketserver
import time
from pathlib import Path
from typing import Any

BENCH_VAR = Path(__file__).resolve().parent.parent / "var" / "bench"
BENCH_VAR.mkdir(parents=True, exist_ok=True)
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
os.environ["VAGENIN_VAR_DIR"] = str(BENCH_VAR)
DATABASE = BENCH_VAR / "newsletter_send.sqlite3"


class SinkHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for smtplib: greet, accept every command, read DATA to the lone dot, count it."""

    def handle(self) -> None:
        self.wfile.write(b"220 sink ESMTP\r\n")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            command = line[:4].upper()
            if command in (b"EHLO", b"HELO"):
                self.wfile.write(b"250-sink\r\n250 8BITMIME\r\n")
            elif command == b"DATA":
                self.wfile.write(b"354 go ahead\r\n")
                while self.rfile.readline() not in (b".\r\n", b""):
                    pass
                with self.server.received.get_lock():  # type: ignore[attr-defined]
                    self.server.received.value += 1  # type: ignore[attr-defined]
                self.wfile.write(b"250 queued\r\n")
            elif command == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


class SinkServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def _serve(received: Any, port: Any) -> None:
    server = SinkServer(("127.0.0.1", 0), SinkHandler)
    server.received = received  # type: ignore[attr-defined]
    port.value = int(server.server_address[1])
    server.serve_forever()


class Sink:
    """The SMTP sink in a child process; `received` counts the messages it accepted."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self._received = context.Value("q", 0)
        self._port = context.Value("i", 0)
        self._process = context.Process(target=_serve, args=(self._received, self._port), daemon=True)
        self._process.start()
        deadline = time.monotonic() + 30
        while not self._port.value:
            if time.monotonic() > deadline or not self._process.is_alive():
                raise SystemExit("The SMTP sink did not start.")
            time.sleep(0.05)

    @property
    def port(self) -> int:
        return int(self._port.value)

    @property
    def received(self) -> int:
        return int(self._received.value)

    def shutdown(self) -> None:
        self._process.terminate()
        self._process.join(5)


def bare_loop(port: int, count: int, raw: bytes) -> float:
    """Messages per second of a plain smtplib loop over one connection sending the same bytes: the ceiling."""
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for number in range(count):
            smtp.sendmail("noreply@vagenin.example", [f"prenumerant{number}@bench.example"], raw)
    return count / (time.perf_counter() - started)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.newsletter_send", description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000, help="subscribers (default 100,000)")
    parser.add_argument("--bare-count", type=int, default=0, help="messages for the bare loop (default: --count)")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        DATABASE.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
    elif "bench" not in os.environ["DATABASE_URL"].rsplit("/", 1)[-1]:
        raise SystemExit("DATABASE_URL must name a database with 'bench' in its name.")

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from bench.generators.newsletter import subscribers
    from vagenin.accounts.models import User
    from vagenin.newsletter import compose, services
    from vagenin.newsletter.models import Issue, NewsItem, NewsStatus
    from vagenin.organisations.models import Organisation

    call_command("migrate", verbosity=0)
    settings.NEWSLETTER_RATE_PER_SECOND = 0
    settings.CELERY_TASK_ALWAYS_EAGER = True
    sink = Sink()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", sink.port, False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""

    print(f"Creating {args.count:,} subscribers …", flush=True)
    rng = random.Random("1:newsletter_send")
    started = time.perf_counter()
    subscribers(rng, args.count)
    print(f"  {time.perf_counter() - started:.1f} s", flush=True)
    actor = User.objects.create_user("kansli@bench.example", "x")
    organisation = Organisation.objects.create(slug="kansliet", name="Kansliet", type="region")
    news = [
        NewsItem.objects.create(
            organisation=organisation,
            title_sv=f"Nyhet {number}",
            title_en=f"News {number}",
            summary_sv="Nyheter om integration i länet.",
            status=NewsStatus.APPROVED,
            published_at=django.utils.timezone.now(),
        )
        for number in range(5)
    ]
    issue = services.save_issue(
        actor=actor,
        issue=None,
        data={"subject_sv": "Nyhetsbrev 1", "subject_en": "Newsletter 1", "intro_sv": "## Hej\n\nText.", "news": news},
    )
    # The bare loop sends the bytes of one real recipient's mail (HTML and text parts, headers), unchanged.
    links = {"unsubscribe": compose.absolute("/x/"), "preferences": compose.absolute("/y/")}
    raw = compose.message(compose.build(issue, "sv"), to="prenumerant@bench.example", links=links).message().as_bytes()

    bare_count = args.bare_count or args.count
    print(f"Bare smtplib loop, {bare_count:,} messages …", flush=True)
    bare_rate = bare_loop(sink.port, bare_count, raw)
    received_before = sink.received

    print(f"The platform: start_sending + deliver to {args.count:,} subscribers …", flush=True)
    started = time.perf_counter()
    services.start_sending(actor=actor, issue=issue)  # eager: the task runs here, to the end
    seconds = time.perf_counter() - started
    issue = Issue.objects.get(pk=issue.pk)
    counts = services.delivery_counts(issue)
    delivered = sink.received - received_before
    platform_rate = counts["sent"] / seconds
    sink.shutdown()
    print()
    print("| path | messages | seconds | messages/s | share of bare loop |")
    print("| --- | ---: | ---: | ---: | ---: |")
    print(f"| bare smtplib loop | {bare_count:,} | {bare_count / bare_rate:.1f} | {bare_rate:,.0f} | 100 % |")
    share = 100 * platform_rate / bare_rate
    sent = counts["sent"]
    print(f"| platform (rows, render, send, mark) | {sent:,} | {seconds:.1f} | {platform_rate:,.0f} | {share:.0f} % |")
    print()
    print(
        f"Issue status {issue.status}; deliveries {counts}; the sink received {delivered:,}; "
        f"database {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}; "
        f"pending left {counts['pending']}; failed {counts['failed']}; "
        f"{'OK' if delivered == counts['sent'] == args.count and issue.status == 'sent' else 'MISMATCH'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
