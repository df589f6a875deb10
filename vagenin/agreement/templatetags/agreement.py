"""`{% agreement_roles organisation %}`: what an organisation is in the agreement, for the organisation's page.

The organisation app sits below the agreement and may not read its models; its page includes this tag.
"""

from __future__ import annotations

from typing import Any

from django import template

from vagenin.agreement.models import BodyMembership

register = template.Library()


@register.inclusion_tag("agreement/_organisation_roles.html")
def agreement_roles(organisation: Any) -> dict[str, Any]:
    """The organisation's signatures, the themes naming it as partner, and its current seats in bodies."""
    return {
        "signatures": organisation.signatures.select_related("period"),
        "theme_partnerships": organisation.theme_partnerships.select_related("theme__area__period"),
        "body_memberships": BodyMembership.objects.filter(organisation=organisation)
        .current()
        .select_related("body__period", "person"),
    }
