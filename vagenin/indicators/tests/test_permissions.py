"""Who may see and do what in the indicators app: every view over the personas, analyst included."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from testsupport.personas import PERSONA_NAMES, Personas
from vagenin.indicators.models import ImportBatch, Publication, Report

LOGIN = "/konto/login/"
ALL = (*PERSONA_NAMES, "analyst", "grant_officer")
STAFF = {"coordinator", "analyst"}


def _status(client: Client, url: str) -> int:
    response = client.get(url)
    if response.status_code == 302 and response["Location"].startswith(LOGIN):
        return 302
    return response.status_code


@pytest.fixture
def urls(statistics: None) -> dict[str, str]:
    report = Report.objects.get()
    publication = Publication.objects.get()
    batch = ImportBatch.objects.first()
    assert batch is not None
    return {
        "public:index": reverse("indicators:index"),
        "public:dashboard": reverse("indicators:dashboard", kwargs={"geo": "2080"}),
        "public:indicator": reverse("indicators:indicator", kwargs={"geo": "20", "code": "N03926"}),
        "public:report": reverse("indicators:report", kwargs={"integration_report": report.uuid}),
        "public:edition": reverse("indicators:edition", kwargs={"integration_report": report.uuid, "geo": "20"}),
        "staff:home": reverse("indicators:staff_home"),
        "staff:import": reverse("indicators:import"),
        "staff:import_detail": reverse("indicators:import_detail", kwargs={"batch_id": batch.uuid}),
        "staff:indicator_add": reverse("indicators:indicator_add"),
        "staff:indicator_edit": reverse("indicators:indicator_edit", kwargs={"code": "N03926"}),
        "staff:report": reverse("indicators:report_detail", kwargs={"integration_report": report.uuid}),
        "staff:section": reverse("indicators:section_edit", kwargs={"integration_report": report.uuid, "number": 1}),
        "staff:publication": reverse("indicators:publication_detail", kwargs={"publication_id": publication.uuid}),
        "staff:edition": reverse(
            "indicators:edition_preview", kwargs={"publication_id": publication.uuid, "geo": "2080"}
        ),
    }


@pytest.mark.parametrize("persona", ALL)
def test_every_view_over_the_personas(personas: Personas, urls: dict[str, str], persona: str) -> None:
    client = personas.client(persona) if persona != "anonymous" else Client()
    for name, url in urls.items():
        if name.startswith("public:"):
            expected = 200
        elif persona == "anonymous":
            expected = 302
        else:
            expected = 200 if persona in STAFF else 403
        assert _status(client, url) == expected, (persona, name, url)


@pytest.mark.parametrize("persona", ALL)
def test_actions_need_statistics_staff(personas: Personas, urls: dict[str, str], persona: str) -> None:
    client = personas.client(persona) if persona != "anonymous" else Client()
    report = Report.objects.get()
    response = client.post(reverse("indicators:report_generate", kwargs={"integration_report": report.uuid}))
    if persona == "anonymous":
        assert response["Location"].startswith(LOGIN)
    elif persona in STAFF:
        assert response.status_code == 302 and Publication.objects.filter(version=2).exists()
    else:
        assert response.status_code == 403 and not Publication.objects.filter(version=2).exists()


def test_unknown_places_and_indicators_are_404(urls: dict[str, str]) -> None:
    client = Client()
    assert client.get(reverse("indicators:dashboard", kwargs={"geo": "0180"})).status_code == 404
    assert client.get(reverse("indicators:indicator", kwargs={"geo": "20", "code": "NOPE"})).status_code == 404
    assert client.get(reverse("indicators:dashboard", kwargs={"geo": "00"})).status_code == 404


def _queries(url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert Client().get(url).status_code == 200
    return len(queries)


def test_dashboards_keep_their_query_budget(urls: dict[str, str]) -> None:
    counts: dict[str, Any] = {name: _queries(url) for name, url in urls.items() if name.startswith("public:")}
    assert max(counts.values()) <= 15, counts
