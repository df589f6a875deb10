"""Periods, their signatories and their principles."""

from __future__ import annotations

import copy
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vagenin.agreement import services
from vagenin.agreement.forms import (
    MoveForm,
    MoveUsesForm,
    PeriodCreateForm,
    PeriodForm,
    PrincipleForm,
    SignatoryForm,
    SignatoryLeftForm,
)
from vagenin.agreement.models import AgreementPeriod, Principle, Signatory
from vagenin.agreement.permissions import (
    get_period_for,
    get_principle_for,
    get_signatory_for,
    require_coordinator,
)
from vagenin.agreement.staff_views.common import (
    Crumb,
    breadcrumbs,
    confirm_page,
    form_page,
    staff_url,
)
from vagenin.common.deletion import InUseError, uses_of

# Periods


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The staff start page: every period, with links to edit each part."""
    require_coordinator(request.user)
    periods = AgreementPeriod.objects.select_related("county")
    return render(request, "agreement/staff/index.html", {"periods": periods})


@login_required
def period(request: HttpRequest, period_slug: str) -> HttpResponse:
    """One period's parts, with how much each holds."""
    agreement = get_period_for(request.user, period_slug)
    counts = {
        "signatories": agreement.signatories.count(),
        "principles": agreement.principles.count(),
        "areas": agreement.areas.count(),
        "bodies": agreement.bodies.count(),
    }
    context = {"period": agreement, "counts": counts, "trail": breadcrumbs()}
    return render(request, "agreement/staff/period.html", context)


@login_required
def period_create(request: HttpRequest) -> HttpResponse:
    require_coordinator(request.user)
    form = PeriodCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        copy_from = data.pop("copy_from")
        agreement = services.create_period(actor=request.user, data=data, copy_from=copy_from)
        messages.success(request, _("Avtalsperioden %(title)s är skapad.") % {"title": agreement.title})
        return redirect("agreement_staff:period", period_slug=agreement.slug)
    title = _("Ny avtalsperiod")
    return form_page(request, form, title=title, trail=breadcrumbs(), cancel_url=staff_url("index"))


@login_required
def period_edit(request: HttpRequest, period_slug: str) -> HttpResponse:
    agreement = get_period_for(request.user, period_slug)
    form = PeriodForm(request.POST or None, instance=copy.copy(agreement))
    if request.method == "POST" and form.is_valid():
        services.update_period(actor=request.user, period=agreement, data=form.cleaned_data)
        messages.success(request, _("Avtalsperioden är sparad."))
        return redirect("agreement_staff:period", period_slug=agreement.slug)
    cancel = staff_url("period", period_slug=agreement.slug)
    return form_page(request, form, title=_("Texter och datum"), trail=breadcrumbs(agreement), cancel_url=cancel)


# Signatories


@login_required
def signatory_list(request: HttpRequest, period_slug: str) -> HttpResponse:
    agreement = get_period_for(request.user, period_slug)
    signatories = Signatory.objects.filter(period=agreement).for_public_display()
    context = {"period": agreement, "signatories": signatories, "trail": breadcrumbs(agreement)}
    return render(request, "agreement/staff/signatory_list.html", context)


def _signatories_crumb(agreement: AgreementPeriod) -> Crumb:
    return (_("Undertecknande parter"), staff_url("signatories", period_slug=agreement.slug))


@login_required
def signatory_add(request: HttpRequest, period_slug: str) -> HttpResponse:
    agreement = get_period_for(request.user, period_slug)
    form = SignatoryForm(request.POST or None, period=agreement)
    if request.method == "POST" and form.is_valid():
        signatory = services.add_signatory(actor=request.user, period=agreement, **form.cleaned_data)
        messages.success(request, _("%(name)s är tillagd.") % {"name": signatory.organisation.display_name})
        return redirect("agreement_staff:signatories", period_slug=agreement.slug)
    trail = breadcrumbs(agreement, _signatories_crumb(agreement))
    return form_page(request, form, title=_("Lägg till part"), trail=trail, cancel_url=trail[-1][1])


@login_required
def signatory_edit(request: HttpRequest, period_slug: str, signatory_uuid: uuid.UUID) -> HttpResponse:
    agreement = get_period_for(request.user, period_slug)
    signatory = get_signatory_for(request.user, agreement, signatory_uuid)
    form = SignatoryForm(request.POST or None, instance=copy.copy(signatory), period=agreement)
    if request.method == "POST" and form.is_valid():
        services.update_signatory(actor=request.user, signatory=signatory, data=form.cleaned_data)
        messages.success(request, _("%(name)s är sparad.") % {"name": signatory.organisation.display_name})
        return redirect("agreement_staff:signatories", period_slug=agreement.slug)
    trail = breadcrumbs(agreement, _signatories_crumb(agreement))
    title = _("Redigera %(name)s") % {"name": signatory.organisation.display_name}
    return form_page(request, form, title=title, trail=trail, cancel_url=trail[-1][1])


