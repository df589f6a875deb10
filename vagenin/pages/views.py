"""Public information pages, page feedback, the contact form, and the secretariat's inbox."""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vagenin.agreement.models import AgreementPeriod, Body, BodyKind
from vagenin.common.clientip import client_key
from vagenin.common.pagecache import cache_for_anonymous
from vagenin.common.ratelimit import hit
from vagenin.pages.forms import ContactForm, InboxFilterForm, PageFeedbackForm, ReplyForm
from vagenin.pages.models import Message
from vagenin.pages.permissions import get_message_for, require_inbox_access
from vagenin.pages.services import (
    CannotReplyError,
    delete_message,
    mark_message_handled,
    message_retention_days,
    receive_contact_message,
    receive_page_feedback,
    reopen_message,
    reply_to_message,
)

# Visitors' forms: at most this many posts per client address and window, per form.
RATE_LIMIT = 10
RATE_WINDOW_SECONDS = 10 * 60
INBOX_PAGE_SIZE = 25
STATS_PAGE_SIZE = 50
# When the accessibility statement was last reviewed; update it with the statement.
ACCESSIBILITY_STATEMENT_DATE = datetime.date(2026, 11, 23)
# What the privacy notice promises about server logs; the operator's log rotation must match it.
SERVER_LOG_RETENTION_DAYS = 90


@cache_for_anonymous
def home(request: HttpRequest) -> HttpResponse:
    """What Vägen in is: purpose, principles and areas of the agreement in force."""
    period = AgreementPeriod.objects.current()
    context: dict[str, object] = {"period": period}
    if period is not None:
        context |= {
            "principles": period.principles.all(),
            "areas": period.areas.all(),
            "signatory_count": period.signatories.count(),
        }
    return render(request, "pages/home.html", context)


def _over_rate_limit(request: HttpRequest, scope: str) -> bool:
    return not hit(scope=scope, key=client_key(request), limit=RATE_LIMIT, window_seconds=RATE_WINDOW_SECONDS)


