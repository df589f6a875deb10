"""Forms for managing users. They only validate."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from vagenin.accounts.models import StaffRole, User
from vagenin.organisations.models import Organisation


class AccessForm(forms.Form):
    """Roles across organisations and the organisations a user edits."""

    full_name = forms.CharField(label=_("Namn"), max_length=200)
    language = forms.ChoiceField(
        label=_("Språk i e-post"),
        choices=settings.LANGUAGES,
        help_text=_("Ändras också när personen byter språk på webbplatsen."),
    )
    roles = forms.MultipleChoiceField(
        label=_("Roller"),
        choices=StaffRole.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Alla roller kräver tvåfaktorsautentisering."),
    )
    editor_of = forms.ModelMultipleChoiceField(
        label=_("Redaktör för organisationer"),
        queryset=Organisation.objects.active().order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Håll ned Ctrl (Cmd på Mac) för att välja flera."),
    )


class InviteForm(AccessForm):
    email = forms.EmailField(label=_("E-postadress"))

    field_order = ["email", "full_name", "language", "roles", "editor_of"]

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Det finns redan ett konto med den e-postadressen."))
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # An account with neither a role nor an organisation could do nothing but log in.
        if not data.get("roles") and not data.get("editor_of") and "roles" not in self.errors:
            self.add_error("roles", _("Välj minst en roll eller en organisation som personen ska vara redaktör för."))
        return data


class UserEditForm(AccessForm):
    is_active = forms.BooleanField(
        label=_("Kontot är aktivt"), required=False, help_text=_("Ett inaktivt konto kan inte logga in.")
    )

    field_order = ["full_name", "language", "is_active", "roles", "editor_of"]

    def __init__(self, *args: Any, actor: User, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.user = user

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.user.pk == self.actor.pk:
            if StaffRole.COORDINATOR not in data.get("roles", []):
                self.add_error("roles", _("Du kan inte ta bort din egen roll som samordnare."))
            if not data.get("is_active"):
                self.add_error("is_active", _("Du kan inte inaktivera ditt eget konto."))
        return data


class UserSearchForm(forms.Form):
    q = forms.CharField(label=_("Sök på namn eller e-post"), required=False)
    roll = forms.ChoiceField(
        label=_("Roll"), required=False, choices=[("", _("Alla")), ("editor", _("Redaktör")), *StaffRole.choices]
    )
