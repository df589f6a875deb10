"""The combobox in Chromium: a coordinator picks the lead organisation and the contact person of an initiative
with the keyboard only, the WAI-ARIA states follow, axe finds no WCAG 2.1 AA violation with the list open, and
the choice is saved. Without JavaScript the same field takes a typed name."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import Browser, Page

from testsupport.browser import PageWatch, axe_violations, new_context
from testsupport.personas import make_organisation, make_personas
from vagenin.actionplan.models import Initiative
from vagenin.actionplan.tests.builders import make_initiative, make_period
from vagenin.actionplan.tests.test_submissions import make_submission
from vagenin.organisations.models import Person, Position

pytestmark = pytest.mark.browser
TIMEOUT_MS = 15_000


@pytest.fixture
def edit_page(live_server: Any, browser: Browser, browser_settings: Any) -> Iterator[tuple[Page, Initiative]]:
    personas = make_personas()
    make_period()
    for name in ("Folkbildningsförbundet Dalarna", "Folkhögskolan i Malung", "Föreningen Flyktingguiderna"):
        make_organisation(name.lower().replace(" ", "-"), name)
    person = Person.objects.create(first_name="Frida", last_name="Folkesson")
    organisation = make_organisation("folkets-hus-falun", "Folkets hus Falun")
    Position.objects.create(person=person, organisation=organisation, title_sv="Verksamhetsledare")
    initiative = make_initiative(personas.org_a, "Språkcafé i Falun")
    context = new_context(browser, live_server.url, personas.client("coordinator"))
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    watch = PageWatch(page)
    page.goto(reverse("actionplan:edit", kwargs={"slug": initiative.slug}))
    yield page, initiative
    context.close()
    problems = watch.take()
    assert not problems, "\n".join(problems)


def test_keyboard_selection_with_aria_states_and_no_axe_violation(edit_page: tuple[Page, Initiative]) -> None:
    page, initiative = edit_page
    lead = page.get_by_role("combobox", name="Ansvarig organisation")
    assert lead.input_value() == "Föreningen A"
    assert lead.get_attribute("aria-expanded") == "false"
    listbox_id = lead.get_attribute("aria-controls")
    assert listbox_id and page.locator(f"#{listbox_id}").get_attribute("role") == "listbox"

    lead.fill("")
    lead.press_sequentially("folk", delay=30)
    listbox = page.locator(f"#{listbox_id}")
    listbox.get_by_role("option").first.wait_for()
    assert lead.get_attribute("aria-expanded") == "true"
    assert listbox.get_by_role("option").count() == 3  # Folkbildningsförbundet, Folkhögskolan, Folkets hus
    assert "3 träffar" in page.locator(".combobox [role=status]").first.inner_text()
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)

    lead.press("ArrowDown")
    first = listbox.get_by_role("option").nth(0)
    assert lead.get_attribute("aria-activedescendant") == first.get_attribute("id")
    assert first.get_attribute("aria-selected") == "true"
    lead.press("ArrowDown")
    second = listbox.get_by_role("option").nth(1)
    assert lead.get_attribute("aria-activedescendant") == second.get_attribute("id")
    lead.press("ArrowUp")
    assert lead.get_attribute("aria-activedescendant") == first.get_attribute("id")
    chosen = first.locator("span").first.inner_text()
    lead.press("Enter")  # picks, does not submit
    assert lead.get_attribute("aria-expanded") == "false"
    assert lead.get_attribute("aria-activedescendant") is None
    assert lead.input_value() == chosen == "Folkbildningsförbundet Dalarna"
    assert page.url.endswith(reverse("actionplan:edit", kwargs={"slug": initiative.slug}))

    # Escape closes an open list; a second Escape empties the field.
    contact = page.get_by_role("combobox", name="Kontaktperson")
    contact.press_sequentially("frida", delay=30)
    page.locator(f"#{contact.get_attribute('aria-controls')}").get_by_role("option").first.wait_for()
    contact.press("Escape")
    assert contact.get_attribute("aria-expanded") == "false"
    assert contact.input_value() == "frida"
    contact.press("ArrowDown")  # opens the list again and moves to the first option
    assert contact.get_attribute("aria-expanded") == "true"
    contact.press("Enter")
    assert contact.input_value() == "Frida Folkesson"

    with page.expect_navigation():
        page.get_by_role("button", name="Spara", exact=True).click()
    assert "Ändringarna är sparade." in page.locator(".messages").inner_text()
    initiative.refresh_from_db()
    assert initiative.lead_organisation.name == "Folkbildningsförbundet Dalarna"
    assert initiative.contact_person is not None and initiative.contact_person.last_name == "Folkesson"


def test_without_javascript_the_typed_name_is_resolved(
    live_server: Any, browser: Browser, browser_settings: Any
) -> None:
    personas = make_personas()
    make_period()
    make_organisation("folkhogskolan-i-malung", "Folkhögskolan i Malung")
    initiative = make_initiative(personas.org_a, "Språkcafé i Falun")
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    session = personas.client("coordinator").cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
    page = context.new_page()
    page.goto(reverse("actionplan:edit", kwargs={"slug": initiative.slug}))
    field = page.locator("#id_lead_organisation")
    assert field.get_attribute("role") is None  # a plain text field
    field.fill("Finns inte")
    with page.expect_navigation():
        page.get_by_role("button", name="Spara", exact=True).click()
    assert "”Finns inte” finns inte bland det du kan välja" in page.locator(".error-summary").inner_text()
    page.locator("#id_lead_organisation").fill("folkhögskolan i malung")
    with page.expect_navigation():
        page.get_by_role("button", name="Spara", exact=True).click()
    initiative.refresh_from_db()
    assert initiative.lead_organisation.name == "Folkhögskolan i Malung"
    context.close()


def test_moderation_contact_list_follows_the_lead_organisation(
    live_server: Any, browser: Browser, browser_settings: Any
) -> None:
    personas = make_personas()
    make_period()
    frida = Person.objects.create(first_name="Frida", last_name="Folkesson")
    frans = Person.objects.create(first_name="Frans", last_name="Fredriksson")
    Position.objects.create(
        person=frida, organisation=make_organisation("folkets-hus", "Folkets hus"), title_sv="Ledare"
    )
    Position.objects.create(person=frans, organisation=personas.org_b, title_sv="Ordförande")
    submission = make_submission(organisation_name="föreningen a")
    context = new_context(browser, live_server.url, personas.client("coordinator"))
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    watch = PageWatch(page)
    page.goto(reverse("actionplan:moderation_detail", kwargs={"submission_id": submission.uuid}))
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)
    lead = page.get_by_role("combobox", name="Ansvarig organisation")
    contact = page.get_by_role("combobox", name="Kontaktperson")
    assert lead.input_value() == "Föreningen A"
    contact.press_sequentially("fr", delay=30)
    status = page.locator(".combobox [role=status]").nth(1)
    status.filter(has_text="Inga träffar").wait_for()  # nobody at Föreningen A
    lead.fill("")
    lead.press_sequentially("folkets", delay=30)
    page.locator(f"#{lead.get_attribute('aria-controls')}").get_by_role("option").first.wait_for()
    lead.press("ArrowDown")
    lead.press("Enter")
    assert lead.input_value() == "Folkets hus"
    contact.fill("")
    contact.press_sequentially("fr", delay=30)
    options = page.locator(f"#{contact.get_attribute('aria-controls')}").get_by_role("option")
    options.first.wait_for()
    assert options.count() == 1 and options.first.locator("span").first.inner_text() == "Frida Folkesson"
    context.close()
    problems = watch.take()
    assert not problems, "\n".join(problems)


def test_the_catalogues_organisation_filter_by_keyboard(
    live_server: Any, browser: Browser, browser_settings: Any
) -> None:
    """A visitor filters the public catalogue by an organisation picked in the combobox, without a mouse."""
    personas = make_personas()
    make_period()
    make_initiative(personas.org_a, "Språkcafé i Falun")
    make_initiative(personas.org_b, "Läxhjälp i Mora")
    context = new_context(browser, live_server.url)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    watch = PageWatch(page)
    page.goto(reverse("actionplan:catalogue"))
    field = page.get_by_role("combobox", name="Organisation")
    field.press_sequentially("föreningen b", delay=30)
    page.locator(f"#{field.get_attribute('aria-controls')}").get_by_role("option").first.wait_for()
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)
    field.press("ArrowDown")
    field.press("Enter")
    assert field.input_value() == "Föreningen B"
    field.press("Enter")  # the list is closed: Enter submits the filter form
    page.wait_for_url("**organisation=*")
    assert page.locator("main .result-count[role=status]").inner_text() == "1 insats"
    assert page.get_by_role("link", name="Läxhjälp i Mora").count() == 1
    context.close()
    problems = watch.take()
    assert not problems, "\n".join(problems)
