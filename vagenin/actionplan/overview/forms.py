"""The overview's filters. They only validate."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from vagenin.agreement.models import AgreementPeriod

MAX_DAYS = 3 * 365


class OverviewFilterForm(forms.Form):
    """Which period to show, how far ahead "ending soon" looks, and (for coordinators) whether to add drafts."""

    # The periods are read once by the view and given to the form: a ModelChoiceField would query them again for
    # validation and for each rendering of its options.
    period = forms.ChoiceField(label=gettext_lazy("Avtalsperiod"), required=False)
    dagar = forms.IntegerField(
        label=gettext_lazy("Slutar inom (dagar)"), min_value=1, max_value=MAX_DAYS, required=False
    )
    utkast = forms.BooleanField(label=gettext_lazy("Ta med utkast"), required=False)

    def __init__(self, *args: Any, periods: list[AgreementPeriod], may_include_drafts: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.periods = {period.slug: period for period in periods}
        fields: dict[str, Any] = self.fields  # a ChoiceField, typed as plain Field by the stubs
        fields["period"].choices = [(period.slug, str(period)) for period in periods]
        if not may_include_drafts:
            del self.fields["utkast"]

    def clean_period(self) -> AgreementPeriod | None:
        return self.periods.get(self.cleaned_data.get("period") or "")
