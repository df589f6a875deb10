"""The secretariat's editing of the agreement: periods, signatories, principles, areas, themes and bodies.

Every view needs a logged-in secretariat coordinator; the access helpers in permissions.py raise 403 for
anyone else. Forms get a copy of the object, because a model form writes its cleaned values onto its instance
and the services find the changes by comparing with the untouched original.
"""

from __future__ import annotations

import copy
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, ProtectedError, Q
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from vagenin.agreement import services
from vagenin.agreement.forms import (
    AreaCreateForm,
    AreaForm,
    BodyCreateForm,
    BodyForm,
    MembershipForm,
    MoveForm,
    PeriodCreateForm,
    PeriodForm,
    PrincipleForm,
    ResponsibilityCreateForm,
    ResponsibilityForm,
    SignatoryForm,
    SignatoryLeftForm,
    ThemeCreateForm,
    ThemeForm,
    ThemePartnerForm,
)
from vagenin.agreement.models import AgreementPeriod, Body, BodyMembership, FocusTheme, Signatory, ThemePartner
from vagenin.agreement.permissions import (
    get_area_for,
    get_body_for,
    get_membership_for,
    get_partner_for,
    get_period_for,
    get_principle_for,
    get_responsibility_for,
    get_signatory_for,
    get_theme_for,
    require_coordinator,
)

Crumb = tuple[str, str]


def _trail(period: AgreementPeriod | None = None, *more: Crumb) -> list[Crumb]:
    """Breadcrumbs from the staff start page down to (not including) the current page."""
    crumbs = [(_("Redigera överenskommelsen"), reverse("agreement_staff:index"))]
    if period is not None:
        crumbs.append((period.title, reverse("agreement_staff:period", kwargs={"period_slug": period.slug})))
    return crumbs + list(more)


def _url(name: str, **kwargs: object) -> str:
    return reverse(f"agreement_staff:{name}", kwargs=kwargs)


def _areas_crumb(agreement: AgreementPeriod) -> Crumb:
    return (_("Samverkansområden"), _url("areas", period_slug=agreement.slug))


def _theme_url(theme: FocusTheme) -> str:
    return _url("theme_edit", period_slug=theme.area.period.slug, area_slug=theme.area.slug, theme_slug=theme.slug)


def _body_url(body: Body) -> str:
    return _url("body", period_slug=body.period.slug, body_slug=body.slug)


def _form_page(
    request: HttpRequest,
    form: BaseForm,
    *,
    title: str,
    trail: list[Crumb],
    cancel_url: str,
    template: str = "agreement/staff/form.html",
    **extra: object,
) -> HttpResponse:
    context = {"form": form, "title": title, "trail": trail, "cancel_url": cancel_url, **extra}
    return render(request, template, context)


def _confirm_page(
    request: HttpRequest, *, title: str, question: str, trail: list[Crumb], cancel_url: str
) -> HttpResponse:
    context = {"title": title, "question": question, "trail": trail, "cancel_url": cancel_url}
    return render(request, "agreement/staff/confirm.html", context)


def _in_use_message(error: ProtectedError, name: str) -> str:
    count = len(error.protected_objects)
    return ngettext(
        "%(name)s kan inte tas bort eftersom %(count)d annan uppgift hänvisar till det. Ändra eller ta bort den först.",
        "%(name)s kan inte tas bort eftersom %(count)d andra uppgifter hänvisar till det. "
        "Ändra eller ta bort dem först.",
        count,
    ) % {"name": name, "count": count}


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
    context = {"period": agreement, "counts": counts, "trail": _trail()}
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
    return _form_page(request, form, title=title, trail=_trail(), cancel_url=_url("index"))


