"""A small fixed-window rate limiter on the shared cache (Redis in production), and the API's throttle.

Both count per client as vagenin/common/clientip.py finds it (X-Forwarded-For only from trusted proxies).
"""

from __future__ import annotations

from django.core.cache import cache
from rest_framework.request import Request
from rest_framework.throttling import AnonRateThrottle

from vagenin.common.clientip import client_key


def hit(*, scope: str, key: str, limit: int, window_seconds: int) -> bool:
    """Count one hit for (scope, key); False once more than `limit` hits fall in the window."""
    cache_key = f"ratelimit:{scope}:{key}"
    if cache.add(cache_key, 1, timeout=window_seconds):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=window_seconds)
        return True
    return count <= limit


class ClientAnonRateThrottle(AnonRateThrottle):
    """DRF's anonymous throttle, per client. DRF's own get_ident takes X-Forwarded-For from anyone (a forged
    header is a fresh bucket) unless NUM_PROXIES is set, and then believes it from any peer."""

    def get_ident(self, request: Request) -> str:
        return client_key(request)
