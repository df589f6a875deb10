"""Keyboard-only walkthroughs of the public forms and the login: Tab order, visible focus, errors, success."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page

from testsupport.browser import axe_violations, new_context
from testsupport.inventory import current_totp_codes
from testsupport.personas import PASSWORD, Personas, make_personas

# Describes the focused element; null when focus is on nothing (the body).
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(),
    type: el.getAttribute("type") || "",
    name: el.getAttribute("name") || "",
    text: (el.innerText || el.value || "").trim().slice(0, 60),
    href: el.getAttribute("href") || "",
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== "none",
    focusVisible: el.matches(":focus-visible"),
    onScreen: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0
      && box.left < window.innerWidth && box.top < window.innerHeight,
  };
}"""
MAX_TAB_STOPS = 250


def tab_stops(page: Page) -> list[dict[str, Any]]:
    """Press Tab from the top of the page until focus leaves it; every element focus rested on."""
    page.evaluate("() => { document.activeElement?.blur(); window.scrollTo(0, 0); }")
    stops: list[dict[str, Any]] = []
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        if stop is None or (stops and stop == stops[0]):
            break
        stops.append(stop)
    return stops


def focus_problems(stops: list[dict[str, Any]]) -> list[str]:
    """Every Tab stop is on screen and shows where focus is (outline or box-shadow)."""
    problems = []
    for stop in stops:
        label = f"{stop['tag']} {stop['name'] or stop['href'] or stop['text']!r}"
        if not stop["onScreen"]:
            problems.append(f"Tab reaches {label}, which is not on screen")
        if not (stop["focusVisible"] and (stop["outline"] or stop["shadow"])):
            problems.append(f"Focus on {label} is not visible (no :focus-visible outline or box-shadow)")
    return problems


def press_tab_until(page: Page, name: str) -> None:
    """Tab forward until the control named `name` has focus."""
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        if stop and stop["name"] == name:
            return
    raise AssertionError(f"Tab never reaches the control named {name!r}.")


def submit_with(page: Page, key: str) -> None:
    """Press the key on the focused control and wait for the page the form leads to."""
    with page.expect_navigation():
        page.keyboard.press(key)


def error_summary_announced(page: Page) -> bool:
    """The error summary has focus, or is a live alert that screen readers announce."""
    summary = page.locator(".error-summary")
    if summary.count() != 1:
        return False
    focused = page.evaluate("() => document.activeElement?.classList.contains('error-summary') ?? false")
    return focused or summary.get_attribute("role") == "alert"


def names_in_order(stops: list[dict[str, Any]], names: list[str]) -> list[str]:
    """The given control names in the order Tab reached them (each once)."""
    reached = [stop["name"] for stop in stops if stop["name"] in names]
    return list(dict.fromkeys(reached))


@pytest.fixture
def personas_live(live_server: Any, browser_settings: Any) -> Personas:
    return make_personas()


@pytest.mark.browser
def test_page_feedback_form_by_keyboard(live_server: Any, browser: Browser, personas_live: Personas) -> None:
    from vagenin.pages.models import Message, MessageKind

    context = new_context(browser, live_server.url)
    page = context.new_page()
    path = reverse("pages:accessibility")
    page.goto(live_server.url + path)

    stops = tab_stops(page)
    assert not focus_problems(stops), "\n".join(focus_problems(stops))
    order = names_in_order(stops, ["feedback-useful", "feedback-comment", "feedback-website"])
    # The radio group is one Tab stop; the comment waits inside a closed <details>; the honeypot is skipped.
    assert order == ["feedback-useful"], f"Tab order in the feedback form: {order}"
    feedback_stops = [i for i, stop in enumerate(stops) if stop["name"] == "feedback-useful"]
    after = stops[feedback_stops[0] + 1 : feedback_stops[0] + 3]
    assert [stop["tag"] for stop in after] == ["summary", "button"], f"After the answer comes: {after}"

    # Send without answering: the error summary appears and is announced.
    press_tab_until(page, "feedback-useful")
    page.keyboard.press("Tab")  # the "comment?" summary
    page.keyboard.press("Tab")  # the submit button
    submit_with(page, "Enter")
    assert error_summary_announced(page), "No announced error summary after sending the feedback form empty."
    assert not axe_violations(page), axe_violations(page)

    # Answer "yes" with the keyboard, open the comment, write one, and send.
    page.goto(live_server.url + path)
    press_tab_until(page, "feedback-useful")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # opens the <details>
    page.keyboard.press("Tab")
    page.keyboard.type("Tydlig sida.")
    page.keyboard.press("Tab")
    submit_with(page, "Enter")
    assert page.url == live_server.url + path
    assert page.locator(".messages[role=status]").count() == 1
    feedback = Message.objects.get(kind=MessageKind.PAGE_FEEDBACK)
    assert (feedback.useful, feedback.body, feedback.page) == (True, "Tydlig sida.", path)
    context.close()


