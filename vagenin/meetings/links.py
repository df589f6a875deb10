"""Signed links in mails: a participant manages a registration or answers the evaluation without an account.

A token names the registration and what it may be used for, signed with the secret key
(django.core.signing, its own salt per purpose) and valid for `LINK_MAX_AGE`. It grants nothing else.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Literal

from django.conf import settings
from django.core import signing
from django.urls import reverse

Purpose = Literal["manage", "evaluate"]
LINK_MAX_AGE = datetime.timedelta(days=400)


def make_token(registration_uuid: uuid.UUID, purpose: Purpose) -> str:
    return signing.dumps(str(registration_uuid), salt=f"vagenin.meetings.{purpose}", compress=True)


def read_token(token: str, purpose: Purpose) -> uuid.UUID | None:
    """The registration's uuid, or None for a forged, altered, expired or other-purpose token."""
    try:
        value = signing.loads(token, salt=f"vagenin.meetings.{purpose}", max_age=LINK_MAX_AGE)
        return uuid.UUID(str(value))
    except (signing.BadSignature, ValueError):
        return None


def absolute_link(registration_uuid: uuid.UUID, purpose: Purpose) -> str:
    """The full link for a mail (reverse in the active language, so the page opens in the mail's language)."""
    name = "meetings:manage_registration" if purpose == "manage" else "meetings:evaluate"
    return f"{settings.SITE_URL.rstrip('/')}{reverse(name)}?t={make_token(registration_uuid, purpose)}"