@login_required
def period_edit(request: HttpRequest, period_slug: str) -> HttpResponse:
    agreement = get_period_for(request.user, period_slug)
    form = PeriodForm(request.POST or None, instance=copy.copy(agreement))
    if request.method == "POST" and form.is_valid():
        services.update_period(actor=request.user, period=agreement, data=form.cleaned_data)
        messages.success(request, _("Avtalsperioden är sparad."))
        return redirect("agreement_staff:period", period_slug=agreement.slug)
    cancel = _url("period", period_slug=agreement.slug)
    return _form_page(request, form, title=_("Texter och datum"), trail=_trail(agreement), cancel_url=cancel)


# Signatories


@login_required
def signatory_list(request: HttpRequest, period_slug: str) -> HttpResponse:
    agreement = get_period_for(request.user, period_slug)
    signatories = Signatory.objects.filter(period=agreement).for_public_display()
    context = {"period": agreement, "signatories": signatories, "trail": _trail(agreement)}
    return render(request, "agreement/staff/signatory_list.html", context)


def _signatories_crumb(agreement: AgreementPeriod) -> Crumb:
    return (_("Undertecknande parter"), _url("signatories", period_slug=agreement.slug))


@login_required
def signatory_add(request: HttpRequest, period_slug: str) -> HttpResponse:
    agreement = get_period_for(request.user, period_slug)
    form = SignatoryForm(request.POST or None, period=agreement)
    if request.method == "POST" and form.is_valid():
        signatory = services.add_signatory(actor=request.user, period=agreement, **form.cleaned_data)
        messages.success(request, _("%(name)s är tillagd.") % {"name": signatory.organisation.display_name})
        return redirect("agreement_staff:signatories", period_slug=agreement.slug)
    trail = _trail(agreement, _signatories_crumb(agreement))
    return _form_page(request, form, title=_("Lägg till part"), trail=trail, cancel_url=trail[-1][1])


@login_required
def signatory_edit(request: HttpRequest, period_slug: str, signatory_uuid: uuid.UUID) -> HttpResponse:
    agreement = get_period_for(request.user, period_slug)
    signatory = get_signatory_for(request.user, agreement, signatory_uuid)
    form = SignatoryForm(request.POST or None, instance=copy.copy(signatory), period=agreement)
    if request.method == "POST" and form.is_valid():
        services.update_signatory(actor=request.user, signatory=signatory, data=form.cleaned_data)
        messages.success(request, _("%(name)s är sparad.") % {"name": signatory.organisation.display_name})
        return redirect("agreement_staff:signatories", period_slug=agreement.slug)
    trail = _trail(agreement, _signatories_crumb(agreement))
    title = _("Redigera %(name)s") % {"name": signatory.organisation.display_name}
    return _form_page(request, form, title=title, trail=trail, cancel_url=trail[-1][1])


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
    trail = _trail(agreement, _signatories_crumb(agreement))
    title = _("%(name)s lämnar överenskommelsen") % {"name": signatory.organisation.display_name}
    intro = _("Parten står kvar i listan över undertecknande parter, med datum då den lämnade.")
    return _form_page(request, form, title=title, trail=trail, cancel_url=trail[-1][1], intro=intro)


@login_required
def signatory_delete(request: HttpRequest, period_slug: str, signatory_uuid: uuid.UUID) -> HttpResponse:
    agreement = get_period_for(request.user, period_slug)
    signatory = get_signatory_for(request.user, agreement, signatory_uuid)
    name = signatory.organisation.display_name
    if request.method == "POST":
        services.remove_signatory(actor=request.user, signatory=signatory)
        messages.success(request, _("%(name)s är borttagen ur listan.") % {"name": name})
        return redirect("agreement_staff:signatories", period_slug=agreement.slug)
    trail = _trail(agreement, _signatories_crumb(agreement))
    question = _(
        "Vill du ta bort %(name)s ur listan över undertecknande parter? Gör det bara om parten lades in av misstag; "
        "en part som lämnat markeras som lämnad i stället."
    ) % {"name": name}
    title = _("Ta bort %(name)s") % {"name": name}
    return _confirm_page(request, title=title, question=question, trail=trail, cancel_url=trail[-1][1])


