"""The overview's filters. They only validate."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from vagenin.agreement.models import AgreementPeriod

MAX_DAYS = 3 * 365


class OverviewFilterForm(forms.Form):
    """Which period to show, how far ahead "ending soon" looks, and (for coordinators) whether to add drafts."""

    period = forms.ModelChoiceField(
        label=gettext_lazy("Avtalsperiod"),
        queryset=AgreementPeriod.objects.order_by("-starts_on"),
        to_field_name="slug",
        empty_label=None,
        required=False,
    )
    dagar = forms.IntegerField(
        label=gettext_lazy("Slutar inom (dagar)"), min_value=1, max_value=MAX_DAYS, required=False
    )
    utkast = forms.BooleanField(label=gettext_lazy("Ta med utkast"), required=False)

    def __init__(self, *args: Any, may_include_drafts: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not may_include_drafts:
            del self.fields["utkast"]
