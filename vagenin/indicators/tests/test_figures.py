"""Dashboards, downloads and report editions: generated sentences checked against the data."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from testsupport.personas import Personas
from vagenin.indicators import figures
from vagenin.indicators.models import Edition, IndicatorDefinition, Observation, Publication, Report, Status

pytestmark = pytest.mark.usefixtures("statistics")


def _value(code: str, geo: str, period: str, key: str = "") -> str:
    return str(Observation.objects.get(indicator__code=code, geo_code=geo, period_code=period, breakdown_key=key).value)


def test_the_county_dashboard_states_its_figures_from_the_data(client: object) -> None:
    response = client.get(reverse("indicators:indicator", kwargs={"geo": "20", "code": "N03926"}))  # type: ignore[attr-defined]
    page = response.content.decode()
    first = _value("N03926", "20", "2011", "gender=T")
    last = _value("N03926", "20", "2022", "gender=T")
    assert first.startswith("2.94") and last.startswith("3.4")
    assert "Långtidsarbetslöshet 25–64 år steg från 2,9\u00a0% år 2011 till 3,4\u00a0% år 2022." in page
    assert "<svg" in page and "<table>" in page


def test_the_municipal_ranking_names_the_extremes(client: object) -> None:
    rows = (
        Observation.objects.filter(indicator__code="BE0101N1", period_code="2025", geo_code__startswith="20")
        .exclude(geo_code="20")
        .values_list("geo_code", "value")
    )
    values = {code: value for code, value in rows if value is not None}
    highest, lowest = max(values, key=values.__getitem__), min(values, key=values.__getitem__)
    assert (highest, lowest) == ("2080", "2021")  # Falun, Vansbro
    page = client.get(reverse("indicators:indicator", kwargs={"geo": "20", "code": "BE0101N1"})).content.decode()  # type: ignore[attr-defined]
    low = f"{values[lowest]:,.0f}".replace(",", "\u00a0")
    assert f"högst i Falun (59\u00a0974) och lägst i Vansbro ({low})" in page
    assert 'class="chart chart-map"' in page


def test_a_municipality_is_compared_with_the_county_and_sweden(client: object) -> None:
    page = client.get("/en/statistik/2080/BE0101N1/").content.decode()  # type: ignore[attr-defined]
    assert (
        "Population in Falun was 59,945 in 2024, lower than in Dalarnas län (286,546) and in Sweden (10,587,710)."
        in page
    )


def test_suppressed_values_are_shown_as_such_never_as_zero(personas: Personas) -> None:
    indicator = IndicatorDefinition.objects.get(code="N03926")
    Observation.objects.filter(indicator=indicator, geo_code="20", period_code="2022", breakdown_key="gender=T").update(
        value=None, status=Status.SUPPRESSED
    )
    with __import__("django.utils.translation", fromlist=["override"]).override("sv"):
        places = figures.load_places()
        data = figures.headline_values([indicator], places.codes)[indicator.pk]
        figure = figures.series_figure(indicator, places.county, places, data)
    assert figure is not None
    assert ["2022", "skyddad", "–"][:2] == figure.rows[-1][:2]


def test_downloads_csv_and_xlsx(client: object) -> None:
    url = reverse("indicators:indicator", kwargs={"geo": "20", "code": "BE0101N1"})
    csv = client.get(url + "?format=csv")  # type: ignore[attr-defined]
    assert csv["Content-Type"].startswith("text/csv")
    assert "2080,Falun,2024,,59945" in csv.content.decode("utf-8-sig")
    xlsx = client.get(url + "?format=xlsx")  # type: ignore[attr-defined]
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert (
        sheet is not None
        and sheet.max_row
        == Observation.objects.filter(indicator__code="BE0101N1", geo_code__startswith="20").count()
        + Observation.objects.filter(indicator__code="BE0101N1", geo_code="00").count()
        + 1
    )


def test_the_demo_report_has_16_published_editions_in_both_languages(client: object) -> None:
    publication = Publication.objects.get(state=Publication.State.PUBLISHED)
    assert publication.editions.count() == 16
    county = Edition.objects.get(publication=publication, geo_code="20")
    assert "Metod och källor" in county.content_sv and "Methods and sources" in county.content_en
    assert "Kolada N03926" in county.content_sv
    report = Report.objects.get()
    page = client.get(reverse("indicators:edition", kwargs={"integration_report": report.uuid, "geo": "2080"}))  # type: ignore[attr-defined]
    assert page.status_code == 200 and "Falun" in page.content.decode()


def test_generating_a_new_version_keeps_the_published_one_until_it_is_published(personas: Personas) -> None:
    client = personas.client("analyst")
    report = Report.objects.get()
    old = Publication.objects.get(state=Publication.State.PUBLISHED)
    response = client.post(reverse("indicators:report_generate", kwargs={"integration_report": report.uuid}))
    new = Publication.objects.get(version=2)
    assert response.status_code == 302 and new.state == Publication.State.READY and new.editions.count() == 16
    old.refresh_from_db()
    assert old.state == Publication.State.PUBLISHED
    client.post(reverse("indicators:publication_publish", kwargs={"publication_id": new.uuid}))
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.state, new.state) == (Publication.State.SUPERSEDED, Publication.State.PUBLISHED)
