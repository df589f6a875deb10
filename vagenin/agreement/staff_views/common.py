"""Breadcrumbs, URLs and the shared form and confirmation pages of the staff views."""

from __future__ import annotations

from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from vagenin.agreement.models import AgreementPeriod, Body, FocusTheme
from vagenin.common.deletion import Use

Crumb = tuple[str, str]


def breadcrumbs(period: AgreementPeriod | None = None, *more: Crumb) -> list[Crumb]:
    """Breadcrumbs from the staff start page down to (not including) the current page."""
    crumbs = [(_("Redigera överenskommelsen"), reverse("agreement_staff:index"))]
    if period is not None:
        crumbs.append((period.title, reverse("agreement_staff:period", kwargs={"period_slug": period.slug})))
    return crumbs + list(more)


def staff_url(name: str, **kwargs: object) -> str:
    return reverse(f"agreement_staff:{name}", kwargs=kwargs)


def areas_crumb(agreement: AgreementPeriod) -> Crumb:
    return (_("Samverkansområden"), staff_url("areas", period_slug=agreement.slug))


def theme_url(theme: FocusTheme) -> str:
    return staff_url("theme_edit", period_slug=theme.area.period.slug, area_slug=theme.area.slug, theme_slug=theme.slug)


def body_url(body: Body) -> str:
    return staff_url("body", period_slug=body.period.slug, body_slug=body.slug)


def form_page(
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


def confirm_page(
    request: HttpRequest,
    *,
    title: str,
    question: str,
    trail: list[Crumb],
    cancel_url: str,
    uses: list[Use] | None = None,
    move_form: BaseForm | None = None,
) -> HttpResponse:
    """Ask before deleting. While something uses the record, say what, and offer to move it (`move_form`) where
    that makes sense; without a place to move to there is nothing to confirm."""
    context = {
        "title": title,
        "question": question,
        "trail": trail,
        "cancel_url": cancel_url,
        "uses": uses or [],
        "move_form": move_form,
    }
    return render(request, "agreement/staff/confirm.html", context)
