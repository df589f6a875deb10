"""allauth adapter: accounts are created by coordinators, never by public sign-up."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.http import HttpRequest

from vagenin.common.clientip import client_ip


@dataclass(frozen=True)
class SiteOnUrl:
    """What allauth's mail templates call `current_site`: the site's name and SITE_URL's host, never the request's."""

    name: str
    domain: str


def on_site(url: str) -> str:
    """The same path and query on SITE_URL: links in mail never take their host from the request's Host."""
    parts = urlsplit(url)
    return settings.SITE_URL.rstrip("/") + parts.path + (f"?{parts.query}" if parts.query else "")


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        site = SiteOnUrl(name="Vägen in", domain=urlsplit(settings.SITE_URL).netloc)
        super().send_mail(template_prefix, email, {**context, "current_site": site})

    def get_reset_password_from_key_url(self, key: str) -> str:
        return on_site(super().get_reset_password_from_key_url(key))

    def get_email_confirmation_url(self, request: HttpRequest, emailconfirmation: Any) -> str:
        return on_site(super().get_email_confirmation_url(request, emailconfirmation))

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def get_client_ip(self, request: HttpRequest) -> str:
        """The client as the site's own limits see it (X-Forwarded-For only from TRUSTED_PROXIES).

        allauth keys its per-IP rate limits (failed logins, logins, password resets, MFA codes) on this and
        groups IPv6 addresses by /64 itself. Its own reading of X-Forwarded-For (ALLAUTH_TRUSTED_PROXY_COUNT)
        trusts the header from any peer, so it stays off.
        """
        return client_ip(request)
