"""Access helpers for the agreement's content. Anyone reads it; only secretariat coordinators edit it.

A logged-in user who is not a coordinator gets 403 on every staff page, whether the object exists or not,
so the staff pages reveal nothing to them. A coordinator gets 404 for an unknown slug or UUID.
"""

from __future__ import annotations

import uuid
from typing import Any, Literal

from django.shortcuts import get_object_or_404

from vagenin.accounts.permissions import require_coordinator
from vagenin.agreement.models import (
    AgreementPeriod,
    Area,
    Body,
    BodyMembership,
    FocusTheme,
    Principle,
    Responsibility,
    Signatory,
    ThemePartner,
)

Need = Literal["view", "edit"]


def get_period_for(user: Any, slug: str, need: Need = "edit") -> AgreementPeriod:
    """The period by slug; editing needs a coordinator (403), an unknown slug is 404."""
    if need == "edit":
        require_coordinator(user)
    return get_object_or_404(AgreementPeriod.objects.select_related("county"), slug=slug)


def get_signatory_for(user: Any, period: AgreementPeriod, signatory: uuid.UUID) -> Signatory:
    """A signature of this period, for editing."""
    require_coordinator(user)
    return get_object_or_404(Signatory.objects.for_public_display(), period=period, uuid=signatory)


def get_principle_for(user: Any, period: AgreementPeriod, principle: uuid.UUID) -> Principle:
    """A principle of this period, for editing."""
    require_coordinator(user)
    return get_object_or_404(Principle, period=period, uuid=principle)


def get_area_for(user: Any, period: AgreementPeriod, slug: str) -> Area:
    """An area of this period, for editing."""
    require_coordinator(user)
    return get_object_or_404(Area.objects.select_related("period"), period=period, slug=slug)


def get_theme_for(user: Any, area: Area, slug: str) -> FocusTheme:
    """A focus theme of this area, for editing."""
    require_coordinator(user)
    return get_object_or_404(FocusTheme.objects.select_related("area__period"), area=area, slug=slug)


def get_partner_for(user: Any, theme: FocusTheme, partner: uuid.UUID) -> ThemePartner:
    """A collaboration partner of this theme, for editing."""
    require_coordinator(user)
    return get_object_or_404(ThemePartner.objects.select_related("organisation"), theme=theme, uuid=partner)


def get_body_for(user: Any, period: AgreementPeriod, slug: str) -> Body:
    """A body of this period, for editing."""
    require_coordinator(user)
    return get_object_or_404(Body.objects.for_public_display(), period=period, slug=slug)


def get_responsibility_for(user: Any, body: Body, slug: str) -> Responsibility:
    """An area of responsibility within this body, for editing."""
    require_coordinator(user)
    return get_object_or_404(Responsibility, body=body, slug=slug)


def get_membership_for(user: Any, body: Body, membership: uuid.UUID) -> BodyMembership:
    """A seat in this body, for editing."""
    require_coordinator(user)
    return get_object_or_404(BodyMembership.objects.for_display(), body=body, uuid=membership)
