"""The platform's datasets as a DCAT-AP-SE catalogue in RDF/XML, for dataportal.se to harvest (/api/v1/dcat.rdf).

A module that publishes open data adds one `Dataset` to DATASETS: its list endpoint, titles, descriptions,
keywords and EU data themes; the distributions (JSON, CSV, CSV for Excel, XLSX) follow from the endpoint.
Profile: DCAT-AP-SE 2 (https://docs.dataportal.se/dcat/), built on DCAT-AP 2.
"""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Max, Min, Model, QuerySet
from django.urls import reverse

from vagenin.actionplan.models import Initiative
from vagenin.agreement.models import AgreementPeriod, Body
from vagenin.api.schema import LICENCE_NAME, LICENCE_URL
from vagenin.organisations.models import Organisation

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
VCARD = "http://www.w3.org/2006/vcard/ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
NAMESPACES = {"rdf": RDF, "rdfs": RDFS, "dcat": DCAT, "dcterms": DCT, "foaf": FOAF, "vcard": VCARD}

EU = "http://publications.europa.eu/resource/authority/"
THEME_SCHEME = f"{EU}data-theme"
LANGUAGES = [f"{EU}language/SWE", f"{EU}language/ENG"]
# The county of the agreement, in the EU's administrative-territorial units (Dalarnas län).
PUBLISHER_SLUG = "lansstyrelsen-dalarna"
PUBLISHER_FALLBACK = "Länsstyrelsen Dalarna"
PUBLISHER_TYPE = "http://purl.org/adms/publishertype/NationalAuthority"


@dataclass(frozen=True)
class Format:
    key: str  # the API's ?format=
    file_type: str  # EU file-type vocabulary
    media_type: str
    title_sv: str
    title_en: str


FORMATS = [
    Format("json", "JSON", "application/json", "JSON", "JSON"),
    Format("csv", "CSV", "text/csv", "CSV (UTF-8, kommaseparerad)", "CSV (UTF-8, comma-separated)"),
    Format("csv-excel", "CSV", "text/csv", "CSV för Excel (semikolon, BOM)", "CSV for Excel (semicolons, BOM)"),
    Format(
        "xlsx",
        "XLSX",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Excel (XLSX)",
        "Excel (XLSX)",
    ),
]


@dataclass(frozen=True)
class Dataset:
    """One dataset of the catalogue: the rows of one list endpoint of the API."""

    key: str  # the list endpoint: api:<key>-list
    title_sv: str
    title_en: str
    description_sv: str
    description_en: str
    keywords_sv: tuple[str, ...]
    keywords_en: tuple[str, ...]
    themes: tuple[str, ...]  # EU data themes: SOCI, GOVE, REGI, ECON, EDUC …
    model: type[Model]

    def rows(self) -> QuerySet[Any]:
        """The rows whose creation and change dates are the dataset's issued and modified dates."""
        return self.model._default_manager.all()


DATASETS: list[Dataset] = [
    Dataset(
        "organisations",
        "Organisationer i Vägen in",
        "Organisations of Vägen in",
        "Parter, samverkansparter och andra aktörer i den regionala överenskommelsen om integration i Dalarna: "
        "namn, typ, organisationsnummer, kommun och län.",
        "Signatories, partners and other actors of the regional agreement on integration in Dalarna: name, "
        "type, organisation number, municipality and county.",
        ("organisationer", "integration", "samverkan", "Dalarna"),
        ("organisations", "integration", "partnership", "Dalarna"),
        ("GOVE", "SOCI"),
        Organisation,
    ),
    Dataset(
        "agreements",
        "Överenskommelsen Vägen in",
        "The Vägen in agreement",
        "Överenskommelsens perioder med principer och parter (organisationer och datum för underskrift).",
        "The agreement's periods with their principles and signatories (organisations and signing dates).",
        ("överenskommelse", "integration", "principer", "parter"),
        ("agreement", "integration", "principles", "signatories"),
        ("GOVE", "SOCI"),
        AgreementPeriod,
    ),
    Dataset(
        "bodies",
        "Genomförandeorganisationen för Vägen in",
        "The governance bodies of Vägen in",
        "Råd, grupper, nätverk och kansli som genomför överenskommelsen, med ansvarsområden och platser (roll "
        "och organisation; inga personuppgifter).",
        "Council, groups, networks and secretariat carrying out the agreement, with responsibilities and seats "
        "(role and organisation; no personal data).",
        ("styrning", "samverkan", "integration", "organisation"),
        ("governance", "partnership", "integration", "organisation"),
        ("GOVE",),
        Body,
    ),
    Dataset(
        "initiatives",
        "Insatser i handlingsplanen för Vägen in",
        "Initiatives of the Vägen in action plan",
        "Publicerade insatser och projekt i handlingsplanen: fokusområden, kommuner, målgrupper, parter, "
        "finansiering, milstolpar, indikatorer med godkända utfall och framsteg.",
        "Published initiatives and projects of the action plan: focus themes, municipalities, target groups, "
        "partners, funding, milestones, indicators with approved actual values, and progress.",
        ("integration", "handlingsplan", "projekt", "etablering", "Dalarna"),
        ("integration", "action plan", "projects", "introduction of newcomers", "Dalarna"),
        ("SOCI", "GOVE", "EDUC"),
        Initiative,
    ),
]


