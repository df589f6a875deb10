"""A cache of public pages and API responses as anonymous visitors get them.

Most requests are anonymous visitors reading the same public pages, and a public page costs tens of
milliseconds to render. A view marked with `@cache_for_anonymous` is stored the first time an anonymous
visitor asks for it and served from there to the next one, until something changes:

- **What may be cached**: GET requests without a session or flash-message cookie (so nobody who is logged
  in or has anything personal on the page), to a marked view, answered with a complete 200 response that
  sets no cookie, queues no message, leaves the session alone and is not marked private. Kept apart per
  scheme, host, path with query string, language, and (for the API's formats) whether CSV was asked for.
- **Per-request parts stay per request**: the CSP nonce and the CSRF tokens of the page's forms are stored as
  placeholders and filled in afresh for every visitor, so a cached page is as safe as a rendered one.
- **Invalidation**: one generation token for the whole site in the shared cache, changed whenever data
  changes (a model a public page may show saved or deleted; any successful POST by a logged-in user, which
  also catches bulk updates), after the transaction commits. An entry is served only while its generation
  is current (each process trusts the token it last read for `PAGE_CACHE_GENERATION_SECONDS`, 1 s by
  default, and forgets it at once when it makes a change itself), and for at most `PAGE_CACHE_SECONDS`, which
  bounds how long date-dependent text ("ends within 30 days") can lag. The release (the modification times of
  the code, templates, catalogues and static sources) is part of every key, so a deployment does not serve
  pages of the previous one.
- **Where**: the generation lives in the default cache (Redis with `REDIS_URL`, so every process hears of a
  change); the pages themselves in each process's own memory (`CACHES["pages"]`, bounded), so that
  visitors making up query strings cannot crowd the login lockouts and throttles out of Redis.
- **Failure**: if the cache fails, pages are rendered as without it and writes still succeed (logged).

Turned off with `PAGE_CACHE_SECONDS=0` (the default without `REDIS_URL` or with `DJANGO_DEBUG`, and in the
test suite except where a test turns it on).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
# Models whose rows no public page shows: saving them must not empty the cache (a login saves the user,
# every page-feedback message is a row). Anything not listed here invalidates: when in doubt, forget.
PRIVATE_MODELS = frozenset(
    {
        "sessions.session",
        "accounts.user",
        "account.emailaddress",
        "account.emailconfirmation",
        "mfa.authenticator",
        "common.auditentry",
        "pages.message",
        "pages.reply",
        "actionplan.projectsubmission",
        "newsletter.subscriber",
        "newsletter.subscriber_areas",
        "newsletter.delivery",
    }
)
CACHEABLE_TYPES = (
    "text/html",
    "application/json",
    "text/csv",
    "application/atom+xml",
    "text/calendar",  # the public meeting calendars, which calendar programs poll
    "application/pdf",  # the action plan as a document: seconds of WeasyPrint per copy
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
MAX_BODY_BYTES = 1024 * 1024
NONCE_MARK = b"\x00csp-nonce\x00"
CSRF_MARK = b"\x00csrf-token\x00"
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

View = TypeVar("View", bound=Callable[..., Any] | type)


def cache_for_anonymous(view: View) -> View:
    """Mark a view function or class (Django or DRF) whose response to anonymous visitors may be shared."""
    view.cache_for_anonymous = True  # type: ignore[union-attr]
    return view


def _is_marked(view_func: Callable[..., Any]) -> bool:
    # Django's as_view() keeps the class as view_class, DRF's as cls.
    owner = getattr(view_func, "view_class", None) or getattr(view_func, "cls", None)
    return bool(getattr(view_func, "cache_for_anonymous", False) or getattr(owner, "cache_for_anonymous", False))


class _Generation:
    """This process's copy of the generation token, trusted for PAGE_CACHE_GENERATION_SECONDS."""

    value: str | None = None
    read_at = float("-inf")

    @classmethod
    def current(cls) -> str | None:
        """The generation, from this process's copy while it is fresh, else from the shared cache (may raise)."""
        now = time.monotonic()
        if now - cls.read_at >= settings.PAGE_CACHE_GENERATION_SECONDS:
            cls.value, cls.read_at = cache.get(GENERATION_KEY), now
        return cls.value

    @classmethod
    def remember(cls, value: str | None) -> None:
        cls.value, cls.read_at = value, time.monotonic()

    @classmethod
    def forget(cls) -> None:
        cls.value, cls.read_at = None, float("-inf")


def forget_generation() -> None:
    """Drop this process's copy of the generation (the shared cache was emptied: tests)."""
    _Generation.forget()


def invalidate() -> None:
    """Forget every cached page (by starting a new generation). Never fails the write that asked for it."""
    if not settings.PAGE_CACHE_SECONDS:
        return
    _Generation.forget()  # this process asks the shared cache again at once
    try:
        generation = uuid.uuid4().hex
        cache.set(GENERATION_KEY, generation, timeout=None)
        _Generation.remember(generation)
    except Exception:
        # The generation may now be stale until the cache answers again; entries still expire on their own.
        logger.exception("Could not invalidate the page cache")


