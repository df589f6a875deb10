"""Forms of the site app: the secretariat's search for a data subject's personal data."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class SubjectForm(forms.Form):
    """Whom a request about personal data concerns: an e-mail address, a full name, or both."""

    email = forms.EmailField(label=_("E-postadress"), required=False)
    name = forms.CharField(
        label=_("För- och efternamn"),
        required=False,
        max_length=200,
        help_text=_("Stavat som i registret; stora och små bokstäver spelar ingen roll."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not (data.get("email") or (data.get("name") or "").strip()):
            raise forms.ValidationError(_("Ange en e-postadress eller ett namn."))
        return data


class EraseForm(SubjectForm):
    """The subject as searched (hidden) and a confirmation; used with the prefix "radera" beside the search form."""

    prefix = "radera"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].widget = forms.HiddenInput()
        self.fields["name"].widget = forms.HiddenInput()

    confirm = forms.BooleanField(
        label=_("Jag har kontrollerat att uppgifterna ovan gäller den som begärt radering"), required=True
    )
