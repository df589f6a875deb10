"""An application's contact person in the registry of personal data (vagenin/common/personaldata.py)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from vagenin.common.personaldata import Source, Subject, matching, register
from vagenin.grants.models import Application


def _find(subject: Subject) -> Any:
    return Application.objects.filter(matching({"email": ["contact_email"], "name": ["contact_name"]}, subject))


def _export(application: Application) -> dict[str, Any]:
    return {
        "application": str(application),
        "organisation": str(application.organisation),
        "contact_name": application.contact_name,
        "contact_email": application.contact_email,
        "contact_phone": application.contact_phone,
    }


def _erase(application: Application) -> str:
    """The application is an official record and stays; its contact person does not."""
    application.contact_name = application.contact_email = application.contact_phone = ""
    application.save(update_fields=["contact_name", "contact_email", "contact_phone"])
    return "anonymised"


def register_personal_data() -> None:
    register(
        Source(
            model=Application,
            fields=("contact_name", "contact_email", "contact_phone"),
            find=_find,
            export=_export,
            erase=_erase,
            purpose=_("Kontaktperson för en ansökan om statsbidrag, för handläggningen."),
        )
    )