# Principles


def _principles_crumb(agreement: AgreementPeriod) -> Crumb:
    return (_("Principer"), _url("principles", period_slug=agreement.slug))


@login_required
def principle_list(request: HttpRequest, period_slug: str) -> HttpResponse:
    agreement = get_period_for(request.user, period_slug)
    principles = list(agreement.principles.all())
    context = {"period": agreement, "principles": principles, "trail": _trail(agreement)}
    return render(request, "agreement/staff/principle_list.html", context)


@login_required
def principle_add(request: HttpRequest, period_slug: str) -> HttpResponse:
    agreement = get_period_for(request.user, period_slug)
    form = PrincipleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_principle(actor=request.user, period=agreement, **form.cleaned_data)
        messages.success(request, _("Principen är tillagd sist i listan."))
        return redirect("agreement_staff:principles", period_slug=agreement.slug)
    trail = _trail(agreement, _principles_crumb(agreement))
    return _form_page(request, form, title=_("Ny princip"), trail=trail, cancel_url=trail[-1][1])


@login_required
def principle_edit(request: HttpRequest, period_slug: str, principle_uuid: uuid.UUID) -> HttpResponse:
    agreement = get_period_for(request.user, period_slug)
    principle = get_principle_for(request.user, agreement, principle_uuid)
    form = PrincipleForm(request.POST or None, instance=copy.copy(principle))
    if request.method == "POST" and form.is_valid():
        services.update_principle(actor=request.user, principle=principle, data=form.cleaned_data)
        messages.success(request, _("Principen är sparad."))
        return redirect("agreement_staff:principles", period_slug=agreement.slug)
    trail = _trail(agreement, _principles_crumb(agreement))
    title = _("Redigera princip %(number)s") % {"number": principle.number}
    return _form_page(request, form, title=title, trail=trail, cancel_url=trail[-1][1])


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
    if request.method == "POST":
        services.delete_principle(actor=request.user, principle=principle)
        messages.success(request, _("Principen är borttagen och de övriga har numrerats om."))
        return redirect("agreement_staff:principles", period_slug=agreement.slug)
    trail = _trail(agreement, _principles_crumb(agreement))
    question = _("Vill du ta bort princip %(number)s, ”%(text)s”?") % {
        "number": principle.number,
        "text": principle.text,
    }
    title = _("Ta bort princip %(number)s") % {"number": principle.number}
    return _confirm_page(request, title=title, question=question, trail=trail, cancel_url=trail[-1][1])


# Areas and focus themes


@login_required
def area_list(request: HttpRequest, period_slug: str) -> HttpResponse:
    """The period's areas with their focus themes."""
    agreement = get_period_for(request.user, period_slug)
    areas = agreement.areas.prefetch_related("themes")
    context = {"period": agreement, "areas": areas, "trail": _trail(agreement)}
    return render(request, "agreement/staff/area_list.html", context)


@login_required
def area_add(request: HttpRequest, period_slug: str) -> HttpResponse:
    agreement = get_period_for(request.user, period_slug)
    form = AreaCreateForm(request.POST or None, period=agreement)
    if request.method == "POST" and form.is_valid():
        area = services.create_area(actor=request.user, period=agreement, data=form.cleaned_data)
        messages.success(request, _("Samverkansområdet %(name)s är skapat.") % {"name": area.name})
        return redirect("agreement_staff:areas", period_slug=agreement.slug)
    trail = _trail(agreement, _areas_crumb(agreement))
    return _form_page(request, form, title=_("Nytt samverkansområde"), trail=trail, cancel_url=trail[-1][1])


