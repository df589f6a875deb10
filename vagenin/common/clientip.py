"""Who is asking: the client address that every per-client limit counts against.

Behind a reverse proxy, REMOTE_ADDR is the proxy's address for every visitor. The visitor's own address
travels in X-Forwarded-For, a list each proxy appends the address it saw to:

    X-Forwarded-For: <whatever the client sent>, <client as nginx saw it>, <nginx as a balancer saw it>

Anything left of what a trusted proxy appended was written by the client and may be forged. So the header is
read only when the request comes from a trusted proxy (settings.TRUSTED_PROXIES), from the right, stepping over
trusted hops; the first address that is not a trusted proxy is the client. From anyone else the headers are
ignored and the client is REMOTE_ADDR. An entry that is not an address ends the walk at the last address a
trusted proxy vouched for: a malformed header can never make up a bucket of its own.

The same answer serves the site's own limits (vagenin/common/ratelimit.py, the API throttle) and allauth's
(vagenin/accounts/adapter.py).
"""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.http import HttpRequest

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

# The key of requests without a usable REMOTE_ADDR (a WSGI server on a Unix socket, say): they share a bucket.
UNKNOWN = "unknown"
# One IPv6 subscriber usually holds a whole /64, so a per-address limit would be one bucket per made-up address.
# Rate limits count per /64, as allauth's do (ALLAUTH_RATE_LIMIT_IPV6_PREFIX, 64 by default).
IPV6_PREFIX = 64


def parse_address(text: str) -> Address | None:
    """One address as proxies write it, or None if it is none.

    Accepted: 203.0.113.7, 2001:db8::1, [2001:db8::1], with a port (203.0.113.7:4711, [2001:db8::1]:4711).
    Zone ids are dropped and IPv4-mapped IPv6 (::ffff:203.0.113.7) is the IPv4 address, so that each client
    has one spelling. Anything else (empty, "unknown", RFC 7239 obfuscated names, host names) is None.
    """
    text = text.strip()
    if text.startswith("["):
        host, bracket, rest = text[1:].partition("]")
        if not bracket or (rest and not _is_port(rest)):
            return None
        text = host
    elif text.count(":") == 1:  # IPv4 with a port; IPv6 has at least two colons
        text, _, port = text.partition(":")
        if not _is_port(":" + port):
            return None
    text = text.split("%", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _is_port(text: str) -> bool:
    return text.startswith(":") and text[1:].isascii() and text[1:].isdigit() and len(text) <= 6


@functools.lru_cache(maxsize=8)
def parse_networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    """TRUSTED_PROXIES as networks; settings.py has already refused anything else at start-up."""
    return tuple(ipaddress.ip_network(entry.strip()) for entry in entries)


def _trusted(address: Address, networks: Iterable[Network]) -> bool:
    return any(address in network for network in networks)


def resolve_client_ip(remote_addr: str | None, forwarded_for: str | None, trusted: Sequence[Network]) -> str:
    """The client's address from the peer address, the X-Forwarded-For header and the trusted proxies.

    The pure rule behind client_ip(): a peer that is not a trusted proxy is the client, whatever the header
    says; from a trusted peer the header is walked from the right, over trusted hops, to the first address
    that is not one. A malformed entry stops the walk at the trusted hop before it.
    """
    client = parse_address(remote_addr or "")
    if client is None:
        return UNKNOWN
    hops = forwarded_for.split(",") if forwarded_for else []
    while hops and _trusted(client, trusted):
        previous = parse_address(hops.pop())
        if previous is None:
            break
        client = previous
    return str(client)


def client_ip(request: HttpRequest) -> str:
    """The address of the client behind the request, for limits and allauth (see the module's docstring)."""
    return resolve_client_ip(
        request.META.get("REMOTE_ADDR"),
        request.META.get("HTTP_X_FORWARDED_FOR"),
        parse_networks(tuple(settings.TRUSTED_PROXIES)),
    )


def rate_limit_key(address: str) -> str:
    """The bucket an address counts in: itself for IPv4, its /64 for IPv6, `unknown` as it is."""
    parsed = parse_address(address)
    if isinstance(parsed, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((parsed, IPV6_PREFIX), strict=False))
    return address


def client_key(request: HttpRequest) -> str:
    """The rate-limit bucket of the client behind the request."""
    return rate_limit_key(client_ip(request))
