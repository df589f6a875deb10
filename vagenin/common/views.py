"""Health check and the friendly error pages."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from vagenin.common import antivirus


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Report whether the database, the cache and a configured clamd answer.

    503 when the database or the cache fails: the site cannot serve. A failing clamd only stops uploads, so it
    answers 200 with status "degraded": the load balancer keeps the site in service, monitoring raises the alarm.
    """
    checks: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception as exc:  # noqa: BLE001 - any failure means unhealthy
        checks["database"] = f"error: {exc.__class__.__name__}"
    probe = uuid.uuid4().hex
    try:
        cache.set("healthz", probe, timeout=10)
        checks["cache"] = "ok" if cache.get("healthz") == probe else "error: value not read back"
    except Exception as exc:  # noqa: BLE001
        checks["cache"] = f"error: {exc.__class__.__name__}"
    if settings.CLAMAV_ADDRESS:
        # Uploads are refused while clamd is down, so monitoring must hear of it.
        try:
            antivirus.ping(address=settings.CLAMAV_ADDRESS, timeout=min(settings.CLAMAV_TIMEOUT, 2))  # probes are quick
            checks["antivirus"] = "ok"
        except antivirus.ScanError as exc:
            checks["antivirus"] = f"error: {exc.__class__.__name__}"
    serving = checks["database"] == checks["cache"] == "ok"
    status = "error" if not serving else "ok" if all(value == "ok" for value in checks.values()) else "degraded"
    return JsonResponse({"status": status, **checks}, status=200 if serving else 503)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request context: the failure may lie in a context processor.
    return HttpResponse(render_to_string("errors/500.html"), status=500)
