"""Forms for organisation profiles and contact persons. They only validate."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vagenin.common.forms import formfield_https
from vagenin.organisations.models import Organisation, Person, Position


class OrganisationProfileForm(forms.ModelForm):
    """What an organisation's own editors may change."""

    class Meta:
        model = Organisation
        formfield_callback = formfield_https
        fields = ["name_en", "description_sv", "description_en", "website", "email", "phone"]


class OrganisationAdminForm(forms.ModelForm):
    """Everything a coordinator may set, including identity and history."""

    class Meta:
        model = Organisation
        formfield_callback = formfield_https
        fields = [
            "name",
            "slug",
            "name_en",
            "type",
            "organisation_number",
            "municipality",
            "county",
            "description_sv",
            "description_en",
            "website",
            "email",
            "phone",
            "dissolved_on",
            "merged_into",
        ]
        widgets = {"dissolved_on": forms.DateInput(attrs={"type": "date"})}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("merged_into") and not data.get("dissolved_on"):
            self.add_error("dissolved_on", _("Ange när organisationen upphörde om den gått upp i en annan."))
        if data.get("merged_into") and self.instance.pk and data["merged_into"].pk == self.instance.pk:
            self.add_error("merged_into", _("En organisation kan inte gå upp i sig själv."))
        return data


class ContactForm(forms.Form):
    """A contact person: the person's details and their position at the organisation."""

    first_name = forms.CharField(label=Person._meta.get_field("first_name").verbose_name, max_length=100)
    last_name = forms.CharField(label=Person._meta.get_field("last_name").verbose_name, max_length=100)
    title_sv = forms.CharField(label=Position._meta.get_field("title_sv").verbose_name, max_length=200)
    title_en = forms.CharField(label=Position._meta.get_field("title_en").verbose_name, max_length=200, required=False)
    email = forms.EmailField(label=_("E-post"), required=False)
    phone = forms.CharField(label=_("Telefon"), max_length=40, required=False)
    starts_on = forms.DateField(label=_("Från"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    @classmethod
    def initial_for(cls, position: Position) -> dict[str, Any]:
        person = position.person
        return {
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": person.email,
            "phone": person.phone,
            "title_sv": position.title_sv,
            "title_en": position.title_en,
            "starts_on": position.starts_on,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("email") and not data.get("phone"):
            self.add_error("email", _("Ange e-post eller telefon så att kontaktpersonen går att nå."))
        return data


class PersonForm(forms.ModelForm):
    """A person's name and the contact details they have agreed to share."""

    class Meta:
        model = Person
        fields = ["first_name", "last_name", "email", "phone"]


class PositionForm(forms.ModelForm):
    """A dated role at an organisation."""

    class Meta:
        model = Position
        fields = ["organisation", "title_sv", "title_en", "starts_on", "ends_on", "is_contact"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("Slutdatum kan inte vara före startdatum."))
        return data


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("Sök på namn eller e-post"), required=False)
