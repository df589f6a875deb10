"""Security headers on every kind of response: public page, staff page, API JSON, error page, health check."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from csp.middleware import CSPMiddleware
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from testsupport.personas import Personas


def _directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def _responses(personas: Personas) -> dict[str, Any]:
    editor = personas.client("editor_a")
    coordinator = personas.client("coordinator")
    anonymous = Client()
    return {
        "public page": anonymous.get(reverse("organisations:list")),
        "public page in English": anonymous.get("/en/organisationer/"),
        "login page": anonymous.get(reverse("account_login")),
        "editor page": editor.get(reverse("organisations:edit", kwargs={"slug": personas.org_a.slug})),
        "staff page": coordinator.get(reverse("people:list")),
        "API JSON": anonymous.get(reverse("api:organisations-list")),
        "API CSV": anonymous.get(reverse("api:organisations-list"), {"format": "csv"}),
        "error 404": anonymous.get("/finns-inte/"),
        "error 403": editor.get(reverse("people:list")),
        "health check": anonymous.get(reverse("healthz")),
    }


@pytest.mark.django_db
def test_every_kind_of_response_carries_the_security_headers(personas: Personas) -> None:
    failures = []
    for kind, response in _responses(personas).items():
        expected = {
            "X-Content-Type-Options": "nosniff",
            "X-Frame-Options": "DENY",
            "Referrer-Policy": "strict-origin-when-cross-origin",
            "Cross-Origin-Opener-Policy": "same-origin",
        }
        for header, value in expected.items():
            if response.get(header) != value:
                failures.append(f"{kind}: {header} is {response.get(header)!r}, expected {value!r}")
        permissions = response.get("Permissions-Policy", "")
        for feature in ("camera=()", "microphone=()", "geolocation=()"):
            if feature not in permissions:
                failures.append(f"{kind}: Permissions-Policy {permissions!r} does not switch off {feature}")
        failures += [f"{kind}: {problem}" for problem in _csp_problems(response.get("Content-Security-Policy", ""))]
    assert not failures, "\n".join(failures)


def _csp_problems(header: str) -> list[str]:
    if not header:
        return ["no Content-Security-Policy"]
    directives = _directives(header)
    problems = []
    for name, values in directives.items():
        if "'unsafe-inline'" in values or "'unsafe-eval'" in values:
            problems.append(f"CSP {name} allows unsafe inline code: {values}")
        if "*" in values:
            problems.append(f"CSP {name} allows any origin")
    musts = {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    for name, values in musts.items():
        if directives.get(name, [])[: len(values)] != values:
            problems.append(f"CSP {name} is {directives.get(name)}, expected it to start with {values}")
    return problems


def _through_csp(view: Callable[[HttpRequest], HttpResponse]) -> HttpResponse:
    """The view's response to a GET, as django-csp's middleware sends it."""
    response = CSPMiddleware(view)(RequestFactory().get("/"))
    assert isinstance(response, HttpResponse)
    return response


def test_a_page_that_uses_the_nonce_gets_it_in_script_and_style_src() -> None:
    """django-csp names the nonce only on responses that used it, for both scripts and styles."""

    def view(request: HttpRequest) -> HttpResponse:
        return HttpResponse(f'<script nonce="{request.csp_nonce}"></script>')  # type: ignore[attr-defined]

    response = _through_csp(view)
    nonce = re.search(r'nonce="([^"]+)"', response.content.decode())
    assert nonce, "The view got no nonce."
    directives = _directives(response["Content-Security-Policy"])
    assert f"'nonce-{nonce.group(1)}'" in directives["script-src"]
    assert f"'nonce-{nonce.group(1)}'" in directives["style-src"]
    assert "'unsafe-inline'" not in directives["script-src"] + directives["style-src"]


def test_nonces_differ_between_requests() -> None:
    def view(request: HttpRequest) -> HttpResponse:
        return HttpResponse(str(request.csp_nonce))  # type: ignore[attr-defined]

    first = _through_csp(view).content
    second = _through_csp(view).content
    assert first != second


@pytest.mark.django_db
@override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True, SECURE_HSTS_PRELOAD=True)
def test_hsts_on_secure_requests_with_production_settings() -> None:
    response = Client().get(reverse("pages:home"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "Strict-Transport-Security" not in Client().get(reverse("pages:home"))
