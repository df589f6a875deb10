"""HTTP as open-data clients expect it under /api/: validators and 304, CORS, JSON errors in the client's language;
and validators and 304 for the site's feeds (Atom, iCalendar) wherever they are.

- **Validators**: every successful GET carries an `ETag` (a hash of the body, so the same bytes always have the
  same tag, whatever language, format or query produced them) and a `Last-Modified`. The views set both before
  the page cache stores a response (`add_validators`), so a copy served from the cache answers with the
  validators it was stored with; `If-None-Match` / `If-Modified-Since` then get `304 Not Modified`.
  `Last-Modified` is the moment the answer was rendered: the page cache forgets its copy whenever data changes,
  so the time is never older than the data it describes (without the page cache every answer is new).
- **CORS**: the API is public and read-only, so any origin may read it with GET and HEAD; a preflight `OPTIONS`
  is answered here. No credentials: the API has no cookies or logins to share.
- **Feeds**: an Atom or iCalendar response anywhere on the site (the news feeds under /nyheter/, the meetings'
  calendars) gets the same validators and 304 as the API; an Atom feed's `Last-Modified` is its newest entry's
  time (set by Django's syndication view), so `If-Modified-Since` works across renders too.
- **Errors**: every error under /api/ is JSON, `{"detail": "…"}` as DRF writes its own, in the language of the
  `Accept-Language` header (or the language cookie), Swedish by default. Write methods get 405 before any view.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe, quote_etag
from django.utils.translation import gettext as _

API_PREFIX = "/api/"
READ_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOWED_HEADERS = "Accept, Accept-Language, Cache-Control, If-Modified-Since, If-None-Match"
CORS_EXPOSED_HEADERS = "Content-Disposition, Content-Language, ETag, Last-Modified, Link, Retry-After"
CORS_MAX_AGE = 24 * 60 * 60
# Headers of an error response that a client needs to act on it.
KEPT_ON_ERRORS = ("Allow", "Retry-After", "Cache-Control")
FEED_TYPES = ("application/atom+xml", "application/rss+xml", "text/calendar")


def add_validators(response: HttpResponse) -> HttpResponse:
    """Give a complete successful response its `ETag` (from the body) and `Last-Modified` (now), unless set."""
    if response.status_code != 200 or response.streaming or response.get("Content-Type", "").startswith("text/html"):
        return response  # a page carries a fresh CSP nonce per response: its bytes never repeat
    if not response.has_header("ETag"):
        response["ETag"] = quote_etag(hashlib.sha256(response.content).hexdigest()[:40])
    if not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date()
    return response


def _error_messages() -> dict[int, str]:
    return {
        400: _("Begäran är felaktig."),
        403: _("Åtkomst nekad."),
        404: _("Det finns ingen sådan adress i API:t. Se /api/v1/ för en förteckning över adresserna."),
        405: _("API:t är skrivskyddat: bara GET, HEAD och OPTIONS är tillåtna."),
        429: _("För många anrop. Försök igen om en stund."),
        500: _("Ett fel uppstod på servern. Försök igen senare."),
    }


def error_response(status: int, response: HttpResponse | None = None) -> JsonResponse:
    """A JSON error body in the active language, keeping the headers a client needs from the original."""
    messages = _error_messages()
    detail = messages.get(status) or messages[500 if status >= 500 else 400]
    error = JsonResponse({"detail": detail}, status=status, json_dumps_params={"ensure_ascii": False})
    if response is not None:
        for header in KEPT_ON_ERRORS:
            if response.has_header(header):
                error[header] = response[header]
    return error


def _is_feed(response: HttpResponse) -> bool:
    return response.get("Content-Type", "").split(";")[0].strip() in FEED_TYPES


def _is_json(response: HttpResponse) -> bool:
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    return content_type == "application/json" or content_type.endswith("+json")


def _add_cors(response: HttpResponse) -> None:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = CORS_EXPOSED_HEADERS


def _preflight() -> HttpResponse:
    response = HttpResponse(status=204)
    response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response["Access-Control-Allow-Headers"] = CORS_ALLOWED_HEADERS
    response["Access-Control-Max-Age"] = str(CORS_MAX_AGE)
    return response


class OpenDataMiddleware:
    """Under /api/: the client's language, 405 for writes, CORS, JSON errors, and 304 for conditional GETs;
    elsewhere 304 for conditional GETs of feeds.

    Placed just before the page cache in MIDDLEWARE, so that it also sees the copies the cache serves.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith(API_PREFIX):
            page: HttpResponse = self.get_response(request)
            if request.method in ("GET", "HEAD") and page.status_code == 200 and _is_feed(page):
                return self._conditional(request, add_validators(page))
            return page
        # The API's paths carry no language prefix; its messages follow Accept-Language or the language cookie.
        language = translation.get_language_from_request(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language  # the page cache keys by it
        if request.method not in READ_METHODS:
            response: HttpResponse = error_response(405)
            response["Allow"] = ", ".join(READ_METHODS)
        elif request.method == "OPTIONS" and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in request.META:
            response = _preflight()
        else:
            response = self.get_response(request)
        if response.status_code >= 400 and not _is_json(response):
            response = error_response(response.status_code, response)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            response = self._conditional(request, add_validators(response))
        _add_cors(response)
        patch_vary_headers(response, ["Accept-Language"])
        response["Content-Language"] = language
        return response

    @staticmethod
    def _conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
        """304 (or 412) when the client's validators match, else the response itself."""
        if not response.has_header("ETag"):
            return response
        last_modified = parse_http_date_safe(response["Last-Modified"])
        conditional = get_conditional_response(
            request, etag=response["ETag"], last_modified=last_modified, response=response
        )
        return conditional if conditional is not None else response
