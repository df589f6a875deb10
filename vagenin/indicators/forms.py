"""Forms of the indicators app. They only validate; services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from vagenin.agreement.models import Area
from vagenin.common.uploads import scan_for_viruses
from vagenin.indicators.longcsv import GeographyFormat
from vagenin.indicators.models import IndicatorDefinition, ReportSection, SourceKind

MAX_IMPORT_BYTES = 50 * 1024 * 1024
EXTENSIONS = {"json", "csv", "txt", "tsv"}


class ImportForm(forms.Form):
    """An uploaded statistics file and how to read it."""

    file = forms.FileField(label=_("Fil"), help_text=_("JSON eller CSV, högst 50 MB."))
    source_kind = forms.ChoiceField(label=_("Filformat"), choices=SourceKind.choices)
    indicator = forms.CharField(
        label=_("Indikatorkod"),
        required=False,
        max_length=40,
        help_text=_("Bara för PxWeb-filer utan innehållsvariabel."),
    )
    cell_format = forms.ChoiceField(
        label=_("PxWeb CSV: celler"),
        choices=[("codes", _("Koder")), ("codes_and_texts", _("Koder och texter"))],
        required=False,
    )
    kpis = forms.CharField(
        label=_("Kolada-export: nyckeltal"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("En rad per kolumn: kolumnrubrik=KPI-id."),
    )
    geography_column = forms.CharField(label=_("Lång CSV: kolumn för område"), required=False, max_length=100)
    geography_format = forms.ChoiceField(
        label=_("Lång CSV: områden skrivs som"),
        choices=[
            (GeographyFormat.CODE, _("kod")),
            (GeographyFormat.CODE_LABEL, _("kod och namn")),
            (GeographyFormat.NAME, _("namn")),
        ],
        required=False,
    )
    period_column = forms.CharField(label=_("Lång CSV: kolumn för period"), required=False, max_length=100)
    value_columns = forms.CharField(
        label=_("Lång CSV: värdekolumner"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("En rad per kolumn: kolumn=indikatorkod."),
    )
    breakdown_columns = forms.CharField(
        label=_("Lång CSV: uppdelningskolumner"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("En rad per kolumn: kolumn=dimensionskod."),
    )
    value_codes = forms.CharField(
        label=_("Lång CSV: koder för etiketter"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("En rad per etikett: kolumn|etikett=kod, t.ex. Kön|Kvinnor=K."),
    )
    fixed_breakdown = forms.CharField(
        label=_("Lång CSV: fast uppdelning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("T.ex. gender=T för en fil som bara har totaler."),
    )
    ignore_columns = forms.CharField(
        label=_("Lång CSV: kolumner att hoppa över"),
        required=False,
        max_length=500,
        help_text=_("Kommaseparerade kolumnnamn."),
    )
    create_definitions = forms.BooleanField(label=_("Skapa definitioner för okända indikatorkoder"), required=False)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        name = upload.name or ""
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if extension not in EXTENSIONS:
            raise ValidationError(_("Välj en JSON- eller CSV-fil."))
        if upload.size is not None and upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(_("Filen är för stor (högst 50 MB)."))
        scan_for_viruses(upload)
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("source_kind") == SourceKind.LONG_CSV:
            for name in ("geography_column", "period_column", "value_columns"):
                if not data.get(name):
                    self.add_error(name, _("Behövs för en lång CSV."))
        if data.get("source_kind") == SourceKind.KOLADA_EXPORT and not data.get("kpis"):
            self.add_error("kpis", _("Behövs för en Kolada-export."))
        return data

    def options(self) -> dict[str, Any]:
        return {key: value for key, value in self.cleaned_data.items() if key not in {"file", "source_kind"}}


class IndicatorForm(forms.ModelForm):
    fetch_url = forms.URLField(
        label=_("API-adress"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("T.ex. https://api.kolada.se/v3/data/kpi/N03926/municipality/0020 (bara https)."),
    )

    class Meta:
        model = IndicatorDefinition
        fields = [
            "code",
            "name_sv",
            "name_en",
            "description_sv",
            "description_en",
            "unit",
            "unit_label_sv",
            "unit_label_en",
            "decimals",
            "suppress_below",
            "area",
            "population_section",
            "direction",
            "publisher",
            "source_table",
            "source_query",
            "fetch_kind",
            "fetch_url",
            "eu_core",
            "sort_order",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area_field = self.fields["area"]
        assert isinstance(area_field, forms.ModelChoiceField)
        area_field.queryset = Area.objects.select_related("period").order_by("-period__starts_on", "number")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        url, kind = data.get("fetch_url") or "", data.get("fetch_kind") or ""
        if url and not url.startswith("https://"):
            self.add_error("fetch_url", _("Bara https-adresser hämtas."))
        elif bool(url) != bool(kind):
            self.add_error("fetch_url", _("Ange både API:ets format och dess adress, eller ingetdera."))
        return data


class SectionForm(forms.ModelForm):
    class Meta:
        model = ReportSection
        fields = ["title_sv", "title_en", "text_sv", "text_en", "indicators"]
        widgets = {"indicators": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        indicators = self.fields["indicators"]
        assert isinstance(indicators, forms.ModelMultipleChoiceField)
        indicators.queryset = IndicatorDefinition.objects.order_by("code")


class FollowSeriesForm(forms.Form):
    """Which official series an initiative's indicator follows, and where."""

    series = forms.ModelChoiceField(
        label=_("Officiell serie"),
        queryset=IndicatorDefinition.objects.none(),
        required=False,
        empty_label=_("Ingen (följer ingen serie)"),
    )
    geo_code = forms.ChoiceField(label=_("Område"))

    def __init__(self, *args: Any, places: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        series = self.fields["series"]
        assert isinstance(series, forms.ModelChoiceField)
        series.queryset = IndicatorDefinition.objects.order_by("code")
        geo = self.fields["geo_code"]
        assert isinstance(geo, forms.ChoiceField)
        geo.choices = places
