"""The whole demo: an initiative follows an official series, shown on its page and in the report."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from vagenin.indicators.models import Edition, InitiativeSeries


@pytest.mark.django_db
def test_the_demo_links_an_initiative_to_a_series_and_the_report_shows_it(no_pdf: None) -> None:
    call_command("load_reference", stdout=io.StringIO())
    call_command("load_demo_data", force=True, stdout=io.StringIO())
    link = InitiativeSeries.objects.select_related("indicator__initiative", "series").get()
    assert (link.series.code, link.geo_code) == ("N00914", "20")
    url = reverse("actionplan:detail", kwargs={"slug": link.indicator.initiative.slug})
    with translation.override("sv"):
        page = Client().get(url).content.decode()
    assert "Officiell statistik som insatsen följer" in page and "Förvärvsarbetande invånare 20–64 år" in page
    county = Edition.objects.get(publication__state="published", geo_code="20")
    assert link.indicator.initiative.title_sv in county.content_sv
    assert "Följer Förvärvsarbetande invånare 20–64 år i Dalarnas län" in county.content_sv
    assert "Follows Employed residents aged 20–64 in Dalarnas län (per cent)" in county.content_en