def _rate_limited(request: HttpRequest) -> HttpResponse:
    context = {"minutes": RATE_WINDOW_SECONDS // 60, "secretariat_email": settings.SECRETARIAT_EMAIL}
    response = render(request, "pages/rate_limited.html", context, status=429)
    response["Retry-After"] = str(RATE_WINDOW_SECONDS)
    return response


def _local_url(request: HttpRequest, url: str, default: str) -> str:
    """`url` if it stays on this site, else `default`: never an open redirect."""
    if url.startswith("/") and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return default


def page_feedback(request: HttpRequest) -> HttpResponse:
    """Store a "was this useful?" answer and go back to the page it was about."""
    if request.method != "POST":
        return redirect("pages:home")
    if _over_rate_limit(request, "page-feedback"):
        return _rate_limited(request)
    form = PageFeedbackForm(request.POST)
    if not form.is_valid():
        return render(request, "pages/feedback_form.html", {"form": form})
    if not form.is_from_bot:
        data = form.cleaned_data
        receive_page_feedback(
            page=data["page"], useful=data["useful"], comment=data["comment"], language=get_language()
        )
    messages.success(request, _("Tack för ditt svar! Det hjälper oss att göra webbplatsen bättre."))
    return redirect(_local_url(request, form.cleaned_data["page"], default=reverse("pages:home")))


def _secretariat() -> Body | None:
    """The secretariat of the agreement in force, with its convening organisation."""
    period = AgreementPeriod.objects.current()
    if period is None:
        return None
    return Body.objects.for_public_display().filter(period=period, kind=BodyKind.SECRETARIAT).first()


def contact(request: HttpRequest) -> HttpResponse:
    """The contact form, with the secretariat's contact details."""
    if request.method == "POST" and _over_rate_limit(request, "contact"):
        return _rate_limited(request)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not form.is_from_bot:
            data = form.cleaned_data
            receive_contact_message(name=data["name"], email=data["email"], body=data["body"], language=get_language())
        return redirect("pages:contact_sent")
    context = {"form": form, "secretariat": _secretariat(), "secretariat_email": settings.SECRETARIAT_EMAIL}
    return render(request, "pages/contact.html", context)


def contact_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/contact_sent.html")


@cache_for_anonymous
def accessibility(request: HttpRequest) -> HttpResponse:
    context = {"statement_date": ACCESSIBILITY_STATEMENT_DATE, "secretariat_email": settings.SECRETARIAT_EMAIL}
    return render(request, "pages/accessibility.html", context)


@cache_for_anonymous
def privacy(request: HttpRequest) -> HttpResponse:
    context = {
        "retention_days": message_retention_days(),
        "log_retention_days": SERVER_LOG_RETENTION_DAYS,
        "secretariat_email": settings.SECRETARIAT_EMAIL,
    }
    return render(request, "pages/privacy.html", context)


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """Visitors' messages, newest first, filtered by kind, status and page."""
    require_inbox_access(request.user)
    filter_form = InboxFilterForm(request.GET or None)
    inbox_messages = Message.objects.for_inbox().filter(**filter_form.filters())
    context = {
        "filter_form": filter_form,
        "page": Paginator(inbox_messages, INBOX_PAGE_SIZE).get_page(request.GET.get("sida")),
        "unhandled_count": Message.objects.unhandled().count(),
    }
    return render(request, "pages/inbox.html", context)


@login_required
def message_detail(request: HttpRequest, message: uuid.UUID) -> HttpResponse:
    visitor_message = get_message_for(request.user, message)
    return _message_page(request, visitor_message, ReplyForm())


def _message_page(request: HttpRequest, visitor_message: Message, form: ReplyForm) -> HttpResponse:
    context = {
        "visitor_message": visitor_message,
        "replies": visitor_message.replies.select_related("sent_by"),
        "reply_form": form if visitor_message.kind == "contact" and visitor_message.email else None,
    }
    return render(request, "pages/message_detail.html", context)


@login_required
@require_POST
def message_reply(request: HttpRequest, message: uuid.UUID) -> HttpResponse:
    """Answer a contact message by e-mail; the answer is kept on the message, which counts as handled."""
    visitor_message = get_message_for(request.user, message)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return _message_page(request, visitor_message, form)
    try:
        reply_to_message(actor=request.user, message=visitor_message, body=form.cleaned_data["body"])
    except CannotReplyError:
        messages.error(request, _("Meddelandet har ingen e-postadress att svara till."))
    else:
        messages.success(request, _("Svaret är skickat till %(email)s.") % {"email": visitor_message.email})
    return redirect("pages:message", message=visitor_message.uuid)


def _back_to_inbox(request: HttpRequest) -> str:
    return _local_url(request, request.POST.get("next", ""), default=reverse("pages:inbox"))


@login_required
@require_POST
def message_mark_handled(request: HttpRequest, message: uuid.UUID) -> HttpResponse:
    visitor_message = get_message_for(request.user, message)
    if mark_message_handled(actor=request.user, message=visitor_message):
        messages.success(request, _("Meddelandet är markerat som hanterat."))
    else:
        messages.info(request, _("Meddelandet var redan hanterat."))
    return redirect(_back_to_inbox(request))


@login_required
@require_POST
def message_reopen(request: HttpRequest, message: uuid.UUID) -> HttpResponse:
    visitor_message = get_message_for(request.user, message)
    if reopen_message(actor=request.user, message=visitor_message):
        messages.success(request, _("Meddelandet är öppnat igen."))
    else:
        messages.info(request, _("Meddelandet var redan obehandlat."))
    return redirect(_back_to_inbox(request))


@login_required
def message_delete(request: HttpRequest, message: uuid.UUID) -> HttpResponse:
    """Erase a message for good, after a confirmation page."""
    visitor_message = get_message_for(request.user, message)
    if request.method == "POST":
        delete_message(actor=request.user, message=visitor_message)
        messages.success(request, _("Meddelandet är borttaget."))
        return redirect("pages:inbox")
    return render(request, "pages/message_confirm_delete.html", {"visitor_message": visitor_message})


@login_required
def feedback_stats(request: HttpRequest) -> HttpResponse:
    """Yes and no answers per page, most answered first."""
    require_inbox_access(request.user)
    context = {
        "page": Paginator(Message.objects.feedback_per_page(), STATS_PAGE_SIZE).get_page(request.GET.get("sida")),
        "retention_days": message_retention_days(),
    }
    return render(request, "pages/feedback_stats.html", context)
