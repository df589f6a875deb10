"""Collaboration areas, focus themes and theme partners."""

from __future__ import annotations

import copy
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vagenin.agreement import services
from vagenin.agreement.forms import (
    AreaCreateForm,
    AreaForm,
    MoveForm,
    MoveUsesForm,
    ThemeCreateForm,
    ThemeForm,
    ThemePartnerForm,
)
from vagenin.agreement.models import FocusTheme, ThemePartner
from vagenin.agreement.permissions import (
    get_area_for,
    get_partner_for,
    get_period_for,
    get_theme_for,
)
from vagenin.agreement.staff_views.common import (
    Crumb,
    areas_crumb,
    breadcrumbs,
    confirm_page,
    form_page,
    theme_url,
)
from vagenin.common.deletion import InUseError, uses_of

# Areas and focus themes


@login_required
def area_list(request: HttpRequest, period_slug: str) -> HttpResponse:
    """The period's areas with their focus themes."""
    agreement = get_period_for(request.user, period_slug)
    areas = agreement.areas.prefetch_related("themes")
    context = {"period": agreement, "areas": areas, "trail": breadcrumbs(agreement)}
    return render(request, "agreement/staff/area_list.html", context)


@login_required
def area_add(request: HttpRequest, period_slug: str) -> HttpResponse:
    agreement = get_period_for(request.user, period_slug)
    form = AreaCreateForm(request.POST or None, period=agreement)
    if request.method == "POST" and form.is_valid():
        area = services.create_area(actor=request.user, period=agreement, data=form.cleaned_data)
        messages.success(request, _("Samverkansområdet %(name)s är skapat.") % {"name": area.name})
        return redirect("agreement_staff:areas", period_slug=agreement.slug)
    trail = breadcrumbs(agreement, areas_crumb(agreement))
    return form_page(request, form, title=_("Nytt samverkansområde"), trail=trail, cancel_url=trail[-1][1])


@login_required
def area_edit(request: HttpRequest, period_slug: str, area_slug: str) -> HttpResponse:
    agreement = get_period_for(request.user, period_slug)
    area = get_area_for(request.user, agreement, area_slug)
    form = AreaForm(request.POST or None, instance=copy.copy(area))
    if request.method == "POST" and form.is_valid():
        services.update_area(actor=request.user, area=area, data=form.cleaned_data)
        messages.success(request, _("Samverkansområdet är sparat."))
        return redirect("agreement_staff:areas", period_slug=agreement.slug)
    trail = breadcrumbs(agreement, areas_crumb(agreement))
    title = _("Redigera %(name)s") % {"name": area.name}
    public_url = area.get_absolute_url()
    return form_page(request, form, title=title, trail=trail, cancel_url=trail[-1][1], public_url=public_url)


@login_required
def theme_add(request: HttpRequest, period_slug: str, area_slug: str) -> HttpResponse:
    agreement = get_period_for(request.user, period_slug)
    area = get_area_for(request.user, agreement, area_slug)
    form = ThemeCreateForm(request.POST or None, area=area)
    if request.method == "POST" and form.is_valid():
        theme = services.add_theme(actor=request.user, area=area, data=form.cleaned_data)
        messages.success(request, _("Fokusområdet %(name)s är skapat.") % {"name": theme.name})
        return redirect(theme_url(theme))
    trail = breadcrumbs(agreement, areas_crumb(agreement))
    title = _("Nytt fokusområde inom %(area)s") % {"area": area.name}
    return form_page(request, form, title=title, trail=trail, cancel_url=trail[-1][1])


@login_required
def theme_edit(request: HttpRequest, period_slug: str, area_slug: str, theme_slug: str) -> HttpResponse:
    """A theme's texts, and below the form its collaboration partners."""
    agreement = get_period_for(request.user, period_slug)
    theme = get_theme_for(request.user, get_area_for(request.user, agreement, area_slug), theme_slug)
    form = ThemeForm(request.POST or None, instance=copy.copy(theme))
    if request.method == "POST" and form.is_valid():
        services.update_theme(actor=request.user, theme=theme, data=form.cleaned_data)
        messages.success(request, _("Fokusområdet är sparat."))
        return redirect(theme_url(theme))
    trail = breadcrumbs(agreement, areas_crumb(theme.area.period))
    partners = list(ThemePartner.objects.filter(theme=theme).select_related("organisation"))
    title = _("Fokusområde: %(name)s") % {"name": theme.name}
    return form_page(
        request,
        form,
        title=title,
        trail=trail,
        cancel_url=trail[-1][1],
        template="agreement/staff/theme_form.html",
        theme=theme,
        partners=partners,
    )


