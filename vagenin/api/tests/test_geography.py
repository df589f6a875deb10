"""/api/v1/counties/ and /api/v1/municipalities/ (the real 21/290 are tested in test_reference_data)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from testsupport.personas import make_municipality
from vagenin.api.tests.conftest import count_queries, get_json

COUNTIES = reverse("api:counties-list")
MUNICIPALITIES = reverse("api:municipalities-list")


@pytest.mark.parametrize(("name", "code"), [("api:counties-detail", "99"), ("api:municipalities-detail", "2099")])
@pytest.mark.django_db
def test_unknown_code_is_404(name: str, code: str) -> None:
    assert Client().get(reverse(name, args=[code])).status_code == 404


@pytest.mark.django_db
def test_query_count_does_not_grow_with_rows() -> None:
    for code in ("2021", "2023", "0114"):
        make_municipality(code, f"Kommun {code}")
    few = (count_queries(MUNICIPALITIES), count_queries(COUNTIES))
    for number in range(40):
        make_municipality(f"{number + 1:02}{number + 10:02}", f"Kommun {number}")
    assert (count_queries(MUNICIPALITIES), count_queries(COUNTIES)) == few


@pytest.mark.django_db
def test_filter_by_county_and_detail_by_code() -> None:
    make_municipality("2080", "Falun")
    make_municipality("0380", "Uppsala")
    assert [m["code"] for m in get_json(MUNICIPALITIES, county="03")["results"]] == ["0380"]
    assert get_json(reverse("api:municipalities-detail", args=["2080"]))["county_code"] == "20"
    assert get_json(reverse("api:counties-detail", args=["03"]))["code"] == "03"
    assert Client().get(MUNICIPALITIES, {"county": "Dalarna"}).status_code == 400
