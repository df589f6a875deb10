"""Types shared by views: the request of a logged-in user."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from vagenin.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    """The request of a view behind @login_required: its user is a real account."""

    user: User  # narrows HttpRequest.user (User | AnonymousUser)
