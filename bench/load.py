"""A small concurrent HTTP load client (threads and http.client) and the gunicorn server it talks to."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

# Behind the production proxy every request arrives as HTTPS; without this header the app would redirect.
HEADERS = {"X-Forwarded-Proto": "https", "Accept-Language": "sv", "User-Agent": "vagenin-bench"}


@dataclass
class Measured:
    """What one target gave under load."""

    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, share: float) -> float:
        if not self.latencies_ms:
            return 0.0
        if len(self.latencies_ms) == 1:
            return self.latencies_ms[0]
        return statistics.quantiles(self.latencies_ms, n=100, method="inclusive")[round(share * 100) - 1]


def free_port() -> int:
    """A port nobody listens on, on the loopback interface."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def headers_with(cookie: str) -> dict[str, str]:
    """The client's headers, with a session cookie for a logged-in visitor."""
    return {**HEADERS, "Cookie": cookie} if cookie else HEADERS


def get(port: int, path: str, timeout: float = 30.0, *, cookie: str = "") -> tuple[int, bytes]:
    """One GET on a fresh connection: status and body."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers=headers_with(cookie))
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def hammer(port: int, path: str, *, concurrency: int, duration: float, max_requests: int, cookie: str = "") -> Measured:
    """GET `path` from `concurrency` threads until `duration` seconds or `max_requests` requests, whichever first."""
    result = Measured()
    lock = threading.Lock()
    issued = 0
    deadline = time.perf_counter() + duration

    def claim() -> bool:
        nonlocal issued
        with lock:
            if issued >= max_requests or time.perf_counter() >= deadline:
                return False
            issued += 1
            return True

    def worker() -> None:
        # http.client reopens the connection by itself when the server closes it (gunicorn's sync workers do).
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        latencies: list[float] = []
        statuses: dict[int, int] = {}
        errors = 0
        while claim():
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers_with(cookie))
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                connection.close()
                status = 0
            latencies.append((time.perf_counter() - started) * 1000)
            statuses[status] = statuses.get(status, 0) + 1
            errors += status != 200
        connection.close()
        with lock:
            result.latencies_ms += latencies
            result.errors += errors
            for status, count in statuses.items():
                result.statuses[status] = result.statuses.get(status, 0) + count

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - started
    result.requests = len(result.latencies_ms)
    return result


class Server:
    """gunicorn with sync workers on 127.0.0.1, started and stopped by the bench (only this process)."""

    def __init__(self, *, port: int, workers: int, env: dict[str, str], log: Path, cwd: Path) -> None:
        self.port = port
        self.cwd = cwd
        self.workers = workers
        self.env = env
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Server:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "vagenin.wsgi:application",
            f"--bind=127.0.0.1:{self.port}",
            f"--workers={self.workers}",
            "--worker-class=sync",
            "--timeout=60",
            f"--error-logfile={self.log}",
        ]
        # In production a Host port other than SITE_URL's is refused (common.middleware): the site is here.
        env = {**os.environ, "SITE_URL": f"https://127.0.0.1:{self.port}", **self.env}
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and fixed arguments
                command, env=env, cwd=self.cwd, stdout=log, stderr=log
            )
        return self

    def wait_ready(self, path: str, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}; see {self.log}")
            try:
                if get(self.port, path, timeout=5)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer on port {self.port} within {timeout:.0f} s; see {self.log}")

    def __exit__(self, *exc: object) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
