"""Views of the meetings module: thin, through permissions.py, forms and services."""

from __future__ import annotations

import csv
import datetime
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Avg, Count, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vagenin.accounts.permissions import editable_organisation_ids, is_coordinator
from vagenin.accounts.types import AuthenticatedRequest
from vagenin.actionplan.permissions import get_initiative_for
from vagenin.agreement.models import Area, Body
from vagenin.common.clientip import client_key
from vagenin.common.deletion import InUseError
from vagenin.common.pagecache import cache_for_anonymous
from vagenin.common.ratelimit import hit
from vagenin.meetings import ical, participation, services
from vagenin.meetings.forms import (
    CancelEventForm,
    ChangeRegistrationForm,
    DecisionForm,
    DocumentForm,
    EvaluationForm,
    EventFilterForm,
    EventForm,
    ProgrammeItemForm,
    RegistrationForm,
    StatisticsFilterForm,
    default_event_times,
)
from vagenin.meetings.links import read_token
from vagenin.meetings.mail import calendar_event
from vagenin.meetings.models import (
    Decision,
    Event,
    ProgrammeItem,
    Registration,
    RegistrationStatus,
)
from vagenin.meetings.permissions import (
    can_organise,
    get_decision_for,
    get_document_for,
    get_event_for,
    get_registration_for,
    may_create_events,
    organised_events,
    require_statistics,
    visible_events,
)
from vagenin.organisations.models import Organisation

PAGE_SIZE = 20
RATE_LIMIT = 10
RATE_WINDOW_SECONDS = 10 * 60
CALENDAR_TYPE = "text/calendar; charset=utf-8"


# Public pages ----------------------------------------------------------------------------------------


@cache_for_anonymous
def event_list(request: HttpRequest) -> HttpResponse:
    """Upcoming (or past) events the visitor may see, filtered by kind, area and municipality."""
    form = EventFilterForm(request.GET or None)
    events = visible_events(request.user, Event.objects.for_list())
    now = timezone.now()
    past = False
    if form.is_valid():
        data = form.cleaned_data
        past = data.get("tid") == "tidigare"
        if data.get("slag"):
            events = events.filter(kind=data["slag"])
        if data.get("omrade"):
            events = events.filter(areas=data["omrade"])
        if data.get("kommun"):
            events = events.filter(municipality=data["kommun"])
    events = (
        events.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
        if past
        else events.filter(ends_at__gte=now).order_by("starts_at", "pk")
    )
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("sida"))
    return render(request, "meetings/list.html", {"form": form, "page": page, "past": past})


def _own_registration(request: HttpRequest, event: Event) -> Registration | None:
    if not request.user.is_authenticated:
        return None
    return event.registrations.active().filter(user=request.user).first()


@cache_for_anonymous
def event_detail(request: HttpRequest, event_uuid: uuid.UUID) -> HttpResponse:
    event = get_event_for(request.user, event_uuid)
    own = _own_registration(request, event)
    counts = event.registrations.aggregate(
        confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITLISTED)),
    )
    participants = (
        event.registrations.for_list().filter(status=RegistrationStatus.CONFIRMED, list_consent=True)
        if request.user.is_authenticated
        else Registration.objects.none()
    )
    context = {
        "event": event,
        "programme": event.programme.all(),
        "documents": event.documents.all(),
        "decisions": event.decisions.for_list(),
        "own": own,
        "show_link": own is not None and own.status == RegistrationStatus.CONFIRMED and event.online_link,
        "counts": counts,
        "seats_left": None if event.capacity is None else max(event.capacity - counts["confirmed"], 0),
        "participants": participants,
        "open": services.registration_is_open(event),
        "can_organise": can_organise(request.user, event),
        "form": RegistrationForm(user=request.user) if own is None else None,
    }
    return render(request, "meetings/detail.html", context)


def _over_rate_limit(request: HttpRequest) -> bool:
    return not hit(
        scope="meetings-register", key=client_key(request), limit=RATE_LIMIT, window_seconds=RATE_WINDOW_SECONDS
    )


