"""Bodies, their areas of responsibility and their memberships."""

from __future__ import annotations

import copy
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vagenin.agreement import services
from vagenin.agreement.forms import (
    BodyCreateForm,
    BodyForm,
    MembershipForm,
    ResponsibilityCreateForm,
    ResponsibilityForm,
)
from vagenin.agreement.models import AgreementPeriod, Body, BodyMembership
from vagenin.agreement.permissions import (
    get_body_for,
    get_membership_for,
    get_period_for,
    get_responsibility_for,
)
from vagenin.agreement.staff_views.common import (
    Crumb,
    body_url,
    breadcrumbs,
    confirm_page,
    form_page,
    staff_url,
)
from vagenin.common.deletion import InUseError, uses_of

# Bodies


def _bodies_crumb(agreement: AgreementPeriod) -> Crumb:
    return (_("Organ"), staff_url("bodies", period_slug=agreement.slug))


@login_required
def body_list(request: HttpRequest, period_slug: str) -> HttpResponse:
    """The period's bodies with the number of people seated in each today."""
    agreement = get_period_for(request.user, period_slug)
    today = timezone.localdate()
    seated = Q(memberships__starts_on__lte=today) & (
        Q(memberships__ends_on__isnull=True) | Q(memberships__ends_on__gte=today)
    )
    bodies = (
        Body.objects.filter(period=agreement)
        .select_related("parent", "area", "convener")
        .annotate(member_count=Count("memberships", filter=seated))
    )
    context = {"period": agreement, "bodies": bodies, "trail": breadcrumbs(agreement)}
    return render(request, "agreement/staff/body_list.html", context)


@login_required
def body_create(request: HttpRequest, period_slug: str) -> HttpResponse:
    agreement = get_period_for(request.user, period_slug)
    form = BodyCreateForm(request.POST or None, period=agreement)
    if request.method == "POST" and form.is_valid():
        body = services.create_body(actor=request.user, period=agreement, data=form.cleaned_data)
        messages.success(request, _("%(name)s är skapat.") % {"name": body.name})
        return redirect(body_url(body))
    trail = breadcrumbs(agreement, _bodies_crumb(agreement))
    return form_page(request, form, title=_("Nytt organ"), trail=trail, cancel_url=trail[-1][1])


@login_required
def body(request: HttpRequest, period_slug: str, body_slug: str) -> HttpResponse:
    """A body's responsibilities and its members, current and former."""
    agreement = get_period_for(request.user, period_slug)
    body_obj = get_body_for(request.user, agreement, body_slug)
    memberships = BodyMembership.objects.filter(body=body_obj).for_display()
    current = list(memberships.current())
    context = {
        "period": agreement,
        "body": body_obj,
        "responsibilities": list(body_obj.responsibilities.all()),
        "current_members": current,
        "other_members": list(memberships.exclude(pk__in=[m.pk for m in current]).order_by("-starts_on")),
        "trail": breadcrumbs(agreement, _bodies_crumb(agreement)),
    }
    return render(request, "agreement/staff/body_detail.html", context)


@login_required
def body_edit(request: HttpRequest, period_slug: str, body_slug: str) -> HttpResponse:
    agreement = get_period_for(request.user, period_slug)
    body_obj = get_body_for(request.user, agreement, body_slug)
    form = BodyForm(request.POST or None, instance=copy.copy(body_obj), period=agreement)
    if request.method == "POST" and form.is_valid():
        services.update_body(actor=request.user, body=body_obj, data=form.cleaned_data)
        messages.success(request, _("%(name)s är sparat.") % {"name": body_obj.name})
        return redirect(body_url(body_obj))
    trail = breadcrumbs(agreement, _bodies_crumb(agreement), (body_obj.name, body_url(body_obj)))
    title = _("Redigera %(name)s") % {"name": body_obj.name}
    return form_page(request, form, title=title, trail=trail, cancel_url=trail[-1][1])


# Responsibilities


def _body_trail(body_obj: Body) -> list[Crumb]:
    return breadcrumbs(body_obj.period, _bodies_crumb(body_obj.period), (body_obj.name, body_url(body_obj)))


@login_required
def responsibility_add(request: HttpRequest, period_slug: str, body_slug: str) -> HttpResponse:
    body_obj = get_body_for(request.user, get_period_for(request.user, period_slug), body_slug)
    form = ResponsibilityCreateForm(request.POST or None, body=body_obj)
    if request.method == "POST" and form.is_valid():
        services.add_responsibility(actor=request.user, body=body_obj, data=form.cleaned_data)
        messages.success(request, _("Ansvarsområdet är tillagt."))
        return redirect(body_url(body_obj))
    trail = _body_trail(body_obj)
    return form_page(request, form, title=_("Nytt ansvarsområde"), trail=trail, cancel_url=trail[-1][1])


