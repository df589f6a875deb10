"""Forms of the meetings module. They validate; the services write."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vagenin.agreement.models import Area, Body
from vagenin.common.widgets import use_search_field
from vagenin.meetings.models import Decision, Event, EventKind, EventVisibility, ProgrammeItem, Registration
from vagenin.organisations.models import Municipality, Organisation
from vagenin.organisations.search import organisation_label, organisations_named

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class RegistrationForm(forms.ModelForm):
    """A registration, by an account holder (name and e-mail filled in) or a guest."""

    website = forms.CharField(
        label=_("Lämna tomt"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        template_name="meetings/_honeypot_field.html",
    )  # type: ignore[call-arg]  # Field(template_name=) is Django 5.0; django-stubs lacks it

    class Meta:
        model = Registration
        fields = [
            "name",
            "email",
            "organisation",
            "organisation_name",
            "municipality",
            "dietary_needs",
            "accessibility_needs",
            "list_consent",
        ]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        labels = {"list_consent": _("Mitt namn och min organisation får visas på deltagarlistan")}

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["organisation"].required = False
        # Some 2,000 organisations at national volume: a combobox over the public search, not a <select> of all.
        organisation = use_search_field(
            self,
            "organisation",
            Organisation.objects.active().order_by("name"),
            match=organisations_named,
            label_from_instance=organisation_label,
            search_url=reverse_lazy("organisations:search"),
        )
        organisation.help_text = _("Skriv några bokstäver och välj i listan. Finns den inte, skriv namnet nedan.")
        fields["municipality"].queryset = Municipality.objects.order_by("short_name")
        fields["municipality"].empty_label = _("Ingen särskild kommun")
        if user is not None and user.is_authenticated:
            fields["email"].disabled = True
            fields["email"].help_text = _("Din e-postadress i kontot.")
            self.initial.setdefault("email", user.email)
            self.initial.setdefault("name", user.full_name)

    @property
    def is_from_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class ChangeRegistrationForm(forms.ModelForm):
    """What a participant may change through the link in the mail."""

    class Meta:
        model = Registration
        fields = ["name", "dietary_needs", "accessibility_needs", "list_consent"]
        labels = {"list_consent": _("Mitt namn och min organisation får visas på deltagarlistan")}


class EventFilterForm(forms.Form):
    """The public list's filters; every field optional."""

    tid = forms.ChoiceField(
        label=_("När"),
        choices=[("kommande", _("Kommande")), ("tidigare", _("Tidigare"))],
        required=False,
    )
    slag = forms.ChoiceField(label=_("Slag"), choices=[("", _("Alla slag")), *EventKind.choices], required=False)
    omrade = forms.ModelChoiceField(label=_("Samverkansområde"), queryset=Area.objects.none(), required=False)
    kommun = forms.ModelChoiceField(
        label=_("Kommun"), queryset=Municipality.objects.none(), required=False, to_field_name="code"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["omrade"].queryset = Area.objects.select_related("period").order_by("period", "number")
        fields["omrade"].label_from_instance = lambda area: area.name
        fields["omrade"].empty_label = _("Alla områden")
        fields["kommun"].queryset = Municipality.objects.order_by("short_name")
        fields["kommun"].empty_label = _("Alla kommuner")


class EventForm(forms.ModelForm):
    """An event as its organiser edits it."""

    online_link = forms.URLField(
        label=_("Länk till digitalt möte"),
        required=False,
        assume_scheme="https",
        help_text=_("Visas bara för anmälda deltagare."),
    )

    class Meta:
        model = Event
        fields = [
            "kind",
            "title_sv",
            "title_en",
            "summary_sv",
            "summary_en",
            "description_sv",
            "description_en",
            "organiser",
            "body",
            "areas",
            "format",
            "venue",
            "municipality",
            "address",
            "online_link",
            "starts_at",
            "ends_at",
            "visibility",
            "capacity",
            "reserved_seats",
            "per_organisation_limit",
            "registration_opens_at",
            "registration_closes_at",
            "requires_approval",
        ]
        widgets = {
            "starts_at": DATETIME_INPUT,
            "ends_at": DATETIME_INPUT,
            "registration_opens_at": DATETIME_INPUT,
            "registration_closes_at": DATETIME_INPUT,
            "areas": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["organiser"].queryset = organisations
        fields["body"].queryset = Body.objects.select_related("period").order_by("period", "order")
        fields["areas"].queryset = Area.objects.order_by("period", "number")
        fields["areas"].label_from_instance = lambda area: area.name
        fields["municipality"].queryset = Municipality.objects.order_by("short_name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("Slutet måste ligga efter början."))
        if data.get("visibility") == EventVisibility.BODY and not data.get("body"):
            self.add_error("body", _("Välj organet vars ledamöter bjuds in."))
        reserved = data.get("reserved_seats") or 0
        if reserved:
            if not data.get("body"):
                self.add_error("reserved_seats", _("Reserverade platser kräver ett organ."))
            elif data.get("capacity") is None or reserved > data["capacity"]:
                self.add_error("reserved_seats", _("Fler reserverade platser än platser totalt."))
        opens, closes = data.get("registration_opens_at"), data.get("registration_closes_at")
        if opens and closes and closes <= opens:
            self.add_error("registration_closes_at", _("Anmälan måste stänga efter att den öppnat."))
        return data


class ProgrammeItemForm(forms.ModelForm):
    class Meta:
        model = ProgrammeItem
        fields = ["starts_at", "ends_at", "title_sv", "title_en", "speakers"]
        widgets = {"starts_at": DATETIME_INPUT, "ends_at": DATETIME_INPUT}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] < data["starts_at"]:
            self.add_error("ends_at", _("Slutet måste ligga efter början."))
        return data


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    file = forms.FileField(label=_("Fil (PDF eller Word)"))


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = [
            "kind",
            "text_sv",
            "text_en",
            "responsible_organisation",
            "responsible_person",
            "due_on",
            "status",
            "initiatives",
        ]
        widgets = {
            "due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "text_sv": forms.Textarea(attrs={"rows": 3}),
            "text_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["responsible_organisation"].queryset = Organisation.objects.active().order_by("name")
        fields["initiatives"].queryset = fields["initiatives"].queryset.order_by("title_sv")
        fields["initiatives"].required = False


class EvaluationForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Hur nöjd är du med mötet som helhet?"),
        choices=[
            (5, _("5 – mycket nöjd")),
            (4, "4"),
            (3, "3"),
            (2, "2"),
            (1, _("1 – inte alls nöjd")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Kommentar (frivillig)"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )


class StatisticsFilterForm(forms.Form):
    ar = forms.IntegerField(label=_("År"), required=False, min_value=2000, max_value=2100)

    def year(self) -> int:
        if self.is_valid() and self.cleaned_data.get("ar"):
            return int(self.cleaned_data["ar"])
        return timezone.localdate().year


def default_event_times() -> tuple[datetime.datetime, datetime.datetime]:
    today = timezone.localdate() + datetime.timedelta(days=30)
    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time(9, 0)))
    return start, start + datetime.timedelta(hours=7)


class CancelEventForm(forms.Form):
    """Calling an event off: the reason the registrants read in their mail and on the event's page."""

    reason_sv = forms.CharField(
        label=_("Skäl"),
        max_length=500,
        help_text=_("Står på mötets sida och i mejlet till alla anmälda och dem på väntelistan."),
    )
    reason_en = forms.CharField(label=_("Skäl, på engelska"), max_length=500, required=False)
