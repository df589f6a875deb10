"""The files crawlers and browsers ask for at the site's root: robots.txt, sitemap.xml, security.txt, favicon.ico.

They sit outside the language prefixes (vagenin/urls.py) and name the site by SITE_URL, never by the request's
Host, so what they say does not depend on how the request reached the site.
"""

from __future__ import annotations

import datetime
from functools import cache
from pathlib import Path
from xml.sax.saxutils import quoteattr

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from vagenin.site.sitemap import disallowed_paths, in_language, public_paths

FAVICON = Path(__file__).resolve().parent / "static" / "site" / "favicon.ico"
# RFC 9116 asks for an expiry under a year ahead; computed at each request, so it never lapses.
SECURITY_TXT_VALID = datetime.timedelta(days=180)
CACHE_SECONDS = 60 * 60


def site_url(path: str) -> str:
    """The absolute address of a path of this site."""
    return settings.SITE_URL.rstrip("/") + path


def _text(body: str, content_type: str = "text/plain; charset=utf-8", max_age: int = CACHE_SECONDS) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    patch_cache_control(response, public=True, max_age=max_age)
    return response


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers may read the public pages and the open-data API, not the staff and private areas."""
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in disallowed_paths()), "Allow: /", ""]
    lines.append(f"Sitemap: {site_url(reverse('sitemap'))}")
    return _text("\n".join(lines) + "\n")


@require_safe
def sitemap_xml(request: HttpRequest) -> HttpResponse:
    """Every public page in every language, each with its alternates (hreflang) and Swedish as x-default."""
    languages = [code for code, _name in settings.LANGUAGES]
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n',
    ]
    for path in public_paths():
        addresses = {code: quoteattr(site_url(in_language(path, code))) for code in languages}
        alternates = "".join(
            f'<xhtml:link rel="alternate" hreflang="{code}" href={address}/>' for code, address in addresses.items()
        )
        alternates += f'<xhtml:link rel="alternate" hreflang="x-default" href={addresses[settings.LANGUAGE_CODE]}/>'
        for address in addresses.values():
            # quoteattr's quotes are not part of the address; <loc> is element text.
            parts.append(f"<url><loc>{address[1:-1]}</loc>{alternates}</url>\n")
    parts.append("</urlset>\n")
    return _text("".join(parts), content_type="application/xml; charset=utf-8")


def security_contact() -> str:
    """The Contact of security.txt as a URI: SECURITY_CONTACT, else the secretariat's address."""
    contact = settings.SECURITY_CONTACT or settings.SECRETARIAT_EMAIL
    return contact if contact.startswith(("https://", "mailto:")) else f"mailto:{contact}"


@require_safe
def security_txt(request: HttpRequest) -> HttpResponse:
    """RFC 9116: where to report a vulnerability, in which languages, until when this file is valid."""
    expires = (timezone.now() + SECURITY_TXT_VALID).replace(microsecond=0).astimezone(datetime.UTC)
    lines = [
        f"Contact: {security_contact()}",
        f"Expires: {expires.strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: sv, en",
        f"Canonical: {site_url(reverse('security_txt'))}",
    ]
    return _text("\n".join(lines) + "\n")


@cache
def _favicon() -> bytes:
    return FAVICON.read_bytes()


@require_safe
def favicon_ico(request: HttpRequest) -> HttpResponse:
    """The site's icon where browsers and feed readers look for it without reading a page."""
    response = HttpResponse(_favicon(), content_type="image/vnd.microsoft.icon")
    patch_cache_control(response, public=True, max_age=7 * 24 * CACHE_SECONDS)
    return response
