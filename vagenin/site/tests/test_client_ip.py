"""The client address behind trusted proxies, and every per-client limit counting against it.

First the pure rule (vagenin/common/clientip.py), then the whole site through Django's test client, whose
requests come from 127.0.0.1 as they do from the nginx of docs/deploy.md: two visitors behind the proxy have
buckets of their own, and a peer that is not a proxy cannot leave its bucket by forging X-Forwarded-For.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from allauth.account.adapter import get_adapter
from django.core import mail
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from testsupport.personas import PASSWORD, Personas
from vagenin.common.clientip import (
    UNKNOWN,
    client_ip,
    client_key,
    parse_address,
    parse_networks,
    rate_limit_key,
    resolve_client_ip,
)
from vagenin.common.ratelimit import ClientAnonRateThrottle
from vagenin.common.tests.test_settings import MANAGE, production, read_settings, run
from vagenin.pages.models import Message
from vagenin.pages.views import RATE_LIMIT

NGINX = parse_networks(("127.0.0.1", "::1"))
# nginx on this machine and a load balancer in front of it, on a private network.
NGINX_AND_BALANCER = parse_networks(("127.0.0.1", "::1", "10.0.0.0/29"))
VISITOR_A = "203.0.113.1"
VISITOR_B = "203.0.113.2"
STRANGER = "198.51.100.9"  # reaches gunicorn directly: not a proxy


# --- The rule -------------------------------------------------------------------------------------------------


def test_without_trusted_proxies_the_header_is_ignored() -> None:
    assert resolve_client_ip("127.0.0.1", VISITOR_A, ()) == "127.0.0.1"
    assert resolve_client_ip(VISITOR_A, None, ()) == VISITOR_A


def test_behind_one_proxy_the_address_it_appended_is_the_client() -> None:
    assert resolve_client_ip("127.0.0.1", VISITOR_A, NGINX) == VISITOR_A
    assert resolve_client_ip("127.0.0.1", f" {VISITOR_A} ", NGINX) == VISITOR_A


def test_behind_one_proxy_what_the_client_wrote_left_of_it_is_not_believed() -> None:
    assert resolve_client_ip("127.0.0.1", f"6.6.6.6, {VISITOR_A}", NGINX) == VISITOR_A
    assert resolve_client_ip("127.0.0.1", f"127.0.0.1, 10.0.0.1, {VISITOR_A}", NGINX) == VISITOR_A


def test_behind_two_proxies_the_walk_steps_over_both() -> None:
    header = f"6.6.6.6, {VISITOR_A}, 10.0.0.2"
    assert resolve_client_ip("127.0.0.1", header, NGINX_AND_BALANCER) == VISITOR_A
    # A proxy that is not listed is the client as far as the site can tell: never further left than trust goes.
    assert resolve_client_ip("127.0.0.1", header, NGINX) == "10.0.0.2"


def test_a_request_through_proxies_only_is_the_farthest_proxy() -> None:
    assert resolve_client_ip("127.0.0.1", "10.0.0.2", NGINX_AND_BALANCER) == "10.0.0.2"
    assert resolve_client_ip("127.0.0.1", "", NGINX) == "127.0.0.1"
    assert resolve_client_ip("127.0.0.1", None, NGINX) == "127.0.0.1"


@pytest.mark.parametrize("forged", [VISITOR_A, f"{VISITOR_A}, 127.0.0.1", "127.0.0.1", "garbage", "::1"])
def test_a_forged_header_from_a_peer_that_is_not_a_proxy_is_ignored(forged: str) -> None:
    assert resolve_client_ip(STRANGER, forged, NGINX_AND_BALANCER) == STRANGER


@pytest.mark.parametrize(
    "header",
    [
        "garbage",
        "unknown",
        "_hidden",  # RFC 7239 obfuscated identifier
        "vagenin.example.org",
        "1.2.3.4.5",
        "999.1.1.1",
        "127.1",
        "1.1.1.01",
        "١.١.١.١",  # non-ASCII digits
        "203.0.113.7:port",
        "203.0.113.7:",
        "203.0.113.7:1234567",
        "[2001:db8::7",
        "[2001:db8::7]x",
        "[203.0.113.7",
        " , ",
        ",",
        "\x00",
        f"{VISITOR_A},",
        f"{VISITOR_A}, not-an-address",
        "2001:db8::7::1",
    ],
)
def test_a_malformed_entry_stops_the_walk_at_the_proxy_before_it(header: str) -> None:
    assert resolve_client_ip("127.0.0.1", header, NGINX) == "127.0.0.1"


def test_entries_left_of_the_client_may_be_anything() -> None:
    assert resolve_client_ip("127.0.0.1", f"garbage, ,{'x' * 5000}, {VISITOR_A}", NGINX) == VISITOR_A


def test_a_malformed_or_missing_peer_address_is_unknown() -> None:
    assert resolve_client_ip(None, VISITOR_A, NGINX) == UNKNOWN
    assert resolve_client_ip("", VISITOR_A, NGINX) == UNKNOWN
    assert resolve_client_ip("not-an-address", VISITOR_A, NGINX) == UNKNOWN


def test_ipv6_clients_and_proxies() -> None:
    assert resolve_client_ip("::1", "2001:db8::7", NGINX) == "2001:db8::7"
    assert resolve_client_ip("::1", "2001:DB8:0:0:0:0:0:7", NGINX) == "2001:db8::7"
    assert resolve_client_ip("127.0.0.1", "[2001:db8::7]:4711", NGINX) == "2001:db8::7"
    assert resolve_client_ip("127.0.0.1", "fe80::7%eth0", NGINX) == "fe80::7"
    assert resolve_client_ip("fd00::2", "2001:db8::7", parse_networks(("fd00::/8",))) == "2001:db8::7"
    assert resolve_client_ip("fd00::2", "2001:db8::7", NGINX) == "fd00::2"
    # An IPv4 client as an IPv6 socket reports it is that IPv4 address, also for the trust check.
    assert resolve_client_ip("::ffff:127.0.0.1", "::ffff:203.0.113.1", NGINX) == VISITOR_A


def test_addresses_with_ports_are_the_address() -> None:
    assert parse_address("203.0.113.7:4711") == ipaddress.ip_address("203.0.113.7")
    assert parse_address("[2001:db8::7]") == ipaddress.ip_address("2001:db8::7")
    assert parse_address("[2001:db8::7]:443") == ipaddress.ip_address("2001:db8::7")


def test_ipv6_clients_count_by_their_64() -> None:
    assert rate_limit_key("2001:db8:1:2:aaaa::1") == "2001:db8:1:2::/64"
    assert rate_limit_key("2001:db8:1:2:bbbb::2") == rate_limit_key("2001:db8:1:2:aaaa::1")
    assert rate_limit_key("2001:db8:1:3::1") != rate_limit_key("2001:db8:1:2::1")
    assert rate_limit_key(VISITOR_A) == VISITOR_A
    assert rate_limit_key(UNKNOWN) == UNKNOWN


ENTRIES = st.one_of(
    st.ip_addresses().map(str),
    st.sampled_from(["127.0.0.1", "::1", "[2001:db8::7]:443", "203.0.113.7:80", "", " ", "unknown", "_hidden"]),
    st.text(max_size=20),
)


@given(st.lists(ENTRIES, max_size=6).map(",".join), st.booleans())
def test_whatever_the_header_the_result_is_the_proxy_or_an_address_it_holds(header: str, trusted: bool) -> None:
    peer = "127.0.0.1" if trusted else STRANGER
    result = resolve_client_ip(peer, header, NGINX)
    if not trusted:
        assert result == STRANGER
        return
    assert str(ipaddress.ip_address(result)) == result  # always a real address in one spelling, never the text
    held = {str(address) for entry in header.split(",") if (address := parse_address(entry)) is not None}
    assert result == "127.0.0.1" or result in held


def test_client_ip_reads_the_request_and_the_setting(settings: Any) -> None:
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"6.6.6.6, {VISITOR_A}")
    settings.TRUSTED_PROXIES = []
    assert client_ip(request) == "127.0.0.1"
    settings.TRUSTED_PROXIES = ["127.0.0.1", "::1"]
    assert client_ip(request) == VISITOR_A
    assert client_key(request) == VISITOR_A


def test_allauth_asks_the_same_function(settings: Any) -> None:
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    request = RequestFactory().post("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"6.6.6.6, {VISITOR_A}")
    assert get_adapter(request).get_client_ip(request) == VISITOR_A
    forged = RequestFactory().post("/", REMOTE_ADDR=STRANGER, HTTP_X_FORWARDED_FOR=VISITOR_A)
    assert get_adapter(forged).get_client_ip(forged) == STRANGER


def test_trusted_proxies_come_from_the_environment_and_a_typo_stops_start_up(tmp_path: Path) -> None:
    values = read_settings(production(tmp_path, TRUSTED_PROXIES="127.0.0.1, ::1,10.0.0.0/29"), "TRUSTED_PROXIES")
    assert values == {"TRUSTED_PROXIES": ["127.0.0.1", "::1", "10.0.0.0/29"]}
    assert read_settings(production(tmp_path), "TRUSTED_PROXIES") == {"TRUSTED_PROXIES": []}
    for wrong in ("nginx.local", "10.0.0.5/24", "127.0.0.1;::1"):
        result = run([MANAGE, "check"], production(tmp_path, TRUSTED_PROXIES=wrong))
        assert result.returncode != 0, wrong
        assert "TRUSTED_PROXIES:" in result.stderr, result.stderr


# --- The whole site behind nginx -----------------------------------------------------------------------------


@pytest.fixture
def behind_nginx(settings: Any) -> Iterator[None]:
    """As /etc/vagenin/env of docs/deploy.md; rate-limit counters start empty and are left empty."""
    settings.TRUSTED_PROXIES = ["127.0.0.1", "::1"]
    cache.clear()
    yield
    cache.clear()


def through_nginx(visitor: str) -> Client:
    """A visitor's browser behind the proxy: nginx connects from 127.0.0.1 and appends the visitor's address."""
    return Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=visitor)


def log_in(client: Client, email: str, password: str = PASSWORD, **extra: str) -> bool:
    """Whether the login form let the person in."""
    response = client.post(reverse("account_login"), {"login": email, "password": password}, **extra)  # type: ignore[arg-type]
    return bool(response.wsgi_request.user.is_authenticated)


def fail_logins(client: Client, count: int, **extra: str) -> None:
    """`count` wrong passwords from one client, each for another (unknown) account: only the per-IP part counts."""
    for number in range(count):
        assert not log_in(client, f"gissning{number}@test.example", "fel", **extra)


@pytest.mark.django_db
@pytest.mark.usefixtures("behind_nginx")
def test_one_visitors_failed_logins_do_not_lock_out_another(personas: Personas) -> None:
    fail_logins(through_nginx(VISITOR_A), 10)
    response = through_nginx(VISITOR_A).post(
        reverse("account_login"), {"login": personas.editor_a.email, "password": PASSWORD}
    )
    assert not response.wsgi_request.user.is_authenticated
    assert "För många misslyckade inloggningsförsök" in response.content.decode()
    assert log_in(through_nginx(VISITOR_B), personas.editor_a.email)


@pytest.mark.django_db
def test_without_trusted_proxies_everyone_behind_nginx_shares_one_lockout(personas: Personas, settings: Any) -> None:
    """The fault the setting mends (issue 13): REMOTE_ADDR is nginx for all visitors."""
    settings.TRUSTED_PROXIES = []
    cache.clear()
    fail_logins(through_nginx(VISITOR_A), 10)
    assert not log_in(through_nginx(VISITOR_B), personas.editor_a.email)
    cache.clear()


@pytest.mark.django_db
@pytest.mark.usefixtures("behind_nginx")
def test_the_account_lockout_holds_for_every_client_and_only_that_account(personas: Personas) -> None:
    for _ in range(5):
        assert not log_in(through_nginx(VISITOR_A), personas.editor_a.email, "fel")
    assert not log_in(through_nginx(VISITOR_B), personas.editor_a.email)  # five failures lock the account
    assert log_in(through_nginx(VISITOR_B), personas.editor_b.email)  # and no other


@pytest.mark.django_db
@pytest.mark.usefixtures("behind_nginx")
def test_a_forged_header_from_a_stranger_does_not_escape_its_login_bucket(personas: Personas) -> None:
    stranger = Client(REMOTE_ADDR=STRANGER)
    for number in range(10):
        extra = {"HTTP_X_FORWARDED_FOR": f"192.0.2.{number}"}
        assert not log_in(stranger, f"gissning{number}@test.example", "fel", **extra)
    assert not log_in(stranger, personas.editor_a.email, HTTP_X_FORWARDED_FOR="192.0.2.200")
    # Nor did it spend the bucket of the visitor it named.
    assert log_in(through_nginx("192.0.2.1"), personas.editor_a.email)


def send_contact(client: Client, commit: Callable[..., Any], **extra: str) -> int:
    data = {"name": "Vera Besökare", "email": "", "body": "Hur blir vår förening part?", "website": ""}
    with commit(execute=True):
        return int(client.post(reverse("pages:contact"), data, **extra).status_code)  # type: ignore[arg-type]


@pytest.mark.django_db
@pytest.mark.usefixtures("behind_nginx")
def test_one_visitors_contact_messages_do_not_close_the_form_for_another(
    django_capture_on_commit_callbacks: Any,
) -> None:
    visitor_a = through_nginx(VISITOR_A)
    for _ in range(RATE_LIMIT):
        assert send_contact(visitor_a, django_capture_on_commit_callbacks) == 302
    assert send_contact(visitor_a, django_capture_on_commit_callbacks) == 429
    assert send_contact(through_nginx(VISITOR_B), django_capture_on_commit_callbacks) == 302
    assert Message.objects.count() == RATE_LIMIT + 1
    assert len(mail.outbox) == RATE_LIMIT + 1  # the secretariat's notices; no receipts without an address


@pytest.mark.django_db
@pytest.mark.usefixtures("behind_nginx")
def test_a_forged_header_from_a_stranger_does_not_escape_its_contact_bucket(
    django_capture_on_commit_callbacks: Any,
) -> None:
    stranger = Client(REMOTE_ADDR=STRANGER)
    for number in range(RATE_LIMIT):
        extra = {"HTTP_X_FORWARDED_FOR": f"192.0.2.{number}"}
        assert send_contact(stranger, django_capture_on_commit_callbacks, **extra) == 302
    forged = {"HTTP_X_FORWARDED_FOR": "192.0.2.200"}
    assert send_contact(stranger, django_capture_on_commit_callbacks, **forged) == 429
    assert send_contact(through_nginx("192.0.2.1"), django_capture_on_commit_callbacks) == 302


@pytest.mark.django_db
@pytest.mark.usefixtures("behind_nginx")
def test_ipv6_visitors_of_one_64_share_a_bucket_and_others_do_not(django_capture_on_commit_callbacks: Any) -> None:
    for host in range(RATE_LIMIT):
        assert send_contact(through_nginx(f"2001:db8:1:2::{host + 1}"), django_capture_on_commit_callbacks) == 302
    assert send_contact(through_nginx("2001:db8:1:2::ffff"), django_capture_on_commit_callbacks) == 429
    assert send_contact(through_nginx("2001:db8:1:3::1"), django_capture_on_commit_callbacks) == 302


@pytest.mark.django_db
@pytest.mark.usefixtures("behind_nginx")
def test_the_api_throttle_counts_per_visitor_and_ignores_forged_headers(monkeypatch: pytest.MonkeyPatch) -> None:
    # DRF copies the rates into the class when it is imported.
    monkeypatch.setattr(ClientAnonRateThrottle, "THROTTLE_RATES", {"anon": "3/min"})
    url = reverse("api:counties-list")
    visitor_a = through_nginx(VISITOR_A)
    assert [visitor_a.get(url).status_code for _ in range(4)] == [200, 200, 200, 429]
    assert through_nginx(VISITOR_B).get(url).status_code == 200
    stranger = Client(REMOTE_ADDR=STRANGER)
    statuses = [stranger.get(url, HTTP_X_FORWARDED_FOR=f"192.0.2.{number}").status_code for number in range(4)]
    assert statuses == [200, 200, 200, 429]
