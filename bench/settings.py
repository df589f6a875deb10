"""The application's settings with a bench-only URLconf (adds the baseline view) and a separate database."""

from __future__ import annotations

import os

from vagenin.settings import *  # noqa: F403
from vagenin.settings import BASE_DIR, DATABASES

ROOT_URLCONF = "bench.urls"
BENCH_DIR = BASE_DIR / "var" / "bench"
# Never the developer's var/vagenin.sqlite3: without DATABASE_URL the bench has its own SQLite file.
if not os.environ.get("DATABASE_URL"):
    DATABASES = {"default": {**DATABASES["default"], "NAME": str(BENCH_DIR / "bench.sqlite3")}}
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
