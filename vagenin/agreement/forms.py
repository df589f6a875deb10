"""Forms for the secretariat's editing of the agreement. They only validate; services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from vagenin.agreement.models import (
    AgreementPeriod,
    Area,
    Body,
    BodyMembership,
    FocusTheme,
    MemberRole,
    Principle,
    Responsibility,
    Signatory,
    ThemePartner,
)
from vagenin.organisations.models import County, Organisation, Person

# Path segments the staff URLs use beside slugs; an object with such a slug could not be reached.
RESERVED_SLUGS = frozenset({"ny", "nytt", "redigera", "ta-bort"})

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _date_widgets(*names: str) -> dict[str, forms.Widget]:
    return dict.fromkeys(names, DATE_WIDGET)


def _check_dates(form: forms.BaseForm, start: str, end: str, message: str | Promise) -> None:
    """Add `message` to the end field when both dates are given and the end comes first."""
    first, last = form.cleaned_data.get(start), form.cleaned_data.get(end)
    if first and last and last < first:
        form.add_error(end, str(message))


class SlugField(forms.SlugField):
    """An optional short address; when left empty it is made from the Swedish name."""

    def __init__(self, max_length: int, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Kortadress"))
        kwargs.setdefault(
            "help_text",
            _("Används i sidans adress. Lämna tomt så skapas den av namnet. Kan inte ändras i efterhand."),
        )
        super().__init__(max_length=max_length, required=False, **kwargs)


def _clean_slug(form: forms.ModelForm, siblings: QuerySet[Any], source: str) -> None:
    """Fill in the slug from `source` when empty; it must be free among `siblings` and not a reserved word."""
    max_length = getattr(form.fields["slug"], "max_length", None) or 50
    slug = form.cleaned_data.get("slug") or slugify(form.cleaned_data.get(source) or "")[:max_length].strip("-")
    if not slug:
        if source not in form.errors:
            form.add_error("slug", _("Ange en kortadress med bokstäver a–z, siffror och bindestreck."))
        return
    if slug in RESERVED_SLUGS:
        form.add_error("slug", _("Kortadressen %(slug)s är reserverad. Välj en annan.") % {"slug": slug})
    elif siblings.filter(slug=slug).exclude(pk=form.instance.pk).exists():
        form.add_error("slug", _("Kortadressen %(slug)s används redan. Välj en annan.") % {"slug": slug})
    else:
        form.cleaned_data["slug"] = slug


# Periods


class PeriodForm(forms.ModelForm):
    """A period's texts and dates."""

    class Meta:
        model = AgreementPeriod
        fields = [
            "title_sv",
            "title_en",
            "starts_on",
            "ends_on",
            "signed_on",
            "form_sv",
            "form_en",
            "intent_sv",
            "intent_en",
            "implementation_sv",
            "implementation_en",
            "status_note_sv",
            "status_note_en",
        ]
        widgets = _date_widgets("starts_on", "ends_on", "signed_on")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _check_dates(self, "starts_on", "ends_on", _("Perioden kan inte sluta innan den börjar."))
        return data


