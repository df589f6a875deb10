"""Breadcrumbs, URLs and the shared form and confirmation pages of the staff views."""

from __future__ import annotations

from django.db.models import ProtectedError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vagenin.agreement.models import AgreementPeriod, Body, FocusTheme

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
    request: HttpRequest, *, title: str, question: str, trail: list[Crumb], cancel_url: str
) -> HttpResponse:
    context = {"title": title, "question": question, "trail": trail, "cancel_url": cancel_url}
    return render(request, "agreement/staff/confirm.html", context)


def in_use_message(error: ProtectedError, name: str) -> str:
    count = len(error.protected_objects)
    return ngettext(
        "%(name)s kan inte tas bort eftersom %(count)d annan uppgift hänvisar till det. Ändra eller ta bort den först.",
        "%(name)s kan inte tas bort eftersom %(count)d andra uppgifter hänvisar till det. "
        "Ändra eller ta bort dem först.",
        count,
    ) % {"name": name, "count": count}
