"""The site's URLs plus a minimal view that is the baseline every page's throughput is compared with."""

from __future__ import annotations

import gc
import os
import time
from pathlib import Path
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.signals import request_finished
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import engines
from django.urls import path

from vagenin import urls as site_urls

BASELINE_PATH = "/bench/baseline"
CHROME_PATH = "/bench/chrome"
LOGGED_IN_BASELINE_PATH = "/bench/baseline-logged-in"
GC_PATH = "/bench/gc"

# Requests this process has finished (a gunicorn worker counts its own; the master's count is copied at fork).
served = 0


def _count_request(**kwargs: Any) -> None:
    global served
    served += 1


request_finished.connect(_count_request, dispatch_uid="bench-request-counter")


def baseline(request: HttpRequest) -> HttpResponse:
    """The cheapest response Django gives through the site's middleware: no template, no query."""
    return HttpResponse("ok", content_type="text/plain")


def chrome(request: HttpRequest) -> HttpResponse:
    """The public pages' shared frame (base.html: header, navigation, feedback form, footer) with no content."""
    template = engines["django"].from_string('{% extends "base.html" %}')
    return HttpResponse(template.render({}, request))


def memory() -> dict[str, int]:
    """This process's memory in kB from /proc/self/smaps_rollup (Linux): resident, proportional share, and
    private (what no other process shares: the copy-on-write pages the worker has written to)."""
    found: dict[str, int] = {}
    try:
        lines = Path("/proc/self/smaps_rollup").read_text().splitlines()
    except OSError:
        return found
    for line in lines:
        name, _, rest = line.partition(":")
        if rest.strip().endswith("kB"):
            found[name] = int(rest.split()[0])
    return {
        "rss_kb": found.get("Rss", 0),
        "pss_kb": found.get("Pss", 0),
        "private_kb": found.get("Private_Clean", 0) + found.get("Private_Dirty", 0),
    }


def gc_state(request: HttpRequest) -> JsonResponse:
    """The garbage collector as the worker answering sees it (`python -m bench.gc`): memory and counters first,
    then one full collection timed (which itself touches every tracked object)."""
    state: dict[str, Any] = {"pid": os.getpid(), "requests": served, **memory()}
    state["frozen"] = gc.get_freeze_count()
    state["tracked"] = len(gc.get_objects())
    state["gen2_collections"] = gc.get_stats()[2]["collections"]
    state["gc_enabled"] = gc.isenabled()
    started = time.perf_counter()
    gc.collect()
    state["full_collection_ms"] = round((time.perf_counter() - started) * 1000, 3)
    return JsonResponse(state)


# i18n_patterns may not sit inside include(), so the site's patterns are spliced in as they are.
urlpatterns = [
    path(BASELINE_PATH.lstrip("/"), baseline),
    path(CHROME_PATH.lstrip("/"), chrome),
    # The same minimal view for a logged-in visitor: what the session, the user and the MFA check cost.
    path(LOGGED_IN_BASELINE_PATH.lstrip("/"), login_required(baseline)),
    path(GC_PATH.lstrip("/"), gc_state),
    *site_urls.urlpatterns,
]

handler400 = site_urls.handler400
handler403 = site_urls.handler403
handler404 = site_urls.handler404
handler500 = site_urls.handler500
