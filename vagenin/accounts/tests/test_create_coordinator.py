"""The command that creates the first coordinator of a deployment."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from vagenin.accounts.models import StaffRole, User


@pytest.mark.django_db
def test_creates_a_coordinator_and_mails_a_link(django_capture_on_commit_callbacks: Any) -> None:
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("create_coordinator", "Forsta@Example.org", name="Första Samordnare", stdout=out)
    user = User.objects.get(email="forsta@example.org")
    assert list(user.role_grants.values_list("role", flat=True)) == [StaffRole.COORDINATOR]
    assert not user.has_usable_password()
    assert "/konto/password/reset/key/" in out.getvalue()
    assert mail.outbox[0].to == ["forsta@example.org"]
    with pytest.raises(CommandError, match="already an account"):
        call_command("create_coordinator", "forsta@example.org", name="Igen", stdout=io.StringIO())
    with pytest.raises(CommandError, match="Not an e-mail address"):
        call_command("create_coordinator", "inte-en-adress", name="X", stdout=io.StringIO())