@pytest.mark.browser
def test_contact_form_by_keyboard(live_server: Any, browser: Browser, personas_live: Personas) -> None:
    from vagenin.pages.models import Message, MessageKind

    context = new_context(browser, live_server.url)
    page = context.new_page()
    contact = live_server.url + reverse("pages:contact")
    page.goto(contact)

    stops = tab_stops(page)
    assert not focus_problems(stops), "\n".join(focus_problems(stops))
    order = names_in_order(stops, ["name", "email", "body", "website"])
    assert order == ["name", "email", "body"], f"Tab order in the contact form: {order}"
    after_body = stops[[stop["name"] for stop in stops].index("body") + 1]
    assert after_body["tag"] == "button", f"After the message comes {after_body}, not the send button"

    # Send with a name but no message: the summary is announced, the name is kept.
    press_tab_until(page, "name")
    page.keyboard.type("Kim Kontakt")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    submit_with(page, "Enter")
    assert error_summary_announced(page), "No announced error summary after sending the contact form without text."
    assert page.locator("input[name=name]").input_value() == "Kim Kontakt"
    assert page.locator("#id_body[aria-invalid=true]").count() == 1 or page.locator(".field-error #id_body").count()
    assert not axe_violations(page), axe_violations(page)

    # Fill in the message and send.
    press_tab_until(page, "body")
    page.keyboard.type("Hej! Hur blir man part i överenskommelsen?")
    page.keyboard.press("Tab")
    submit_with(page, "Enter")
    assert page.url == live_server.url + reverse("pages:contact_sent")
    message = Message.objects.get(kind=MessageKind.CONTACT)
    assert (message.name, message.body) == ("Kim Kontakt", "Hej! Hur blir man part i överenskommelsen?")
    context.close()


def _log_in_by_keyboard(page: Page, email: str, password: str) -> None:
    press_tab_until(page, "login")
    page.keyboard.type(email)
    press_tab_until(page, "password")  # past the "forgot your password?" link that belongs to it
    page.keyboard.type(password)
    press_tab_until_submit(page)
    submit_with(page, "Enter")


def press_tab_until_submit(page: Page) -> None:
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        if stop and stop["tag"] == "button" and stop["type"] == "submit":
            return
    raise AssertionError("Tab never reaches a submit button.")


@pytest.mark.browser
def test_login_form_by_keyboard(live_server: Any, browser: Browser, personas_live: Personas) -> None:
    context = new_context(browser, live_server.url)
    page = context.new_page()
    login = live_server.url + reverse("account_login")
    page.goto(login)

    stops = tab_stops(page)
    assert not focus_problems(stops), "\n".join(focus_problems(stops))
    order = names_in_order(stops, ["login", "password", "remember"])
    assert order[:2] == ["login", "password"], f"Tab order in the login form: {order}"

    # A wrong password: the summary is announced, the e-mail address is kept, the password is not.
    _log_in_by_keyboard(page, personas_live.editor_a.email, "fel lösenord")
    assert error_summary_announced(page), "No announced error summary after a wrong password."
    assert page.locator("input[name=login]").input_value() == personas_live.editor_a.email
    assert page.locator("input[name=password]").input_value() == ""
    assert not axe_violations(page), axe_violations(page)

    # The right password: an editor is in.
    page.goto(login)
    _log_in_by_keyboard(page, personas_live.editor_a.email, PASSWORD)
    assert page.url == live_server.url + reverse("site:dashboard")
    context.close()


@pytest.mark.browser
def test_staff_login_with_totp_by_keyboard(live_server: Any, browser: Browser, personas_live: Personas) -> None:
    """The coordinator's login passes the TOTP step, whose page is checked here (no route of its own)."""
    context = new_context(browser, live_server.url)
    page = context.new_page()
    page.goto(live_server.url + reverse("account_login"))
    _log_in_by_keyboard(page, personas_live.coordinator.email, PASSWORD)
    assert page.url == live_server.url + reverse("mfa_authenticate")
    assert page.locator("h1").count() == 1
    assert not axe_violations(page), axe_violations(page)

    press_tab_until(page, "code")
    page.keyboard.type("000000")
    submit_with(page, "Enter")
    assert error_summary_announced(page), "No announced error summary after a wrong code."

    for code in current_totp_codes():
        press_tab_until(page, "code")
        page.keyboard.press("Control+A")
        page.keyboard.type(code)
        submit_with(page, "Enter")
        if page.url == live_server.url + reverse("site:dashboard"):
            break
    assert page.url == live_server.url + reverse("site:dashboard")
    context.close()
