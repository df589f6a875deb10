"""Every endpoint over the real reference data (loaded once for the class): what a visitor actually gets."""

from __future__ import annotations

import io

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from vagenin.api.tests.conftest import get_json


class ReferenceDataTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        call_command("load_reference", stdout=io.StringIO())

    def test_all_21_counties_and_290_municipalities(self) -> None:
        counties = get_json(reverse("api:counties-list"))
        assert counties["count"] == 21
        assert counties["results"][0] == {"code": "01", "name": "Stockholms län", "short_name": "Stockholm"}
        assert get_json(reverse("api:counties-detail", args=["20"]))["short_name"] == "Dalarna"
        municipalities = get_json(reverse("api:municipalities-list"), page_size="500")
        assert municipalities["count"] == 290
        assert len(municipalities["results"]) == 290
        assert municipalities["next"] is None

    def test_municipalities_of_one_county(self) -> None:
        dalarna = get_json(reverse("api:municipalities-list"), county="20")
        assert dalarna["count"] == 15
        falun = {"code": "2080", "name": "Falu kommun", "short_name": "Falun", "county_code": "20"}
        assert falun in dalarna["results"]
        assert get_json(reverse("api:municipalities-detail", args=["2062"]))["name"] == "Mora kommun"

    def test_organisations_signatories_and_mergers(self) -> None:
        url = reverse("api:organisations-list")
        assert get_json(url)["count"] == 28
        assert get_json(url, type="municipality", county="20")["count"] == 15
        signatories = get_json(url, signatory="2015-2020", page_size="100")["results"]
        assert "landstinget-dalarna" in {row["slug"] for row in signatories}
        landstinget = get_json(reverse("api:organisations-detail", args=["landstinget-dalarna"]))
        assert landstinget["merged_into"] == "region-dalarna"
        assert landstinget["dissolved_on"]

    def test_agreement_with_principles_and_signatories(self) -> None:
        agreements = get_json(reverse("api:agreements-list"))
        assert [row["slug"] for row in agreements["results"]] == ["2015-2020"]
        agreement = get_json(reverse("api:agreements-detail", args=["2015-2020"]))
        assert agreement == agreements["results"][0]
        assert (agreement["county_code"], agreement["signed_on"]) == ("20", "2015-06-03")
        assert [p["number"] for p in agreement["principles"]] == [1, 2, 3, 4]
        assert agreement["principles"][1]["text_en"] == "A solution-focused way of working"
        signatories = {row["organisation"]: row for row in agreement["signatories"]}
        assert len(signatories) == 24
        assert signatories["lansstyrelsen-dalarna"]["signed_on"] == "2015-06-03"
        assert set(signatories["landstinget-dalarna"]) == {"organisation", "signed_on", "left_on", "note_sv", "note_en"}
        assert agreement["url"] == "http://testserver/overenskommelsen/2015-2020/"

    def test_areas_with_nested_themes_and_partners(self) -> None:
        areas = get_json(reverse("api:areas-list"))["results"]
        expected = ["arbete", "sprak-och-utbildning", "halsa", "bostad", "social-sammanhallning"]
        assert [area["slug"] for area in areas] == expected
        area = get_json(reverse("api:areas-detail", args=["2015-2020", "halsa"]))
        assert (area["period"], area["name_sv"]) == ("2015-2020", "Vägen till en god och jämlik hälsa")
        assert area["name_en"]
        themes = {theme["slug"]: theme for theme in area["themes"]}
        assert set(themes) == {"tidiga-och-forebyggande-insatser", "rehabilitering"}
        assert themes["rehabilitering"]["partners"][0]["organisation"] == "forsakringskassan"
        work = get_json(reverse("api:areas-detail", args=["2015-2020", "arbete"]))
        groups = [p for p in work["themes"][0]["partners"] if p["organisation"] is None]
        assert (groups[0]["group_sv"], groups[0]["group_en"]) == ("Kommunerna", "The municipalities")

    def test_themes_as_a_flat_list(self) -> None:
        url = reverse("api:themes-list")
        themes = get_json(url)
        assert themes["count"] == 10
        first = themes["results"][0]
        assert (first["period"], first["area"], first["slug"]) == (
            "2015-2020",
            "arbete",
            "korta-vagen-till-anstallning",
        )
        assert first["partners"]
        halsa = [t["slug"] for t in get_json(url, area="halsa")["results"]]
        assert halsa == ["tidiga-och-forebyggande-insatser", "rehabilitering"]
        assert get_json(url, period="2015-2020")["count"] == 10
        assert get_json(url, period="1999-2000")["count"] == 0
        detail = get_json(reverse("api:themes-detail", args=["2015-2020", "halsa", "rehabilitering"]))
        assert detail["name_sv"] == "Rehabilitering"

    def test_bodies(self) -> None:
        bodies = {row["slug"]: row for row in get_json(reverse("api:bodies-list"))["results"]}
        assert bodies["radslag"]["convener"] == "lansstyrelsen-dalarna"
        assert bodies["temagrupp-bostad"]["parent"] == "kansli"
        assert len(bodies["kansliets-arbetsgrupp"]["responsibilities"]) == 4

    def test_the_docs_page_examples_exist(self) -> None:
        response = self.client.get(reverse("api:docs"))
        for url in response.context["examples"].values():
            assert self.client.get(url).status_code == 200, url
