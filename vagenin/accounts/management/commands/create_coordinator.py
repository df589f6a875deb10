"""Create the first secretariat coordinator of a new deployment and print (and mail) the set-password link."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email

from vagenin.accounts.models import StaffRole, User
from vagenin.accounts.services import invite_user, set_password_url


class Command(BaseCommand):
    help = "Create a coordinator account (MFA is set up at first login) and print a link to choose a password."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--name", required=True, help="The person's full name.")
        parser.add_argument("--language", default="sv", choices=["sv", "en"], help="Language of the e-mail.")

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"].strip().lower()
        try:
            validate_email(email)
        except ValidationError as exc:
            raise CommandError(f"Not an e-mail address: {email}") from exc
        if User.objects.filter(email__iexact=email).exists():
            raise CommandError(f"There is already an account for {email}.")
        user = invite_user(
            actor=None,
            email=email,
            full_name=options["name"],
            roles=[StaffRole.COORDINATOR],
            editor_of=[],
            language=options["language"],
        )
        self.stdout.write(f"Coordinator {user.email} created; an invitation was e-mailed.")
        self.stdout.write(f"Choose a password here (the link works once): {set_password_url(user)}")
