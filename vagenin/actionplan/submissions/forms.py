"""Forms for project submissions and their moderation. They only validate; services.py does the writing."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vagenin.actionplan.forms import DATE, CopyingModelForm
from vagenin.actionplan.models import Initiative, InitiativeStatus, ProjectSubmission
from vagenin.agreement.models import AgreementPeriod, FocusTheme
from vagenin.common.forms import formfield_https
from vagenin.common.widgets import use_search_field
from vagenin.organisations.models import County, Municipality, Organisation, OrganisationType, Person
from vagenin.organisations.permissions import organisation_choices
from vagenin.organisations.search import organisation_label, organisations_named, people_named, person_label


class ThemesByArea(ModelChoiceIterator):
    """The focus themes as one group of choices per area, in the agreement's order."""

    def __iter__(self) -> Iterator[Any]:
        groups: dict[int, tuple[str, list[Any]]] = {}
        for theme in self.queryset:
            groups.setdefault(theme.area_id, (theme.area.name, []))[1].append(self.choice(theme))
        yield from groups.values()


class GroupedCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes in one fieldset per group, with the group's name as legend."""

    template_name = "actionplan/submissions/_grouped_checkboxes.html"


class ThemesField(forms.ModelMultipleChoiceField):
    iterator = ThemesByArea
    widget = GroupedCheckboxes

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", FocusTheme.objects.none())
        kwargs.setdefault("label", _("Fokusområden"))
        super().__init__(**kwargs)

    def label_from_instance(self, obj: FocusTheme) -> str:
        return obj.name  # in the active language; __str__ is Swedish

    def for_period(self, period: AgreementPeriod) -> None:
        self.queryset = (
            FocusTheme.objects.filter(area__period=period).select_related("area").order_by("area__number", "number")
        )


def _check_place_and_dates(form: forms.BaseForm, data: dict[str, Any]) -> None:
    if not data.get("whole_county") and not data.get("municipalities"):
        form.add_error("municipalities", _("Välj minst en kommun, eller hela länet."))
    starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
    if starts_on and ends_on and ends_on < starts_on:
        form.add_error("ends_on", _("Slutdatum kan inte vara före startdatum."))


