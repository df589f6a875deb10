"""Contact messages and page feedback in the registry of personal data."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from vagenin.common.personaldata import Source, Subject, matching, register
from vagenin.pages.models import Message


def _find(subject: Subject) -> Any:
    return Message.objects.filter(matching({"email": ["email"], "name": ["name"]}, subject))


def _export(message: Message) -> dict[str, Any]:
    return {
        "kind": message.kind,
        "received": message.created_at.isoformat(),
        "page": message.page,
        "name": message.name,
        "email": message.email,
        "body": message.body,
        "replies": [{"sent": reply.sent_at.isoformat(), "body": reply.body} for reply in message.replies.all()],
    }


def _erase(message: Message) -> str:
    message.delete()
    return "deleted"


def register_personal_data() -> None:
    register(
        Source(
            model=Message,
            fields=("name", "email", "body"),
            find=_find,
            export=_export,
            erase=_erase,
            purpose=_("Meddelanden via kontaktformuläret och synpunkter på sidor, för att kansliet ska kunna svara."),
        )
    )
