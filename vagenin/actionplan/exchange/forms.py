"""The import's upload form. It only validates; services.py does the importing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from vagenin.actionplan.exchange import files
from vagenin.common.uploads import scan_for_viruses


class UploadForm(forms.Form):
    """A CSV or XLSX file of initiatives: checked for name, size, viruses and content before any row is read."""

    file = forms.FileField(
        label=gettext_lazy("Fil med insatser"),
        help_text=gettext_lazy(
            "CSV (UTF-8, komma- eller semikolonavgränsad) eller XLSX, högst 24 MB och 20 000 rader."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            files.check_name_and_size(upload.name or "", upload.size or 0)
            scan_for_viruses(upload)
            self.content = upload.read()
            self.rows = files.read_table(upload.name or "", self.content)
        except files.UploadError as error:
            raise ValidationError(str(error)) from error
        return upload