@login_required
def responsibility_edit(
    request: HttpRequest, period_slug: str, body_slug: str, responsibility_slug: str
) -> HttpResponse:
    body_obj = get_body_for(request.user, get_period_for(request.user, period_slug), body_slug)
    responsibility = get_responsibility_for(request.user, body_obj, responsibility_slug)
    form = ResponsibilityForm(request.POST or None, instance=copy.copy(responsibility))
    if request.method == "POST" and form.is_valid():
        services.update_responsibility(actor=request.user, responsibility=responsibility, data=form.cleaned_data)
        messages.success(request, _("Ansvarsområdet är sparat."))
        return redirect(body_url(body_obj))
    trail = _body_trail(body_obj)
    title = _("Redigera ansvarsområde %(name)s") % {"name": responsibility.name}
    return form_page(request, form, title=title, trail=trail, cancel_url=trail[-1][1])


@login_required
def responsibility_delete(
    request: HttpRequest, period_slug: str, body_slug: str, responsibility_slug: str
) -> HttpResponse:
    body_obj = get_body_for(request.user, get_period_for(request.user, period_slug), body_slug)
    responsibility = get_responsibility_for(request.user, body_obj, responsibility_slug)
    if request.method == "POST":
        try:
            services.delete_responsibility(actor=request.user, responsibility=responsibility)
        except InUseError as error:
            messages.error(request, error.message(responsibility.name))
        else:
            messages.success(request, _("Ansvarsområdet %(name)s är borttaget.") % {"name": responsibility.name})
        return redirect(body_url(body_obj))
    trail = _body_trail(body_obj)
    question = _("Vill du ta bort ansvarsområdet %(name)s?") % {"name": responsibility.name}
    title = _("Ta bort %(name)s") % {"name": responsibility.name}
    uses = uses_of(responsibility)
    return confirm_page(request, title=title, question=question, trail=trail, cancel_url=trail[-1][1], uses=uses)


# Memberships


@login_required
def membership_add(request: HttpRequest, period_slug: str, body_slug: str) -> HttpResponse:
    body_obj = get_body_for(request.user, get_period_for(request.user, period_slug), body_slug)
    form = MembershipForm(request.POST or None, body=body_obj, initial={"starts_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        membership = services.add_membership(actor=request.user, body=body_obj, **form.cleaned_data)
        names = {"name": membership.person, "body": body_obj.name}
        messages.success(request, _("%(name)s är tillagd i %(body)s.") % names)
        return redirect(body_url(body_obj))
    trail = _body_trail(body_obj)
    title = _("Ny ledamot i %(body)s") % {"body": body_obj.name}
    return form_page(request, form, title=title, trail=trail, cancel_url=trail[-1][1])


@login_required
def membership_edit(request: HttpRequest, period_slug: str, body_slug: str, membership_uuid: uuid.UUID) -> HttpResponse:
    body_obj = get_body_for(request.user, get_period_for(request.user, period_slug), body_slug)
    membership = get_membership_for(request.user, body_obj, membership_uuid)
    form = MembershipForm(request.POST or None, instance=copy.copy(membership), body=body_obj)
    if request.method == "POST" and form.is_valid():
        services.update_membership(actor=request.user, membership=membership, data=form.cleaned_data)
        messages.success(request, _("Ledamotskapet för %(name)s är sparat.") % {"name": membership.person})
        return redirect(body_url(body_obj))
    trail = _body_trail(body_obj)
    title = _("Redigera ledamotskap för %(name)s") % {"name": membership.person}
    return form_page(request, form, title=title, trail=trail, cancel_url=trail[-1][1])


@login_required
@require_POST
def membership_end(request: HttpRequest, period_slug: str, body_slug: str, membership_uuid: uuid.UUID) -> HttpResponse:
    """End a seat today; the person moves to the body's former members."""
    body_obj = get_body_for(request.user, get_period_for(request.user, period_slug), body_slug)
    membership = get_membership_for(request.user, body_obj, membership_uuid)
    try:
        services.end_membership(actor=request.user, membership=membership, on=timezone.localdate())
    except ValidationError:
        messages.error(
            request,
            _("Ledamotskapet för %(name)s har inte börjat ännu. Ändra datumen eller ta bort det i stället.")
            % {"name": membership.person},
        )
    else:
        names = {"name": membership.person, "body": body_obj.name}
        messages.success(request, _("%(name)s har lämnat %(body)s i dag.") % names)
    return redirect(body_url(body_obj))


@login_required
def membership_delete(
    request: HttpRequest, period_slug: str, body_slug: str, membership_uuid: uuid.UUID
) -> HttpResponse:
    body_obj = get_body_for(request.user, get_period_for(request.user, period_slug), body_slug)
    membership = get_membership_for(request.user, body_obj, membership_uuid)
    if request.method == "POST":
        services.delete_membership(actor=request.user, membership=membership)
        messages.success(request, _("Ledamotskapet för %(name)s är borttaget.") % {"name": membership.person})
        return redirect(body_url(body_obj))
    trail = _body_trail(body_obj)
    question = _(
        "Vill du ta bort ledamotskapet för %(name)s i %(body)s? Gör det bara om det lades in av misstag; "
        "när någon lämnar organet avslutas ledamotskapet i stället, så att historiken finns kvar."
    ) % {"name": membership.person, "body": body_obj.name}
    title = _("Ta bort ledamotskap för %(name)s") % {"name": membership.person}
    return confirm_page(request, title=title, question=question, trail=trail, cancel_url=trail[-1][1])
