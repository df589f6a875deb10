"""A registration for a meeting in the registry of personal data (vagenin/common/personaldata.py)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vagenin.common.personaldata import Source, Subject, matching, register
from vagenin.meetings.models import Registration


def _find(subject: Subject) -> Any:
    return Registration.objects.filter(matching({"email": ["email"], "name": ["name"]}, subject)).select_related(
        "event"
    )


def _export(registration: Registration) -> dict[str, Any]:
    return {
        "event": str(registration.event),
        "name": registration.name,
        "email": registration.email,
        "organisation_name": registration.organisation_name,
        "dietary_needs": registration.dietary_needs,
        "accessibility_needs": registration.accessibility_needs,
        "status": registration.status,
    }


def _erase(registration: Registration) -> str:
    """As the retention purge does: the row stays for the counts, without anything about the person."""
    Registration.objects.filter(pk=registration.pk).update(
        user=None,
        name="",
        email="",
        organisation_name="",
        dietary_needs="",
        accessibility_needs="",
        list_consent=False,
        anonymised_at=timezone.now(),
    )
    return "anonymised"


def register_personal_data() -> None:
    register(
        Source(
            model=Registration,
            fields=("name", "email"),
            find=_find,
            export=_export,
            erase=_erase,
            purpose=_("Anmälan till ett möte: deltagarlista, bekräftelse och påminnelse."),
        )
    )
