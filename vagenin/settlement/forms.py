"""Forms for settlement: validation of what people type and upload; no writes."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from vagenin.common.uploads import scan_for_viruses
from vagenin.settlement.models import (
    FIRST_YEAR,
    CountyQuotaRevision,
    HousingMarket,
    LabourMarketMeasure,
    Method,
    MonthlyReception,
    ReadinessReport,
)
from vagenin.settlement.queries import WeightChoice

MAX_IMPORT_BYTES = 2 * 1024 * 1024


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("År"), min_value=FIRST_YEAR, max_value=2100)
    reception_first_year = forms.IntegerField(
        label=_("Tidigare mottagande från år"), min_value=FIRST_YEAR - 10, max_value=2100, required=False
    )
    reception_last_year = forms.IntegerField(
        label=_("Tidigare mottagande till år"), min_value=FIRST_YEAR - 10, max_value=2100, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("reception_first_year"), data.get("reception_last_year")
        if (first is None) != (last is None):
            raise ValidationError(_("Ange både första och sista året för tidigare mottagande, eller inget av dem."))
        if first is not None and last is not None and first > last:
            self.add_error("reception_last_year", _("Sista året kan inte vara före det första."))
        return data


class ReceptionYearsForm(YearForm):
    year = None  # type: ignore[assignment]


class RevisionForm(forms.ModelForm):
    class Meta:
        model = CountyQuotaRevision
        fields = ["version", "ordinance", "effective_from", "national_total", "county_quota", "source"]
        widgets = {"effective_from": forms.DateInput(attrs={"type": "date"})}


class FactorsForm(forms.Form):
    """One municipality's factor values; earlier reception per chosen year."""

    population = forms.IntegerField(label=_("Folkmängd"), min_value=1)
    labour_market = forms.DecimalField(
        label=_("Arbetsmarknadsmått"),
        help_text=_("Antal förvärvsarbetande, eller sysselsättningsgrad mellan 0 och 1."),
        required=False,
        min_value=Decimal(0),
        max_digits=14,
        decimal_places=4,
    )
    asylum_seekers_abo = forms.IntegerField(
        label=_("Asylsökande i Migrationsverkets boende (ABO)"), min_value=0, required=False
    )
    asylum_seekers_ebo = forms.IntegerField(label=_("Asylsökande i eget boende (EBO)"), min_value=0, required=False)
    housing = forms.ChoiceField(
        label=_("Bostadsmarknad (kommunens bedömning)"), choices=[("", "–"), *HousingMarket.choices], required=False
    )

    def __init__(self, *args: Any, years: tuple[int, ...] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.years = years
        for year in years:
            self.fields[f"newcomers_{year}"] = forms.IntegerField(
                label=_("Mottagna nyanlända %(year)s") % {"year": year}, min_value=0
            )
            self.fields[f"minors_{year}"] = forms.IntegerField(
                label=_("Anvisade ensamkommande barn %(year)s") % {"year": year}, min_value=0
            )

    def factor_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            key: data[key]
            for key in ("population", "labour_market", "asylum_seekers_abo", "asylum_seekers_ebo", "housing")
        }

    def earlier(self) -> dict[int, tuple[int, int]]:
        return {
            year: (self.cleaned_data[f"newcomers_{year}"], self.cleaned_data[f"minors_{year}"]) for year in self.years
        }


