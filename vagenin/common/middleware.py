"""Headers that Django's SecurityMiddleware does not set, and the Host header's port."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from django.utils.cache import patch_cache_control

View = TypeVar("View", bound=Callable[..., HttpResponse])


def personal_data(view: View) -> View:
    """Mark a view whose page shows personal data to someone not logged in (a link with a token).

    Its responses are sent `Cache-Control: private, no-store`, as every response to a logged-in user is.
    """

    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response.vagenin_personal_data = True  # type: ignore[attr-defined]
        return response

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped  # type: ignore[return-value]


class SecurityHeadersMiddleware:
    """Adds Permissions-Policy to every response, and keeps personal pages out of every cache.

    A response to a logged-in user, or from a view marked `@personal_data`, may hold personal data (staff
    pages, exports, a submitter's own page): `Cache-Control: private, no-store`, so that neither a shared
    proxy nor the browser's disk keeps it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if getattr(response, "vagenin_personal_data", False) or (user is not None and user.is_authenticated):
            patch_cache_control(response, private=True, no_store=True)
        return response


class HostPortMiddleware:
    """In production, a port in the Host header must be the port of SITE_URL (or none).

    Django checks the host name against ALLOWED_HOSTS but ignores the port, so `Host: example.org:666`
    would pass. Links in mails and documents use SITE_URL anyway; this refuses such requests outright.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        site = urlsplit(settings.SITE_URL)
        default = "443" if site.scheme == "https" else "80"
        self.allowed_ports = {"", str(site.port or default)}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.PRODUCTION:
            _domain, port = split_domain_port(request.get_host())
            if port not in self.allowed_ports:
                raise DisallowedHost(f"Port {port} in the Host header is not the site's port.")
        return self.get_response(request)
