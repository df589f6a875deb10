"""Forms for page feedback, the contact form and the inbox filters. They only validate."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from vagenin.pages.models import Message, MessageKind

YES, NO = "ja", "nej"


class HoneypotForm(forms.Form):
    """A field people never see or fill in; bots that fill every field reveal themselves."""

    website = forms.CharField(
        label=_("Lämna tomt"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        template_name="pages/_honeypot_field.html",
    )  # type: ignore[call-arg]  # Field(template_name=) is Django 5.0; django-stubs lacks it

    @property
    def is_from_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class PageFeedbackForm(HoneypotForm):
    """The "was this information useful?" question at the foot of every public page."""

    # Prefixed: the form is on every page, beside forms that have fields of the same names.
    prefix = "feedback"
    field_order = ["page", "useful", "comment", "website"]

    useful = forms.TypedChoiceField(
        label=_("Hade du nytta av informationen?"),
        choices=[(YES, _("Ja")), (NO, _("Nej"))],
        coerce=lambda value: value == YES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Svara ja eller nej.")},
    )
    comment = forms.CharField(
        label=_("Kommentar (frivillig)"),
        help_text=_("Skriv inte personuppgifter som namn, personnummer eller e-postadress. Vi kan inte svara här."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    page = forms.CharField(label=_("Sida"), max_length=300, widget=forms.HiddenInput)

    def clean_page(self) -> str:
        page = self.cleaned_data["page"].strip()
        # Only a path on this site: no scheme, no host, no "//host" (which browsers treat as a host).
        if not page.startswith("/") or not url_has_allowed_host_and_scheme(page, allowed_hosts=None):
            raise forms.ValidationError(_("Vi kunde inte avgöra vilken sida svaret gäller."))
        return page


class ContactForm(HoneypotForm):
    """A message to the secretariat."""

    name = forms.CharField(label=_("Namn"), max_length=200)
    email = forms.EmailField(
        label=_("E-postadress (frivillig)"),
        required=False,
        help_text=_("Fyll i om du vill ha svar. Vi använder adressen bara för att svara dig."),
    )
    body = forms.CharField(
        label=_("Meddelande"),
        max_length=Message._meta.get_field("body").max_length,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    field_order = ["name", "email", "body", "website"]

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Skriv ett meddelande."))
        return body


class ReplyForm(forms.Form):
    """The secretariat's answer to a contact message, sent by e-mail."""

    body = forms.CharField(
        label=_("Svar"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Skickas till avsändarens e-postadress på hens språk, med meddelandet citerat under svaret."),
    )

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Skriv ett svar."))
        return body


class InboxStatus:
    UNHANDLED = "obehandlade"
    HANDLED = "hanterade"


class InboxFilterForm(forms.Form):
    """Filters for the secretariat's inbox. Field names are the Swedish query parameters."""

    slag = forms.ChoiceField(label=_("Slag"), required=False, choices=[("", _("Alla")), *MessageKind.choices])
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alla")), (InboxStatus.UNHANDLED, _("Obehandlade")), (InboxStatus.HANDLED, _("Hanterade"))],
    )
    adress = forms.CharField(label=_("Sida"), required=False, max_length=300)

    def filters(self) -> dict[str, Any]:
        """The valid filters as keyword arguments for the message queryset."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        filters: dict[str, Any] = {}
        if data["slag"]:
            filters["kind"] = data["slag"]
        if data["status"]:
            filters["handled_at__isnull"] = data["status"] == InboxStatus.UNHANDLED
        if data["adress"]:
            filters["page"] = data["adress"]
        return filters
