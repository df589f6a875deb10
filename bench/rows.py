"""Small helpers the per-app generators share: seeded UUIDs and batched inserts."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterable, Sequence
from typing import TypeVar

from django.db import models

BATCH_SIZE = 2000

M = TypeVar("M", bound=models.Model)


def seeded_uuid(rng: random.Random) -> uuid.UUID:
    """A version-4 UUID drawn from the generator's own random stream, so reruns give the same ids."""
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def fill_uuids(obj: models.Model, rng: random.Random) -> None:
    """Give every UUID field of an unsaved object a seeded value instead of its uuid4 default."""
    for field in obj._meta.concrete_fields:
        if isinstance(field, models.UUIDField):
            setattr(obj, field.attname, seeded_uuid(rng))


def bulk_insert(model: type[M], objects: Iterable[M], rng: random.Random) -> list[M]:
    """Insert in batches with seeded UUIDs; returns the objects with primary keys set."""
    rows = list(objects)
    for obj in rows:
        fill_uuids(obj, rng)
    return model._default_manager.bulk_create(rows, batch_size=BATCH_SIZE)


def pick(rng: random.Random, items: Sequence[M], count: int) -> list[M]:
    """Up to `count` distinct items, in the stream's order."""
    return rng.sample(list(items), min(count, len(items)))
