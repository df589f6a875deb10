"""Every URL of the site refuses anonymous visitors unless it is public on purpose; no open redirects.

The walk is driven by the URL configuration (testsupport/inventory.py): a new view joins it by
existing, and one that forgets its permission check fails here until it checks, or is added to
PUBLIC below with the reason it is public.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse

from testsupport.inventory import (
    EXCLUDED,
    Inventory,
    SiteData,
    build_inventory,
    candidate_kwargs,
    current_totp_codes,
    load_site_data,
    url_routes,
)
from testsupport.personas import PASSWORD

# Each test runs in a savepoint inside the module's data, so what one test changes the next does not see.
pytestmark = pytest.mark.django_db

# Who may GET these without logging in, and why. Everything else must refuse an anonymous visitor.
OPEN_DATA = "open-data API: read-only and public by design"
ACCOUNT = "allauth's page for people who are not logged in"
PUBLIC_PAGE = "public information page"
PUBLIC: dict[str, str] = {
    "healthz": "health check for the load balancer; reveals only ok/error",
    "set_language": "the language switch in every page's header",
    "pages:home": PUBLIC_PAGE,
    "pages:contact": "the public contact form",
    "pages:contact_sent": "thank-you page after the contact form",
    "pages:accessibility": PUBLIC_PAGE,
    "pages:privacy": PUBLIC_PAGE,
    "pages:feedback": "the public page-feedback form posts here",
    "organisations:list": PUBLIC_PAGE,
    "organisations:detail": "public profile of a party or actor",
    "organisations:search": "active organisations' names, as the public list shows them; public forms pick here",
    "agreement:index": PUBLIC_PAGE,
    "agreement:areas": PUBLIC_PAGE,
    "agreement:bodies": PUBLIC_PAGE,
    "agreement:period": PUBLIC_PAGE,
    "agreement:area": PUBLIC_PAGE,
    "agreement:body": PUBLIC_PAGE,
    "actionplan:catalogue": "the public project catalogue",
    "actionplan:organisation_search": "the catalogue's organisation filter: names its initiatives already show",
    "actionplan:detail": "a published initiative in the public catalogue (drafts answer 404)",
    "actionplan:attachment": "a published initiative's attachment (a draft's answer 404)",
    "actionplan:overview": "the public overview of the action plan",
    "actionplan:document": "the action plan as one printable document",
    "actionplan:submit": "anyone may send a project to the catalogue",
    "actionplan:submit_thanks": "thank-you page after sending a project",
    "actionplan:submission_edit": "the sender's private edit link; the random token is the credential",
    "api:settlement-quotas-list": OPEN_DATA,
    "api:settlement-reception-list": OPEN_DATA,
    # meetings: public events (private ones are 404 per event), their calendars, the guest registration and
    # the pages reached by the signed links in the mails (the signed token is the credential).
    "api:events-list": OPEN_DATA,
    "api:events-detail": OPEN_DATA,
    "meetings:list": PUBLIC_PAGE,
    "meetings:detail": "a public event's page; events for partners or a body are 404 to others",
    "meetings:calendars": PUBLIC_PAGE,
    "meetings:feed": "iCalendar feed of public events",
    "meetings:feed_area": "iCalendar feed of public events",
    "meetings:feed_body": "iCalendar feed of public events",
    "meetings:event_ics": "a public event as an iCalendar file",
    "meetings:document": "documents of public meetings (the process days' documentation); others' are 404",
    "meetings:decisions": "decisions of public meetings; private meetings' only to those who may see them",
    "meetings:register": "guests may register for public events",
    "meetings:registered": "thank-you page after registering",
    "meetings:manage_registration": "the participant's signed link; without a token it only explains",
    "meetings:evaluate": "the participant's signed evaluation link; without a token it only explains",
    "settlement:index": "decided municipal quotas and reception are public records",
    "settlement:year": "a decided year's quotas and reception (an undecided year answers 404)",
    "settlement:municipality": "how a decided municipal quota was computed (an undecided year answers 404)",
    "indicators:index": "official statistics: the public start page",
    "indicators:dashboard": "official statistics for the county or a municipality",
    "indicators:indicator": "one official series for a place, with its downloads",
    "indicators:report": "the published integration report",
    "indicators:edition": "a published edition of the integration report",
    # newsletter
    "newsletter:news_list": PUBLIC_PAGE,
    "newsletter:news_detail": "a published news item (drafts and scheduled items answer 404)",
    "newsletter:news_image": "a published news item's image",
    "newsletter:feed_sv": "Atom feed of published news",
    "newsletter:feed_en": "Atom feed of published news",
    "newsletter:feed_area": "Atom feed of published news per area",
    "newsletter:documents": "the public knowledge bank",
    "newsletter:document": "a knowledge-bank entry; all are public",
    "newsletter:document_file": "a knowledge-bank entry's file; all are public",
    "newsletter:subscribe": "anyone may subscribe to the newsletter",
    "newsletter:subscribe_sent": "thank-you page after subscribing",
    "newsletter:confirm": "link from the confirmation mail; the signed, expiring key is the credential",
    "newsletter:preferences": "subscriber's link from every issue; the signed key is the credential",
    "newsletter:unsubscribe": "one-click unsubscribe (RFC 8058); the signed key is the credential",
    "newsletter:archive": "the public archive of sent issues",
    "newsletter:archive_issue": "a sent issue (unsent ones answer 404)",
    "api:news-list": OPEN_DATA,
    "api:news-detail": OPEN_DATA,
    "api:documents-list": OPEN_DATA,
    "api:documents-detail": OPEN_DATA,
    "account_login": ACCOUNT,
    "account_logout": "logging out when not logged in just goes to the start page",
    "account_signup": "says that sign-up is closed (accounts are created by invitation)",
    "account_inactive": ACCOUNT,
    "account_email_verification_sent": ACCOUNT,
    "account_confirm_email": "link from a confirmation e-mail; the key is the credential",
    "account_reset_password": ACCOUNT,
    "account_reset_password_done": ACCOUNT,
    "account_reset_password_from_key": "link from a password-reset e-mail; the key is the credential",
    "account_reset_password_from_key_done": ACCOUNT,
    "api:docs": OPEN_DATA,
    "api:schema": OPEN_DATA,
    "api:organisations-list": OPEN_DATA,
    "api:indicators-list": OPEN_DATA,
    "api:indicators-detail": OPEN_DATA,
    "api:observations-list": OPEN_DATA,
    "api:organisations-detail": OPEN_DATA,
    "api:counties-list": OPEN_DATA,
    "api:counties-detail": OPEN_DATA,
    "api:municipalities-list": OPEN_DATA,
    "api:municipalities-detail": OPEN_DATA,
    "api:agreements-list": OPEN_DATA,
    "api:agreements-detail": OPEN_DATA,
    "api:areas-list": OPEN_DATA,
    "api:areas-detail": OPEN_DATA,
    "api:themes-list": OPEN_DATA,
    "api:themes-detail": OPEN_DATA,
    "api:bodies-list": OPEN_DATA,
    "api:bodies-detail": OPEN_DATA,
    "api:initiatives-list": OPEN_DATA,
    "api:initiatives-detail": OPEN_DATA,
    "api:initiatives-feed": OPEN_DATA,
    "api:initiatives-feed-en": OPEN_DATA,  # the same feed in English
    # grants
    "grants:index": "the public list of grant programmes and their open calls",
    "grants:granted": "granted grants are public records (recipient, purpose, amount, year)",
    "grants:programme": "a grant programme's public page",
    "grants:document": "a grant programme's public documents (rules, templates)",
    "grants:call": "a published call's public page (unpublished ones answer 404)",
    "api:grants-list": OPEN_DATA,
    "api:dcat": OPEN_DATA,  # the DCAT-AP-SE catalogue (opendata)
    # the site's root files (vagenin/site/public_files.py)
    "robots_txt": "robots.txt: tells crawlers which areas to leave alone; lists no secrets",
    "sitemap": "sitemap.xml: lists only pages anonymous visitors may read",
    "security_txt": "security.txt (RFC 9116): where to report a vulnerability",
    "favicon": "the site's icon",
}

# Integer converters put sequential ids in URLs; allauth's reset link carries the user id in base 36
# next to a signed token, which we cannot change.
SEQUENTIAL_ID_ALLOWED = {"account_reset_password_from_key"}

# Logins hash passwords; the slow production hasher adds seconds and tests nothing here.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EVIL_TARGETS = ["https://evil.example/", "//evil.example/", "/\\evil.example/", "https:evil.example"]


@pytest.fixture(scope="module")
def site(django_db_setup: None, django_db_blocker: object) -> Iterator[tuple[SiteData, Inventory]]:
    """The sample data and the inventory, built once for the module and rolled back after it."""
    # Many logins from one address: allauth's rate limits (tested by accounts) would refuse some.
    quiet = override_settings(PASSWORD_HASHERS=FAST_HASHERS, ACCOUNT_RATE_LIMITS=False)
    with django_db_blocker.unblock(), transaction.atomic(), quiet:  # type: ignore[attr-defined]
        data = load_site_data()
        yield data, build_inventory(data)
        transaction.set_rollback(True)


def test_every_url_pattern_is_in_the_inventory(site: tuple[SiteData, Inventory]) -> None:
    _, inventory = site
    assert not inventory.problems, "The page inventory cannot check these routes:\n" + "\n".join(inventory.problems)


def test_allow_lists_name_real_routes() -> None:
    names = {route.name for route in url_routes()}
    stale = sorted((set(PUBLIC) | set(EXCLUDED)) - names)
    assert not stale, f"These allow-list entries name no URL pattern any more; remove them: {stale}"


def test_anonymous_get_is_refused_unless_public(site: tuple[SiteData, Inventory]) -> None:
    """Every route outside PUBLIC redirects to the login, or answers 403, 404 or 405."""
    data, inventory = site
    entries = {entry.name: entry for entry in inventory.entries}
    client = Client(raise_request_exception=False)
    login = reverse("account_login")
    failures = []
    for route in url_routes():
        entry = entries.get(route.name)
        candidates = [entry.kwargs] if entry else candidate_kwargs(route, data.samples)
        if not candidates:
            continue  # reported by test_every_url_pattern_is_in_the_inventory
        url = route.reverse(candidates[0])
        response = client.get(url)
        status = response.status_code
        if route.name in PUBLIC:
            if status not in (200, 302):
                failures.append(f"{route.name} {url}: on the PUBLIC list but answers {status}; remove it there.")
            continue
        location = response.get("Location", "")
        refused = status in (403, 404, 405) or (status == 302 and location.startswith(login))
        if not refused:
            failures.append(
                f"{route.name} {url}: an anonymous GET gives {status} {location}. Add a permission check "
                "(login_required / an access helper), or add the route to PUBLIC in "
                "vagenin/site/tests/test_url_security.py with the reason it is public."
            )
    assert not failures, "\n".join(failures)


def test_public_allow_list_is_public(site: tuple[SiteData, Inventory]) -> None:
    """Pages the inventory found open to anonymous visitors are exactly those on PUBLIC."""
    _, inventory = site
    open_to_anonymous = {entry.name for entry in inventory.entries if entry.is_public}
    unexpected = sorted(open_to_anonymous - set(PUBLIC))
    assert not unexpected, f"Open to anonymous visitors but not on PUBLIC: {unexpected}"


def test_no_route_exposes_sequential_ids() -> None:
    offending = [
        f"{route.name} ({route.pattern})"
        for route in url_routes()
        if route.name not in SEQUENTIAL_ID_ALLOWED and any(conv == "int" for _, conv in route.converters)
    ]
    assert not offending, f"Public URLs use slugs or UUIDs, never sequential ids: {offending}"


def _assert_local(location: str) -> None:
    assert location.startswith("/"), f"Redirected off-site to {location!r}"
    assert not location.startswith(("//", "/\\")), f"Redirected off-site to {location!r}"


@pytest.mark.parametrize("target", EVIL_TARGETS)
def test_login_does_not_redirect_off_site(site: tuple[SiteData, Inventory], target: str) -> None:
    data, _ = site
    client = Client()
    login = reverse("account_login")
    response = client.post(f"{login}?next={target}", {"login": data.personas.editor_a.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(data.personas.editor_a.pk)
    _assert_local(response["Location"])
    response = Client().post(login, {"login": data.personas.editor_b.email, "password": PASSWORD, "next": target})
    assert response.status_code == 302
    _assert_local(response["Location"])


def test_login_with_totp_does_not_redirect_off_site(site: tuple[SiteData, Inventory]) -> None:
    data, _ = site
    client = Client()
    login = reverse("account_login")
    response = client.post(
        f"{login}?next=https://evil.example/", {"login": data.personas.coordinator.email, "password": PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    with override_settings(MFA_TOTP_TOLERANCE=1):
        for code in current_totp_codes():
            response = client.post(reverse("mfa_authenticate"), {"code": code})
            if client.session.get("_auth_user_id"):
                break
    assert client.session.get("_auth_user_id") == str(data.personas.coordinator.pk)
    _assert_local(response["Location"])


def test_logout_does_not_redirect_off_site(site: tuple[SiteData, Inventory]) -> None:
    data, _ = site
    client = Client()
    client.force_login(data.personas.editor_a)
    response = client.post(reverse("account_logout"), {"next": "https://evil.example/"})
    assert response.status_code == 302
    _assert_local(response["Location"])


@pytest.mark.parametrize("target", EVIL_TARGETS)
def test_language_switch_does_not_redirect_off_site(site: tuple[SiteData, Inventory], target: str) -> None:
    response = Client().post(reverse("set_language"), {"language": "en", "next": target})
    _assert_local(response["Location"])
