"""CSV beside JSON: the renderer on its own, and on the endpoints."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from testsupport.personas import make_municipality, make_organisation
from vagenin.agreement.models import BodyKind, MemberRole
from vagenin.api.renderers import CSVRenderer
from vagenin.api.tests.conftest import make_body, make_period, seat
from vagenin.api.views import LIST_ENDPOINTS


def _rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


def test_nested_lists_become_slugs_values_or_json() -> None:
    data = {
        "results": [
            {
                "slug": "a",
                "themes": [{"slug": "t1", "name": "x"}, {"slug": "t2", "name": "y"}],
                "codes": ["2080", "2062"],
                "partners": [{"organisation": "org", "note": "med stöd"}],
                "place": {"code": "2080"},
                "empty": [],
            }
        ]
    }
    (row,) = _rows(CSVRenderer().render(data))
    assert row == {
        "slug": "a",
        "themes": "t1|t2",
        "codes": "2080|2062",
        "partners": '[{"organisation":"org","note":"med stöd"}]',
        "place.code": "2080",
        "empty": "",
    }


@pytest.mark.parametrize("dangerous", ["=HYPERLINK(1)", "+1", "-1", "@SUM(1)"])
def test_formulas_are_neutralised(dangerous: str) -> None:
    (row,) = _rows(CSVRenderer().render([{"name": dangerous, "number": -1}]))
    assert row == {"name": "'" + dangerous, "number": "-1"}


@pytest.mark.django_db
def test_organisations_as_csv() -> None:
    make_organisation("forening-a", "Föreningen Å", municipality=make_municipality("2080", "Falun"))
    response = Client().get(reverse("api:organisations-list"), {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="organisations.csv"'
    (row,) = _rows(response.content)
    assert (row["slug"], row["name"], row["municipality_code"], row["county_code"]) == (
        "forening-a",
        "Föreningen Å",
        "2080",
        "20",
    )
    assert row["url"] == "http://testserver/organisationer/forening-a/"


@pytest.mark.django_db
def test_accept_header_gives_csv_too() -> None:
    make_organisation("forening-a")
    response = Client().get(reverse("api:organisations-list"), headers={"accept": "text/csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"


@pytest.mark.django_db
def test_every_list_gives_csv_with_a_header_even_when_empty() -> None:
    for name in LIST_ENDPOINTS:
        response = Client().get(reverse(f"api:{name}-list"), {"format": "csv"})
        assert response.status_code == 200, name
        header = response.content.decode().splitlines()[0]
        assert header.startswith(("slug", "code", "period")), (name, header)


@pytest.mark.django_db
def test_bodies_as_csv_with_seats_as_json() -> None:
    organisation = make_organisation("region-dalarna")
    body = make_body(make_period(), "kansli", BodyKind.SECRETARIAT)
    seat(body, organisation, role=MemberRole.CHAIR)
    (row,) = _rows(Client().get(reverse("api:bodies-list"), {"format": "csv"}).content)
    assert row["slug"] == "kansli"
    assert '"organisation":"region-dalarna"' in row["members"]
    assert "Stina" not in row["members"]


@pytest.mark.django_db
def test_unknown_slug_as_csv_is_404() -> None:
    response = Client().get(reverse("api:organisations-detail", args=["finns-inte"]), {"format": "csv"})
    assert response.status_code == 404
    assert "Content-Disposition" not in response
