"""Every page of the site, in a real browser, as each persona who may see it, in Swedish and English,
at desktop and phone size: axe finds no WCAG 2.1 A/AA violation, and the page has the right language,
one h1, a working skip link, no sideways scrolling on a phone, no console errors, no failed requests
and nothing blocked by the Content-Security-Policy.

The pages come from the URL configuration (testsupport/inventory.py): a new view is checked here
as soon as it exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Browser, Page

from testsupport.browser import DESKTOP, PHONE, PageWatch, axe_violations, new_context
from testsupport.inventory import Entry, build_inventory, load_site_data, persona_clients
from testsupport.personas import SPECIALIST_NAMES

LANGUAGES = ("sv", "en")
# Violations in templates owned by another app, reported to its owner and tolerated until fixed:
# (route name, text found in the problem) -> what to do. The test fails when one of them is gone,
# so that this list only ever shrinks.
KNOWN_PROBLEMS: dict[tuple[str, str], str] = {}
# A page is checked as the first persona here who may see it: public pages anonymously, an editor's
# pages as editor_a, the secretariat's as the coordinator. Pages both editors and the coordinator see
# are checked as both, since coordinators get more fields.
SWEEP_PERSONAS = ("anonymous", "editor_a", "coordinator", *SPECIALIST_NAMES)
# Specialists visit only the pages none of the first three may see: the rest is swept already.
FIRST_SWEEP = SWEEP_PERSONAS[:3]

# On a phone the document itself must not scroll sideways (WCAG 1.4.10). A data table may be wider
# than the window (1.4.10 excepts content that needs two dimensions), but then it scrolls inside
# <div class="table-scroll" tabindex="0" role="region" aria-labelledby="…">, which keyboard users can
# reach and scroll (2.1.1) and screen readers announce by the table's name. Reported: every table wider
# than the room it has outside such a region, and when the document scrolls sideways, the leaf elements
# (a whole <svg> counts as one) sticking out past the right edge of the window, with their table.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const tableName = table => {
    const caption = (table.caption?.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 60);
    return caption ? "table «" + caption + "»" : "a table without a caption";
  };
  const found = [];
  for (const table of document.body.querySelectorAll("table")) {
    const region = table.parentElement;
    const caption = table.caption?.getBoundingClientRect();
    const room = Math.min(width, region.getBoundingClientRect().right);
    if (caption && caption.width > 0 && caption.right > room + 1) {
      found.push(tableName(table) + ": its caption runs out of view");
    }
    if (table.offsetWidth <= region.clientWidth + 1) continue;
    const label = document.getElementById(region.getAttribute("aria-labelledby") || "");
    if (!region.matches('.table-scroll[tabindex="0"][role="region"]') || !label?.textContent.trim()) {
      found.push(tableName(table) + " is wider than the room it has, outside a focusable, named .table-scroll region");
    }
  }
  if (document.documentElement.scrollWidth <= width + 1) return found.slice(0, 5);
  // Inside a scrolling region that fits the window, what sticks out of the region is clipped.
  const clipped = el => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== "visible" && up.getBoundingClientRect().right <= width + 1) return true;
    }
    return false;
  };
  for (const el of document.body.querySelectorAll("*")) {
    const leaf = el.tagName.toLowerCase() === "svg" || (!el.children.length && !el.ownerSVGElement);
    if (!leaf) continue;
    const box = el.getBoundingClientRect();
    if (box.width > 0 && (box.right > width + 1 || box.left + el.scrollWidth > width + 1) && !clipped(el)) {
      const table = el.closest("table");
      found.push(el.tagName.toLowerCase() + (el.getAttribute("class") ? "." + el.getAttribute("class") : "")
        + " «" + (el.textContent || "").trim().slice(0, 40) + "»" + (table ? " in " + tableName(table) : ""));
    }
  }
  if (found.length === 0) found.push("the page is wider than the window, but no element sticks out");
  return found.slice(0, 5);
}"""


@dataclass(frozen=True)
class Visit:
    """A page to check: its path per language and the status it must answer with."""

    name: str
    path: dict[str, str]
    status: int = 200


