"""Signal receivers of the accounts app (connected in AccountsConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from vagenin.accounts.models import User
from vagenin.accounts.services import remember_language


def remember_language_at_login(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    """Logging in on the English pages means English e-mail from now on (until the person switches)."""
    language = getattr(request, "LANGUAGE_CODE", None)
    if language:
        remember_language(user=user, language=language)
