"""Views of news, the knowledge bank and the newsletter: public pages, subscribers' links, the secretariat's tools."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import F, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from vagenin.accounts.permissions import editable_organisation_ids, is_coordinator, require_coordinator
from vagenin.accounts.types import AuthenticatedRequest
from vagenin.common.clientip import client_key
from vagenin.common.deletion import InUseError
from vagenin.common.middleware import personal_data
from vagenin.common.pagecache import cache_for_anonymous
from vagenin.common.ratelimit import hit
from vagenin.newsletter import compose, markup, services, tokens
from vagenin.newsletter.forms import (
    ApproveNewsForm,
    ChoicesForm,
    DocumentFilterForm,
    DocumentForm,
    IssueForm,
    NewsFilterForm,
    NewsForm,
    ReturnForm,
    ScheduleForm,
    SubscribeForm,
)
from vagenin.newsletter.models import Document, Issue, IssueStatus, NewsItem, Subscriber
from vagenin.newsletter.permissions import get_document_for, get_issue_for, get_news_for, may_write_news
from vagenin.organisations.models import Organisation

PAGE_SIZE = 20
RATE_LIMIT = 10
RATE_WINDOW_SECONDS = 10 * 60


def _markup(text: str) -> str:
    return mark_safe(markup.to_html(text, heading_offset=0))  # markup escapes every input character


# News --------------------------------------------------------------------------------------------


@cache_for_anonymous
def news_list(request: HttpRequest) -> HttpResponse:
    """Published news, newest first, filtered by area, theme and organisation."""
    form = NewsFilterForm(request.GET or None)
    items = form.filter(NewsItem.objects.published().for_list()).order_by("-published_at", "-pk")
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("sida"))
    return render(request, "newsletter/news_list.html", {"form": form, "page": page})


@cache_for_anonymous
def news_detail(request: HttpRequest, newsitem: uuid.UUID) -> HttpResponse:
    item = get_news_for(request.user, newsitem)
    context = {
        "item": item,
        "body": _markup(item.body),
        "areas": item.areas.all(),
        "themes": item.themes.select_related("area"),
        "can_edit": may_write_news(request.user) and item.organisation_id in _writable_ids(request),
    }
    return render(request, "newsletter/news_detail.html", context)


def news_image(request: HttpRequest, newsitem: uuid.UUID) -> FileResponse:
    """A news item's image, for whoever may see the item."""
    item = get_news_for(request.user, newsitem)
    if not item.image:
        raise Http404("No image.")
    extension = (item.image.name or "").rsplit(".", 1)[-1].lower()
    content_type = {"png": "image/png", "webp": "image/webp"}.get(extension, "image/jpeg")
    response = FileResponse(item.image.open("rb"), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _writable_ids(request: HttpRequest) -> set[int]:
    if is_coordinator(request.user):
        return set(Organisation.objects.values_list("pk", flat=True))
    return set(editable_organisation_ids(request.user))


def _organisations_for(request: HttpRequest) -> QuerySet[Organisation]:
    if is_coordinator(request.user):
        return Organisation.objects.order_by("name")
    return Organisation.objects.filter(pk__in=editable_organisation_ids(request.user)).order_by("name")


@login_required
def news_manage(request: AuthenticatedRequest) -> HttpResponse:
    """The news the user may write: all for the secretariat (submitted first), their organisations' for editors."""
    if not may_write_news(request.user):
        raise Http404("No news to manage.")
    items = NewsItem.objects.select_related("organisation")
    if not is_coordinator(request.user):
        items = items.filter(organisation_id__in=editable_organisation_ids(request.user))
    page = Paginator(items.order_by("-updated_at"), PAGE_SIZE).get_page(request.GET.get("sida"))
    context = {
        "page": page,
        "awaiting": NewsItem.objects.awaiting_review().select_related("organisation")
        if is_coordinator(request.user)
        else [],
        "is_coordinator": is_coordinator(request.user),
    }
    return render(request, "newsletter/staff/news_manage.html", context)


@login_required
def news_create(request: AuthenticatedRequest) -> HttpResponse:
    if not may_write_news(request.user):
        raise Http404("No organisation to write for.")
    form = NewsForm(request.POST or None, request.FILES or None, organisations=_organisations_for(request))
    if request.method == "POST" and form.is_valid():
        data = {name: value for name, value in form.cleaned_data.items() if name not in ("organisation", "image")}
        image = form.cleaned_data.get("image") or None
        item = services.create_news(
            actor=request.user, organisation=form.cleaned_data["organisation"], data=data, image=image
        )
        messages.success(request, _("Nyheten är sparad som utkast."))
        return redirect("newsletter:news_edit", newsitem=item.uuid)
    return render(request, "newsletter/staff/news_form.html", {"form": form, "item": None})


@login_required
def news_edit(request: AuthenticatedRequest, newsitem: uuid.UUID) -> HttpResponse:
    item = get_news_for(request.user, newsitem, need="edit")
    coordinator = is_coordinator(request.user)
    form = NewsForm(
        request.POST or None, request.FILES or None, instance=item, organisations=_organisations_for(request)
    )
    if request.method == "POST" and form.is_valid():
        data = {name: value for name, value in form.cleaned_data.items() if name != "image"}
        image = form.cleaned_data.get("image")
        if image is False:  # "clear" ticked
            data |= {"image": ""}
            image = None
        elif image == item.image:
            image = None
        try:
            services.update_news(actor=request.user, item=item, data=data, image=image, is_coordinator=coordinator)
        except services.TransitionError:
            messages.error(request, _("Nyheten granskas eller är publicerad och kan inte ändras nu."))
        else:
            messages.success(request, _("Ändringarna är sparade."))
        return redirect("newsletter:news_edit", newsitem=item.uuid)
    context = {
        "form": form,
        "item": item,
        "is_coordinator": coordinator,
        "approve_form": ApproveNewsForm(),
        "return_form": ReturnForm(),
        "body": _markup(item.body),
    }
    return render(request, "newsletter/staff/news_form.html", context)


@login_required
@require_POST
def news_submit(request: AuthenticatedRequest, newsitem: uuid.UUID) -> HttpResponse:
    item = get_news_for(request.user, newsitem, need="edit")
    try:
        services.submit_news(actor=request.user, item=item)
    except services.TransitionError:
        messages.error(request, _("Bara ett utkast eller en återsänd nyhet kan skickas in."))
    else:
        messages.success(request, _("Nyheten är inskickad. Kansliet granskar den innan den publiceras."))
    return redirect("newsletter:news_edit", newsitem=item.uuid)


@login_required
@require_POST
def news_approve(request: AuthenticatedRequest, newsitem: uuid.UUID) -> HttpResponse:
    item = get_news_for(request.user, newsitem, need="review")
    form = ApproveNewsForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ange en giltig tidpunkt."))
        return redirect("newsletter:news_edit", newsitem=item.uuid)
    try:
        item = services.approve_news(actor=request.user, item=item, published_at=form.cleaned_data["published_at"])
    except services.TransitionError:
        messages.error(request, _("Nyheten är redan godkänd."))
    else:
        if item.state == "scheduled":
            messages.success(request, _("Nyheten är schemalagd och visas från den valda tiden."))
        else:
            messages.success(request, _("Nyheten är publicerad."))
    return redirect("newsletter:news_edit", newsitem=item.uuid)


@login_required
@require_POST
def news_return(request: AuthenticatedRequest, newsitem: uuid.UUID) -> HttpResponse:
    item = get_news_for(request.user, newsitem, need="review")
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.return_news(actor=request.user, item=item, comment=form.cleaned_data["comment"])
        except services.TransitionError:
            messages.error(request, _("Bara en inskickad nyhet kan skickas tillbaka."))
        else:
            messages.success(request, _("Nyheten är återsänd till organisationens redaktörer."))
    else:
        messages.error(request, _("Skriv vad som behöver ändras."))
    return redirect("newsletter:news_edit", newsitem=item.uuid)


@login_required
@require_POST
def news_unpublish(request: AuthenticatedRequest, newsitem: uuid.UUID) -> HttpResponse:
    item = get_news_for(request.user, newsitem, need="review")
    try:
        services.unpublish_news(actor=request.user, item=item)
    except services.TransitionError:
        messages.error(request, _("Nyheten är inte publicerad."))
    else:
        messages.success(request, _("Nyheten är avpublicerad och är nu ett utkast."))
    return redirect("newsletter:news_edit", newsitem=item.uuid)


# The knowledge bank ------------------------------------------------------------------------------


@cache_for_anonymous
def documents(request: HttpRequest) -> HttpResponse:
    """The knowledge bank: searched in Swedish and filtered by type, area and language."""
    form = DocumentFilterForm(request.GET or None)
    entries = form.filter(Document.objects.for_list()).order_by(F("date").desc(nulls_last=True), "title_sv", "pk")
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("sida"))
    context = {"form": form, "page": page, "can_edit": is_coordinator(request.user)}
    return render(request, "newsletter/documents.html", context)


