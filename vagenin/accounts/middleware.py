"""MFA policy: a user with a staff role must have an authenticator before doing anything else."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from vagenin.accounts.permissions import has_totp, is_staff_user

# Views a staff user without MFA may still reach: setting MFA up, logging out, switching language.
_ALLOWED_URL_NAMES = {"account_logout", "account_reauthenticate", "set_language", "healthz"}


class StaffMFAMiddleware:
    """Sends staff without TOTP to the TOTP set-up page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func: Any, args: Any, kwargs: Any) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or not is_staff_user(user):
            return None
        match = request.resolver_match
        url_name = match.url_name if match else None
        if url_name and (url_name in _ALLOWED_URL_NAMES or url_name.startswith("mfa_")):
            return None
        if request.path.startswith(("/static/", "/api/")):
            return None  # public assets and the read-only open-data API need no account at all
        if has_totp(user):
            return None
        return redirect("mfa_activate_totp")
