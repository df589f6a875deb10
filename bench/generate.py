"""Fill the bench database: reference data, then each app's generator in order, each with its own random stream."""

from __future__ import annotations

import importlib
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction

from vagenin.site.management.commands.load_reference import load_reference

# Each module has `generate(rng, scale) -> dict[str, int]`; later ones may use what earlier ones made.
# A new app appends its module here (see bench/README.md).
GENERATORS = [
    "bench.generators.organisations",
    "bench.generators.agreement",
    "bench.generators.actionplan",
    "bench.generators.meetings",
    "bench.generators.settlement",
    "bench.generators.grants",
    "bench.generators.indicators",
    "bench.generators.newsletter",
]


@dataclass
class Generated:
    module: str
    counts: dict[str, int]
    seconds: float


def generate(
    *,
    seed: int,
    scale: float,
    options: dict[str, dict[str, Any]] | None = None,
    modules: Sequence[str] = tuple(GENERATORS),
) -> list[Generated]:
    """Load the real reference data, then run every generator; deterministic for a given seed and scale.

    `options` passes keyword arguments to one generator by module path, e.g.
    `{"bench.generators.actionplan": {"initiatives": 50_000}}`; `modules` runs only those generators (in
    `GENERATORS` order, each still with its own stream, so their data is the same as in a full run).
    """
    options = options or {}
    done: list[Generated] = []
    started = time.perf_counter()
    load_reference(base=settings.BASE_DIR / "reference")
    done.append(Generated("reference data", {}, time.perf_counter() - started))
    for name in GENERATORS:
        if name not in modules:
            continue
        module = importlib.import_module(name)
        # A stream per module: adding a generator does not change what the others produce.
        rng = random.Random(f"{seed}:{name}")
        started = time.perf_counter()
        with transaction.atomic():
            counts = module.generate(rng, scale, **options.get(name, {}))
        done.append(Generated(name, counts, time.perf_counter() - started))
    return done
