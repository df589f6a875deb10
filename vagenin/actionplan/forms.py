"""Forms for the action plan. They only validate; services do the writing."""

from __future__ import annotations

import copy
import datetime
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q, QuerySet
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from vagenin.accounts.permissions import is_coordinator
from vagenin.actionplan.checks import milestone_done_error, report_period_errors
from vagenin.actionplan.models import (
    Funding,
    Indicator,
    Initiative,
    InitiativePartner,
    InitiativeStatus,
    Link,
    Milestone,
    ProgressReport,
    ReportingRound,
    TargetGroup,
)
from vagenin.actionplan.permissions import editable_initiatives
from vagenin.agreement.models import AgreementPeriod, Area, FocusTheme, Principle
from vagenin.common.forms import formfield_https
from vagenin.common.uploads import check_upload
from vagenin.common.widgets import PlainSelect, use_search_field
from vagenin.organisations.models import Municipality, Organisation, OrganisationType
from vagenin.organisations.permissions import organisation_choices, person_choices
from vagenin.organisations.search import organisation_label, organisations_named, people_named, person_label

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CopyingModelForm(forms.ModelForm):
    """A ModelForm that validates on a copy of the instance it is given, so that the object stays as stored.

    Why: `is_valid()` writes the cleaned values onto `form.instance` (Django's `construct_instance`, so that
    the model's own validation can run). The services compare the object with the cleaned data to write and
    audit only what changed (`common.audit.save_changes`): handed an object the form has already changed,
    they would find nothing to do. A page shown again after a failed save would also show typed values as
    stored ones. So every ModelForm of the action plan derives from this class; none is ever `save()`d, the
    view hands `cleaned_data` and the untouched object to a service.
    It belongs in vagenin/common/forms.py, for every app's ModelForms; it is here until common may change.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("instance") is not None:
            kwargs["instance"] = copy.copy(kwargs["instance"])
        super().__init__(*args, **kwargs)


class ThemeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: FocusTheme) -> str:
        return f"{obj.area.short_name}: {obj.name}"


def parent_choices(user: Any, period: AgreementPeriod, *, exclude: Initiative | None = None) -> QuerySet[Initiative]:
    """The initiatives the user may choose as main initiative: the period's top-level ones the user may edit."""
    parents = editable_initiatives(user, Initiative.objects.filter(period=period, parent__isnull=True))
    if exclude is not None:
        parents = parents.exclude(pk=exclude.pk)
    return parents.order_by("title_sv", "pk")


def initiatives_named(initiatives: QuerySet[Initiative], text: str) -> QuerySet[Initiative]:
    """Those whose Swedish or English title or short address is exactly `text`."""
    return initiatives.filter(Q(title_sv__iexact=text) | Q(title_en__iexact=text) | Q(slug=text))


def initiative_label(initiative: Initiative) -> str:
    return str(initiative.title)