class PeriodCreateForm(PeriodForm):
    """A new period, optionally with the content of an earlier one copied in."""

    copy_from = forms.ModelChoiceField(
        label=_("Kopiera innehåll från"),
        queryset=AgreementPeriod.objects.all(),
        required=False,
        empty_label=_("Ingen, börja tomt"),
        help_text=_(
            "Principer, samverkansområden, fokusområden och samverkansparter kopieras och kan sedan ändras. "
            "Undertecknande parter och organ kopieras inte."
        ),
    )

    class Meta(PeriodForm.Meta):
        fields = ["slug", "county", *PeriodForm.Meta.fields]
        help_texts = {"slug": _("Används i sidans adress, till exempel 2021-2025. Kan inte ändras i efterhand.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        latest = AgreementPeriod.objects.select_related("county").order_by("-starts_on").first()
        self.fields["county"].initial = latest.county if latest else County.objects.filter(code="20").first()
        self.fields["copy_from"].initial = latest

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("Kortadressen %(slug)s är reserverad. Välj en annan."), params={"slug": slug})
        return slug


# Signatories


class SignatoryForm(forms.ModelForm):
    """An organisation's signature of a period."""

    class Meta:
        model = Signatory
        fields = ["organisation", "signed_on", "left_on", "note_sv", "note_en"]
        widgets = _date_widgets("signed_on", "left_on")

    def __init__(self, *args: Any, period: AgreementPeriod, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.period = period

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        organisation = data.get("organisation")
        taken = Signatory.objects.filter(period=self.period, organisation=organisation).exclude(pk=self.instance.pk)
        if organisation and taken.exists():
            self.add_error(
                "organisation",
                _("%(name)s har redan undertecknat %(period)s.")
                % {"name": organisation.display_name, "period": self.period.title},
            )
        _check_dates(self, "signed_on", "left_on", _("En part kan inte lämna före den undertecknade."))
        return data


class SignatoryLeftForm(forms.Form):
    """The day a signatory left the agreement."""

    left_on = forms.DateField(label=_("Lämnade"), widget=DATE_WIDGET)

    def __init__(self, *args: Any, signatory: Signatory, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.signatory = signatory

    def clean_left_on(self) -> Any:
        left_on = self.cleaned_data["left_on"]
        if self.signatory.signed_on and left_on < self.signatory.signed_on:
            raise forms.ValidationError(_("En part kan inte lämna före den undertecknade."))
        return left_on


# Principles


class PrincipleForm(forms.ModelForm):
    """A principle's text; its place is changed with the move buttons."""

    class Meta:
        model = Principle
        fields = ["text_sv", "text_en"]


class MoveForm(forms.Form):
    """The position (1-based) to move a principle or partner to."""

    to = forms.IntegerField(min_value=1)


class MoveUsesForm(forms.Form):
    """Where the initiatives and other records that name a theme or principle go before it is deleted."""

    move_to: forms.ModelChoiceField[Any] = forms.ModelChoiceField(queryset=None, label=_("Flytta dem till"))

    def __init__(self, *args: Any, queryset: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["move_to"]
        field.queryset = queryset  # type: ignore[attr-defined]  # ModelChoiceField
        field.label_from_instance = _label  # type: ignore[attr-defined]  # in the reader's language


def _label(obj: Any) -> str:
    """A theme by its name, a principle by its number and text, in the active language."""
    if hasattr(obj, "text"):
        return f"{obj.number}. {obj.text}"
    return str(obj.name)


# Areas, focus themes and partners


class AreaForm(forms.ModelForm):
    """A collaboration area's texts."""

    class Meta:
        model = Area
        fields = [
            "name_sv",
            "name_en",
            "short_name_sv",
            "short_name_en",
            "lead_sv",
            "lead_en",
            "description_sv",
            "description_en",
        ]
        widgets = {"lead_sv": forms.Textarea(attrs={"rows": 3}), "lead_en": forms.Textarea(attrs={"rows": 3})}


class AreaCreateForm(AreaForm):
    """A new collaboration area; its short address is made from the short name unless given."""

    slug = SlugField(max_length=60)

    class Meta(AreaForm.Meta):
        fields = ["slug", *AreaForm.Meta.fields]

    def __init__(self, *args: Any, period: AgreementPeriod, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.period = period
        self.order_fields(["name_sv", "name_en", "short_name_sv", "short_name_en", "slug"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _clean_slug(self, Area.objects.filter(period=self.period), "short_name_sv")
        return data


class ThemeForm(forms.ModelForm):
    """A focus theme's texts."""

    class Meta:
        model = FocusTheme
        fields = ["name_sv", "name_en", "description_sv", "description_en"]


class ThemeCreateForm(ThemeForm):
    """A new focus theme; its short address is made from the name unless given."""

    slug = SlugField(max_length=80)

    class Meta(ThemeForm.Meta):
        fields = ["name_sv", "name_en", "slug", "description_sv", "description_en"]

    def __init__(self, *args: Any, area: Area, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.area = area

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _clean_slug(self, FocusTheme.objects.filter(area=self.area), "name_sv")
        return data


class ThemePartnerForm(forms.ModelForm):
    """A collaboration partner: either an organisation or a named group of actors, never both."""

    class Meta:
        model = ThemePartner
        fields = ["organisation", "group_sv", "group_en", "note_sv", "note_en"]
        help_texts = {
            "organisation": _("Välj en organisation, eller lämna tomt och skriv en grupp av aktörer nedan."),
            "group_sv": _(
                "Till exempel ”kommunerna” eller ”idéburna organisationer”. Bara om ingen organisation är vald."
            ),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        organisation, group = data.get("organisation"), data.get("group_sv")
        if "organisation" in self.errors or "group_sv" in self.errors:
            return data
        if organisation and group:
            both = _("Välj antingen en organisation eller en grupp av aktörer, inte båda.")
            self.add_error("organisation", both)
            self.add_error("group_sv", both)
        elif not organisation and not group:
            neither = _("Välj en organisation eller skriv en grupp av aktörer.")
            self.add_error("organisation", neither)
            self.add_error("group_sv", neither)
        elif organisation and data.get("group_en"):
            self.add_error("group_en", _("Lämna tomt när en organisation är vald."))
        return data


# Bodies, responsibilities and memberships


class BodyForm(forms.ModelForm):
    """A governance body: what it is, where it sits in the organisation, and who convenes it."""

    class Meta:
        model = Body
        fields = [
            "kind",
            "name_sv",
            "name_en",
            "description_sv",
            "description_en",
            "meets_sv",
            "meets_en",
            "parent",
            "area",
            "convener",
            "order",
        ]
        help_texts = {"order": _("Organ med lägre tal visas först.")}

    def __init__(self, *args: Any, period: AgreementPeriod, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.period = period
        # A body cannot sit inside itself or inside one of its own groups.
        excluded = _self_and_descendants(period, self.instance.pk) if self.instance.pk else set()
        parent_field: Any = self.fields["parent"]
        parent_field.queryset = Body.objects.filter(period=period).exclude(pk__in=excluded)
        area_field: Any = self.fields["area"]
        area_field.queryset = Area.objects.filter(period=period)


def _self_and_descendants(period: AgreementPeriod, pk: int) -> set[int]:
    children: dict[int | None, list[int]] = {}
    for child, parent in Body.objects.filter(period=period).values_list("pk", "parent_id"):
        children.setdefault(parent, []).append(child)
    found, queue = {pk}, [pk]
    while queue:
        for child in children.get(queue.pop(), []):
            if child not in found:
                found.add(child)
                queue.append(child)
    return found


class BodyCreateForm(BodyForm):
    """A new body; its short address is made from the name unless given."""

    slug = SlugField(max_length=80)

    class Meta(BodyForm.Meta):
        fields = ["kind", "name_sv", "name_en", "slug", *BodyForm.Meta.fields[3:]]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _clean_slug(self, Body.objects.filter(period=self.period), "name_sv")
        return data


class ResponsibilityForm(forms.ModelForm):
    """An area of responsibility within a body."""

    class Meta:
        model = Responsibility
        fields = ["name_sv", "name_en"]


class ResponsibilityCreateForm(ResponsibilityForm):
    slug = SlugField(max_length=80)

    class Meta(ResponsibilityForm.Meta):
        fields = ["name_sv", "name_en", "slug"]

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.body = body

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _clean_slug(self, Responsibility.objects.filter(body=self.body), "name_sv")
        return data


class PersonChoiceField(forms.ModelChoiceField):
    """People listed surname first, with the e-mail address to tell namesakes apart."""

    def label_from_instance(self, obj: Any) -> str:
        name = f"{obj.last_name}, {obj.first_name}"
        return f"{name} ({obj.email})" if obj.email else name


class MembershipForm(forms.ModelForm):
    """A person's dated seat in a body."""

    person = PersonChoiceField(
        label=_("Person"),
        queryset=Person.objects.order_by("last_name", "first_name"),
        help_text=_("Saknas personen? Lägg först till hen som kontaktperson hos sin organisation."),
    )

    class Meta:
        model = BodyMembership
        fields = ["person", "organisation", "role", "responsibility", "starts_on", "ends_on"]
        widgets = _date_widgets("starts_on", "ends_on")
        help_texts = {
            "organisation": _("Den organisation personen företräder i organet."),
            "responsibility": _("Krävs för rollen Ansvarig. Bara organets egna ansvarsområden kan väljas."),
            "ends_on": _("Lämna tomt så länge personen sitter kvar."),
        }

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.body = body
        organisation_field: Any = self.fields["organisation"]
        organisation_field.queryset = Organisation.objects.order_by("name")
        responsibility_field: Any = self.fields["responsibility"]
        responsibility_field.queryset = Responsibility.objects.filter(body=body)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _check_dates(self, "starts_on", "ends_on", _("Slutdatum kan inte vara före startdatum."))
        if (
            data.get("role") == MemberRole.RESPONSIBLE
            and not data.get("responsibility")
            and "responsibility" not in self.errors
        ):
            self.add_error("responsibility", _("Välj vilket ansvarsområde den ansvariga har."))
        return data
