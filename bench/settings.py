"""The application's settings with a bench-only URLconf (adds the baseline view) and a separate database."""

from __future__ import annotations

import os

from vagenin.settings import *  # noqa: F403
from vagenin.settings import BASE_DIR, DATABASES

ROOT_URLCONF = "bench.urls"
BENCH_DIR = BASE_DIR / "var" / "bench"
# Never the developer's var/vagenin.sqlite3: without DATABASE_URL the bench has its own SQLite file.
# `python -m bench.growth` names another file (BENCH_SQLITE_NAME), so it leaves the other parts' data alone.
if not os.environ.get("DATABASE_URL"):
    name = os.environ.get("BENCH_SQLITE_NAME", "bench.sqlite3")
    DATABASES = {"default": {**DATABASES["default"], "NAME": str(BENCH_DIR / name)}}
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