class WeightsForm(forms.Form):
    """The weights of the model; any scale, normalised to sum to 100 %. A GET form for the what-if view."""

    labour_market = forms.DecimalField(label=_("Arbetsmarknad"), min_value=Decimal(0), max_digits=6, decimal_places=2)
    population = forms.DecimalField(label=_("Folkmängd"), min_value=Decimal(0), max_digits=6, decimal_places=2)
    reception = forms.DecimalField(
        label=_("Tidigare mottagande och asylsökande"), min_value=Decimal(0), max_digits=6, decimal_places=2
    )
    housing = forms.DecimalField(label=_("Bostadsmarknad"), min_value=Decimal(0), max_digits=6, decimal_places=2)
    measure = forms.ChoiceField(label=_("Arbetsmarknadsmått"), choices=LabourMarketMeasure.choices)
    method = forms.ChoiceField(label=_("Avrundning till heltal"), choices=Method.choices)

    @staticmethod
    def initial_of(choice: WeightChoice) -> dict[str, Any]:
        return {
            "labour_market": choice.labour_market,
            "population": choice.population,
            "reception": choice.reception,
            "housing": choice.housing,
            "measure": choice.measure,
            "method": choice.method,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        weights = [data.get(key) for key in ("labour_market", "population", "reception", "housing")]
        if all(weight is not None for weight in weights) and not any(weights):
            raise ValidationError(_("Minst en faktor måste ha en vikt större än noll."))
        return data

    def choice(self) -> WeightChoice:
        data = self.cleaned_data
        return WeightChoice(
            labour_market=data["labour_market"],
            population=data["population"],
            reception=data["reception"],
            housing=data["housing"],
            measure=data["measure"],
            method=data["method"],
        )


class AdjustForm(forms.Form):
    quota = forms.IntegerField(label=_("Kommuntal efter justering"), min_value=0)
    justification = forms.CharField(
        label=_("Motivering"),
        help_text=_("Krävs när kommuntalet skiljer sig från modellens förslag."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args: Any, proposed: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.proposed = proposed

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        quota = data.get("quota")
        if (
            quota is not None
            and self.proposed is not None
            and quota != self.proposed
            and not (data.get("justification") or "").strip()
        ):
            self.add_error("justification", _("Motivera varför kommuntalet skiljer sig från modellens förslag."))
        return data


class ConsultationForm(forms.Form):
    held_on = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}))
    summary = forms.CharField(
        label=_("Vad kommunen framförde"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )


class DecisionForm(forms.Form):
    decided_on = forms.DateField(label=_("Beslutsdatum"), widget=forms.DateInput(attrs={"type": "date"}))
    registration_number = forms.CharField(label=_("Diarienummer"), max_length=60)


class UploadForm(forms.Form):
    """A CSV file: checked for size and viruses before any row is read."""

    file = forms.FileField(
        label=_("Fil"),
        help_text=_("CSV som Migrationsverket publicerar den, högst 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith((".csv", ".txt")):
            raise ValidationError(_("Filen måste vara en CSV-fil (.csv)."))
        if (upload.size or 0) > MAX_IMPORT_BYTES:
            raise ValidationError(_("Filen är större än 2 MB."))
        scan_for_viruses(upload)
        self.content = upload.read()
        return upload


class MonthlyForm(forms.ModelForm):
    class Meta:
        model = MonthlyReception
        fields = ["month", "assigned", "received", "quota_refugees", "from_asylum_housing", "unaccompanied_minors"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        received = data.get("received")
        for key in ("quota_refugees", "from_asylum_housing", "unaccompanied_minors"):
            value = data.get(key)
            if received is not None and value is not None and value > received:
                self.add_error(key, _("Kan inte vara fler än antalet mottagna."))
        return data

    def validate_unique(self) -> None:
        """The service updates the month in place; uniqueness is not an error here."""


def current_quarter(today: datetime.date) -> tuple[int, int]:
    return today.year, (today.month - 1) // 3 + 1


class ReadinessForm(forms.ModelForm):
    year = forms.IntegerField(label=_("År"), validators=[MinValueValidator(FIRST_YEAR)], max_value=2100)

    class Meta:
        model = ReadinessReport
        fields = [
            "year",
            "quarter",
            "housing_available",
            "housing_planned",
            "sfi_places",
            "civic_orientation_places",
            "comments",
        ]

    def validate_unique(self) -> None:
        """The service updates the quarter's report in place; uniqueness is not an error here."""
