"""/api/v1/organisations/: the data, the filters, the detail, and the query count."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from testsupport.personas import make_county, make_municipality, make_organisation
from vagenin.api.tests.conftest import count_queries, get_json, make_period
from vagenin.organisations.models import OrganisationType

LIST = reverse("api:organisations-list")


def _slugs(**params: str) -> list[str]:
    return [row["slug"] for row in get_json(LIST, **params)["results"]]


@pytest.mark.django_db
def test_fields_of_one_organisation() -> None:
    region = make_organisation("region-dalarna", "Region Dalarna", type=OrganisationType.REGION, county=make_county())
    make_organisation(
        "landstinget-dalarna",
        "Landstinget Dalarna",
        name_en="Dalarna County Council",
        type=OrganisationType.REGION,
        municipality=make_municipality("2080", "Falun"),
        organisation_number="232100-0180",
        website="https://www.ltdalarna.se",
        email="info@ltdalarna.se",
        phone="023-49 00 00",
        dissolved_on=datetime.date(2018, 12, 31),
        merged_into=region,
    )
    row = get_json(reverse("api:organisations-detail", args=["landstinget-dalarna"]))
    with translation.override("en"):
        english_label = str(OrganisationType.REGION.label)
    assert row == {
        "slug": "landstinget-dalarna",
        "name": "Landstinget Dalarna",
        "name_en": "Dalarna County Council",
        "type": "region",
        "type_label_sv": "Region",
        "type_label_en": english_label,
        "organisation_number": "232100-0180",
        "municipality_code": "2080",
        "municipality_name": "Falun",
        "county_code": "20",
        "website": "https://www.ltdalarna.se",
        "description_sv": "",
        "description_en": "",
        "dissolved_on": "2018-12-31",
        "merged_into": "region-dalarna",
        "url": "http://testserver/organisationer/landstinget-dalarna/",
    }


@pytest.mark.django_db
def test_public_url_and_labels_do_not_follow_the_request_language() -> None:
    make_organisation("forening-a", type=OrganisationType.CIVIL_SOCIETY)
    swedish = get_json(LIST)["results"][0]
    english = Client(headers={"accept-language": "en"}).get(LIST).json()["results"][0]
    assert english == swedish
    assert swedish["url"].endswith("/organisationer/forening-a/")


@pytest.mark.django_db
def test_filters() -> None:
    period = make_period("2015-2020")
    make_period("2021-2025", starts_on=datetime.date(2021, 1, 1))
    falun = make_organisation(
        "falu-kommun",
        "Falu kommun",
        type=OrganisationType.MUNICIPALITY,
        municipality=make_municipality("2080", "Falun"),
    )
    make_organisation(
        "mora-kommun", "Mora kommun", type=OrganisationType.MUNICIPALITY, municipality=make_municipality("2062", "Mora")
    )
    make_organisation(
        "lansstyrelsen-dalarna",
        "Länsstyrelsen Dalarna",
        name_en="County Administrative Board",
        type=OrganisationType.COUNTY_BOARD,
        county=make_county("20"),
    )
    make_organisation("uppsala-forening", "Uppsalaföreningen", municipality=make_municipality("0380", "Uppsala"))
    period.signatories.create(organisation=falun, signed_on=datetime.date(2015, 6, 3))

    assert _slugs(type="municipality") == ["falu-kommun", "mora-kommun"]
    assert _slugs(municipality="2062") == ["mora-kommun"]
    assert _slugs(county="20") == ["falu-kommun", "lansstyrelsen-dalarna", "mora-kommun"]
    assert _slugs(county="03") == ["uppsala-forening"]
    assert _slugs(signatory="2015-2020") == ["falu-kommun"]
    assert _slugs(signatory="2021-2025") == []
    assert _slugs(q="länsstyrelsen") == ["lansstyrelsen-dalarna"]
    assert _slugs(q="administrative") == ["lansstyrelsen-dalarna"]
    assert _slugs(type="municipality", county="20", q="mora") == ["mora-kommun"]
    assert len(_slugs()) == 4


@pytest.mark.parametrize(("param", "value"), [("type", "kommun"), ("municipality", "20"), ("county", "Dalarna")])
@pytest.mark.django_db
def test_invalid_filter_is_400_naming_the_parameter(param: str, value: str) -> None:
    response = Client().get(LIST, {param: value})
    assert response.status_code == 400
    assert param in response.json()


@pytest.mark.django_db
def test_a_nul_in_a_search_is_dropped_not_refused() -> None:
    """The schema allows any string; a NUL (which no database text holds) is ignored rather than a 400."""
    assert _slugs(q="mo\x00ra") == _slugs(q="mora")


@pytest.mark.django_db
def test_unknown_slug_is_404() -> None:
    assert Client().get(reverse("api:organisations-detail", args=["finns-inte"])).status_code == 404


@pytest.mark.django_db
def test_contact_details_are_not_published() -> None:
    make_organisation("forening-a", email="ordforande@forening.example", phone="070-123 45 67")
    body = str(get_json(LIST))
    assert "ordforande@forening.example" not in body
    assert "070-123 45 67" not in body


@pytest.mark.django_db
def test_query_count_does_not_grow_with_rows() -> None:
    region = make_organisation("region", type=OrganisationType.REGION, county=make_county())

    def add(start: int, count: int) -> None:
        for number in range(start, start + count):
            make_organisation(
                f"org-{number:03}",
                municipality=make_municipality("2080", "Falun"),
                dissolved_on=datetime.date(2019, 1, 1),
                merged_into=region,
            )

    add(0, 3)
    few = count_queries(LIST)
    add(3, 40)
    assert count_queries(LIST) == few
    assert get_json(LIST)["count"] == 44


@pytest.mark.django_db
def test_empty_filter_values_mean_no_filter() -> None:
    make_organisation("forening-a")
    assert _slugs(type="", municipality="", county="", signatory="", q=" ") == ["forening-a"]