def _site(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _text(parent: ET.Element, tag: str, text: str, *, lang: str | None = None, datatype: str | None = None) -> None:
    element = ET.SubElement(parent, tag)
    element.text = text
    if lang:
        element.set("{http://www.w3.org/XML/1998/namespace}lang", lang)
    if datatype:
        element.set(f"{{{RDF}}}datatype", datatype)


def _link(parent: ET.Element, tag: str, uri: str) -> ET.Element:
    return ET.SubElement(parent, tag, {f"{{{RDF}}}resource": uri})


def _bilingual(parent: ET.Element, tag: str, sv: str, en: str) -> None:
    _text(parent, tag, sv, lang="sv")
    _text(parent, tag, en, lang="en")


def _date(value: datetime.datetime | None) -> str | None:
    return value.date().isoformat() if value else None


def _publisher(parent: ET.Element) -> None:
    organisation = Organisation.objects.filter(slug=PUBLISHER_SLUG).first()
    agent = ET.SubElement(ET.SubElement(parent, f"{{{DCT}}}publisher"), f"{{{FOAF}}}Agent")
    if organisation is not None:
        agent.set(f"{{{RDF}}}about", _site(organisation.get_absolute_url()))
        _bilingual(agent, f"{{{FOAF}}}name", organisation.name, organisation.name_en or organisation.name)
        if organisation.website:
            _link(agent, f"{{{FOAF}}}homepage", organisation.website)
    else:
        _text(agent, f"{{{FOAF}}}name", PUBLISHER_FALLBACK, lang="sv")
    _link(agent, f"{{{DCT}}}type", PUBLISHER_TYPE)


def _contact_point(parent: ET.Element) -> None:
    card = ET.SubElement(ET.SubElement(parent, f"{{{DCAT}}}contactPoint"), f"{{{VCARD}}}Organization")
    _text(card, f"{{{VCARD}}}fn", "Vägen in – kansliet")
    _link(card, f"{{{VCARD}}}hasEmail", f"mailto:{settings.SECRETARIAT_EMAIL}")


def _licence(parent: ET.Element) -> None:
    document = ET.SubElement(ET.SubElement(parent, f"{{{DCT}}}license"), f"{{{DCT}}}LicenseDocument")
    document.set(f"{{{RDF}}}about", LICENCE_URL)
    _text(document, f"{{{RDFS}}}label", LICENCE_NAME)


def _distribution(parent: ET.Element, dataset: Dataset, fmt: Format) -> None:
    url = _site(reverse(f"api:{dataset.key}-list")) + ("" if fmt.key == "json" else f"?format={fmt.key}")
    distribution = ET.SubElement(ET.SubElement(parent, f"{{{DCAT}}}distribution"), f"{{{DCAT}}}Distribution")
    distribution.set(f"{{{RDF}}}about", f"{catalogue_uri()}#{dataset.key}-{fmt.key}")
    _bilingual(
        distribution, f"{{{DCT}}}title", f"{dataset.title_sv}, {fmt.title_sv}", f"{dataset.title_en}, {fmt.title_en}"
    )
    _bilingual(
        distribution,
        f"{{{DCT}}}description",
        "Från API:t, sidindelat: följ länken i svarshuvudet Link (rel=next) eller fältet next i JSON.",
        "From the API, paginated: follow the Link header (rel=next) or the JSON field next.",
    )
    _link(distribution, f"{{{DCAT}}}accessURL", url)
    _link(distribution, f"{{{DCAT}}}downloadURL", url)
    _link(distribution, f"{{{DCT}}}format", f"{EU}file-type/{fmt.file_type}")
    _link(distribution, f"{{{DCAT}}}mediaType", f"https://www.iana.org/assignments/media-types/{fmt.media_type}")
    _link(distribution, f"{{{DCT}}}license", LICENCE_URL)
    _link(distribution, f"{{{DCT}}}conformsTo", _site(reverse("api:schema")))


def _dataset(parent: ET.Element, dataset: Dataset) -> None:
    node = ET.SubElement(ET.SubElement(parent, f"{{{DCAT}}}dataset"), f"{{{DCAT}}}Dataset")
    node.set(f"{{{RDF}}}about", f"{catalogue_uri()}#{dataset.key}")
    _bilingual(node, f"{{{DCT}}}title", dataset.title_sv, dataset.title_en)
    _bilingual(node, f"{{{DCT}}}description", dataset.description_sv, dataset.description_en)
    _publisher(node)
    _contact_point(node)
    _licence(node)
    _link(node, f"{{{DCT}}}accessRights", f"{EU}access-right/PUBLIC")
    for keyword in dataset.keywords_sv:
        _text(node, f"{{{DCAT}}}keyword", keyword, lang="sv")
    for keyword in dataset.keywords_en:
        _text(node, f"{{{DCAT}}}keyword", keyword, lang="en")
    for theme in dataset.themes:
        _link(node, f"{{{DCAT}}}theme", f"{THEME_SCHEME}/{theme}")
    for language in LANGUAGES:
        _link(node, f"{{{DCT}}}language", language)
    dates = dataset.rows().aggregate(issued=Min("created_at"), modified=Max("updated_at"))
    for tag, value in (("issued", dates["issued"]), ("modified", dates["modified"])):
        if value is not None:
            _text(node, f"{{{DCT}}}{tag}", str(_date(value)), datatype=f"{XSD}date")
    _link(node, f"{{{DCAT}}}landingPage", _site(reverse("api:docs")))
    _link(node, f"{{{FOAF}}}page", _site(reverse("api:schema")))
    for fmt in FORMATS:
        _distribution(node, dataset, fmt)


def catalogue_uri() -> str:
    return _site(reverse("api:dcat"))


def catalogue_rdf() -> bytes:
    """The whole catalogue as RDF/XML."""
    for prefix, uri in NAMESPACES.items():
        ET.register_namespace(prefix, uri)
    root = ET.Element(f"{{{RDF}}}RDF")
    catalogue = ET.SubElement(root, f"{{{DCAT}}}Catalog", {f"{{{RDF}}}about": catalogue_uri()})
    _bilingual(catalogue, f"{{{DCT}}}title", "Vägen in – öppna data", "Vägen in – open data")
    _bilingual(
        catalogue,
        f"{{{DCT}}}description",
        "Öppna data om den regionala överenskommelsen om integration i Dalarna, Vägen in: organisationer, "
        "överenskommelsen, genomförandeorganisationen och handlingsplanens insatser.",
        "Open data about Vägen in, the regional agreement on integration in Dalarna: organisations, the "
        "agreement, the governance bodies and the initiatives of the action plan.",
    )
    _publisher(catalogue)
    _licence(catalogue)
    _link(catalogue, f"{{{FOAF}}}homepage", _site("/"))
    _link(catalogue, f"{{{DCAT}}}themeTaxonomy", THEME_SCHEME)
    for language in LANGUAGES:
        _link(catalogue, f"{{{DCT}}}language", language)
    modified = [
        value
        for dataset in DATASETS
        if (value := dataset.rows().aggregate(modified=Max("updated_at"))["modified"]) is not None
    ]
    if modified:
        _text(catalogue, f"{{{DCT}}}modified", str(_date(max(modified))), datatype=f"{XSD}date")
    for dataset in DATASETS:
        _dataset(catalogue, dataset)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