def _invalidate_after_commit(sender: type[Model], **kwargs: Any) -> None:
    if settings.PAGE_CACHE_SECONDS:
        # robust: a failing cache must not stop the transaction's other callbacks (its e-mails).
        transaction.on_commit(invalidate, using=kwargs.get("using"), robust=True)


def connect_signals() -> None:
    """Called from CommonConfig.ready(): a change to any model a public page may show invalidates the cache.

    Connected per model, so that the private models keep Django's fast bulk delete (no per-row signals).
    """
    for model in apps.get_models(include_auto_created=True):
        if model._meta.label_lower in PRIVATE_MODELS:
            continue
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(_invalidate_after_commit, sender=model, dispatch_uid=f"pagecache-{model._meta.label_lower}")


def _release() -> str:
    """Changes with every deployment: the newest modification time among the code, templates and catalogues."""
    newest = 0.0
    for folder, _dirs, files in os.walk(Path(__file__).resolve().parent.parent):
        for name in files:
            if name.endswith((".py", ".html", ".txt", ".mo", ".css", ".js", ".svg")):
                newest = max(newest, os.stat(os.path.join(folder, name)).st_mtime)
    return f"{newest:.0f}"


def _personal_state(request: HttpRequest) -> bool:
    """Whether the view gave this visitor something of their own that outer middleware will turn into a cookie."""
    session = getattr(request, "session", None)
    storage = getattr(request, "_messages", None)
    return bool((session is not None and session.modified) or (storage is not None and storage._queued_messages))


class PageCacheMiddleware:
    """Serves and stores `@cache_for_anonymous` views; last in MIDDLEWARE, so only the view is skipped."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.release = _release()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        key = getattr(request, "_page_cache_key", None)
        if key is not None:
            self._store(request, key, response)
        elif request.method not in SAFE_METHODS and response.status_code < 400 and request.user.is_authenticated:
            # A logged-in user changed something: services may have used bulk updates that send no signals.
            transaction.on_commit(invalidate, robust=True)
        return response

    def process_view(self, request: HttpRequest, view_func: Callable[..., Any], *args: Any) -> HttpResponse | None:
        if not (settings.PAGE_CACHE_SECONDS and request.method == "GET" and _is_marked(view_func)):
            return None
        if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
            return None
        key = self._key(request)
        try:
            generation = _Generation.current()
            entry = caches["pages"].get(key)
        except Exception:
            logger.exception("Page cache unavailable; rendering %s", request.path)
            return None
        if entry is not None and generation is not None and entry[0] == generation:
            return self._rebuild(request, entry)
        request._page_cache_key = key  # type: ignore[attr-defined]
        request._page_cache_generation = generation  # type: ignore[attr-defined]
        return None

    def _key(self, request: HttpRequest) -> str:
        # Absolute links (the API's, the feed's) carry scheme and host. Of Accept, only CSV changes the answer.
        wants_csv = "text/csv" in request.META.get("HTTP_ACCEPT", "")
        language = request.LANGUAGE_CODE  # set by LocaleMiddleware
        varying = f"{request.scheme}\n{request.get_host()}\n{request.get_full_path()}\n{language}\n{wants_csv}"
        return f"pagecache:{self.release}:{hashlib.sha256(varying.encode()).hexdigest()}"

    def _store(self, request: HttpRequest, key: str, response: HttpResponse) -> None:
        content_type = response.get("Content-Type", "").split(";")[0]
        if (
            response.status_code != 200
            or response.streaming
            or response.cookies
            or content_type not in CACHEABLE_TYPES
            or len(response.content) > MAX_BODY_BYTES
            or any(word in response.get("Cache-Control", "") for word in ("no-store", "private"))
            or _personal_state(request)
        ):
            return
        try:
            self._put(request, key, response)
        except Exception:
            logger.exception("Could not store %s in the page cache", request.path)

    def _put(self, request: HttpRequest, key: str, response: HttpResponse) -> None:
        generation = request._page_cache_generation  # type: ignore[attr-defined]
        if generation is None:
            generation = uuid.uuid4().hex
            if not cache.add(GENERATION_KEY, generation, timeout=None):
                _Generation.forget()
                return  # another process started a generation meanwhile; the next visitor stores the page
            _Generation.remember(generation)
        body = response.content
        nonce = request.csp_nonce  # type: ignore[attr-defined]
        if nonce:  # the page used its nonce (django-csp's lazy object is true once evaluated)
            body = body.replace(str(nonce).encode(), NONCE_MARK)
        body = CSRF_INPUT.sub(rb"\1" + CSRF_MARK + rb"\2", body)
        entry = (generation, list(response.items()), body)
        caches["pages"].set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)

    def _rebuild(self, request: HttpRequest, entry: tuple[str, list[tuple[str, str]], bytes]) -> HttpResponse:
        _generation, headers, body = entry
        if NONCE_MARK in body:
            body = body.replace(NONCE_MARK, str(request.csp_nonce).encode())  # type: ignore[attr-defined]
        if CSRF_MARK in body:
            # A fresh masked token for this visitor, the same in each form as rendering gives (the template's
            # csrf_token is read once per render); CsrfViewMiddleware sets the cookie.
            body = body.replace(CSRF_MARK, get_token(request).encode())
        response = HttpResponse(body)
        for name, value in headers:
            response[name] = value
        return response
