"""The site's URLs plus a minimal view that is the baseline every page's throughput is compared with."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

from vagenin import urls as site_urls

BASELINE_PATH = "/bench/baseline"
CHROME_PATH = "/bench/chrome"
LOGGED_IN_BASELINE_PATH = "/bench/baseline-logged-in"


def baseline(request: HttpRequest) -> HttpResponse:
    """The cheapest response Django gives through the site's middleware: no template, no query."""
    return HttpResponse("ok", content_type="text/plain")


def chrome(request: HttpRequest) -> HttpResponse:
    """The public pages' shared frame (base.html: header, navigation, feedback form, footer) with no content."""
    template = engines["django"].from_string('{% extends "base.html" %}')
    return HttpResponse(template.render({}, request))


# i18n_patterns may not sit inside include(), so the site's patterns are spliced in as they are.
urlpatterns = [
    path(BASELINE_PATH.lstrip("/"), baseline),
    path(CHROME_PATH.lstrip("/"), chrome),
    # The same minimal view for a logged-in visitor: what the session, the user and the MFA check cost.
    path(LOGGED_IN_BASELINE_PATH.lstrip("/"), login_required(baseline)),
    *site_urls.urlpatterns,
]

handler400 = site_urls.handler400
handler403 = site_urls.handler403
handler404 = site_urls.handler404
handler500 = site_urls.handler500
