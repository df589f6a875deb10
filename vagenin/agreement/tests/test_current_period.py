"""The site shows its own county's agreement, even when other counties' periods are in the database."""

from __future__ import annotations

import datetime

import pytest

from testsupport.personas import make_county
from vagenin.agreement.models import AgreementPeriod


@pytest.mark.django_db
def test_current_period_is_this_countys(settings: object) -> None:
    settings.VAGENIN_COUNTY_CODE = "20"  # type: ignore[attr-defined]
    dalarna = AgreementPeriod.objects.create(
        slug="dalarna", county=make_county("20"), title_sv="Dalarna", starts_on=datetime.date(2015, 6, 3)
    )
    AgreementPeriod.objects.create(
        slug="gotland",
        county=make_county("09", "Gotlands län"),
        title_sv="Gotland",
        starts_on=datetime.date(2021, 1, 1),
    )
    assert AgreementPeriod.objects.current() == dalarna
    assert list(AgreementPeriod.objects.of_this_county()) == [dalarna]
