"""The staff start page: every role sees the modules it works in, says what it does there, and every link opens."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from testsupport.personas import INVENTORY_PERSONAS, Personas

pytestmark = pytest.mark.django_db

MODULES = re.compile(r"<h2>Moduler</h2>(.*?)<h2>Mitt konto</h2>", re.S)
EXPECTED = {
    "editor_a": {"Möten", "Nyheter och nyhetsbrev"},
    "editor_b": {"Möten", "Nyheter och nyhetsbrev"},
    "coordinator": {"Bosättning", "Bidrag", "Statistik och integrationsrapport", "Möten", "Nyheter och nyhetsbrev"},
    "settlement_officer": {"Bosättning"},
    "grant_officer": {"Bidrag"},
    "analyst": {"Handlingsplanen", "Bosättning", "Bidrag", "Statistik och integrationsrapport", "Möten"},
}


@pytest.fixture
def reference() -> None:
    call_command("load_reference", stdout=io.StringIO())


@pytest.mark.parametrize("persona", [name for name in INVENTORY_PERSONAS if name != "anonymous"])
def test_each_role_finds_its_modules_and_every_link_opens(personas: Personas, reference: None, persona: str) -> None:
    client = personas.client(persona)
    html = client.get(reverse("site:dashboard")).content.decode()
    match = MODULES.search(html)
    modules = match.group(1) if match else ""
    assert set(re.findall(r"<h3>(.*?)</h3>", modules)) == EXPECTED[persona]
    links = re.findall(r'<a href="([^"]+)">', modules)
    assert links
    for url in links:
        assert client.get(url).status_code == 200, url


def test_the_analyst_reads_drafts_in_the_overview_and_exports_but_imports_nothing(
    personas: Personas, reference: None
) -> None:
    client = personas.client("analyst")
    assert client.get(reverse("actionplan:export")).status_code == 200
    assert 'name="utkast"' in client.get(reverse("actionplan:overview")).content.decode()
    assert client.get(reverse("actionplan:import")).status_code == 403
    assert personas.client("editor_a").get(reverse("actionplan:export")).status_code == 403


def test_a_returned_report_is_flagged_with_the_secretariats_comment(personas: Personas) -> None:
    import datetime

    from vagenin.actionplan import services
    from vagenin.actionplan.tests.builders import make_initiative

    def start_page(persona: str) -> str:
        return personas.client(persona).get(reverse("site:dashboard")).content.decode()

    initiative = make_initiative(personas.org_a, "Språkpraktik")
    report = services.start_report(
        actor=personas.editor_a,
        initiative=initiative,
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 6, 30),
    )
    services.save_report(
        actor=personas.editor_a,
        report=report,
        narrative="Det går bra.",
        progress=20,
        status_after="",
        values={},
        milestones_done={},
    )
    services.submit_report(actor=personas.editor_a, report=report)
    assert "Lägesrapporter att komplettera" not in start_page("editor_a")
    services.return_report(actor=personas.coordinator, report=report, comment="Beskriv deltagarnas praktikplatser.")

    html = start_page("editor_a")
    assert "Lägesrapporter att komplettera" in html
    assert reverse("actionplan:report_edit", kwargs={"report_id": report.uuid}) in html
    assert "Språkpraktik: lägesrapporten för" in html
    assert '<blockquote lang="sv"><p>Beskriv deltagarnas praktikplatser.</p></blockquote>' in html
    for other in ("editor_b", "coordinator"):
        assert "Lägesrapporter att komplettera" not in start_page(other)

    services.submit_report(actor=personas.editor_a, report=report)
    assert "Lägesrapporter att komplettera" not in start_page("editor_a")
