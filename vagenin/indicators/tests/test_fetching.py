"""The scheduled fetch: a transport that reads the shipped files stands in for the network."""

from __future__ import annotations

from pathlib import Path

import pytest

from vagenin.indicators import fetching, tasks
from vagenin.indicators.models import IndicatorDefinition, Observation, SourceKind

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
KOLADA = "https://api.kolada.se/v3/data/kpi/N03926/municipality/0020"
PXWEB = "https://api.scb.se/OV0104/v1/doris/sv/ssd/SAMPLE"
FILES = {
    KOLADA: "kolada/n03926_0020_page1.json",
    KOLADA + "?page=2&per_page=1": "kolada/n03926_0020_page2.json",
    PXWEB: "pxweb/foreign_born_sample.jsonstat2.json",
}


class Files:
    """A transport that answers from the shipped files and remembers what it was asked."""

    def __init__(self, files: dict[str, str] = FILES) -> None:
        self.files = files
        self.requests: list[fetching.Request] = []

    def __call__(self, request: fetching.Request) -> bytes:
        self.requests.append(request)
        if request.url not in self.files:
            raise fetching.FetchError(f"{request.url}: no such address")
        return (FIXTURES / self.files[request.url]).read_bytes()


@pytest.fixture
def sources(reference: None) -> None:
    IndicatorDefinition.objects.create(
        code="N03926", name_sv="Långtidsarbetslöshet", fetch_kind=SourceKind.KOLADA, fetch_url=KOLADA
    )
    IndicatorDefinition.objects.create(
        code="SAMPLE01",
        name_sv="Folkmängd 20–64 år",
        fetch_kind=SourceKind.JSONSTAT,
        fetch_url=PXWEB,
        source_query='{"query": [], "response": {"format": "json-stat2"}}',
    )
    IndicatorDefinition.objects.create(code="LOCAL", name_sv="Bara uppladdade filer")


def test_every_source_with_an_api_is_fetched_and_imported(sources: None) -> None:
    transport = Files()
    outcome = fetching.refresh_all(transport=transport)
    assert outcome == {"N03926": "imported 6", "SAMPLE01": "imported 20"}
    # Kolada's pages are followed; PxWeb gets its query as a POST body.
    assert [r.url for r in transport.requests] == [KOLADA, KOLADA + "?page=2&per_page=1", PXWEB]
    assert transport.requests[2].body == b'{"query": [], "response": {"format": "json-stat2"}}'
    assert Observation.objects.filter(indicator__code="N03926", geo_code="20", period_code="2022").count() == 3
    # A second run updates in place.
    fetching.refresh_all(transport=Files())
    assert Observation.objects.filter(indicator__code="N03926").count() == 6


def test_an_unreachable_source_changes_nothing_and_is_reported(sources: None) -> None:
    outcome = fetching.refresh_all(transport=Files({PXWEB: FILES[PXWEB]}), codes=["N03926", "SAMPLE01"])
    assert outcome["N03926"].startswith("failed: https://api.kolada.se")
    assert outcome["SAMPLE01"] == "imported 20"
    assert not Observation.objects.filter(indicator__code="N03926").exists()


def test_a_bad_answer_is_refused_with_the_reason(sources: None) -> None:
    def broken(request: fetching.Request) -> bytes:
        return b'{"values": [{"kpi": "N03926"}]}'

    outcome = fetching.refresh_all(transport=broken, codes=["N03926"])
    assert outcome["N03926"].startswith("refused: 1 rows rejected")
    assert not Observation.objects.exists()


def test_the_real_transport_fetches_https_only() -> None:
    with pytest.raises(fetching.FetchError, match="only https"):
        fetching.http_transport(fetching.Request("file:///etc/passwd"))


def test_the_scheduled_task_uses_the_real_transport(sources: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetching, "http_transport", Files())  # the network stays untouched
    assert tasks.fetch_sources.delay().get() == {"N03926": "imported 6", "SAMPLE01": "imported 20"}
