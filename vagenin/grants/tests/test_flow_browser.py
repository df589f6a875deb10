"""Apply → decide in Chromium: an editor applies through the real forms, the grant officer decides, the editor
sees the decision and its letter. Pages are checked with axe on the way."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page

from testsupport.browser import PageWatch, axe_violations, new_context
from testsupport.personas import make_personas
from vagenin.grants.models import Application, Status
from vagenin.grants.tests.builders import make_call

pytestmark = pytest.mark.browser
TIMEOUT_MS = 15_000


def _accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}\n" + "\n".join(violations)


def _click(page: Page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).first.click()


@pytest.mark.django_db(transaction=True)
def test_apply_then_decide(live_server: Any, browser: Browser, browser_settings: Any) -> None:
    browser_settings.SITE_URL = live_server.url
    personas = make_personas()
    call = make_call()
    watches = []
    pages = {}
    for name in ("editor_a", "grant_officer"):
        context = new_context(browser, live_server.url, personas.client(name))
        context.set_default_timeout(TIMEOUT_MS)
        pages[name] = context.new_page()
        watches.append(PageWatch(pages[name]))
    editor, officer = pages["editor_a"], pages["grant_officer"]

    editor.goto(call.get_absolute_url())
    _accessible(editor)
    with editor.expect_navigation():
        editor.get_by_role("link", name="Ansök", exact=True).click()
    editor.get_by_label("Sökande organisation").select_option(label="Föreningen A")
    _click(editor, "Skapa utkast")
    editor.get_by_label(re.compile("^Ändamål")).fill("Språkcaféer för asylsökande vuxna.")
    editor.get_by_label(re.compile(r"^Sökt belopp")).fill("50000")
    editor.get_by_label("Aktiviteter").fill("Två kvällar i veckan.")
    editor.get_by_label(re.compile(r"^Post 1:?$")).fill("Personal")
    editor.get_by_label("Belopp för post 1 (kr)").fill("50000")
    _accessible(editor)
    _click(editor, "Spara och gå till inskickning")
    _click(editor, "Skicka in ansökan")
    assert "Ansökan är inskickad" in editor.locator("body").inner_text()
    application = Application.objects.get()
    assert application.status == Status.SUBMITTED

    officer.goto(reverse("grants:officer_application", args=[application.uuid]))
    _accessible(officer)
    _click(officer, "Ta upp till handläggning")
    officer.get_by_label("Beviljad i sin helhet").check()
    officer.get_by_label("Diarienummer").fill("851-77-2026")
    _click(officer, "Registrera beslut")
    assert "Beslutet är registrerat" in officer.locator("body").inner_text()

    editor.goto(application.get_absolute_url())
    text = editor.locator("body").inner_text()
    assert "Beviljad i sin helhet" in text and "851-77-2026" in text
    assert editor.get_by_role("link", name="Beslutsbrev (PDF)").count() == 1
    _accessible(editor)
    problems = [problem for watch in watches for problem in watch.take()]
    assert not problems, "\n".join(problems)
