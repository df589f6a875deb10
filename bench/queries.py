"""SQL queries and CPU time per page, measured in-process with Django's test client against the bench database."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.load import HEADERS


@dataclass
class Counted:
    status: int
    queries: int
    sql_ms: float
    cpu_ms: float
    sql: list[str] = field(default_factory=list)


def count(path: str, *, repeat: int = 10, user: Any = None) -> Counted:
    """Queries of the second request (the first warms per-process caches), then CPU time per request.

    CPU time of this process (not wall time) barely depends on what else the machine runs, so it shows a
    page's own cost even when the load test's throughput is disturbed. It excludes the database server's
    time with PostgreSQL; with SQLite the queries run in this process and are included.
    """
    client = Client(headers=HEADERS)
    if user is not None:
        client.force_login(user)
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    # Read the capture now: every new request empties the connection's query log.
    queries = list(captured.captured_queries)
    started = time.process_time()
    for _ in range(repeat):
        client.get(path)
    cpu_ms = (time.process_time() - started) / repeat * 1000
    return Counted(response.status_code, len(queries), _sql_ms(client, path), cpu_ms, [q["sql"] for q in queries])


def _sql_ms(client: Client, path: str, *, tries: int = 5) -> float:
    """Wall time the page spends in the database: the least of a few tries, since other work only adds to it."""
    found = []
    for _ in range(tries):
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        found.append(sum(float(query["time"]) for query in captured.captured_queries) * 1000)
    return min(found)