@login_required
def signatory_leave(request: HttpRequest, period_slug: str, signatory_uuid: uuid.UUID) -> HttpResponse:
    """Mark a signatory as having left the agreement on a given day (today unless changed)."""
    agreement = get_period_for(request.user, period_slug)
    signatory = get_signatory_for(request.user, agreement, signatory_uuid)
    initial = {"left_on": signatory.left_on or timezone.localdate()}
    form = SignatoryLeftForm(request.POST or None, initial=initial, signatory=signatory)
    if request.method == "POST" and form.is_valid():
        services.mark_signatory_left(actor=request.user, signatory=signatory, on=form.cleaned_data["left_on"])
        messages.success(request, _("%(name)s är markerad som lämnad.") % {"name": signatory.organisation.display_name})
        return redirect("agreement_staff:signatories", period_slug=agreement.slug)
    trail = breadcrumbs(agreement, _signatories_crumb(agreement))
    title = _("%(name)s lämnar överenskommelsen") % {"name": signatory.organisation.display_name}
    intro = _("Parten står kvar i listan över undertecknande parter, med datum då den lämnade.")
    return form_page(request, form, title=title, trail=trail, cancel_url=trail[-1][1], intro=intro)


@login_required
def signatory_delete(request: HttpRequest, period_slug: str, signatory_uuid: uuid.UUID) -> HttpResponse:
    agreement = get_period_for(request.user, period_slug)
    signatory = get_signatory_for(request.user, agreement, signatory_uuid)
    name = signatory.organisation.display_name
    if request.method == "POST":
        services.remove_signatory(actor=request.user, signatory=signatory)
        messages.success(request, _("%(name)s är borttagen ur listan.") % {"name": name})
        return redirect("agreement_staff:signatories", period_slug=agreement.slug)
    trail = breadcrumbs(agreement, _signatories_crumb(agreement))
    question = _(
        "Vill du ta bort %(name)s ur listan över undertecknande parter? Gör det bara om parten lades in av misstag; "
        "en part som lämnat markeras som lämnad i stället."
    ) % {"name": name}
    title = _("Ta bort %(name)s") % {"name": name}
    return confirm_page(request, title=title, question=question, trail=trail, cancel_url=trail[-1][1])


# Principles


def _principles_crumb(agreement: AgreementPeriod) -> Crumb:
    return (_("Principer"), staff_url("principles", period_slug=agreement.slug))


@login_required
def principle_list(request: HttpRequest, period_slug: str) -> HttpResponse:
    agreement = get_period_for(request.user, period_slug)
    principles = list(agreement.principles.all())
    context = {"period": agreement, "principles": principles, "trail": breadcrumbs(agreement)}
    return render(request, "agreement/staff/principle_list.html", context)


@login_required
def principle_add(request: HttpRequest, period_slug: str) -> HttpResponse:
    agreement = get_period_for(request.user, period_slug)
    form = PrincipleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_principle(actor=request.user, period=agreement, **form.cleaned_data)
        messages.success(request, _("Principen är tillagd sist i listan."))
        return redirect("agreement_staff:principles", period_slug=agreement.slug)
    trail = breadcrumbs(agreement, _principles_crumb(agreement))
    return form_page(request, form, title=_("Ny princip"), trail=trail, cancel_url=trail[-1][1])


@login_required
def principle_edit(request: HttpRequest, period_slug: str, principle_uuid: uuid.UUID) -> HttpResponse:
    agreement = get_period_for(request.user, period_slug)
    principle = get_principle_for(request.user, agreement, principle_uuid)
    form = PrincipleForm(request.POST or None, instance=copy.copy(principle))
    if request.method == "POST" and form.is_valid():
        services.update_principle(actor=request.user, principle=principle, data=form.cleaned_data)
        messages.success(request, _("Principen är sparad."))
        return redirect("agreement_staff:principles", period_slug=agreement.slug)
    trail = breadcrumbs(agreement, _principles_crumb(agreement))
    title = _("Redigera princip %(number)s") % {"number": principle.number}
    return form_page(request, form, title=title, trail=trail, cancel_url=trail[-1][1])


@login_required
@require_POST
def principle_move(request: HttpRequest, period_slug: str, principle_uuid: uuid.UUID) -> HttpResponse:
    agreement = get_period_for(request.user, period_slug)
    principle = get_principle_for(request.user, agreement, principle_uuid)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest()
    services.move_principle(actor=request.user, principle=principle, to=form.cleaned_data["to"])
    messages.success(request, _("Principen har nu nummer %(number)s.") % {"number": principle.number})
    return redirect("agreement_staff:principles", period_slug=agreement.slug)


@login_required
def principle_delete(request: HttpRequest, period_slug: str, principle_uuid: uuid.UUID) -> HttpResponse:
    agreement = get_period_for(request.user, period_slug)
    principle = get_principle_for(request.user, agreement, principle_uuid)
    uses = uses_of(principle)
    others = Principle.objects.filter(period=agreement).exclude(pk=principle.pk).order_by("number")
    move_form = MoveUsesForm(request.POST if request.method == "POST" else None, queryset=others)
    if request.method == "POST" and (not uses or move_form.is_valid()):
        move_to = move_form.cleaned_data["move_to"] if uses else None
        try:
            services.delete_principle(actor=request.user, principle=principle, move_to=move_to)
        except InUseError as error:
            messages.error(request, error.message(_("Princip %(number)s") % {"number": principle.number}))
        else:
            messages.success(request, _("Principen är borttagen och de övriga har numrerats om."))
        return redirect("agreement_staff:principles", period_slug=agreement.slug)
    trail = breadcrumbs(agreement, _principles_crumb(agreement))
    question = _("Vill du ta bort princip %(number)s, ”%(text)s”?") % {
        "number": principle.number,
        "text": principle.text,
    }
    title = _("Ta bort princip %(number)s") % {"number": principle.number}
    return confirm_page(
        request, title=title, question=question, trail=trail, cancel_url=trail[-1][1], uses=uses, move_form=move_form
    )