class SubmissionEditForm(CopyingModelForm):
    """What the submitter may correct through the private link (everything but their e-mail address)."""

    class Meta:
        model = ProjectSubmission
        formfield_callback = formfield_https
        fields = [
            "submitter_name",
            "organisation_name",
            "title",
            "summary",
            "description",
            "themes",
            "whole_county",
            "municipalities",
            "starts_on",
            "ends_on",
            "website",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 10}),
            "municipalities": forms.CheckboxSelectMultiple,
            "starts_on": DATE,
            "ends_on": DATE,
        }
        help_texts = {
            "submitter_name": _("Visas inte publikt."),
            "organisation_name": _("Den organisation som driver projektet."),
            "summary": _("Två eller tre meningar. Visas i projektkatalogen."),
            "description": _("Vad projektet gör, för vilka, och vilka som samverkar i det."),
            "whole_county": _("Kryssa i om projektet gäller hela länet. Annars väljer du kommuner nedan."),
            "starts_on": _("Lämna tomt om det inte är bestämt."),
            "ends_on": _("Lämna tomt om projektet pågår tills vidare."),
            "website": _("Frivilligt. En sida där man kan läsa mer om projektet."),
        }

    themes = ThemesField(help_text=_("Välj de fokusområden i överenskommelsen som projektet bidrar till, minst ett."))

    def __init__(self, *args: Any, period: AgreementPeriod, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["themes"].for_period(period)  # type: ignore[attr-defined]  # ThemesField
        self.fields["municipalities"].queryset = Municipality.objects.filter(county=period.county_id).order_by("name")  # type: ignore[attr-defined]  # ModelMultipleChoiceField
        self.fields["municipalities"].label = _("Kommuner där projektet genomförs")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _check_place_and_dates(self, data)
        return data


class ProjectSubmissionForm(SubmissionEditForm):
    """The public form: anyone may send a project, with a honeypot for bots."""

    class Meta(SubmissionEditForm.Meta):
        fields = ["submitter_name", "submitter_email", *SubmissionEditForm.Meta.fields[1:]]
        help_texts = {
            **SubmissionEditForm.Meta.help_texts,
            "submitter_email": _("Hit skickar vi en bekräftelse och kansliets besked. Visas inte publikt."),
        }

    # Named like a field bots love to fill; the project's own web address is "website".
    homepage = forms.CharField(
        label=_("Lämna tomt"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        template_name="actionplan/submissions/_honeypot_field.html",
    )  # type: ignore[call-arg]  # Field(template_name=) is Django 5.0; django-stubs lacks it

    @property
    def is_from_bot(self) -> bool:
        return bool(self.data.get(self.add_prefix("homepage")))

    def content(self) -> dict[str, Any]:
        """The cleaned data the submitter may also correct later (all but e-mail and honeypot)."""
        return {name: self.cleaned_data[name] for name in SubmissionEditForm.Meta.fields}


def suggested_status(starts_on: datetime.date | None, ends_on: datetime.date | None) -> str:
    """The initiative status the submitted dates suggest; the coordinator may change it."""
    today = timezone.localdate()
    if ends_on and ends_on < today:
        return InitiativeStatus.COMPLETED
    if starts_on and starts_on <= today:
        return InitiativeStatus.ONGOING
    return InitiativeStatus.PLANNED


class PublishForm(CopyingModelForm):
    """The initiative a submission becomes: copied from the submission, adjusted by the coordinator."""

    class Meta:
        model = Initiative
        formfield_callback = formfield_https
        fields = [
            "title_sv",
            "title_en",
            "summary_sv",
            "summary_en",
            "description_sv",
            "lead_organisation",
            "contact_person",
            "themes",
            "whole_county",
            "municipalities",
            "starts_on",
            "ends_on",
            "status",
        ]
        widgets = {
            "summary_sv": forms.Textarea(attrs={"rows": 3}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "description_sv": forms.Textarea(attrs={"rows": 10}),
            "municipalities": forms.CheckboxSelectMultiple,
            "starts_on": DATE,
            "ends_on": DATE,
        }
        help_texts = {
            "title_en": _("Frivilligt. Visas på den engelska webbplatsen; utan den visas den svenska titeln."),
            "summary_en": _("Frivilligt. Visas på den engelska webbplatsen."),
            "lead_organisation": _(
                "Välj i organisationsregistret, eller kryssa i nedan att organisationen ska läggas till."
            ),
            "contact_person": _(
                "Frivilligt. Listan visar den ansvariga organisationens personer. "
                "Insändaren blir inte kontaktperson av sig själv."
            ),
        }

    new_organisation = forms.BooleanField(
        label=_("Lägg till organisationen i registret"),
        required=False,
        help_text=_("Om den inte finns där. Den får sin kortadress av namnet."),
    )
    new_organisation_name = forms.CharField(label=_("Den nya organisationens namn"), required=False, max_length=200)
    new_organisation_type = forms.ChoiceField(
        label=_("Den nya organisationens typ"), required=False, choices=OrganisationType.choices
    )
    new_organisation_municipality = forms.ModelChoiceField(
        label=_("Den nya organisationens kommun"),
        required=False,
        queryset=Municipality.objects.none(),
        help_text=_("Länets egna kommuner står först."),
    )

    themes = ThemesField(help_text=_("Minst ett. Samverkansområdena följer av fokusområdena."))
    website = forms.URLField(
        label=_("Projektets webbplats"),
        required=False,
        assume_scheme="https",
        help_text=_("Läggs till som länk på insatsen. Lämna tomt för ingen länk."),
    )

    def __init__(self, *args: Any, period: AgreementPeriod, submission: ProjectSubmission, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "title_sv": submission.title,
                "summary_sv": submission.summary,
                "description_sv": submission.description,
                "lead_organisation": submission.organisation_id,
                "themes": [theme.pk for theme in submission.themes.all()],
                "whole_county": submission.whole_county,
                "municipalities": [municipality.pk for municipality in submission.municipalities.all()],
                "starts_on": submission.starts_on,
                "ends_on": submission.ends_on,
                "status": suggested_status(submission.starts_on, submission.ends_on),
                "website": submission.website,
            },
        )
        kwargs["initial"].setdefault("new_organisation_name", submission.organisation_name)
        kwargs["initial"].setdefault("new_organisation_type", OrganisationType.CIVIL_SOCIETY)
        super().__init__(*args, **kwargs)
        self.fields["lead_organisation"].required = False  # or a new one, checked in clean()
        use_search_field(
            self,
            "lead_organisation",
            organisation_choices(None),
            match=organisations_named,
            label_from_instance=organisation_label,
            search_url=reverse_lazy("organisations:search"),
        )
        # Moderation is the coordinator's: every person, the list narrowed to the lead organisation's people.
        use_search_field(
            self,
            "contact_person",
            Person.objects.order_by("last_name", "first_name"),
            match=people_named,
            label_from_instance=person_label,
            search_url=reverse_lazy("people:search"),
            filter_from=(self.add_prefix("lead_organisation"), "organisation"),
        )
        municipality_field = self.fields["new_organisation_municipality"]
        assert isinstance(municipality_field, forms.ModelChoiceField)
        municipality_field.queryset = Municipality.objects.select_related("county")
        municipality_field.choices = municipality_choices(period.county)
        self.fields["themes"].for_period(period)  # type: ignore[attr-defined]  # ThemesField
        self.fields["municipalities"].queryset = Municipality.objects.filter(county=period.county_id).order_by("name")  # type: ignore[attr-defined]  # ModelMultipleChoiceField

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _check_place_and_dates(self, data)
        if data.get("new_organisation"):
            if data.get("lead_organisation"):
                self.add_error(
                    "new_organisation", _("Välj en organisation ur registret eller lägg till en ny, inte båda.")
                )
            elif not data.get("new_organisation_name", "").strip():
                self.add_error("new_organisation_name", _("Skriv den nya organisationens namn."))
            elif not data.get("new_organisation_type"):
                self.add_error("new_organisation_type", _("Välj den nya organisationens typ."))
            elif organisations_named(Organisation.objects.active(), data["new_organisation_name"].strip()).exists():
                self.add_error(
                    "new_organisation_name",
                    _("Det finns redan en organisation med det namnet. Välj den som ansvarig organisation i stället."),
                )
        elif (
            "lead_organisation" in data and not data.get("lead_organisation") and "lead_organisation" not in self.errors
        ):
            self.add_error(
                "lead_organisation", _("Välj den ansvariga organisationen, eller lägg till den i registret.")
            )
        contact, lead = data.get("contact_person"), data.get("lead_organisation")
        if contact is not None and (lead is None or not contact.positions.filter(organisation=lead).exists()):
            # The list offers only the lead organisation's people; a typed name or a changed lead must agree too.
            self.add_error(
                "contact_person",
                _("Kontaktpersonen ska ha en befattning hos den ansvariga organisationen. Lägg till den först."),
            )
        return data

    def new_organisation_data(self) -> dict[str, Any] | None:
        """The organisation to register with the initiative, if the coordinator asked for a new one."""
        data = self.cleaned_data
        if not data.get("new_organisation"):
            return None
        municipality = data.get("new_organisation_municipality")
        return {
            "name": data["new_organisation_name"].strip(),
            "type": data["new_organisation_type"],
            "municipality": municipality,
            "county": municipality.county if municipality else None,
        }

    def initiative_data(self) -> dict[str, Any]:
        """The cleaned data that belongs to the initiative itself (the website and a new organisation apart)."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name != "website" and not name.startswith("new_organisation")
        }


def municipality_choices(county: County) -> list[tuple[str, list[tuple[int, str]]]]:
    """The municipalities by name as choice groups: the county's own first, then the rest of the country."""
    own: list[tuple[int, str]] = []
    others: list[tuple[int, str]] = []
    for pk, name, county_id in Municipality.objects.order_by("name").values_list("pk", "name", "county_id"):
        (own if county_id == county.pk else others).append((pk, name))
    return [("", "---------"), (str(county.name), own), (str(_("Övriga kommuner")), others)]  # type: ignore[list-item]  # the empty choice, then the groups


class RequestChangesForm(forms.Form):
    message = forms.CharField(
        label=_("Vad ska insändaren ändra eller komplettera?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Skickas till insändaren tillsammans med en länk där projektet kan rättas."),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Skäl"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Skickas till insändaren."),
    )
