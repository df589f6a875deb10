"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from vagenin.accounts import permissions
from vagenin.accounts.views import _in_language as in_language

# OpenGraph names a locale with its country: the site's Swedish is Sweden's, its English British.
OG_LOCALES = {"sv": "sv_SE", "en": "en_GB"}


def site(request: HttpRequest) -> dict[str, Any]:
    """Site-wide values: the user's staff capabilities for the navigation, the page in every language."""
    user = getattr(request, "user", None)
    return {
        "is_coordinator": permissions.is_coordinator(user),
        # Read only by the pages that ask (a query otherwise paid on every logged-in page).
        "editable_organisations": SimpleLazyObject(lambda: permissions.editable_organisation_ids(user)),
        **page_addresses(request),
    }


def page_addresses(request: HttpRequest) -> dict[str, Any]:
    """The page's absolute address (SITE_URL, not the request's host), and the same page in each language
    (hreflang, Swedish as x-default) when it has one: not for an address that resolves to nothing (a 404) or to
    the API, whose paths have no language."""
    base = settings.SITE_URL.rstrip("/")
    full_path = request.get_full_path()
    alternates: list[dict[str, str]] = []
    try:
        resolve(request.path_info)
    except Resolver404:
        pass
    else:
        # The language switch's own translation: every language has the same paths, Swedish unprefixed.
        paths = {code: in_language(full_path, code) for code, _name in settings.LANGUAGES}
        if len(set(paths.values())) == len(paths):
            alternates = [{"hreflang": code, "url": base + path} for code, path in paths.items()]
            alternates.append({"hreflang": "x-default", "url": base + paths[settings.LANGUAGE_CODE]})
    language = translation.get_language() or settings.LANGUAGE_CODE
    return {
        "page_url": base + full_path,
        "language_alternates": alternates,
        "og_locale": OG_LOCALES.get(language, OG_LOCALES["sv"]),
        "og_locale_alternates": [locale for code, locale in OG_LOCALES.items() if code != language],
    }
