"""The Redis cache backend that shares its Redis client objects (vagenin/common/cache.py)."""

from __future__ import annotations

import pytest
import redis

from vagenin.common.cache import ReusingRedisCache

URL = "redis://127.0.0.1:6379/14"


@pytest.fixture
def redis_cache() -> ReusingRedisCache:
    try:
        redis.Redis.from_url(URL, socket_connect_timeout=0.5).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis at 127.0.0.1:6379 (CI and the deployment have one)")
    backend = ReusingRedisCache(URL, {"KEY_PREFIX": "vagenin-test-cache"})
    backend.clear()
    return backend


def test_it_caches_like_djangos_and_builds_one_client(redis_cache: ReusingRedisCache) -> None:
    redis_cache.set("key", {"a": 1}, timeout=30)
    assert redis_cache.get("key") == {"a": 1}
    assert redis_cache.add("key", "other") is False
    assert redis_cache.incr(redis_cache.add("n", 1) and "n") == 2
    redis_cache.delete("key")
    assert redis_cache.get("key") is None
    client = redis_cache._cache  # one per pool, the same object on every call
    assert client.get_client(write=True) is client.get_client(write=False)
