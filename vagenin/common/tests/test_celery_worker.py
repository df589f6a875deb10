"""Celery tasks: in-process (eager) by default, and through a real worker and Redis when CI provides one.

The `celery_worker` tests need CELERY_BROKER_URL and a running worker (`.ci/run` starts both); without a
broker they are skipped with the reason, unless REQUIRE_CELERY_WORKER=1 makes that a failure.
"""

from __future__ import annotations

import os

import pytest
from celery.result import EagerResult
from django.conf import settings
from django.core.cache import cache

from vagenin.celery import app
from vagenin.common.tasks import ping, store_in_cache

# How long to wait for the worker's answer before calling it broken (no assertion on the time taken).
WORKER_TIMEOUT = 60


def require_broker() -> None:
    """Skip without a broker, or fail when the run demands the worker (REQUIRE_CELERY_WORKER=1)."""
    if settings.CELERY_BROKER_URL:
        return
    reason = "CELERY_BROKER_URL is not set, so there is no Celery worker to talk to (.ci/run starts one)"
    if os.environ.get("REQUIRE_CELERY_WORKER") == "1":
        pytest.fail(f"{reason}, but REQUIRE_CELERY_WORKER=1 requires it.")
    pytest.skip(reason)


def require_no_broker() -> None:
    if settings.CELERY_BROKER_URL:
        pytest.skip("CELERY_BROKER_URL is set: tasks go to the worker in this run, not in-process")


def test_tasks_run_in_process_by_default() -> None:
    require_no_broker()
    assert app.conf.task_always_eager is True
    result = ping.delay()
    assert isinstance(result, EagerResult)
    assert result.get() == "pong"


def test_cache_task_runs_in_process_by_default() -> None:
    require_no_broker()
    cache.delete("celery-eager-test")
    assert store_in_cache.delay("celery-eager-test", "hej").get() == "hej"
    assert cache.get("celery-eager-test") == "hej"


@pytest.mark.celery_worker
def test_ping_goes_through_the_worker() -> None:
    require_broker()
    assert app.conf.task_always_eager is False
    assert ping.delay().get(timeout=WORKER_TIMEOUT) == "pong"


@pytest.mark.celery_worker
def test_worker_writes_to_the_cache() -> None:
    require_broker()
    key = "celery-worker-test"
    cache.delete(key)
    assert store_in_cache.delay(key, "hej").get(timeout=WORKER_TIMEOUT) == "hej"
    if settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        # The worker is another process: only a shared cache lets this process see its write.
        assert cache.get(key) == "hej"
