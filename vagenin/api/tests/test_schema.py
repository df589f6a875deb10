"""The OpenAPI 3 schema: served, valid, complete and documenting the filters."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from django.test import Client
from django.urls import reverse
from drf_spectacular.validation import validate_schema

from vagenin.api.views import LIST_ENDPOINTS, XLSX


@pytest.fixture
def schema(db: None) -> dict:
    response = Client().get(reverse("api:schema"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    return response.json()


def test_schema_is_valid_openapi_3(schema: dict) -> None:
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)


def test_every_list_and_detail_is_described(schema: dict) -> None:
    for name in LIST_ENDPOINTS:
        path = reverse(f"api:{name}-list")
        assert path in schema["paths"], path
        operation = schema["paths"][path]["get"]
        assert operation["description"]
        assert set(operation["responses"]["200"]["content"]) == {"application/json", "text/csv", XLSX}
    assert "/api/v1/areas/{period}/{slug}/" in schema["paths"]
    assert "/api/v1/bodies/{period}/{slug}/" in schema["paths"]


def test_only_get_is_offered(schema: dict) -> None:
    for path, operations in schema["paths"].items():
        assert set(operations) == {"get"}, path


FILTERS = {
    "organisations": {"type", "municipality", "county", "signatory", "q"},
    "municipalities": {"county"},
    "areas": {"period"},
    "themes": {"period", "area"},
    "bodies": {"period", "kind"},
    "initiatives": {
        "period",
        "county",
        "area",
        "theme",
        "municipality",
        "organisation",
        "status",
        "target_group",
        "year",
        "q",
    },
}


@pytest.mark.parametrize(("name", "filters"), FILTERS.items())
def test_filters_are_documented_parameters(schema: dict, name: str, filters: set[str]) -> None:
    parameters = schema["paths"][reverse(f"api:{name}-list")]["get"]["parameters"]
    documented = {p["name"]: p for p in parameters if p["in"] == "query"}
    assert filters | {"page", "page_size", "format"} <= set(documented)
    for parameter in filters:
        assert documented[parameter].get("description"), parameter


def test_data_minimisation_is_documented(schema: dict) -> None:
    bodies = schema["paths"][reverse("api:bodies-list")]["get"]["description"]
    assert "data minimisation" in bodies
    members = schema["components"]["schemas"]["Body"]["properties"]["members"]["description"]
    assert "Person names and contact details are deliberately left out" in members
    assert "email" not in schema["components"]["schemas"]["Organisation"]["properties"]
    initiatives = schema["paths"][reverse("api:initiatives-list")]["get"]["description"]
    assert "contact person" in initiatives and "data minimisation" in initiatives
    fields = set(schema["components"]["schemas"]["Initiative"]["properties"])
    assert not fields & {"contact_person", "submission", "external_id", "id"}


def test_initiative_detail_and_its_nested_data_are_described(schema: dict) -> None:
    assert "/api/v1/initiatives/{slug}/" in schema["paths"]
    components = schema["components"]["schemas"]
    initiative = components["Initiative"]["properties"]
    assert "weighted mean" in initiative["progress"]["description"]
    indicator = components[initiative["indicators"]["items"]["$ref"].rsplit("/", 1)[-1]]["properties"]
    assert "approved" in indicator["actuals"]["description"]
    status = schema["paths"][reverse("api:initiatives-list")]["get"]["parameters"]
    (status,) = [p for p in status if p["name"] == "status"]
    assert set(status["schema"]["enum"]) >= {"idea", "planned", "ongoing", "completed", "cancelled"}


def test_schema_does_not_change_with_the_visitors_language(schema: dict) -> None:
    english = Client(headers={"accept-language": "sv"}).get(reverse("api:schema")).json()
    assert english == schema


def test_licence_contact_and_servers(schema: dict, settings: Any) -> None:
    assert schema["info"]["license"] == {
        "name": "CC0 1.0 Universal (CC0 1.0) Public Domain Dedication",
        "url": "https://creativecommons.org/publicdomain/zero/1.0/",
    }
    assert schema["info"]["contact"]["email"] == settings.SECRETARIAT_EMAIL
    assert schema["servers"][0]["url"] == settings.SITE_URL.rstrip("/")


def test_alternatives_are_any_of_so_an_empty_website_conforms(schema: dict) -> None:
    """drf-spectacular's `oneOf` for a blank-allowed field rejects "" when formats are not asserted (both match)."""
    assert "oneOf" not in json.dumps(schema)
    website = schema["components"]["schemas"]["Organisation"]["properties"]["website"]
    validator = jsonschema.Draft4Validator({"anyOf": website["anyOf"]})  # formats not asserted, as by most clients
    assert validator.is_valid("")
    assert validator.is_valid("https://www.falun.se/")
