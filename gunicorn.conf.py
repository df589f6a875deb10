"""gunicorn's settings for Vägen in; gunicorn reads ./gunicorn.conf.py from its working directory by itself.

The command line (docs/deploy.md: bind address, worker count, logs) overrides what is set here. What is here is
about memory and garbage collection, and holds for every deployment:

- `preload_app`: Django and every app are imported once, in the master, before the workers are forked, so the
  workers share those pages copy-on-write instead of each importing its own copy.
- The cyclic garbage collector is kept out of that shared memory: it is disabled while the master imports the
  app, everything then alive is moved to the permanent generation with `gc.freeze()` right before each fork,
  and collection is enabled again in the worker (the recipe of the `gc` module's documentation). A full
  collection in a worker then walks only what the worker itself allocated, not the tens of thousands of
  objects of the imported code, and does not write to (and so copy) the shared pages.

`GUNICORN_GC_FREEZE=0` in the environment leaves the collector alone (on throughout, nothing frozen), to measure
the difference (`python -m bench.gc`, see bench/README.md); anything else, or nothing, keeps the recipe.
"""

from __future__ import annotations

import gc
import os
from typing import Any

preload_app = True
FREEZE = os.environ.get("GUNICORN_GC_FREEZE", "1") != "0"
if FREEZE:
    gc.disable()  # until the app is imported in the master; see above


def pre_fork(server: Any, worker: Any) -> None:
    """In the master, right before a worker is forked: what exists now is never collected, never copied."""
    if FREEZE:
        gc.freeze()


def post_fork(server: Any, worker: Any) -> None:
    """In the new worker: collect again, but only what the worker allocates from here on."""
    gc.enable()
