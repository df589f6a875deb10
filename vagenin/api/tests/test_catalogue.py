"""The DCAT-AP-SE catalogue (/api/v1/dcat.rdf): parsed as RDF/XML, checked against the profile's properties.

rdflib is not among the dependencies, so the RDF/XML is read with xml.etree (namespaces resolved) and the
properties are checked by their full IRIs: every mandatory one of DCAT-AP-SE for the catalogue, each dataset and
each distribution, and the recommended ones this catalogue promises (licence, themes, keywords, dates, formats).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from testsupport.inventory import load_site_data
from vagenin.api.catalogue import DATASETS, DCAT, DCT, FOAF, FORMATS, RDF, VCARD

pytestmark = pytest.mark.django_db

ABOUT = f"{{{RDF}}}about"
RESOURCE = f"{{{RDF}}}resource"
LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CC0 = "https://creativecommons.org/publicdomain/zero/1.0/"
THEMES = "http://publications.europa.eu/resource/authority/data-theme/"
FILE_TYPES = "http://publications.europa.eu/resource/authority/file-type/"


@pytest.fixture
def catalogue(db: None) -> ET.Element:
    load_site_data()
    response = Client().get(reverse("api:dcat"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rdf+xml; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    root = ET.fromstring(response.content)  # noqa: S314  # our own response, in a test
    assert root.tag == f"{{{RDF}}}RDF"
    found = root.find(f"{{{DCAT}}}Catalog")
    assert found is not None
    return found


def _iri(value: str | None) -> str:
    assert value, "an IRI is missing"
    parts = urlsplit(value)
    assert parts.scheme in ("http", "https", "mailto") and (parts.netloc or parts.scheme == "mailto"), value
    return value


def _literals(node: ET.Element, tag: str) -> dict[str, str]:
    """The language-tagged literals of a property; at least one, non-empty."""
    values = {element.get(LANG, ""): (element.text or "").strip() for element in node.findall(tag)}
    assert values and all(values.values()), (node.get(ABOUT), tag)
    return values


def _resources(node: ET.Element, tag: str) -> list[str]:
    values = [_iri(element.get(RESOURCE)) for element in node.findall(tag)]
    assert values, (node.get(ABOUT), tag)
    return values


def _check_publisher(node: ET.Element) -> None:
    agent = node.find(f"{{{DCT}}}publisher/{{{FOAF}}}Agent")
    assert agent is not None, node.get(ABOUT)
    assert _literals(agent, f"{{{FOAF}}}name")["sv"] == "Länsstyrelsen Dalarna"
    _resources(agent, f"{{{DCT}}}type")


def _check_licence(node: ET.Element) -> None:
    licence = node.find(f"{{{DCT}}}license/{{{DCT}}}LicenseDocument")
    assert licence is not None and licence.get(ABOUT) == CC0, node.get(ABOUT)


def test_the_catalogue_has_every_mandatory_property(catalogue: ET.Element, settings: object) -> None:
    _iri(catalogue.get(ABOUT))
    assert set(_literals(catalogue, f"{{{DCT}}}title")) == {"sv", "en"}
    assert set(_literals(catalogue, f"{{{DCT}}}description")) == {"sv", "en"}
    _check_publisher(catalogue)
    _check_licence(catalogue)
    _resources(catalogue, f"{{{FOAF}}}homepage")
    _resources(catalogue, f"{{{DCT}}}language")
    assert _resources(catalogue, f"{{{DCAT}}}themeTaxonomy") == [THEMES.rstrip("/")]
    _literals(catalogue, f"{{{DCT}}}modified")
    datasets = catalogue.findall(f"{{{DCAT}}}dataset/{{{DCAT}}}Dataset")
    assert len(datasets) == len(DATASETS) >= 4


def test_every_dataset_and_distribution_has_the_profiles_properties(catalogue: ET.Element) -> None:
    abouts: set[str] = set()
    for dataset in catalogue.findall(f"{{{DCAT}}}dataset/{{{DCAT}}}Dataset"):
        name = _iri(dataset.get(ABOUT))
        abouts.add(name)
        assert set(_literals(dataset, f"{{{DCT}}}title")) == {"sv", "en"}
        assert set(_literals(dataset, f"{{{DCT}}}description")) == {"sv", "en"}
        _check_publisher(dataset)
        _check_licence(dataset)
        card = dataset.find(f"{{{DCAT}}}contactPoint/{{{VCARD}}}Organization")
        assert card is not None, name
        _literals(card, f"{{{VCARD}}}fn")
        assert _resources(card, f"{{{VCARD}}}hasEmail")[0].startswith("mailto:")
        assert {"sv", "en"} <= {keyword.get(LANG) for keyword in dataset.findall(f"{{{DCAT}}}keyword")}
        assert all(theme.startswith(THEMES) for theme in _resources(dataset, f"{{{DCAT}}}theme")), name
        _resources(dataset, f"{{{DCT}}}accessRights")
        _resources(dataset, f"{{{DCAT}}}landingPage")
        for date in ("issued", "modified"):
            assert len(_literals(dataset, f"{{{DCT}}}{date}")[""]) == 10, (name, date)
        distributions = dataset.findall(f"{{{DCAT}}}distribution/{{{DCAT}}}Distribution")
        assert len(distributions) == len(FORMATS), name
        media_types = set()
        for distribution in distributions:
            abouts.add(_iri(distribution.get(ABOUT)))
            _literals(distribution, f"{{{DCT}}}title")
            (access,) = _resources(distribution, f"{{{DCAT}}}accessURL")
            assert _resources(distribution, f"{{{DCT}}}format")[0].startswith(FILE_TYPES)
            media_types.add(_resources(distribution, f"{{{DCAT}}}mediaType")[0].rsplit("/", 2)[-1])
            assert _resources(distribution, f"{{{DCT}}}license") == [CC0]
            # The access URL answers with the distribution's format.
            response = Client().get(urlsplit(access).path + ("?" + urlsplit(access).query if "?" in access else ""))
            assert response.status_code == 200, access
        assert {"json", "csv", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"} <= media_types, name
    assert len(abouts) == len(DATASETS) * (1 + len(FORMATS)), "every resource has its own IRI"


def test_the_api_root_lists_endpoints_licence_and_catalogue(db: None) -> None:
    by_accept = Client(headers={"accept": "application/json"}).get(reverse("api:docs"))
    by_parameter = Client().get(reverse("api:docs"), {"format": "json"})
    for response in (by_accept, by_parameter):
        assert "Accept" in response["Vary"]
        root = response.json()
        assert root["licence"]["url"] == CC0
        assert root["catalogue"].endswith(reverse("api:dcat"))
        assert root["openapi"].endswith(reverse("api:schema"))
        assert set(root["endpoints"]) >= {dataset.key for dataset in DATASETS}
    assert Client().get(reverse("api:docs"))["Content-Type"].startswith("text/html")


def test_the_feed_states_its_licence(db: None) -> None:
    feed = ET.fromstring(Client().get(reverse("api:initiatives-feed")).content)  # noqa: S314  # our own response
    rights = feed.find("{http://www.w3.org/2005/Atom}rights")
    assert rights is not None and "CC0 1.0" in (rights.text or "") and CC0 in (rights.text or "")