def _reverse(name: str, language: str) -> str:
    with translation.override(language):
        return reverse(name)


def _visits(pages: list[Entry], persona: str) -> list[Visit]:
    visits = [
        Visit(entry.name, {language: entry.url(language) for language in LANGUAGES})
        for entry in pages
        if persona in entry.viewers
        and (persona == "anonymous" or not entry.is_public)
        and (persona in FIRST_SWEEP or not set(FIRST_SWEEP) & set(entry.viewers))
    ]
    # The error pages belong to no route: a missing page, and a page the persona may not see.
    if persona == "anonymous":
        visits.append(Visit("error 404", {"sv": "/finns-inte/", "en": "/en/finns-inte/"}, 404))
    if persona == "editor_a":
        visits.append(Visit("error 403", {language: _reverse("people:list", language) for language in LANGUAGES}, 403))
    return visits


def _page_checks(page: Page, language: str) -> list[str]:
    problems = []
    lang = page.get_attribute("html", "lang")
    if lang != language:
        problems.append(f'<html lang="{lang}">, expected "{language}"')
    h1_count = page.locator("h1").count()
    if h1_count != 1:
        problems.append(f"{h1_count} h1 elements, expected exactly one")
    page.keyboard.press("Tab")
    if not page.evaluate("() => document.activeElement?.matches('a.skip-link[href=\"#main\"]') ?? false"):
        problems.append("the first Tab does not reach the skip link")
    else:
        page.keyboard.press("Enter")
        if not page.evaluate("() => document.activeElement?.id === 'main'"):
            problems.append("the skip link does not move focus to <main id=main>")
    return problems


def _check(page: Page, watch: PageWatch, base_url: str, visit: Visit, persona: str) -> list[str]:
    problems = []
    for language in LANGUAGES:
        path = visit.path[language]
        where = f"{path} ({visit.name}, {persona}, {language})"
        page.set_viewport_size(DESKTOP)  # type: ignore[arg-type]
        page.set_extra_http_headers({"Accept-Language": language})  # for the pages without a language prefix
        response = page.goto(base_url + path)
        status = response.status if response else None
        if status != visit.status:
            problems.append(f"{where}: answers {status}, expected {visit.status}")
            watch.take()
            continue
        if page.url.split("#")[0] != base_url + path:
            problems.append(f"{where}: redirected to {page.url}")
        found = [f"desktop: {problem}" for problem in axe_violations(page)]
        found += _page_checks(page, language)
        page.set_viewport_size(PHONE)  # type: ignore[arg-type]
        found += [f"phone: {problem}" for problem in axe_violations(page)]
        found += [f"phone: sticks out sideways (WCAG 1.4.10): {element}" for element in page.evaluate(OVERFLOWING)]
        found += watch.take()
        problems += [f"{where}: {problem}" for problem in found]
    return problems


def _without_known(problems: list[str]) -> list[str]:
    """The problems not on KNOWN_PROBLEMS, and a note for each known problem that no longer occurs."""
    remaining = []
    seen = set()
    for problem in problems:
        known = [key for key in KNOWN_PROBLEMS if f"({key[0]}," in problem and key[1] in problem]
        seen.update(known)
        if not known:
            remaining.append(problem)
    remaining += [f"fixed, remove it from KNOWN_PROBLEMS: {key}" for key in KNOWN_PROBLEMS if key not in seen]
    return remaining


@pytest.mark.browser
def test_every_page_is_accessible(live_server: Any, browser: Browser, browser_settings: Any) -> None:
    site = load_site_data()
    clients = persona_clients(site.personas)
    inventory = build_inventory(site, clients)
    problems = [f"not in the inventory: {problem}" for problem in inventory.problems]
    for persona in SWEEP_PERSONAS:
        context = new_context(browser, live_server.url, None if persona == "anonymous" else clients[persona])
        page = context.new_page()
        watch = PageWatch(page)
        for visit in _visits(inventory.pages(), persona):
            problems += _check(page, watch, live_server.url, visit, persona)
        context.close()
    problems = _without_known(problems)
    assert not problems, f"{len(problems)} accessibility problems:\n" + "\n".join(problems)
