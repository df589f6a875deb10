"""Public pages of the agreement: periods, areas with their themes, and the governance bodies."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from vagenin.agreement.models import AgreementPeriod, Area, Body, BodyMembership, Signatory
from vagenin.common.pagecache import cache_for_anonymous


def _period(slug: str) -> AgreementPeriod:
    return get_object_or_404(AgreementPeriod.objects.select_related("county"), slug=slug)


def _render_period(request: HttpRequest, period: AgreementPeriod) -> HttpResponse:
    context = {
        "period": period,
        "periods": AgreementPeriod.objects.of_this_county(),
        "principles": period.principles.all(),
        "areas": period.areas.with_themes(),
        "signatories": Signatory.objects.filter(period=period).for_public_display(),
    }
    return render(request, "agreement/period_detail.html", context)


@cache_for_anonymous
def index(request: HttpRequest) -> HttpResponse:
    """The agreement in force (or the latest)."""
    return _render_period(request, AgreementPeriod.objects.current_or_404())


@cache_for_anonymous
def period_detail(request: HttpRequest, period: str) -> HttpResponse:
    return _render_period(request, _period(period))


@cache_for_anonymous
def areas(request: HttpRequest) -> HttpResponse:
    """The five areas of the current period with their focus themes and partners."""
    period = AgreementPeriod.objects.current_or_404()
    return render(request, "agreement/area_list.html", {"period": period, "areas": period.areas.with_themes()})


@cache_for_anonymous
def area_detail(request: HttpRequest, period: str, area: str) -> HttpResponse:
    agreement = _period(period)
    area_obj = get_object_or_404(Area.objects.with_themes().select_related("period"), period=agreement, slug=area)
    bodies = area_obj.bodies.all()
    return render(request, "agreement/area_detail.html", {"period": agreement, "area": area_obj, "bodies": bodies})


@cache_for_anonymous
def bodies(request: HttpRequest) -> HttpResponse:
    """The implementation organisation of the current period."""
    period = AgreementPeriod.objects.current_or_404()
    members = BodyMembership.objects.current(on=period.as_of).for_display()
    body_list = (
        Body.objects.filter(period=period)
        .for_public_display()
        .prefetch_related(Prefetch("memberships", queryset=members, to_attr="current_members"), "responsibilities")
    )
    return render(request, "agreement/body_list.html", {"period": period, "bodies": body_list})


@cache_for_anonymous
def body_detail(request: HttpRequest, period: str, body: str) -> HttpResponse:
    agreement = _period(period)
    body_obj = get_object_or_404(Body.objects.for_public_display(), period=agreement, slug=body)
    memberships = BodyMembership.objects.filter(body=body_obj).for_display()
    context = {
        "period": agreement,
        "body": body_obj,
        "current_members": memberships.current(on=agreement.as_of),
        # Seats that ended before the day the page describes (not seats taken after a period ended).
        "former_members": memberships.filter(ends_on__lt=agreement.as_of).order_by("-ends_on"),
        "responsibilities": body_obj.responsibilities.all(),
        "children": body_obj.children.all(),
    }
    return render(request, "agreement/body_detail.html", context)