def register(request: HttpRequest, event_uuid: uuid.UUID) -> HttpResponse:
    """The registration form, for account holders and guests (honeypot, rate limit)."""
    event = get_event_for(request.user, event_uuid)
    if request.method == "POST" and _over_rate_limit(request):
        response = render(
            request, "meetings/rate_limited.html", {"minutes": RATE_WINDOW_SECONDS // 60, "event": event}, status=429
        )
        response["Retry-After"] = str(RATE_WINDOW_SECONDS)
        return response
    form = RegistrationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        if form.is_from_bot:
            return redirect("meetings:registered", event_uuid=event.uuid)
        try:
            registration = services.register(
                actor=request.user, event=event, data=form.cleaned_data, language=get_language() or "sv"
            )
        except services.TransitionError as error:
            form.add_error(None, str(error))
        else:
            return redirect(f"{event_registered_url(event)}?status={registration.status}")
    open_now = services.registration_is_open(event)
    return render(request, "meetings/register.html", {"event": event, "form": form, "open": open_now})


def event_registered_url(event: Event) -> str:
    return reverse("meetings:registered", kwargs={"event_uuid": event.uuid})


def registered(request: HttpRequest, event_uuid: uuid.UUID) -> HttpResponse:
    event = get_event_for(request.user, event_uuid)
    status = request.GET.get("status", "")
    if status not in RegistrationStatus.values:
        status = RegistrationStatus.CONFIRMED
    return render(request, "meetings/registered.html", {"event": event, "status": status})


def _registration_from_token(request: HttpRequest, purpose: str) -> Registration | None:
    token = request.GET.get("t", "")
    if not token:
        return None
    registration_uuid = read_token(token, "manage" if purpose == "manage" else "evaluate")
    if registration_uuid is None:
        raise Http404("Invalid or expired link.")
    registration = (
        Registration.objects.select_related("event__municipality", "organisation")
        .filter(uuid=registration_uuid, anonymised_at__isnull=True)
        .first()
    )
    if registration is None:
        raise Http404("No such registration.")
    return registration


def manage_registration(request: HttpRequest) -> HttpResponse:
    """Change or cancel a registration through the signed link in the confirmation mail."""
    registration = _registration_from_token(request, "manage")
    if registration is None:
        return render(request, "meetings/link_missing.html")
    form = ChangeRegistrationForm(
        request.POST if request.POST.get("action") == "change" else None, instance=registration
    )
    if request.method == "POST":
        try:
            if request.POST.get("action") == "cancel":
                services.cancel_registration(actor=request.user, registration=registration)
                messages.success(request, _("Din anmälan är avbokad. Tack för att du meddelade oss!"))
                return redirect(f"{request.path}?t={request.GET['t']}")
            if form.is_valid():
                services.update_registration(actor=request.user, registration=registration, data=form.cleaned_data)
                messages.success(request, _("Ändringarna är sparade."))
                return redirect(f"{request.path}?t={request.GET['t']}")
        except services.TransitionError as error:
            messages.error(request, str(error))
            return redirect(f"{request.path}?t={request.GET['t']}")
    registration.refresh_from_db()
    return render(
        request,
        "meetings/manage_registration.html",
        {
            "registration": registration,
            "event": registration.event,
            "form": form,
            "active": registration.status != RegistrationStatus.CANCELLED,
            "show_link": registration.status == RegistrationStatus.CONFIRMED and registration.event.online_link,
        },
    )


def evaluate(request: HttpRequest) -> HttpResponse:
    """The short evaluation after an event, through the signed link in the mail."""
    registration = _registration_from_token(request, "evaluate")
    if registration is None:
        return render(request, "meetings/link_missing.html")
    answered = hasattr(registration, "evaluation")
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and not answered and form.is_valid():
        try:
            services.submit_evaluation(
                registration=registration, rating=form.cleaned_data["rating"], comment=form.cleaned_data["comment"]
            )
        except services.TransitionError as error:
            messages.error(request, str(error))
        answered = True
    return render(
        request,
        "meetings/evaluate.html",
        {"registration": registration, "event": registration.event, "form": form, "answered": answered},
    )


# Calendars ------------------------------------------------------------------------------------------


def _calendar_response(events: list[Event], *, name: str, filename: str) -> HttpResponse:
    body = ical.calendar([calendar_event(event) for event in events], name=name)
    response = HttpResponse(body, content_type=CALENDAR_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@cache_for_anonymous
def event_ics(request: HttpRequest, event_uuid: uuid.UUID) -> HttpResponse:
    event = get_event_for(request.user, event_uuid)
    return _calendar_response([event], name=event.title, filename=f"{slugify(event.title_sv) or 'mote'}.ics")


# The subscribed calendars carry the coming events and those of the last year: a calendar program polls them,
# and at national volume every event ever held would make each poll a megabyte (issue 15).
FEED_DAYS_BACK = 365


def _feed_queryset() -> QuerySet[Event]:
    since = timezone.now() - datetime.timedelta(days=FEED_DAYS_BACK)
    return Event.objects.public().filter(starts_at__gte=since).select_related("municipality")


def _feed_events() -> list[Event]:
    return list(_feed_queryset().order_by("starts_at", "pk"))


@cache_for_anonymous
def feed_all(request: HttpRequest) -> HttpResponse:
    """All public events as an iCalendar feed."""
    return _calendar_response(_feed_events(), name=_("Vägen in – möten"), filename="vagenin-moten.ics")


@cache_for_anonymous
def feed_area(request: HttpRequest, period_slug: str, area_slug: str) -> HttpResponse:
    area = get_object_or_404(Area, period__slug=period_slug, slug=area_slug)
    events = list(_feed_queryset().filter(areas=area).order_by("starts_at", "pk"))
    return _calendar_response(events, name=f"Vägen in – {area.name}", filename=f"vagenin-{area.slug}.ics")


@cache_for_anonymous
def feed_body(request: HttpRequest, period_slug: str, body_slug: str) -> HttpResponse:
    body = get_object_or_404(Body, period__slug=period_slug, slug=body_slug)
    events = list(_feed_queryset().filter(body=body).order_by("starts_at", "pk"))
    return _calendar_response(events, name=f"Vägen in – {body.name}", filename=f"vagenin-{body.slug}.ics")


@cache_for_anonymous
def calendars(request: HttpRequest) -> HttpResponse:
    """The calendar feeds to subscribe to."""
    areas = Area.objects.select_related("period").order_by("period", "number")
    bodies = Body.objects.select_related("period").filter(events__isnull=False).distinct().order_by("period", "order")
    return render(request, "meetings/calendars.html", {"areas": areas, "bodies": bodies})


def document_download(request: HttpRequest, document_uuid: uuid.UUID) -> FileResponse:
    """A document, for whoever may see its event; always a download."""
    document = get_document_for(request.user, document_uuid)
    extension = (document.file.name or "").rsplit(".", 1)[-1]
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=f"{slugify(document.title) or 'dokument'}.{extension}",
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@cache_for_anonymous
def decisions(request: HttpRequest) -> HttpResponse:
    """The decision register: decisions and action points from the meetings the visitor may see; open points
    by default, all with ?visa=alla, and those that concern one initiative with ?insats=<slug>."""
    show_all = request.GET.get("visa") == "alla"
    visible = visible_events(request.user)
    items = Decision.objects.for_list().filter(event__in=visible)
    initiative = None
    meetings: list[Event] = []
    if request.GET.get("insats"):
        initiative = get_initiative_for(request.user, request.GET["insats"])
        items = items.filter(initiatives=initiative)
        show_all = True
        meetings = list(visible.filter(decisions__initiatives=initiative).distinct().order_by("-starts_at", "-pk"))
    if not show_all:
        items = items.not_done()
    items = items.order_by("due_on", "event__starts_at", "pk")
    page = Paginator(items, 50).get_page(request.GET.get("sida"))
    context = {"page": page, "show_all": show_all, "initiative": initiative, "meetings": meetings}
    return render(request, "meetings/decisions.html", context)


# Organiser pages ------------------------------------------------------------------------------------


def _organisations_for(user: object) -> QuerySet[Organisation]:
    if is_coordinator(user):
        return Organisation.objects.active().order_by("name")
    return Organisation.objects.filter(pk__in=editable_organisation_ids(user)).order_by("name")


@login_required
def my_events(request: AuthenticatedRequest) -> HttpResponse:
    if not may_create_events(request.user):
        raise PermissionDenied
    events = organised_events(request.user, Event.objects.for_list().with_counts()).order_by("-starts_at", "-pk")
    page = Paginator(events, 50).get_page(request.GET.get("sida"))
    return render(request, "meetings/my_events.html", {"page": page})


@login_required
def event_create(request: AuthenticatedRequest) -> HttpResponse:
    if not may_create_events(request.user):
        raise PermissionDenied
    starts, ends = default_event_times()
    form = EventForm(
        request.POST or None,
        organisations=_organisations_for(request.user),
        initial={"starts_at": starts, "ends_at": ends},
    )
    if request.method == "POST" and form.is_valid():
        event = services.save_event(actor=request.user, event=None, data=form.cleaned_data)
        messages.success(request, _("Mötet är skapat."))
        return redirect("meetings:organise", event_uuid=event.uuid)
    return render(request, "meetings/event_form.html", {"form": form})


@login_required
def event_edit(request: AuthenticatedRequest, event_uuid: uuid.UUID) -> HttpResponse:
    event = get_event_for(request.user, event_uuid, need="organise")
    form = EventForm(request.POST or None, instance=event, organisations=_organisations_for(request.user))
    if request.method == "POST" and form.is_valid():
        services.save_event(actor=request.user, event=Event.objects.get(pk=event.pk), data=form.cleaned_data)
        messages.success(request, _("Ändringarna är sparade."))
        return redirect("meetings:organise", event_uuid=event.uuid)
    return render(request, "meetings/event_form.html", {"form": form, "event": event})


@login_required
def event_cancel(request: AuthenticatedRequest, event_uuid: uuid.UUID) -> HttpResponse:
    """Call an event off with a reason (everyone registered or waiting is told), or reinstate it before it
    starts."""
    event = get_event_for(request.user, event_uuid, need="organise")
    form = CancelEventForm(request.POST if request.POST.get("action") == "cancel" else None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "reinstate":
                told = services.reinstate_event(actor=request.user, event=event)
                messages.success(
                    request,
                    ngettext(
                        "Mötet blir av igen. %(count)d anmäld har fått besked.",
                        "Mötet blir av igen. %(count)d anmälda har fått besked.",
                        told,
                    )
                    % {"count": told},
                )
                return redirect("meetings:organise", event_uuid=event.uuid)
            if form.is_valid():
                told = services.cancel_event(
                    actor=request.user,
                    event=event,
                    reason_sv=form.cleaned_data["reason_sv"],
                    reason_en=form.cleaned_data["reason_en"],
                )
                messages.success(
                    request,
                    ngettext(
                        "Mötet är inställt. %(count)d anmäld har fått besked.",
                        "Mötet är inställt. %(count)d anmälda har fått besked.",
                        told,
                    )
                    % {"count": told},
                )
                return redirect("meetings:organise", event_uuid=event.uuid)
        except services.TransitionError as error:
            form.add_error(None, str(error))
    counts = event.registrations.filter(status__in=services.TOLD).aggregate(
        confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        others=Count("pk", filter=~Q(status=RegistrationStatus.CONFIRMED)),
    )
    started = timezone.now() >= event.starts_at
    return render(
        request,
        "meetings/event_cancel.html",
        {"event": event, "form": form, "counts": counts, "started": started},
        status=400 if form.errors else 200,
    )


def _organise_context(event: Event, **forms: object) -> dict[str, object]:
    registrations = event.registrations.for_list()
    evaluations = event.registrations.filter(evaluation__isnull=False)
    context: dict[str, object] = {
        "event": event,
        "programme": event.programme.all(),
        "documents": event.documents.all(),
        "decisions": event.decisions.for_list(),
        "pending": registrations.filter(status=RegistrationStatus.PENDING),
        "counts": {status: registrations.filter(status=status).count() for status in RegistrationStatus.values},
        "attended": registrations.filter(attended=True).count(),
        "evaluation": evaluations.aggregate(average=Avg("evaluation__rating"), count=Count("pk")),
        "comments": [
            registration.evaluation.comment
            for registration in evaluations.select_related("evaluation").order_by("evaluation__answered_at")
            if registration.evaluation.comment
        ],
        "programme_form": ProgrammeItemForm(
            initial={"starts_at": timezone.localtime(event.starts_at).replace(tzinfo=None)}
        ),
        "document_form": DocumentForm(),
    }
    context.update(forms)
    return context


@login_required
def organise(request: AuthenticatedRequest, event_uuid: uuid.UUID) -> HttpResponse:
    """The organiser's page: programme, registrations awaiting approval, documents, decisions, evaluation."""
    event = get_event_for(request.user, event_uuid, need="organise")
    return render(request, "meetings/organise.html", _organise_context(event))


@login_required
@require_POST
def programme_add(request: AuthenticatedRequest, event_uuid: uuid.UUID) -> HttpResponse:
    event = get_event_for(request.user, event_uuid, need="organise")
    form = ProgrammeItemForm(request.POST)
    if not form.is_valid():
        return render(request, "meetings/organise.html", _organise_context(event, programme_form=form), status=400)
    services.add_programme_item(actor=request.user, event=event, data=form.cleaned_data)
    messages.success(request, _("Programpunkten är tillagd."))
    return redirect("meetings:organise", event_uuid=event.uuid)


@login_required
@require_POST
def programme_delete(request: AuthenticatedRequest, programmeitem_uuid: uuid.UUID) -> HttpResponse:
    item = get_object_or_404(ProgrammeItem.objects.select_related("event"), uuid=programmeitem_uuid)
    event = get_event_for(request.user, item.event.uuid, need="organise")
    try:
        services.delete_programme_item(actor=request.user, item=item)
    except InUseError as error:
        messages.error(request, error.message(item.title_sv))
    else:
        messages.success(request, _("Programpunkten är borttagen."))
    return redirect("meetings:organise", event_uuid=event.uuid)


@login_required
@require_POST
def document_add(request: AuthenticatedRequest, event_uuid: uuid.UUID) -> HttpResponse:
    event = get_event_for(request.user, event_uuid, need="organise")
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_document(
                actor=request.user, event=event, title=form.cleaned_data["title"], upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("Dokumentet är uppladdat."))
            return redirect("meetings:organise", event_uuid=event.uuid)
    return render(request, "meetings/organise.html", _organise_context(event, document_form=form), status=400)


@login_required
@require_POST
def document_delete(request: AuthenticatedRequest, document_uuid: uuid.UUID) -> HttpResponse:
    document = get_document_for(request.user, document_uuid)
    event = get_event_for(request.user, document.event.uuid, need="organise")
    try:
        services.delete_document(actor=request.user, document=document)
    except InUseError as error:
        messages.error(request, error.message(document.title))
    else:
        messages.success(request, _("Dokumentet är borttaget."))
    return redirect("meetings:organise", event_uuid=event.uuid)


@login_required
def participants(request: AuthenticatedRequest, event_uuid: uuid.UUID) -> HttpResponse:
    """Everyone registered, by status, with their needs: for the organiser."""
    event = get_event_for(request.user, event_uuid, need="organise")
    registrations = event.registrations.for_list().order_by("status", "created_at", "pk")
    return render(request, "meetings/participants.html", {"event": event, "registrations": registrations})


CSV_HEADER = (
    "status",
    "name",
    "email",
    "organisation",
    "municipality",
    "dietary_needs",
    "accessibility_needs",
    "list_consent",
    "attended",
    "registered_at",
)


def _csv_cell(value: object) -> str:
    text = str(value)
    # Spreadsheets run cells starting with these as formulas: quote them.
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@login_required
def participants_csv(request: AuthenticatedRequest, event_uuid: uuid.UUID) -> HttpResponse:
    event = get_event_for(request.user, event_uuid, need="organise")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="deltagare-{slugify(event.title_sv)[:40]}.csv"'
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    for registration in event.registrations.for_list().order_by("status", "created_at", "pk"):
        writer.writerow(
            [
                _csv_cell(value)
                for value in (
                    registration.status,
                    registration.name,
                    registration.email,
                    registration.organisation_label,
                    registration.municipality.short_name if registration.municipality else "",
                    registration.dietary_needs,
                    registration.accessibility_needs,
                    "yes" if registration.list_consent else "no",
                    "yes" if registration.attended else "no",
                    timezone.localtime(registration.created_at).isoformat(timespec="minutes"),
                )
            ]
        )
    return response


@login_required
def checkin(request: AuthenticatedRequest, event_uuid: uuid.UUID) -> HttpResponse:
    """The check-in list: printable, and usable on a phone; a tap records attendance."""
    event = get_event_for(request.user, event_uuid, need="organise")
    if request.method == "POST":
        registration = get_object_or_404(event.registrations, uuid=request.POST.get("registration", ""))
        try:
            services.set_attendance(
                actor=request.user, registration=registration, attended=request.POST.get("attended") == "1"
            )
        except services.TransitionError as error:
            messages.error(request, str(error))
        return redirect(f"{request.path}#r-{registration.uuid}")
    confirmed = event.registrations.for_list().filter(status=RegistrationStatus.CONFIRMED).order_by("name", "pk")
    return render(
        request,
        "meetings/checkin.html",
        {"event": event, "registrations": confirmed, "attended": sum(1 for r in confirmed if r.attended)},
    )


@login_required
@require_POST
def registration_decide(request: AuthenticatedRequest, registration_uuid: uuid.UUID) -> HttpResponse:
    """Approve or decline a registration that waits for the organiser."""
    registration = get_registration_for(request.user, registration_uuid)
    try:
        if request.POST.get("decision") == "decline":
            services.decline_registration(actor=request.user, registration=registration)
            messages.success(request, _("Anmälan är avböjd."))
        else:
            services.approve_registration(actor=request.user, registration=registration)
            messages.success(request, _("Anmälan är godkänd."))
    except services.TransitionError as error:
        messages.error(request, str(error))
    return redirect("meetings:organise", event_uuid=registration.event.uuid)


@login_required
def decision_add(request: AuthenticatedRequest, event_uuid: uuid.UUID) -> HttpResponse:
    event = get_event_for(request.user, event_uuid, need="organise")
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.save_decision(actor=request.user, decision=Decision(event=event), data=form.cleaned_data)
        messages.success(request, _("Beslutet är sparat."))
        return redirect("meetings:organise", event_uuid=event.uuid)
    return render(request, "meetings/decision_form.html", {"form": form, "event": event})


@login_required
def decision_edit(request: AuthenticatedRequest, decision_uuid: uuid.UUID) -> HttpResponse:
    decision = get_decision_for(request.user, decision_uuid, need="organise")
    form = DecisionForm(request.POST or None, instance=decision)
    if request.method == "POST" and form.is_valid():
        services.save_decision(
            actor=request.user, decision=Decision.objects.get(pk=decision.pk), data=form.cleaned_data
        )
        messages.success(request, _("Beslutet är sparat."))
        return redirect("meetings:organise", event_uuid=decision.event.uuid)
    return render(request, "meetings/decision_form.html", {"form": form, "event": decision.event, "decision": decision})


@login_required
def statistics_page(request: AuthenticatedRequest) -> HttpResponse:
    """Participation per kind, municipality and organisation type, for coordinators and analysts."""
    require_statistics(request.user)
    form = StatisticsFilterForm(request.GET or None)
    year = form.year()
    return render(request, "meetings/statistics.html", {"form": form, "year": year, **participation.build(year)})
