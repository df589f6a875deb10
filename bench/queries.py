"""SQL queries per page, counted in-process with Django's test client against the bench database."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.load import HEADERS


@dataclass
class Counted:
    status: int
    queries: int
    sql_ms: float
    sql: list[str] = field(default_factory=list)


def count(path: str) -> Counted:
    """Queries of the second request: the first one warms per-process caches (content types, translations)."""
    client = Client(headers=HEADERS)
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    sql_ms = sum(float(query["time"]) for query in captured.captured_queries) * 1000
    return Counted(response.status_code, len(captured), sql_ms, [query["sql"] for query in captured.captured_queries])