class InitiativeForm(CopyingModelForm):
    """An initiative's content; who may be lead organisation depends on the user."""

    class Meta:
        model = Initiative
        formfield_callback = formfield_https
        fields = [
            "title_sv",
            "title_en",
            "summary_sv",
            "summary_en",
            "description_sv",
            "description_en",
            "lead_organisation",
            "parent",
            "contact_person",
            "themes",
            "principles",
            "whole_county",
            "municipalities",
            "target_groups",
            "starts_on",
            "ends_on",
            "status",
            "weight",
        ]
        widgets = {
            "summary_sv": forms.Textarea(attrs={"rows": 3}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "principles": forms.CheckboxSelectMultiple,
            "municipalities": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "starts_on": DATE,
            "ends_on": DATE,
        }

    themes = ThemeChoiceField(
        label=_("Fokusområden"),
        queryset=FocusTheme.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Minst ett. Samverkansområdena följer av fokusområdena."),
    )

    def __init__(self, *args: Any, user: Any, period: AgreementPeriod, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.period = period
        fields: dict[str, Any] = self.fields  # model choice fields, typed as plain Field by the stubs
        # Thousands of organisations and people at national volume: comboboxes, never a <select> of them all.
        own = organisation_choices(user, own_only=True)
        use_search_field(
            self,
            "lead_organisation",
            own,
            match=organisations_named,
            label_from_instance=organisation_label,
            search_url=reverse_lazy("organisations:search"),
            params={"urval": "egna"},
        )
        if not self.instance.pk and not self.is_bound and not is_coordinator(user):
            only = list(own.values_list("pk", flat=True)[:2])
            if len(only) == 1:  # an editor of one organisation: that is the lead organisation
                self.initial["lead_organisation"] = self.initial.get("lead_organisation") or only[0]
        fields["themes"].queryset = FocusTheme.objects.filter(area__period=period).select_related("area")
        fields["principles"].queryset = Principle.objects.filter(period=period)
        fields["municipalities"].queryset = Municipality.objects.filter(county=period.county_id)
        fields["target_groups"].queryset = TargetGroup.objects.all()
        # Option labels in the active language (the models' __str__ is Swedish).
        fields["target_groups"].label_from_instance = lambda obj: obj.name
        fields["principles"].label_from_instance = lambda obj: obj.text
        fields["parent"].help_text = _("Välj en huvudinsats om detta är en delinsats.")
        use_search_field(
            self,
            "parent",
            parent_choices(user, period, exclude=self.instance if self.instance.pk else None),
            match=initiatives_named,
            label_from_instance=initiative_label,
            search_url=reverse_lazy("actionplan:parent_search"),
            params={"period": period.slug, **({"utom": self.instance.slug} if self.instance.pk else {})},
        )
        # Editors choose among the people of their own organisations only.
        use_search_field(
            self,
            "contact_person",
            person_choices(user),
            match=people_named,
            label_from_instance=person_label,
            search_url=reverse_lazy("people:search"),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("whole_county") and not data.get("municipalities"):
            self.add_error("municipalities", _("Välj minst en kommun, eller hela länet."))
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            # Said here, beside the field; the database's constraint would only name itself.
            self.add_error("ends_on", _("Slutdatum kan inte vara före startdatum."))
        parent = data.get("parent")
        if parent is not None and self.instance.pk and self.instance.children.exists():
            self.add_error("parent", _("En insats som själv har delinsatser kan inte vara delinsats."))
        return data


class PartnerForm(CopyingModelForm):
    class Meta:
        model = InitiativePartner
        fields = ["organisation", "role"]

    def __init__(self, *args: Any, initiative: Initiative, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initiative = initiative
        use_search_field(
            self,
            "organisation",
            organisation_choices(None).exclude(pk=initiative.lead_organisation_id),
            match=organisations_named,
            label_from_instance=organisation_label,
            search_url=reverse_lazy("organisations:search"),
        )

    def clean_organisation(self) -> Organisation:
        organisation: Organisation = self.cleaned_data["organisation"]
        if self.initiative.partners.filter(organisation=organisation).exists():
            raise forms.ValidationError(_("Organisationen är redan samverkanspart."))
        return organisation


class FundingForm(CopyingModelForm):
    class Meta:
        model = Funding
        fields = ["source", "amount_sek", "note"]


class LinkForm(CopyingModelForm):
    class Meta:
        model = Link
        formfield_callback = formfield_https
        fields = ["title", "url"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Own ids: the working page also shows the attachment form, whose "title" would take the same id.
        kwargs.setdefault("auto_id", "id_link_%s")
        super().__init__(*args, **kwargs)


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Rubrik"), max_length=200)
    file = forms.FileField(
        label=_("Fil"),
        help_text=_(
            "PDF, Word, Excel, PowerPoint, OpenDocument, PNG eller JPEG, högst 10 MB. "
            "Filen blir offentlig om insatsen är publicerad."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_attachment_%s")  # see LinkForm
        super().__init__(*args, **kwargs)

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        self.content_type = check_upload(upload)
        return upload


class MilestoneForm(CopyingModelForm):
    """A milestone; give it an instance with its initiative (saved or not) so that the done date is checked."""

    class Meta:
        model = Milestone
        fields = ["title_sv", "title_en", "due_on", "done_on"]
        widgets = {"due_on": DATE, "done_on": DATE}

    def clean_done_on(self) -> datetime.date | None:
        done_on: datetime.date | None = self.cleaned_data.get("done_on")
        if self.instance.initiative_id is not None:
            error = milestone_done_error(self.instance.initiative, done_on)
            if error:
                raise forms.ValidationError(error)
        return done_on


class IndicatorForm(CopyingModelForm):
    class Meta:
        model = Indicator
        fields = [
            "name_sv",
            "name_en",
            "unit",
            "direction",
            "baseline_value",
            "baseline_date",
            "target_value",
            "target_date",
        ]
        widgets = {"baseline_date": DATE, "target_date": DATE}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        baseline, target = data.get("baseline_date"), data.get("target_date")
        if baseline and target and target < baseline:
            self.add_error("target_date", _("Måldatum kan inte vara före utgångsvärdets datum."))
        return data


class RoundSelect(forms.Select):
    """The open reporting rounds, each option carrying its period for the script that fills in the dates."""

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option: dict[str, Any] = super().create_option(name, value, *args, **kwargs)
        reporting_round = getattr(value, "instance", None)
        if isinstance(reporting_round, ReportingRound):
            option["attrs"]["data-period-start"] = reporting_round.period_start.isoformat()
            option["attrs"]["data-period-end"] = reporting_round.period_end.isoformat()
        return option


class RoundChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ReportingRound) -> str:
        return _("%(title)s (period %(start)s – %(end)s, senast %(due)s)") % {
            "title": obj.title,
            "start": date_format(obj.period_start),
            "end": date_format(obj.period_end),
            "due": date_format(obj.due_on),
        }


class StartReportForm(forms.Form):
    """The period of a new report: a reporting round's (the dates left empty are the round's) or one of its own.
    Checked against the initiative's start and today when the form is given the initiative."""

    round = RoundChoiceField(
        label=_("Rapporteringsomgång"),
        queryset=ReportingRound.objects.none(),
        required=False,
        to_field_name="uuid",
        empty_label=_("Ingen"),
        widget=RoundSelect(attrs={"data-fills-report-period": ""}),
        help_text=_("Periodens datum fylls i från omgången."),
    )
    period_start = forms.DateField(label=_("Periodens början"), widget=DATE, required=False)
    period_end = forms.DateField(label=_("Periodens slut"), widget=DATE, required=False)

    def __init__(self, *args: Any, initiative: Initiative | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initiative = initiative
        fields: dict[str, Any] = self.fields
        if initiative is not None:
            fields["round"].queryset = ReportingRound.objects.filter(
                agreement_period_id=initiative.period_id, closed_at__isnull=True
            )
        if not fields["round"].queryset.exists():
            del self.fields["round"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        reporting_round = data.get("round")
        if reporting_round is not None:
            # The round's period where the dates were left empty (the page's script fills them in beforehand).
            if not data.get("period_start") and "period_start" not in self.errors:
                data["period_start"] = reporting_round.period_start
            if not data.get("period_end") and "period_end" not in self.errors:
                data["period_end"] = reporting_round.period_end
        for name in ("period_start", "period_end"):
            if not data.get(name) and name not in self.errors:
                self.add_error(name, forms.Field.default_error_messages["required"])
        start, end = data.get("period_start"), data.get("period_end")
        if self.initiative is not None:
            errors = report_period_errors(self.initiative, start, end)
        elif start and end and end < start:
            errors = {"period_end": str(_("Periodens slut kan inte vara före dess början."))}
        else:
            errors = {}
        for name, message in errors.items():
            self.add_error(name, message)
        return data


class ReportForm(CopyingModelForm):
    """A progress report with one field per indicator (value) and per open milestone (done on)."""

    class Meta:
        model = ProgressReport
        fields = ["narrative", "progress", "status_after"]
        widgets = {"progress": forms.NumberInput(attrs={"min": 0, "max": 100})}

    def __init__(self, *args: Any, report: ProgressReport, **kwargs: Any) -> None:
        kwargs["instance"] = report
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        self.fields["status_after"].required = False
        fields["status_after"].help_text = _("Lämna tomt om statusen inte har ändrats.")
        initiative = report.initiative
        self.has_children = initiative.children.exists()
        if self.has_children:
            self.fields["progress"].disabled = True
            fields["progress"].help_text = _("Räknas fram från delinsatserna.")
        reported = {value.indicator_id: value.value for value in report.values.all()}
        self.indicators = list(initiative.indicators.all())
        for indicator in self.indicators:
            self.fields[f"indicator_{indicator.pk}"] = forms.DecimalField(
                label=f"{indicator.name} ({indicator.unit})",
                required=False,
                max_digits=14,
                decimal_places=2,
                initial=reported.get(indicator.pk),
                help_text=_("Utgångsvärde %(baseline)s, mål %(target)s.")
                % {"baseline": indicator.baseline_value, "target": indicator.target_value},
            )
        done = {item.milestone_id: item.done_on for item in report.milestones.all()}
        self.milestones = list(initiative.milestones.filter(Q(done_on__isnull=True) | Q(pk__in=done)))
        for milestone in self.milestones:
            self.fields[f"milestone_{milestone.pk}"] = forms.DateField(
                label=_("Delmålet ”%(title)s” klart") % {"title": milestone.title},
                required=False,
                widget=DATE,
                initial=done.get(milestone.pk),
                help_text=_("Planerat %(due)s. Ange datum om det är klart.") % {"due": milestone.due_on},
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for milestone in self.milestones:
            error = milestone_done_error(self.instance.initiative, data.get(f"milestone_{milestone.pk}"))
            if error:
                self.add_error(f"milestone_{milestone.pk}", error)
        return data

    def values(self) -> dict[Indicator, Any]:
        return {indicator: self.cleaned_data.get(f"indicator_{indicator.pk}") for indicator in self.indicators}

    def milestones_done(self) -> dict[Milestone, datetime.date | None]:
        return {milestone: self.cleaned_data.get(f"milestone_{milestone.pk}") for milestone in self.milestones}


class PublicationReviewForm(forms.Form):
    """The secretariat's decision on a partner's first publication of an initiative."""

    PUBLISH, RETURN = "publish", "return"
    decision = forms.ChoiceField(
        label=_("Beslut"),
        choices=[(PUBLISH, _("Publicera insatsen")), (RETURN, _("Skicka tillbaka med det som ska ändras"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Kommentar till partnern"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Krävs när insatsen skickas tillbaka."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == self.RETURN and not data.get("comment", "").strip():
            self.add_error("comment", _("Skriv vad partnern ska ändra."))
        return data


class ReviewForm(forms.Form):
    APPROVE, RETURN = "approve", "return"
    decision = forms.ChoiceField(
        label=_("Beslut"),
        choices=[(APPROVE, _("Godkänn rapporten")), (RETURN, _("Skicka tillbaka för komplettering"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Kommentar till partnern"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Krävs när rapporten skickas tillbaka."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == self.RETURN and not data.get("comment", "").strip():
            self.add_error("comment", _("Skriv vad som behöver kompletteras."))
        return data


class RoundForm(CopyingModelForm):
    class Meta:
        model = ReportingRound
        fields = ["title", "period_start", "period_end", "due_on"]
        widgets = {"period_start": DATE, "period_end": DATE, "due_on": DATE}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end, due = data.get("period_start"), data.get("period_end"), data.get("due_on")
        if start and end and end < start:
            self.add_error("period_end", _("Periodens slut kan inte vara före dess början."))
        if due and due < timezone.localdate():
            self.add_error("due_on", _("Sista dag att rapportera kan inte ligga i det förflutna."))
        return data


def catalogue_organisations(period: AgreementPeriod) -> QuerySet[Organisation]:
    """The organisations the catalogue filters by: those leading or partnering a published initiative of the
    period, and the county's municipalities. Its organisation search offers the same. Semi-joins, not a join of
    the to-many relations with OR and DISTINCT (docs/architecture.md, "Scale")."""
    published = Initiative.objects.published().filter(period=period)
    leading = published.values("lead_organisation_id")
    partnering = InitiativePartner.objects.filter(initiative__in=published).values("organisation_id")
    return Organisation.objects.filter(
        Q(pk__in=leading) | Q(pk__in=partnering) | Q(type=OrganisationType.MUNICIPALITY, county=period.county_id)
    ).order_by("name")


class CatalogueFilterForm(forms.Form):
    """Filters of the public catalogue; every field optional. A filter with a value that does not exist (an old
    link, a typed address) is left out, the others still apply, and `ignored()` says which, for the page."""

    q = forms.CharField(label=_("Sök"), required=False, max_length=200)
    omrade = forms.ModelChoiceField(
        label=_("Samverkansområde"), queryset=Area.objects.none(), required=False, to_field_name="slug"
    )
    tema = forms.ModelChoiceField(
        label=_("Fokusområde"), queryset=FocusTheme.objects.none(), required=False, to_field_name="slug"
    )
    kommun = forms.ModelChoiceField(
        label=_("Kommun"), queryset=Municipality.objects.none(), required=False, to_field_name="code"
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False, to_field_name="slug"
    )
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("Alla")), *InitiativeStatus.choices], required=False)
    malgrupp = forms.ModelChoiceField(
        label=_("Målgrupp"), queryset=TargetGroup.objects.none(), required=False, to_field_name="slug"
    )
    ar = forms.IntegerField(label=_("Pågår under år"), required=False, min_value=2000, max_value=2100)

    def __init__(self, *args: Any, period: AgreementPeriod, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields  # model choice fields, typed as plain Field by the stubs
        for name in ("omrade", "tema", "kommun", "status", "malgrupp"):
            fields[name].widget = PlainSelect(choices=fields[name].widget.choices)
        # Option labels in the active language (the models' __str__ is Swedish).
        for name in ("omrade", "tema", "malgrupp"):
            fields[name].label_from_instance = lambda obj: obj.name
        fields["omrade"].queryset = Area.objects.filter(period=period)
        fields["omrade"].empty_label = _("Alla områden")
        fields["tema"].queryset = FocusTheme.objects.filter(area__period=period).select_related("area")
        fields["tema"].empty_label = _("Alla fokusområden")
        fields["kommun"].queryset = Municipality.objects.filter(county=period.county_id)
        fields["kommun"].empty_label = _("Alla kommuner")
        # Hundreds of organisations in a county: a combobox fed by the catalogue's own search, not a <select>.
        # A link with the short address (?organisation=region-dalarna) still works: the field matches it.
        use_search_field(
            self,
            "organisation",
            catalogue_organisations(period),
            match=organisations_named,
            label_from_instance=organisation_label,
            search_url=reverse_lazy("actionplan:organisation_search"),
        )
        fields["malgrupp"].queryset = TargetGroup.objects.all()
        fields["malgrupp"].empty_label = _("Alla målgrupper")
        unknown = {
            "omrade": _("Det finns inget samverkansområde ”%(value)s” i överenskommelsen."),
            "tema": _("Det finns inget fokusområde ”%(value)s” i överenskommelsen."),
            "kommun": _("Det finns ingen kommun med koden ”%(value)s” i länet."),
            "status": _("”%(value)s” är ingen status för insatser."),
            "malgrupp": _("Det finns ingen målgrupp ”%(value)s”."),
        }
        for name, message in unknown.items():
            fields[name].error_messages["invalid_choice"] = message
        fields["organisation"].error_messages["not_found"] = _(
            "Det finns ingen organisation ”%(text)s” med insatser i överenskommelsen."
        )
        fields["ar"].error_messages.update(
            invalid=_("Ange året med fyra siffror."),
            min_value=_("Ange ett år från och med %(limit_value)s."),
            max_value=_("Ange ett år till och med %(limit_value)s."),
        )

    def ignored(self) -> list[tuple[forms.BoundField, str]]:
        """The filters left out because their values are invalid: (field, value given) for each."""
        if not self.is_bound:
            return []
        return [(self[name], str(self.data.get(name, ""))) for name in self.errors]

    def filter(self, initiatives: QuerySet[Initiative]) -> QuerySet[Initiative]:
        """Apply the valid filters to a queryset of initiatives (the invalid ones are left out: see ignored())."""
        if not self.is_bound:
            return initiatives
        self.is_valid()  # fills cleaned_data with the valid fields only
        data = {name: self.cleaned_data.get(name) for name in self.fields}
        if data["omrade"]:
            initiatives = initiatives.filter(themes__area=data["omrade"])
        if data["tema"]:
            initiatives = initiatives.filter(themes=data["tema"])
        if data["kommun"]:
            initiatives = initiatives.filter(Q(municipalities=data["kommun"]) | Q(whole_county=True))
        if data["organisation"]:
            initiatives = initiatives.filter(
                Q(lead_organisation=data["organisation"]) | Q(partners__organisation=data["organisation"])
            )
        if data["status"]:
            initiatives = initiatives.filter(status=data["status"])
        if data["malgrupp"]:
            initiatives = initiatives.filter(target_groups=data["malgrupp"])
        if data["ar"]:
            year = data["ar"]
            initiatives = initiatives.filter(
                Q(starts_on__isnull=True) | Q(starts_on__year__lte=year),
                Q(ends_on__isnull=True) | Q(ends_on__year__gte=year),
            )
        if data["q"]:
            initiatives = initiatives.search(data["q"])  # type: ignore[attr-defined]  # InitiativeQuerySet
        return initiatives.distinct()
