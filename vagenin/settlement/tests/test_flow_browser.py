"""The year's work in Chromium: the settlement officer runs the model, adjusts two quotas with a justification
and decides the year; a municipality's settlement officer reports a month for their own municipality and is
refused another's. Pages are checked with axe on the way."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Browser, Page

from testsupport.browser import PageWatch, axe_violations, new_context
from testsupport.personas import make_personas
from vagenin.settlement.models import ModelRun, MonthlyReception, MunicipalQuota, SettlementYear
from vagenin.settlement.tests.builders import add_factors, make_municipal_officer, make_year

pytestmark = pytest.mark.browser
TIMEOUT_MS = 15_000


def _accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}\n" + "\n".join(violations)


def _click(page: Page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).first.click()


def _adjust(page: Page, quota: MunicipalQuota, by: int, reason: str) -> None:
    page.goto(reverse("settlement:quota_manage", args=[quota.uuid]))
    _accessible(page)
    page.locator("#id_adjust-quota").fill(str(quota.quota + by))
    page.locator("#id_adjust-justification").fill(reason)
    _click(page, "Spara kommuntalet")
    assert "fel" not in page.locator(".messages").inner_text().lower()


@pytest.mark.django_db(transaction=True)
def test_the_officer_decides_the_year_and_a_municipality_reports_its_own(
    live_server: Any, browser: Browser, browser_settings: Any
) -> None:
    browser_settings.SITE_URL = live_server.url
    personas = make_personas()
    settlement_year = make_year(county_quota=100)
    add_factors(settlement_year)
    municipal = Client()
    municipal.force_login(make_municipal_officer("2080"))
    pages, watches = {}, []
    for name, client in (("officer", personas.client("settlement_officer")), ("municipal", municipal)):
        context = new_context(browser, live_server.url, client)
        context.set_default_timeout(TIMEOUT_MS)
        pages[name] = context.new_page()
        watches.append(PageWatch(pages[name]))
    officer, municipality = pages["officer"], pages["municipal"]

    # The officer runs the model with the documented default weights.
    officer.goto(reverse("settlement:manage_year", args=[settlement_year.uuid]))
    _accessible(officer)
    assert officer.locator("#id_weights-labour_market").input_value().startswith("43")
    _click(officer, "Spara vikterna och beräkna förslaget")
    assert "beräknat" in officer.locator(".messages").inner_text()
    assert ModelRun.objects.filter(settlement_year=settlement_year).count() == 1
    quotas = {q.municipality.code: q for q in MunicipalQuota.objects.filter(settlement_year=settlement_year)}
    assert sum(q.quota for q in quotas.values()) == 100

    # Dialogue with two municipalities: one more for Falun, one fewer for Borlänge, each with its reason.
    _adjust(officer, quotas["2080"], +1, "Falun har fler lediga lägenheter än modellen visar.")
    _adjust(officer, quotas["2081"], -1, "Borlänge tog emot många ensamkommande förra året.")
    falun = MunicipalQuota.objects.get(pk=quotas["2080"].pk)
    assert falun.quota == quotas["2080"].quota + 1 and falun.justification.startswith("Falun har")

    # The decision freezes the year.
    officer.goto(reverse("settlement:manage_year", args=[settlement_year.uuid]))
    officer.locator("#id_decided_on").fill(datetime.date(2025, 11, 14).isoformat())
    officer.locator("#id_registration_number").fill("851-1234-2025")
    _accessible(officer)
    _click(officer, "Besluta och lås kommuntalen")
    assert "beslutade" in officer.locator(".messages").inner_text()
    decided = SettlementYear.objects.get(pk=settlement_year.pk)
    assert decided.is_decided and decided.registration_number == "851-1234-2025"
    assert officer.get_by_role("button", name="Spara vikterna och beräkna förslaget").count() == 0

    # The public explanation shows the adjustment and its reason.
    officer.goto(reverse("settlement:municipality", args=[falun.uuid]))
    _accessible(officer)
    assert "fler lediga lägenheter" in officer.locator("main").inner_text()

    # Falun's settlement officer is taken to Falun's page and reports February.
    municipality.goto(reverse("settlement:report_home"))
    assert municipality.url.endswith(reverse("settlement:report", args=["2080"]))
    _accessible(municipality)
    municipality.locator("#id_monthly-month").fill("2")
    municipality.locator("#id_monthly-assigned").fill("3")
    municipality.locator("#id_monthly-received").fill("2")
    municipality.locator("#id_monthly-quota_refugees").fill("1")
    municipality.locator("#id_monthly-from_asylum_housing").fill("0")
    municipality.locator("#id_monthly-unaccompanied_minors").fill("0")
    _click(municipality, "Spara månaden")
    assert "sparade" in municipality.locator(".messages").inner_text()
    assert list(MonthlyReception.objects.values_list("municipality__code", "month", "received")) == [("2080", 2, 2)]
    # Another municipality's page does not exist for them.
    response = municipality.goto(reverse("settlement:report", args=["2062"]))
    assert response is not None and response.status == 404

    problems = [problem for watch in watches for problem in watch.take()]
    assert not problems, "\n".join(problems)