@login_required
def area_edit(request: HttpRequest, period_slug: str, area_slug: str) -> HttpResponse:
    agreement = get_period_for(request.user, period_slug)
    area = get_area_for(request.user, agreement, area_slug)
    form = AreaForm(request.POST or None, instance=copy.copy(area))
    if request.method == "POST" and form.is_valid():
        services.update_area(actor=request.user, area=area, data=form.cleaned_data)
        messages.success(request, _("Samverkansområdet är sparat."))
        return redirect("agreement_staff:areas", period_slug=agreement.slug)
    trail = _trail(agreement, _areas_crumb(agreement))
    title = _("Redigera %(name)s") % {"name": area.name}
    public_url = area.get_absolute_url()
    return _form_page(request, form, title=title, trail=trail, cancel_url=trail[-1][1], public_url=public_url)


@login_required
def theme_add(request: HttpRequest, period_slug: str, area_slug: str) -> HttpResponse:
    agreement = get_period_for(request.user, period_slug)
    area = get_area_for(request.user, agreement, area_slug)
    form = ThemeCreateForm(request.POST or None, area=area)
    if request.method == "POST" and form.is_valid():
        theme = services.add_theme(actor=request.user, area=area, data=form.cleaned_data)
        messages.success(request, _("Fokusområdet %(name)s är skapat.") % {"name": theme.name})
        return redirect(_theme_url(theme))
    trail = _trail(agreement, _areas_crumb(agreement))
    title = _("Nytt fokusområde inom %(area)s") % {"area": area.name}
    return _form_page(request, form, title=title, trail=trail, cancel_url=trail[-1][1])


