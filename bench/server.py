"""The production-like environment of the bench's gunicorn, shared by `python -m bench` and `python -m bench.gc`.

No Django import here: the settings are what the server process reads from its environment.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from bench.proxy import flush_redis, redis_answers

ROOT = Path(__file__).resolve().parent.parent
BENCH_VAR = ROOT / "var" / "bench"
# The bench's own Redis database (bench.proxy uses 13), emptied before each run.
REDIS_DATABASE = 12
DEFAULT_REDIS_URL = f"redis://127.0.0.1:6379/{REDIS_DATABASE}"


def add_redis_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--redis",
        metavar="URL",
        default="",
        help=f"REDIS_URL for the server (emptied first; default {DEFAULT_REDIS_URL} when 127.0.0.1:6379 answers)",
    )
    group.add_argument(
        "--no-redis", action="store_true", help="no Redis: each worker keeps its own cache, sessions in the database"
    )


def choose_redis(args: argparse.Namespace) -> str:
    """The REDIS_URL the server gets ("" for none), its database emptied, as `--redis`/`--no-redis` ask."""
    if args.no_redis:
        return ""
    if args.redis:
        _flush(args.redis)
        return str(args.redis)
    if redis_answers():
        flush_redis(REDIS_DATABASE)
        return DEFAULT_REDIS_URL
    return ""


def _flush(url: str) -> None:
    """Empty the database of a Redis named by URL (the bench's own, as the option's help says)."""
    import redis

    redis.Redis.from_url(url).flushdb()


def describe_redis(url: str) -> str:
    if url:
        return f"Redis {url} (shared cache: page-cache generation, throttles)"
    return "no Redis (each worker's own memory)"


def server_env(page_cache: int = 0, redis_url: str = "") -> dict[str, str]:
    """Production-like: DEBUG off, production security settings, compressed manifest static files via whitenoise,
    the page cache for anonymous visitors for `page_cache` seconds (0: off), and Redis as the shared cache when
    `redis_url` is given, as deployed (docs/deploy.md)."""
    return {
        "PAGE_CACHE_SECONDS": str(page_cache),
        "REDIS_URL": redis_url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_PRODUCTION": "true",
        "VAGENIN_VAR_DIR": str(BENCH_VAR),
        # The anonymous API limit (600/min by default) would turn a load test into a test of 429s.
        "API_RATE": os.environ.get("API_RATE", "100000000/min"),
        "LOG_LEVEL": "WARNING",
        # As .env.example deploys it: a worker keeps its database connection between requests. With 0 every
        # request that queries opens a new PostgreSQL connection (measured: the logged-in baseline at 10 % of the
        # anonymous one, all of it the connection).
        "DATABASE_CONN_MAX_AGE": os.environ.get("DATABASE_CONN_MAX_AGE", "60"),
    }


def collect_static() -> None:
    """The production static storage serves hashed, compressed files that collectstatic writes under var/bench/."""
    (BENCH_VAR / "static").mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity=0"],
        cwd=ROOT,
        env={**os.environ, **server_env()},
        check=True,
    )
