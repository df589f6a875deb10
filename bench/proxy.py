"""`python -m bench.proxy`: two visitors behind one reverse proxy, as docs/deploy.md deploys the site.

Behind nginx every request arrives from the proxy's address; the visitor's own address is in X-Forwarded-For.
This load test starts gunicorn on a fresh database and plays the proxy from 127.0.0.1: visitor A
(198.51.100.7) sends failed logins and contact messages well past every limit, then visitor B (203.0.113.9)
logs in to their own account and sends one contact message. It runs the same script twice:

- with `TRUSTED_PROXIES=127.0.0.1`, as deployed: A is refused, B is not (each client has its own bucket);
- with no trusted proxy (the header ignored): everybody shares the proxy's bucket and B is refused too.

It also shows the lockout per account: after A's failures against account X, a correct login to X is refused
for a while (from anywhere) while account Y, from the same client as B, logs in.

The per-client counters live in the shared cache, so the server runs with Redis (database 13, emptied first)
when 127.0.0.1:6379 answers, and with one worker and its own memory otherwise. Nothing here is timed:
it prints how many of B's requests were refused in each set-up.
"""

from __future__ import annotations

import http.client
import http.cookies
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from bench.load import free_port

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PASSWORD = "Kanelbulle-1987-fika"  # noqa: S105  # invented accounts on a throw-away database
ATTACKER, VISITOR = "198.51.100.7", "203.0.113.9"
# Account X (the one attacked) and account Y (visitor B's own); invented people.
ACCOUNT_X, ACCOUNT_Y = "anna.exempel@example.org", "bertil.prov@example.org"
ATTEMPTS = 15  # failed logins and contact messages from A: more than every limit (10/min, 5/5 min, 10/10 min)
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def flush_redis(database: int) -> None:
    with socket.create_connection(("127.0.0.1", 6379), timeout=2) as connection:
        connection.sendall(f"SELECT {database}\r\nFLUSHDB\r\n".encode())
        time.sleep(0.1)
        connection.recv(64)


@dataclass
class Browser:
    """One visitor's cookies, arriving through the proxy with their address in X-Forwarded-For."""

    port: int
    address: str
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, bytes]:
        headers = {"X-Forwarded-For": self.address, "Accept-Language": "sv", "User-Agent": "vagenin-bench-proxy"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in http.cookies.SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, response.read()
        finally:
            connection.close()

    def post_form(self, path: str, fields: dict[str, str]) -> tuple[int, bytes]:
        status, page = self.request("GET", path)
        match = TOKEN.search(page)
        if status == 429 or match is None:
            return status, page
        return self.request("POST", path, {"csrfmiddlewaretoken": match.group(1).decode(), **fields})

    def log_in(self, email: str, password: str) -> bool:
        """True when the login went through (a redirect away from the login page)."""
        self.cookies.pop("sessionid", None)
        status, _ = self.post_form("/konto/login/", {"login": email, "password": password})
        return status == 302

    def contact(self, text: str) -> bool:
        """True when the contact form took the message."""
        status, _ = self.post_form("/kontakt/", {"name": "Besökare", "email": "", "body": text, "website": ""})
        return status == 302


def run(label: str, env: dict[str, str]) -> dict[str, int]:
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [PYTHON, "-m", "gunicorn", "vagenin.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", env["WORKERS"]],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if Browser(port, VISITOR).request("GET", "/kontakt/")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not start")
            time.sleep(0.3)
        if env.get("REDIS_URL"):
            flush_redis(13)
        attacker, visitor = Browser(port, ATTACKER), Browser(port, VISITOR)
        a_logins_refused = sum(not attacker.log_in(ACCOUNT_X, "fel-lösenord") for _ in range(ATTEMPTS))
        a_messages_refused = sum(not attacker.contact(f"Meddelande {n}") for n in range(ATTEMPTS))
        b_own_login = visitor.log_in(ACCOUNT_Y, PASSWORD)
        b_message = visitor.contact("Hej! En fråga om processdagen.")
        b_attacked_account = visitor.log_in(ACCOUNT_X, PASSWORD)
        result = {
            "A: failed logins refused or failing": a_logins_refused,
            "A: contact messages refused": a_messages_refused,
            "B: own account's login refused": int(not b_own_login),
            "B: contact message refused": int(not b_message),
            "B: attacked account X refused (per-account lock)": int(not b_attacked_account),
        }
        print(f"\n{label}")
        for name, value in result.items():
            print(f"  {name:52} {value}")
        return result
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="vagenin-proxy-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "vagenin.settings",
        "DJANGO_SECRET_KEY": "insecure-bench-key",
        "DJANGO_PRODUCTION": "false",
        "DJANGO_DEBUG": "",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{workdir / 'proxy.sqlite3'}",
        "VAGENIN_VAR_DIR": str(workdir),
        "CELERY_BROKER_URL": "",
        "REQUIRE_CELERY_WORKER": "",
        "PAGE_CACHE_SECONDS": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    if redis_answers():
        env.update(REDIS_URL="redis://127.0.0.1:6379/13", WORKERS="3")
        print("Shared cache: Redis database 13, gunicorn with 3 workers (as deployed)")
    else:
        env.update(REDIS_URL="", WORKERS="1")
        print("Redis does not answer: gunicorn with 1 worker and its own memory")
    manage = [PYTHON, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)  # noqa: S603
    create = (
        "from vagenin.accounts.models import User\n"
        f"for email in ({ACCOUNT_X!r}, {ACCOUNT_Y!r}):\n"
        f"    User.objects.create_user(email=email, password={PASSWORD!r})\n"
    )
    subprocess.run([*manage, "shell", "-v", "0", "-c", create], cwd=ROOT, env=env, check=True)  # noqa: S603
    trusted = run("Trusted proxy (TRUSTED_PROXIES=127.0.0.1), as deployed", {**env, "TRUSTED_PROXIES": "127.0.0.1"})
    untrusted = run("No trusted proxy (X-Forwarded-For ignored)", {**env, "TRUSTED_PROXIES": ""})
    shared = "B: own account's login refused", "B: contact message refused"
    print(
        f"\nVisitor B refused behind a trusted proxy: {sum(trusted[k] for k in shared)} of 2; "
        f"without one: {sum(untrusted[k] for k in shared)} of 2"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