@login_required
def theme_edit(request: HttpRequest, period_slug: str, area_slug: str, theme_slug: str) -> HttpResponse:
    """A theme's texts, and below the form its collaboration partners."""
    agreement = get_period_for(request.user, period_slug)
    theme = get_theme_for(request.user, get_area_for(request.user, agreement, area_slug), theme_slug)
    form = ThemeForm(request.POST or None, instance=copy.copy(theme))
    if request.method == "POST" and form.is_valid():
        services.update_theme(actor=request.user, theme=theme, data=form.cleaned_data)
        messages.success(request, _("Fokusområdet är sparat."))
        return redirect(_theme_url(theme))
    trail = _trail(agreement, _areas_crumb(theme.area.period))
    partners = list(ThemePartner.objects.filter(theme=theme).select_related("organisation"))
    title = _("Fokusområde: %(name)s") % {"name": theme.name}
    return _form_page(
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
    if request.method == "POST":
        try:
            services.delete_theme(actor=request.user, theme=theme)
        except ProtectedError as error:
            messages.error(request, _in_use_message(error, theme.name))
            return redirect(_theme_url(theme))
        messages.success(request, _("Fokusområdet %(name)s är borttaget.") % {"name": theme.name})
        return redirect("agreement_staff:areas", period_slug=agreement.slug)
    trail = _trail(agreement, _areas_crumb(theme.area.period), (theme.name, _theme_url(theme)))
    question = _("Vill du ta bort fokusområdet %(name)s och dess samverkansparter?") % {"name": theme.name}
    title = _("Ta bort %(name)s") % {"name": theme.name}
    return _confirm_page(request, title=title, question=question, trail=trail, cancel_url=trail[-1][1])


# Theme partners


def _theme_from(request: HttpRequest, period_slug: str, area_slug: str, theme_slug: str) -> FocusTheme:
    agreement = get_period_for(request.user, period_slug)
    return get_theme_for(request.user, get_area_for(request.user, agreement, area_slug), theme_slug)


def _theme_trail(theme: FocusTheme) -> list[Crumb]:
    return _trail(theme.area.period, _areas_crumb(theme.area.period), (theme.name, _theme_url(theme)))


@login_required
def partner_add(request: HttpRequest, period_slug: str, area_slug: str, theme_slug: str) -> HttpResponse:
    theme = _theme_from(request, period_slug, area_slug, theme_slug)
    form = ThemePartnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        partner = services.add_theme_partner(actor=request.user, theme=theme, **form.cleaned_data)
        messages.success(request, _("%(name)s är tillagd som samverkanspart.") % {"name": partner.label})
        return redirect(_theme_url(theme))
    trail = _theme_trail(theme)
    return _form_page(request, form, title=_("Lägg till samverkanspart"), trail=trail, cancel_url=trail[-1][1])


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
        return redirect(_theme_url(theme))
    trail = _theme_trail(theme)
    title = _("Redigera samverkanspart %(name)s") % {"name": partner.label}
    return _form_page(request, form, title=title, trail=trail, cancel_url=trail[-1][1])


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
    return redirect(_theme_url(theme))


@login_required
def partner_delete(
    request: HttpRequest, period_slug: str, area_slug: str, theme_slug: str, partner_uuid: uuid.UUID
) -> HttpResponse:
    theme = _theme_from(request, period_slug, area_slug, theme_slug)
    partner = get_partner_for(request.user, theme, partner_uuid)
    if request.method == "POST":
        services.remove_theme_partner(actor=request.user, partner=partner)
        messages.success(request, _("%(name)s är borttagen som samverkanspart.") % {"name": partner.label})
        return redirect(_theme_url(theme))
    trail = _theme_trail(theme)
    names = {"name": partner.label, "theme": theme.name}
    question = _("Vill du ta bort %(name)s som samverkanspart för %(theme)s?") % names
    title = _("Ta bort samverkanspart %(name)s") % {"name": partner.label}
    return _confirm_page(request, title=title, question=question, trail=trail, cancel_url=trail[-1][1])


# Bodies


def _bodies_crumb(agreement: AgreementPeriod) -> Crumb:
    return (_("Organ"), _url("bodies", period_slug=agreement.slug))


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
    context = {"period": agreement, "bodies": bodies, "trail": _trail(agreement)}
    return render(request, "agreement/staff/body_list.html", context)


@login_required
def body_create(request: HttpRequest, period_slug: str) -> HttpResponse:
    agreement = get_period_for(request.user, period_slug)
    form = BodyCreateForm(request.POST or None, period=agreement)
    if request.method == "POST" and form.is_valid():
        body = services.create_body(actor=request.user, period=agreement, data=form.cleaned_data)
        messages.success(request, _("%(name)s är skapat.") % {"name": body.name})
        return redirect(_body_url(body))
    trail = _trail(agreement, _bodies_crumb(agreement))
    return _form_page(request, form, title=_("Nytt organ"), trail=trail, cancel_url=trail[-1][1])


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
        "trail": _trail(agreement, _bodies_crumb(agreement)),
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
        return redirect(_body_url(body_obj))
    trail = _trail(agreement, _bodies_crumb(agreement), (body_obj.name, _body_url(body_obj)))
    title = _("Redigera %(name)s") % {"name": body_obj.name}
    return _form_page(request, form, title=title, trail=trail, cancel_url=trail[-1][1])


# Responsibilities


def _body_trail(body_obj: Body) -> list[Crumb]:
    return _trail(body_obj.period, _bodies_crumb(body_obj.period), (body_obj.name, _body_url(body_obj)))


@login_required
def responsibility_add(request: HttpRequest, period_slug: str, body_slug: str) -> HttpResponse:
    body_obj = get_body_for(request.user, get_period_for(request.user, period_slug), body_slug)
    form = ResponsibilityCreateForm(request.POST or None, body=body_obj)
    if request.method == "POST" and form.is_valid():
        services.add_responsibility(actor=request.user, body=body_obj, data=form.cleaned_data)
        messages.success(request, _("Ansvarsområdet är tillagt."))
        return redirect(_body_url(body_obj))
    trail = _body_trail(body_obj)
    return _form_page(request, form, title=_("Nytt ansvarsområde"), trail=trail, cancel_url=trail[-1][1])


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
        return redirect(_body_url(body_obj))
    trail = _body_trail(body_obj)
    title = _("Redigera ansvarsområde %(name)s") % {"name": responsibility.name}
    return _form_page(request, form, title=title, trail=trail, cancel_url=trail[-1][1])


@login_required
def responsibility_delete(
    request: HttpRequest, period_slug: str, body_slug: str, responsibility_slug: str
) -> HttpResponse:
    body_obj = get_body_for(request.user, get_period_for(request.user, period_slug), body_slug)
    responsibility = get_responsibility_for(request.user, body_obj, responsibility_slug)
    if request.method == "POST":
        try:
            services.delete_responsibility(actor=request.user, responsibility=responsibility)
        except ProtectedError as error:
            messages.error(request, _in_use_message(error, responsibility.name))
        else:
            messages.success(request, _("Ansvarsområdet %(name)s är borttaget.") % {"name": responsibility.name})
        return redirect(_body_url(body_obj))
    trail = _body_trail(body_obj)
    question = _("Vill du ta bort ansvarsområdet %(name)s?") % {"name": responsibility.name}
    title = _("Ta bort %(name)s") % {"name": responsibility.name}
    return _confirm_page(request, title=title, question=question, trail=trail, cancel_url=trail[-1][1])


# Memberships


@login_required
def membership_add(request: HttpRequest, period_slug: str, body_slug: str) -> HttpResponse:
    body_obj = get_body_for(request.user, get_period_for(request.user, period_slug), body_slug)
    form = MembershipForm(request.POST or None, body=body_obj, initial={"starts_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        membership = services.add_membership(actor=request.user, body=body_obj, **form.cleaned_data)
        names = {"name": membership.person, "body": body_obj.name}
        messages.success(request, _("%(name)s är tillagd i %(body)s.") % names)
        return redirect(_body_url(body_obj))
    trail = _body_trail(body_obj)
    title = _("Ny ledamot i %(body)s") % {"body": body_obj.name}
    return _form_page(request, form, title=title, trail=trail, cancel_url=trail[-1][1])


@login_required
def membership_edit(request: HttpRequest, period_slug: str, body_slug: str, membership_uuid: uuid.UUID) -> HttpResponse:
    body_obj = get_body_for(request.user, get_period_for(request.user, period_slug), body_slug)
    membership = get_membership_for(request.user, body_obj, membership_uuid)
    form = MembershipForm(request.POST or None, instance=copy.copy(membership), body=body_obj)
    if request.method == "POST" and form.is_valid():
        services.update_membership(actor=request.user, membership=membership, data=form.cleaned_data)
        messages.success(request, _("Ledamotskapet för %(name)s är sparat.") % {"name": membership.person})
        return redirect(_body_url(body_obj))
    trail = _body_trail(body_obj)
    title = _("Redigera ledamotskap för %(name)s") % {"name": membership.person}
    return _form_page(request, form, title=title, trail=trail, cancel_url=trail[-1][1])


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
    return redirect(_body_url(body_obj))


@login_required
def membership_delete(
    request: HttpRequest, period_slug: str, body_slug: str, membership_uuid: uuid.UUID
) -> HttpResponse:
    body_obj = get_body_for(request.user, get_period_for(request.user, period_slug), body_slug)
    membership = get_membership_for(request.user, body_obj, membership_uuid)
    if request.method == "POST":
        services.delete_membership(actor=request.user, membership=membership)
        messages.success(request, _("Ledamotskapet för %(name)s är borttaget.") % {"name": membership.person})
        return redirect(_body_url(body_obj))
    trail = _body_trail(body_obj)
    question = _(
        "Vill du ta bort ledamotskapet för %(name)s i %(body)s? Gör det bara om det lades in av misstag; "
        "när någon lämnar organet avslutas ledamotskapet i stället, så att historiken finns kvar."
    ) % {"name": membership.person, "body": body_obj.name}
    title = _("Ta bort ledamotskap för %(name)s") % {"name": membership.person}
    return _confirm_page(request, title=title, question=question, trail=trail, cancel_url=trail[-1][1])
