"""allauth adapter: accounts are created by coordinators, never by public sign-up."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from vagenin.common.clientip import client_ip


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def get_client_ip(self, request: HttpRequest) -> str:
        """The client as the site's own limits see it (X-Forwarded-For only from TRUSTED_PROXIES).

        allauth keys its per-IP rate limits (failed logins, logins, password resets, MFA codes) on this and
        groups IPv6 addresses by /64 itself. Its own reading of X-Forwarded-For (ALLAUTH_TRUSTED_PROXY_COUNT)
        trusts the header from any peer, so it stays off.
        """
        return client_ip(request)
