"""Load invented demo people, seats and logins on top of the reference data. Idempotent."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.test.utils import override_settings

from vagenin.accounts.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, load_users
from vagenin.accounts.models import User
from vagenin.actionplan.demo import load_actionplan
from vagenin.agreement.demo import load_memberships
from vagenin.agreement.models import AgreementPeriod
from vagenin.grants.demo import load_grants
from vagenin.indicators.demo import load_indicators
from vagenin.meetings.demo import load_meetings
from vagenin.newsletter.demo import load_newsletter
from vagenin.organisations.demo import load_people
from vagenin.settlement.demo import load_settlement


class Command(BaseCommand):
    help = "Load demo data (invented people and demo logins). Refuses to run outside DEBUG unless --force."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="Run even when DEBUG is off.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError("Demo data has published passwords: run it with DEBUG on, or pass --force.")
        if not AgreementPeriod.objects.exists():
            raise CommandError("Load the reference data first: manage.py load_reference")
        # Demo workflows notify people by e-mail; keep those mails in memory instead of sending them.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"), transaction.atomic():
            contacts = load_people()
            load_memberships(contacts)
            logins = load_users()
            load_actionplan(actor=User.objects.get(email=logins[0].email))
            load_settlement()
            load_grants()
            load_indicators()
            load_meetings(actor=User.objects.get(email=logins[0].email))
            load_newsletter(actor=User.objects.get(email=logins[0].email))
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write("")
        self.stdout.write("Vägen in runs at http://127.0.0.1:8000  (English: http://127.0.0.1:8000/en/)")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for login in logins:
            self.stdout.write(f"  {login.email:<36} {login.description}")
        self.stdout.write(
            f"Staff logins ask for a TOTP code: add secret {DEMO_TOTP_SECRET} to an authenticator app,\n"
            "or run `.venv/bin/python manage.py demo_totp` in another terminal for the current code."
        )
