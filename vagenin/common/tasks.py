"""Small tasks that prove the task machinery works end to end: in-process by default, on a worker in CI."""

from __future__ import annotations

from celery import shared_task
from django.core.cache import cache


@shared_task
def ping() -> str:
    """Answer "pong": the smallest round trip through broker, worker and result backend."""
    return "pong"


@shared_task
def store_in_cache(key: str, value: str, timeout: int = 300) -> str | None:
    """Write a value to the cache and return what the cache gives back for it."""
    cache.set(key, value, timeout=timeout)
    return cache.get(key)