@login_required
def theme_delete(request: HttpRequest, period_slug: str, area_slug: str, theme_slug: str) -> HttpResponse:
    agreement = get_period_for(request.user, period_slug)
    theme = get_theme_for(request.user, get_area_for(request.user, agreement, area_slug), theme_slug)
    uses = uses_of(theme, owned=[ThemePartner])
    others = FocusTheme.objects.filter(area__period=agreement).exclude(pk=theme.pk).select_related("area")
    move_form = MoveUsesForm(
        request.POST if request.method == "POST" else None, queryset=others.order_by("area__number", "number")
    )
    if request.method == "POST" and (not uses or move_form.is_valid()):
        move_to = move_form.cleaned_data["move_to"] if uses else None
        try:
            services.delete_theme(actor=request.user, theme=theme, move_to=move_to)
        except InUseError as error:
            messages.error(request, error.message(theme.name))
            return redirect(theme_url(theme))
        messages.success(request, _("Fokusområdet %(name)s är borttaget.") % {"name": theme.name})
        return redirect("agreement_staff:areas", period_slug=agreement.slug)
    trail = breadcrumbs(agreement, areas_crumb(theme.area.period), (theme.name, theme_url(theme)))
    question = _("Vill du ta bort fokusområdet %(name)s och dess samverkansparter?") % {"name": theme.name}
    title = _("Ta bort %(name)s") % {"name": theme.name}
    return confirm_page(
        request, title=title, question=question, trail=trail, cancel_url=trail[-1][1], uses=uses, move_form=move_form
    )


# Theme partners


def _theme_from(request: HttpRequest, period_slug: str, area_slug: str, theme_slug: str) -> FocusTheme:
    agreement = get_period_for(request.user, period_slug)
    return get_theme_for(request.user, get_area_for(request.user, agreement, area_slug), theme_slug)


def _theme_trail(theme: FocusTheme) -> list[Crumb]:
    return breadcrumbs(theme.area.period, areas_crumb(theme.area.period), (theme.name, theme_url(theme)))


@login_required
def partner_add(request: HttpRequest, period_slug: str, area_slug: str, theme_slug: str) -> HttpResponse:
    theme = _theme_from(request, period_slug, area_slug, theme_slug)
    form = ThemePartnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        partner = services.add_theme_partner(actor=request.user, theme=theme, **form.cleaned_data)
        messages.success(request, _("%(name)s är tillagd som samverkanspart.") % {"name": partner.label})
        return redirect(theme_url(theme))
    trail = _theme_trail(theme)
    return form_page(request, form, title=_("Lägg till samverkanspart"), trail=trail, cancel_url=trail[-1][1])


@login_required
def partner_edit(
    request: HttpRequest, period_slug: str, area_slug: str, theme_slug: str, partner_uuid: uuid.UUID
) -> HttpResponse:
    theme = _theme_from(request, period_slug, area_slug, theme_slug)
    partner = get_partner_for(request.user, theme, partner_uuid)
    form = ThemePartnerForm(request.POST or None, instance=copy.copy(partner))
    if request.method == "POST" and form.is_valid():
        services.update_theme_partner(actor=request.user, partner=partner, data=form.cleaned_data)
        messages.success(request, _("Samverkansparten är sparad."))
        return redirect(theme_url(theme))
    trail = _theme_trail(theme)
    title = _("Redigera samverkanspart %(name)s") % {"name": partner.label}
    return form_page(request, form, title=title, trail=trail, cancel_url=trail[-1][1])


@login_required
@require_POST
def partner_move(
    request: HttpRequest, period_slug: str, area_slug: str, theme_slug: str, partner_uuid: uuid.UUID
) -> HttpResponse:
    theme = _theme_from(request, period_slug, area_slug, theme_slug)
    partner = get_partner_for(request.user, theme, partner_uuid)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest()
    services.move_theme_partner(actor=request.user, partner=partner, to=form.cleaned_data["to"])
    messages.success(request, _("%(name)s är flyttad.") % {"name": partner.label})
    return redirect(theme_url(theme))


@login_required
def partner_delete(
    request: HttpRequest, period_slug: str, area_slug: str, theme_slug: str, partner_uuid: uuid.UUID
) -> HttpResponse:
    theme = _theme_from(request, period_slug, area_slug, theme_slug)
    partner = get_partner_for(request.user, theme, partner_uuid)
    if request.method == "POST":
        services.remove_theme_partner(actor=request.user, partner=partner)
        messages.success(request, _("%(name)s är borttagen som samverkanspart.") % {"name": partner.label})
        return redirect(theme_url(theme))
    trail = _theme_trail(theme)
    names = {"name": partner.label, "theme": theme.name}
    question = _("Vill du ta bort %(name)s som samverkanspart för %(theme)s?") % names
    title = _("Ta bort samverkanspart %(name)s") % {"name": partner.label}
    return confirm_page(request, title=title, question=question, trail=trail, cancel_url=trail[-1][1])
