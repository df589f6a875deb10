"""The API fuzzed from its own OpenAPI schema with schemathesis: no 500s, and every response matches the schema.

Schemathesis generates requests for every operation the schema describes (path parameters, filters, formats,
page numbers, and values the schema allows but nobody thought of) and checks each response: not a server
error, a documented status code, a documented content type, headers and a body that validate against the
schema. Hypothesis is derandomised, so a run is repeatable; the data is the demo data every page test uses.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from rest_framework.throttling import AnonRateThrottle
from schemathesis.core.result import Err

from testsupport.inventory import load_site_data

# Per operation. Enough to reach every filter and both formats; the whole test stays around half a minute.
EXAMPLES_PER_OPERATION = 30


@pytest.fixture
def wsgi_app(db: None, settings: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[WSGIHandler]:
    """The site as a WSGI application inside the test's transaction, with the throttle out of the way."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]  # schemathesis's WSGI requests
    # DRF copies the rates into the throttle class when it is imported; a 429 would pass as documented.
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "100000000/min"})
    cache.clear()
    # As Django's test client does: a request must not close the connection that holds the test's transaction.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def fuzz(operation: Any) -> Counter[int]:
    """Send the operation its generated requests and validate every response; the statuses seen."""
    seen: Counter[int] = Counter()

    @hypothesis_settings(
        max_examples=EXAMPLES_PER_OPERATION,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def conforms(case: schemathesis.Case) -> None:
        seen[case.call_and_validate().status_code] += 1

    conforms()
    return seen


def test_every_operation_conforms_to_the_schema(wsgi_app: WSGIHandler) -> None:
    load_site_data()
    schema = schemathesis.openapi.from_wsgi(reverse("api:schema"), wsgi_app)
    operations = []
    for result in schema.get_all_operations():
        if isinstance(result, Err):  # an operation schemathesis cannot read: the schema itself is wrong
            raise result.err()
        operations.append(result.ok())
    assert len(operations) >= 15, [operation.label for operation in operations]
    failures: list[str] = []
    statuses: dict[str, Counter[int]] = {}
    for operation in operations:
        try:
            statuses[operation.label] = fuzz(operation)
        except (AssertionError, BaseExceptionGroup) as error:  # schemathesis failures; report every operation
            failures.append(f"{operation.label}:\n{error}")
    assert not failures, "\n\n".join(failures)
    # Fuzzing that only met the throttle, or lists that only answered 400 and 404, would prove little. (Made-up
    # slugs in detail addresses answer 404, as documented, and so do made-up page numbers in lists; the API's
    # own tests read real objects.)
    for label, seen in statuses.items():
        assert sum(seen.values()) >= 5 and not seen[429], (label, seen)
        if "{" not in label:
            # At least five real pages out of the thirty requests: a list of one agreement answers 404 to most of
            # the page numbers Hypothesis makes up, so a fixed share would depend on how many rows a list has.
            assert seen[200] >= 5, (label, seen)
