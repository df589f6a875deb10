"""The whole grant flow in Chromium, through the real forms: an editor applies (the organisation found by its
organisation number), the officer asks for more information and the editor completes it, a reviewer from the
applying organisation is refused and another scores, the officer decides in part and the decision letter is a
PDF, the grant is paid, the editor reports back having used less, and the officer sees the rest flagged for
reclaim and approves. Pages are checked with axe on the way."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Browser, Page

from testsupport.browser import PageWatch, axe_violations, new_context
from testsupport.personas import make_personas, make_user
from vagenin.accounts.models import Membership, MembershipRole, StaffRole
from vagenin.grants.models import Application, FinalReport, Status
from vagenin.grants.tests.builders import make_call
from vagenin.organisations.models import Organisation

pytestmark = pytest.mark.browser
TIMEOUT_MS = 15_000
NUMBER_A = "802000-1114"


def _accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}\n" + "\n".join(violations)


def _click(page: Page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).first.click()


def _text(page: Page) -> str:
    return page.locator("body").inner_text()


@pytest.mark.django_db(transaction=True)
def test_the_whole_flow_in_the_browser(live_server: Any, browser: Browser, browser_settings: Any) -> None:
    browser_settings.SITE_URL = live_server.url
    personas = make_personas()
    Organisation.objects.filter(pk=personas.org_a.pk).update(organisation_number=NUMBER_A)
    call = make_call()
    # A staff member of the applying organisation (a conflict of interest), and an independent reviewer.
    conflicted = make_user("javig@test.example", roles=(StaffRole.ANALYST,), full_name="Jan Jävig")
    Membership.objects.create(user=conflicted, organisation=personas.org_a, role=MembershipRole.MEMBER)
    reviewer = make_user("granskare@test.example", roles=(StaffRole.ANALYST,), full_name="Gun Granskare")
    reviewer_client = Client()
    reviewer_client.force_login(reviewer)
    clients = {"editor_a": personas.client("editor_a"), "grant_officer": personas.client("grant_officer")}
    clients["reviewer"] = reviewer_client
    watches, pages = [], {}
    for name, client in clients.items():
        context = new_context(browser, live_server.url, client)
        context.set_default_timeout(TIMEOUT_MS)
        pages[name] = context.new_page()
        watches.append(PageWatch(pages[name]))
    editor, officer, scorer = pages["editor_a"], pages["grant_officer"], pages["reviewer"]

    # Apply: the organisation is found by its organisation number, typed without the hyphen.
    editor.goto(call.get_absolute_url())
    _accessible(editor)
    with editor.expect_navigation():
        editor.get_by_role("link", name="Ansök", exact=True).click()
    editor.get_by_label("Eller organisationsnummer").fill("8020001115")
    _click(editor, "Skapa utkast")
    assert "kontrollsiffran stämmer inte" in _text(editor)
    _accessible(editor)
    editor.get_by_label("Eller organisationsnummer").fill("8020001114")
    _click(editor, "Skapa utkast")
    editor.get_by_label(re.compile("^Ändamål")).fill("Språkcaféer för asylsökande vuxna.")
    editor.get_by_label(re.compile(r"^Sökt belopp")).fill("50000")
    editor.get_by_label("Aktiviteter").fill("Två kvällar i veckan.")
    editor.get_by_label(re.compile(r"^Post 1:?$")).fill("Personal")
    editor.get_by_label("Belopp för post 1 (kr)").fill("50000")
    _accessible(editor)
    _click(editor, "Spara och gå till inskickning")
    _click(editor, "Skicka in ansökan")
    assert "Ansökan är inskickad" in _text(editor)
    application = Application.objects.get()
    assert (application.organisation, application.status) == (personas.org_a, Status.SUBMITTED)

    # The officer takes it up and asks for more information; the editor sees the message and completes it.
    officer_url = reverse("grants:officer_application", args=[application.uuid])
    officer.goto(officer_url)
    _accessible(officer)
    _click(officer, "Ta upp till handläggning")
    officer.get_by_label("Meddelande").fill("Beskriv hur ni når deltagarna.")
    _click(officer, "Begär komplettering")
    editor.goto(application.get_absolute_url())
    assert "Komplettering begärd" in _text(editor) and "Beskriv hur ni når deltagarna." in _text(editor)
    _accessible(editor)
    _click(editor, "Skicka in kompletteringen")
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED

    # Review: a reviewer from the applying organisation is refused with the reason; an independent one scores.
    officer.goto(officer_url)
    _click(officer, "Ta upp till handläggning")
    officer.get_by_label("Granskare").select_option(label="Jan Jävig")
    _click(officer, "Tilldela granskare")
    assert "Jan Jävig är jävig" in _text(officer)
    assert not application.reviews.exists()
    officer.get_by_label("Granskare").select_option(label="Gun Granskare")
    _click(officer, "Tilldela granskare")
    scorer.goto(reverse("grants:my_reviews"))
    _accessible(scorer)
    with scorer.expect_navigation():
        scorer.get_by_role("link", name=application.title).click()
    scorer.get_by_label(re.compile("^Jag intygar att jag inte är jävig")).check()
    scorer.get_by_label(re.compile("^Behov")).fill("4")
    scorer.get_by_label(re.compile("^Genomförbarhet")).fill("3")
    _accessible(scorer)
    _click(scorer, "Spara och markera som klar")
    assert application.reviews.get().total() == 7

    # Decide in part; the decision letter is a PDF. Then the payment.
    officer.goto(officer_url)
    assert "Har gett poäng" in _text(officer)  # a reviewer who has scored is not offered for removal
    officer.get_by_label("Delvis beviljad").check()
    officer.get_by_label(re.compile(r"^Beviljat belopp")).fill("40000")
    officer.get_by_label("Diarienummer").fill("851-77-2026")
    _accessible(officer)
    _click(officer, "Registrera beslut")
    assert "Beslutet är registrerat" in _text(officer)
    letter = officer.context.request.get(reverse("grants:decision_letter", args=[application.uuid]))
    assert letter.status == 200 and letter.headers["content-type"] == "application/pdf"
    assert letter.body().startswith(b"%PDF")
    _click(officer, "Registrera utbetalning")
    application.refresh_from_db()
    assert (application.status, application.amount_granted) == (Status.PAID, 40_000)

    # Report back: 30 000 of 40 000 used, so 10 000 is flagged for reclaim.
    editor.goto(application.get_absolute_url())
    assert "Delvis beviljad" in _text(editor) and "851-77-2026" in _text(editor)
    with editor.expect_navigation():
        editor.get_by_role("link", name="Skriv slutrapporten").click()
    editor.get_by_label("Vad gjordes?").fill("Vi höll 40 språkcaféer.")
    editor.get_by_label("Använt belopp totalt (kr)").fill("30000")
    editor.get_by_label(re.compile("^Använt för ”Personal”")).fill("30000")
    editor.get_by_label("Kvinnor, 18-29 år").fill("12")
    _accessible(editor)
    _click(editor, "Skicka in slutrapporten")
    report = FinalReport.objects.get()
    assert report.reclaim_flagged and report.reclaim_amount == 10_000

    officer.goto(officer_url)
    facts = officer.locator("dl.facts").last.inner_text()
    assert "Att återkräva" in facts and "10\xa0000 kr" in facts
    _accessible(officer)
    _click(officer, "Godkänn slutrapporten")
    application.refresh_from_db()
    assert application.status == Status.REPORTED
    problems = [problem for watch in watches for problem in watch.take()]
    assert not problems, "\n".join(problems)