@cache_for_anonymous
def document(request: HttpRequest, document: uuid.UUID) -> HttpResponse:
    entry = get_document_for(request.user, document)
    context = {
        "document": entry,
        "areas": entry.areas.all(),
        "themes": entry.themes.select_related("area"),
        "can_edit": is_coordinator(request.user),
    }
    return render(request, "newsletter/document.html", context)


def document_file(request: HttpRequest, document: uuid.UUID) -> FileResponse:
    """The entry's file as a download, never rendered inline."""
    entry = get_document_for(request.user, document)
    if not entry.file:
        raise Http404("No file.")
    extension = (entry.file.name or "").rsplit(".", 1)[-1]
    response = FileResponse(
        entry.file.open("rb"),
        as_attachment=True,
        filename=f"{slugify(entry.title_sv)[:80] or 'dokument'}.{extension}",
        content_type=entry.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def document_create(request: AuthenticatedRequest) -> HttpResponse:
    require_coordinator(request.user)
    return _document_form(request, None)


@login_required
def document_edit(request: AuthenticatedRequest, document: uuid.UUID) -> HttpResponse:
    return _document_form(request, get_document_for(request.user, document, need="edit"))


def _document_form(request: AuthenticatedRequest, entry: Document | None) -> HttpResponse:
    form = DocumentForm(request.POST or None, request.FILES or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        data = {name: value for name, value in form.cleaned_data.items() if name != "file"}
        upload = form.cleaned_data.get("file")
        new_file = upload if upload and (entry is None or upload != entry.file) else None
        if upload is False:
            data["file"] = ""
        saved = services.save_document(
            actor=request.user, document=entry, data=data, file=new_file, content_type=form.content_type
        )
        messages.success(request, _("Dokumentet är sparat."))
        return redirect("newsletter:document", document=saved.uuid)
    return render(request, "newsletter/staff/document_form.html", {"form": form, "document": entry})


@login_required
@require_POST
def document_delete(request: AuthenticatedRequest, document: uuid.UUID) -> HttpResponse:
    entry = get_document_for(request.user, document, need="edit")
    try:
        services.delete_document(actor=request.user, document=entry)
    except InUseError as error:
        messages.error(request, error.message(entry.title))
        return redirect("newsletter:document_edit", document=entry.uuid)
    messages.success(request, _("Dokumentet är borttaget ur kunskapsbanken."))
    return redirect("newsletter:documents")


# Subscribing -------------------------------------------------------------------------------------


def _rate_limited(request: HttpRequest) -> HttpResponse | None:
    if hit(scope="newsletter-subscribe", key=client_key(request), limit=RATE_LIMIT, window_seconds=RATE_WINDOW_SECONDS):
        return None
    response = render(request, "newsletter/rate_limited.html", {"minutes": RATE_WINDOW_SECONDS // 60}, status=429)
    response["Retry-After"] = str(RATE_WINDOW_SECONDS)
    return response


def subscribe(request: HttpRequest) -> HttpResponse:
    """The subscription form: an address, a language and areas; a confirmation link follows by mail."""
    if request.method == "POST" and (refused := _rate_limited(request)):
        return refused
    initial = {"language": (get_language() or "sv")[:2]}
    form = SubscribeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if not form.is_from_bot:
            data = form.cleaned_data
            services.subscribe(email=data["email"], language=data["language"], areas=data["areas"])
        return redirect("newsletter:subscribe_sent")
    context = {"form": form, "issues": Issue.objects.sent().order_by("-number")[:4]}
    return render(request, "newsletter/subscribe.html", context)


def subscribe_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "newsletter/subscribe_sent.html", {"days": tokens.CONFIRM_MAX_AGE.days})


@personal_data
def confirm(request: HttpRequest, key: str) -> HttpResponse:
    """The link from the confirmation mail: a button confirms (a mail scanner's GET changes nothing)."""
    subscriber = tokens.subscriber_from_confirm_key(key)
    if subscriber is None:
        return render(request, "newsletter/link_invalid.html", {"expired": True})
    if request.method == "POST":
        subscriber = services.confirm_subscription(subscriber=subscriber)
        messages.success(request, _("Tack! Din prenumeration är bekräftad."))
        return redirect("newsletter:preferences", key=tokens.manage_key(subscriber))
    return render(request, "newsletter/confirm.html", {"subscriber": subscriber})


@personal_data
def preferences(request: HttpRequest, key: str) -> HttpResponse:
    """A subscriber's choices behind the signed link from every issue."""
    subscriber = tokens.subscriber_from_manage_key(key)
    if subscriber is None:
        return render(request, "newsletter/link_invalid.html", {"expired": False})
    initial = {"language": subscriber.language, "areas": list(subscriber.areas.all())}
    form = ChoicesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.update_preferences(
            subscriber=subscriber, language=form.cleaned_data["language"], areas=form.cleaned_data["areas"]
        )
        messages.success(request, _("Dina val är sparade."))
        return redirect("newsletter:preferences", key=key)
    return render(request, "newsletter/preferences.html", {"form": form, "subscriber": subscriber, "key": key})


@csrf_exempt  # RFC 8058: mail clients POST here without a session or token; the signed key is the credential.
@personal_data
def unsubscribe(request: HttpRequest, key: str) -> HttpResponse:
    """One-click unsubscribe: a POST (from the mail client, or the button here) ends the subscription at once."""
    subscriber = tokens.subscriber_from_manage_key(key)
    if request.method == "POST":
        if subscriber is None:
            # Forged, or already gone: nothing to end, and nothing to tell a stranger.
            return render(request, "newsletter/link_invalid.html", {"expired": False}, status=403)
        services.unsubscribe(subscriber=subscriber)
        return render(request, "newsletter/unsubscribed.html")
    if subscriber is None:
        return render(request, "newsletter/link_invalid.html", {"expired": False, "unsubscribe": True})
    return render(request, "newsletter/unsubscribe.html", {"subscriber": subscriber, "key": key})


@login_required
def account_subscription(request: AuthenticatedRequest) -> HttpResponse:
    """Staff and partner users subscribe their account's address, with no confirmation mail."""
    subscriber = Subscriber.objects.filter(
        email__iexact=services.normalise(request.user.email), status="active"
    ).first()
    initial: dict[str, Any] = {"language": request.user.language}
    if subscriber is not None:
        initial = {"language": subscriber.language, "areas": list(subscriber.areas.all())}
    form = ChoicesForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if "unsubscribe" in request.POST:
            services.unsubscribe_account(actor=request.user)
            messages.success(request, _("Du prenumererar inte längre på nyhetsbrevet."))
            return redirect("newsletter:account")
        if form.is_valid():
            services.subscribe_account(
                actor=request.user, language=form.cleaned_data["language"], areas=form.cleaned_data["areas"]
            )
            messages.success(
                request, _("Du prenumererar på nyhetsbrevet till %(email)s.") % {"email": request.user.email}
            )
            return redirect("newsletter:account")
    return render(request, "newsletter/account.html", {"form": form, "subscriber": subscriber})


# The archive -------------------------------------------------------------------------------------


@cache_for_anonymous
def archive(request: HttpRequest) -> HttpResponse:
    issues = Issue.objects.sent().order_by("-number")
    page = Paginator(issues, PAGE_SIZE).get_page(request.GET.get("sida"))
    return render(request, "newsletter/archive.html", {"page": page})


@cache_for_anonymous
def archive_issue(request: HttpRequest, issue: uuid.UUID) -> HttpResponse:
    """A sent issue as a web page, in the reader's language."""
    found = get_issue_for(request.user, issue)
    content = compose.build(found, (get_language() or "sv")[:2])
    return render(request, "newsletter/archive_issue.html", {"issue": found, "content": content})


# Composing and sending ---------------------------------------------------------------------------


@login_required
def issues(request: AuthenticatedRequest) -> HttpResponse:
    require_coordinator(request.user)
    rows = [(issue, services.delivery_counts(issue)) for issue in Issue.objects.order_by("-number")[:50]]
    context = {"rows": rows, "subscriber_count": Subscriber.objects.active().count()}
    return render(request, "newsletter/staff/issues.html", context)


@login_required
def issue_create(request: AuthenticatedRequest) -> HttpResponse:
    require_coordinator(request.user)
    since = Issue.objects.sent().order_by("-number").values_list("sent_at", flat=True).first()
    form = IssueForm(request.POST or None, since=since)
    if request.method == "GET":
        form.initial["initiatives"] = list(form.fields["initiatives"].queryset)  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        issue = services.save_issue(actor=request.user, issue=None, data=form.cleaned_data)
        messages.success(request, _("Numret är sparat. Förhandsgranska det innan du skickar."))
        return redirect("newsletter:issue", issue=issue.uuid)
    return render(request, "newsletter/staff/issue_form.html", {"form": form, "issue": None})


@login_required
def issue_detail(request: AuthenticatedRequest, issue: uuid.UUID) -> HttpResponse:
    """An issue: edit while a draft, then preview, test, schedule or send; progress while it is sent."""
    found = get_issue_for(request.user, issue, need="manage")
    editable = found.status in (IssueStatus.DRAFT, IssueStatus.SCHEDULED)
    form = IssueForm(request.POST or None, instance=found, since=compose.previous_sent_at(found))
    if request.method == "POST" and editable and form.is_valid():
        services.save_issue(actor=request.user, issue=found, data=form.cleaned_data)
        messages.success(request, _("Ändringarna är sparade."))
        return redirect("newsletter:issue", issue=found.uuid)
    context = {
        "issue": found,
        "form": form if editable else None,
        "schedule_form": ScheduleForm(),
        "counts": services.delivery_counts(found),
        "subscriber_count": Subscriber.objects.active().count(),
    }
    return render(request, "newsletter/staff/issue_detail.html", context)


@login_required
def issue_preview(request: AuthenticatedRequest, issue: uuid.UUID) -> HttpResponse:
    """The issue in Swedish and English, at full and at phone width, with its plain-text part."""
    found = get_issue_for(request.user, issue, need="manage")
    versions = []
    for language in ("sv", "en"):
        content = compose.build(found, language)
        _html, text = compose.render_mail(content, {"unsubscribe": "#", "preferences": "#"})
        versions.append({"language": language, "content": content, "text": text})
    return render(request, "newsletter/staff/issue_preview.html", {"issue": found, "versions": versions})


@login_required
@require_POST
def issue_test(request: AuthenticatedRequest, issue: uuid.UUID) -> HttpResponse:
    found = get_issue_for(request.user, issue, need="manage")
    services.send_test(actor=request.user, issue=found)
    messages.success(
        request, _("Ett test på svenska och engelska är skickat till %(email)s.") % {"email": request.user.email}
    )
    return redirect("newsletter:issue", issue=found.uuid)


@login_required
@require_POST
def issue_send(request: AuthenticatedRequest, issue: uuid.UUID) -> HttpResponse:
    found = get_issue_for(request.user, issue, need="manage")
    try:
        services.start_sending(actor=request.user, issue=found)
    except services.TransitionError:
        messages.error(request, _("Numret skickas redan eller är redan skickat."))
    else:
        messages.success(request, _("Utskicket har startat."))
    return redirect("newsletter:issue", issue=found.uuid)


@login_required
@require_POST
def issue_schedule(request: AuthenticatedRequest, issue: uuid.UUID) -> HttpResponse:
    found = get_issue_for(request.user, issue, need="manage")
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Välj en tid som inte har passerat."))
    else:
        try:
            services.schedule_issue(actor=request.user, issue=found, when=form.cleaned_data["when"])
        except services.TransitionError:
            messages.error(request, _("Bara ett utkast kan schemaläggas."))
        else:
            when = timezone.localtime(form.cleaned_data["when"])
            messages.success(request, _("Numret skickas %(when)s.") % {"when": f"{when:%Y-%m-%d %H:%M}"})
    return redirect("newsletter:issue", issue=found.uuid)


@login_required
@require_POST
def issue_unschedule(request: AuthenticatedRequest, issue: uuid.UUID) -> HttpResponse:
    found = get_issue_for(request.user, issue, need="manage")
    try:
        services.unschedule_issue(actor=request.user, issue=found)
    except services.TransitionError:
        messages.error(request, _("Numret är inte schemalagt."))
    else:
        messages.success(request, _("Numret är ett utkast igen."))
    return redirect("newsletter:issue", issue=found.uuid)
