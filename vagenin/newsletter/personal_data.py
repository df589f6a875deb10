"""A newsletter subscriber in the registry of personal data (vagenin/common/personaldata.py)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from vagenin.common.personaldata import Source, Subject, matching, register
from vagenin.newsletter.models import Subscriber


def _find(subject: Subject) -> Any:
    return Subscriber.objects.filter(matching({"email": ["email"]}, subject))


def _export(subscriber: Subscriber) -> dict[str, Any]:
    return {
        "email": subscriber.email,
        "language": subscriber.language,
        "areas": sorted(str(area) for area in subscriber.areas.all()),
        "status": subscriber.status,
        "source": subscriber.source,
        "subscribed": subscriber.created_at.isoformat(),
        "consent": subscriber.consent_at.isoformat() if subscriber.consent_at else None,
    }


def _erase(subscriber: Subscriber) -> str:
    """As an unsubscribe: the address goes at once; deliveries keep their counts, naming no one."""
    from vagenin.newsletter.services import unsubscribe

    unsubscribe(subscriber=subscriber)
    return "deleted"


def register_personal_data() -> None:
    register(
        Source(
            model=Subscriber,
            fields=("email",),
            find=_find,
            export=_export,
            erase=_erase,
            purpose=_("Prenumeration på nyhetsbrevet, med samtycke."),
        )
    )
