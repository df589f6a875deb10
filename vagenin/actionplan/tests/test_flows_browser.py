"""The action plan's two main flows end to end in Chromium, as the people involved see them.

1. A partner's editor creates an initiative, publishes it and reports on it; the secretariat returns the
   report once and then approves it; the public catalogue, the initiative's page and the overview show it.
2. A visitor (in English) sends a project through the public form; the secretariat asks for changes,
   the visitor corrects it through the link in the e-mail, and the secretariat publishes it.

Every step goes through the real forms; what is asserted is what people see and the e-mails they get.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Browser, BrowserContext, Locator, Page

from testsupport.browser import PageWatch, axe_violations, new_context
from testsupport.inventory import current_totp_codes
from testsupport.personas import PASSWORD, Personas, make_municipality, make_personas
from vagenin.actionplan.models import Initiative, InitiativeStatus, ProjectSubmission, TargetGroup
from vagenin.actionplan.tests.builders import make_initiative, make_period
from vagenin.agreement.models import Area, FocusTheme

pytestmark = pytest.mark.browser

SECRETARIAT = "kansli@vagenin.example"
TITLE = "Jobbspår för nyanlända kvinnor"
INDICATOR = "Deltagare i arbete"
MILESTONE = "Första gruppen anställd"
PROJECT = "Cykelskola för vuxna i Mora"
VISITOR = "vera.besokare@example.org"
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
# A missing element fails the test after this long instead of Playwright's 30 seconds.
TIMEOUT_MS = 15_000

# Rows of the table whose caption contains the given text, each as the texts of its cells.
TABLE_ROWS = """caption => {
  const table = [...document.querySelectorAll("table")]
    .find(t => t.caption && t.caption.textContent.includes(caption));
  return table ? [...table.rows].map(row => [...row.cells].map(cell => cell.innerText.trim())) : null;
}"""


@dataclass
class World:
    """The people, the browser and what was watched along the way."""

    url: str
    personas: Personas
    browser: Browser
    contexts: list[BrowserContext] = field(default_factory=list)
    watches: list[PageWatch] = field(default_factory=list)
    mails_seen: int = 0

    def page(self, client: Client | None = None) -> Page:
        """A new browser (context) with one page; with a logged-in test client, as that client's user."""
        context = new_context(self.browser, self.url, client)
        context.set_default_timeout(TIMEOUT_MS)
        self.contexts.append(context)
        page = context.new_page()
        self.watches.append(PageWatch(page))
        return page

    def new_mail(self) -> list[EmailMessage]:
        """The e-mails sent since the last call."""
        sent = mail.outbox[self.mails_seen :]
        self.mails_seen = len(mail.outbox)
        return sent

    def link_in(self, message: EmailMessage) -> str:
        """The site's address in an e-mail (SITE_URL is the live server, so the links work here)."""
        found = re.search(re.escape(self.url) + r"/\S+", str(message.body))
        assert found, f"No link to the site in: {message.body}"
        return found.group(0)


@pytest.fixture
def world(live_server: Any, browser: Browser, browser_settings: Any) -> Iterator[World]:
    """The personas, one period with two areas, and a published initiative of the other organisation in Mora."""
    browser_settings.SECRETARIAT_EMAIL = SECRETARIAT
    browser_settings.SITE_URL = live_server.url
    cache.clear()  # the public form's rate limit counts in the cache
    personas = make_personas()
    period = make_period()
    area = Area.objects.create(
        period=period,
        slug="vardag",
        number=2,
        name_sv="Vägen in i vardagen",
        name_en="The way into everyday life",
        short_name_sv="Vardag",
        short_name_en="Everyday life",
    )
    everyday = FocusTheme.objects.create(
        area=area, slug="vardagsliv", number=1, name_sv="Ett fungerande vardagsliv", name_en="A working everyday life"
    )
    TargetGroup.objects.create(slug="kvinnor", name_sv="Kvinnor", name_en="Women")
    other = make_initiative(personas.org_b, "Föreningsliv i Mora", progress=50, status=InitiativeStatus.ONGOING)
    other.themes.set([everyday])
    other.municipalities.set([make_municipality("2062", "Mora")])
    world = World(url=live_server.url, personas=personas, browser=browser)
    yield world
    for context in world.contexts:
        context.close()
    problems = [problem for watch in world.watches for problem in watch.take()]
    assert not problems, "\n".join(problems)


# Helpers ------------------------------------------------------------------------------------------


def submit(page: Page, button: Locator) -> None:
    """Click a submit button and wait for the page the form leads to."""
    with page.expect_navigation():
        button.click()


def follow(page: Page, link: Locator) -> None:
    with page.expect_navigation():
        link.click()


def labelled(scope: Page | Locator, label: str) -> Locator:
    """The form field whose label is exactly `label` (Django adds a colon to the label)."""
    return scope.get_by_label(re.compile(rf"^{re.escape(label)}:?$"))


def heading(page: Page) -> str:
    return page.locator("h1").inner_text()


def messages(page: Page) -> str:
    """The flash messages shown on the page."""
    shown = page.locator(".messages")
    return shown.inner_text() if shown.count() else ""


def table(page: Page, caption: str) -> list[list[str]]:
    rows = page.evaluate(TABLE_ROWS, caption)
    assert rows is not None, f"No table captioned {caption!r} on {page.url}"
    return rows


def row(rows: list[list[str]], header: str) -> list[str]:
    """The cells of the row whose first cell is `header`."""
    matches = [cells for cells in rows if cells and cells[0] == header]
    assert len(matches) == 1, f"No single row {header!r} in {rows}"
    return matches[0]


def column(rows: list[list[str]], header: str, name: str) -> str:
    """One cell: the row whose first cell is `header`, the column whose heading is `name`."""
    return row(rows, header)[rows[0].index(name)]


def accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}\n" + "\n".join(violations)


def log_in(world: World, page: Page, email: str, *, totp: bool = False) -> None:
    """Log in through the login form, and through the TOTP step for staff; ends on "Min sida"."""
    page.goto(reverse("account_login"))
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    submit(page, page.get_by_role("button", name="Logga in", exact=True))
    if totp:
        assert page.url == world.url + reverse("mfa_authenticate")
        # A code is refused if its period ended on the way or it was used before; the next one is tried.
        for code in current_totp_codes():
            page.locator("input[name=code]").fill(code)
            submit(page, page.get_by_role("button", name="Logga in", exact=True))
            if page.url == world.url + reverse("site:dashboard"):
                break
    assert page.url == world.url + reverse("site:dashboard")
    assert heading(page) == "Min sida"


def fieldset(page: Page, legend: str) -> Locator:
    """The fieldset with this legend (the working page has one small form per part)."""
    return page.locator("fieldset").filter(has=page.locator(f"legend:text-is('{legend}')"))


def overview_counts(page: Page) -> dict[str, Any]:
    """What the public overview says: initiatives per area, per municipality and area, and progress per area."""
    page.goto(reverse("actionplan:overview"))
    assert heading(page) == "Handlingsplanen i siffror"
    per_area = table(page, "Antal insatser per samverkansområde")
    per_theme = table(page, "Antal insatser per fokusområde")
    heat = table(page, "Insatser per kommun och samverkansområde")
    progress = table(page, "Genomsnittligt framsteg")
    return {
        "areas": {cells[0]: cells[1] for cells in per_area[1:]},
        "themes": {cells[0]: cells[2] for cells in per_theme[1:]},
        "falun": dict(zip(heat[0][1:], row(heat, "Falun")[1:], strict=True)),
        "mora": dict(zip(heat[0][1:], row(heat, "Mora")[1:], strict=True)),
        "progress": {cells[0]: cells[1] for cells in progress[1:]},
    }


# 1. Partner creates → reports → secretariat approves → public page and overviews update -----------


def test_partner_reports_and_the_secretariat_approves(world: World) -> None:
    public = world.page()
    before = overview_counts(public)
    assert before["areas"] == {"Vägen till arbete": "0", "Vägen in i vardagen": "1"}
    assert before["themes"] == {"Korta vägen till anställning": "0", "Ett fungerande vardagsliv": "1"}
    assert before["falun"] == {"Arbete": "0", "Vardag": "0", "Totalt": "0"}
    assert before["progress"]["Vägen till arbete"] == "–"

    # The editor logs in (no TOTP for editors) and creates the initiative through the form.
    editor = world.page()
    log_in(world, editor, world.personas.editor_a.email)
    follow(editor, editor.get_by_role("link", name="Lägg till en insats"))
    assert heading(editor) == "Ny insats"
    accessible(editor)
    labelled(editor, "Titel").fill(TITLE)
    labelled(editor, "Sammanfattning").fill("Praktik, språk och jobbcoachning i Falun.")
    labelled(editor, "Beskrivning").fill("Deltagarna varvar språkstudier med praktik.")
    # An editor of one organisation finds it chosen as lead organisation (a combobox, not a drop-down).
    assert editor.get_by_role("combobox", name="Ansvarig organisation").input_value() == "Föreningen A"
    editor.get_by_label("Arbete: Korta vägen till anställning").check()
    editor.get_by_label("Falun", exact=True).check()
    editor.get_by_label("Kvinnor", exact=True).check()
    editor.get_by_label("Startdatum").fill("2025-01-01")
    editor.get_by_label("Slutdatum").fill("2027-12-31")
    labelled(editor, "Status").select_option(label="Pågående")
    submit(editor, editor.get_by_role("button", name="Spara", exact=True))
    assert heading(editor) == TITLE
    assert "Insatsen är sparad som utkast." in messages(editor)
    assert "Utkast" in editor.locator(".meta").first.inner_text()
    initiative = Initiative.objects.get(title_sv=TITLE)
    assert editor.url == world.url + reverse("actionplan:manage", args=[initiative.slug])

    # A milestone and an indicator on the working page, then publication.
    milestone = fieldset(editor, "Lägg till delmål")
    labelled(milestone, "Delmål").fill(MILESTONE)
    milestone.get_by_label("Planerat datum").fill("2025-06-01")
    submit(editor, milestone.get_by_role("button", name="Lägg till"))
    assert "Delmålet är sparat." in messages(editor)
    indicator = fieldset(editor, "Lägg till indikator")
    labelled(indicator, "Indikator").fill(INDICATOR)
    indicator.get_by_label("Enhet").fill("personer")
    labelled(indicator, "Utgångsvärde").fill("0")
    indicator.get_by_label("Utgångsvärdets datum").fill("2025-01-01")
    indicator.get_by_label("Målvärde").fill("100")
    indicator.get_by_label("Måldatum").fill("2027-12-31")
    submit(editor, indicator.get_by_role("button", name="Lägg till"))
    assert "Indikatorn är sparad." in messages(editor)
    assert editor.get_by_role("link", name=MILESTONE).count() == 1
    assert editor.get_by_role("link", name=INDICATOR).count() == 1
    # A link and an attachment: both forms have a "Rubrik" field, and each label must lead to its own.
    link = fieldset(editor, "Lägg till länk")
    labelled(link, "Rubrik").fill("Om Jobbspår")
    labelled(link, "Adress").fill("example.org/jobbspar")
    submit(editor, link.get_by_role("button", name="Lägg till"))
    assert "Länken är tillagd." in messages(editor)
    attachment = fieldset(editor, "Ladda upp bilaga")
    labelled(attachment, "Rubrik").fill("Projektplan")
    labelled(attachment, "Fil").set_input_files({"name": "plan.pdf", "mimeType": "application/pdf", "buffer": PDF})
    submit(editor, attachment.get_by_role("button", name="Ladda upp"))
    assert "Bilagan är uppladdad." in messages(editor)
    accessible(editor)
    submit(editor, editor.get_by_role("button", name="Skicka till kansliet för publicering"))
    assert "Insatsen har skickats till kansliet" in messages(editor)
    (requested,) = world.new_mail()
    assert (requested.to, requested.subject) == ([SECRETARIAT], f"Ny insats att granska före publicering: {TITLE}")

    # The coordinator logs in with password and TOTP and publishes it from the queue; the editor hears of it.
    coordinator = world.page()
    log_in(world, coordinator, world.personas.coordinator.email, totp=True)
    follow(coordinator, coordinator.get_by_role("link", name="Granska första publiceringar (1 väntar)"))
    assert heading(coordinator) == "Insatser att granska före publicering"
    accessible(coordinator)
    coordinator.get_by_label("Publicera insatsen").check()
    submit(coordinator, coordinator.get_by_role("button", name="Spara beslutet"))
    assert f"{TITLE} är publicerad." in messages(coordinator)
    (published,) = world.new_mail()
    assert published.to == [world.personas.editor_a.email]

    # The progress report: narrative, progress, the indicator's value and the milestone done; sent in.
    report_form = fieldset(editor, "Skriv en ny lägesrapport")
    report_form.get_by_label("Periodens början").fill("2026-01-01")
    report_form.get_by_label("Periodens slut").fill("2026-06-30")
    submit(editor, report_form.get_by_role("button", name="Börja skriva"))
    assert heading(editor) == "Lägesrapport"
    accessible(editor)
    editor.get_by_label("Lägesbeskrivning").fill("Tolv deltagare har börjat praktik och fyra har fått arbete.")
    editor.get_by_label("Framsteg").fill("55")
    editor.get_by_label(f"{INDICATOR} (personer)").fill("40")
    editor.get_by_label(f"Delmålet ”{MILESTONE}” klart").fill("2025-05-20")
    submit(editor, editor.get_by_role("button", name="Skicka in till kansliet"))
    assert "Rapporten är inskickad till kansliet." in messages(editor)
    assert "Inskickad" in editor.locator("#rapporter + ul").inner_text()
    (submitted,) = world.new_mail()
    assert submitted.to == [SECRETARIAT]
    assert submitted.subject == f"Lägesrapport att granska: {TITLE}"
    assert "Föreningen A har skickat in en lägesrapport" in submitted.body
    # Published, but the report does not count until the secretariat has approved it.
    public.goto(initiative.get_absolute_url())
    assert heading(public) == TITLE
    assert public.locator("dl.facts progress").get_attribute("value") == "0"
    assert public.locator("article.card").count() == 0

    # The coordinator finds the report in the review queue.
    coordinator.goto(reverse("site:dashboard"))
    follow(coordinator, coordinator.get_by_role("link", name="Granska lägesrapporter (1 väntar)"))
    assert heading(coordinator) == "Rapporter att granska"
    queue = table(coordinator, "Inskickade rapporter")
    assert row(queue, TITLE)[1] == "Föreningen A"
    follow(coordinator, coordinator.get_by_role("link", name=TITLE))
    assert coordinator.url == world.link_in(submitted)
    assert "Tolv deltagare har börjat praktik" in coordinator.locator("main").inner_text()
    assert f"{INDICATOR}: 40,00 personer" in coordinator.locator("main").inner_text()
    accessible(coordinator)

    # Returned with a comment: the editor is told by e-mail, follows its link and sees the comment.
    coordinator.get_by_label("Skicka tillbaka för komplettering").check()
    coordinator.get_by_label("Kommentar till partnern").fill("Värdet gäller hela året. Ange det för perioden.")
    submit(coordinator, coordinator.get_by_role("button", name="Spara beslut"))
    assert "Rapporten är återsänd till partnern." in messages(coordinator)
    assert "Inga rapporter väntar på granskning." in coordinator.locator("main").inner_text()
    (returned,) = world.new_mail()
    assert returned.to == [world.personas.editor_a.email]
    assert returned.subject == f"Komplettera lägesrapporten för {TITLE}"
    assert "Värdet gäller hela året. Ange det för perioden." in returned.body

    editor.goto(reverse("actionplan:manage", args=[initiative.slug]))
    assert "Återsänd för komplettering – Värdet gäller hela året." in editor.locator("#rapporter + ul").inner_text()
    editor.goto(world.link_in(returned))
    assert heading(editor) == "Lägesrapport"
    assert "Kansliet vill att du kompletterar:" in editor.locator(".message-error").inner_text()
    # The editor completes the report in English; the secretariat is still told in Swedish.
    submit(editor, editor.get_by_role("button", name="English"))
    assert editor.url == world.url + "/en" + reverse("actionplan:report_edit", args=[initiative.reports.get().uuid])
    assert heading(editor) == "Progress report"
    returned_note = editor.locator(".message-error").inner_text()
    assert "The secretariat would like you to add the following:" in returned_note
    assert "Värdet gäller hela året. Ange det för perioden." in returned_note
    assert editor.get_by_label(f"{INDICATOR} (personer)").input_value() == "40.00"
    editor.get_by_label(f"{INDICATOR} (personer)").fill("42")
    editor.get_by_label("Progress (%)").fill("60")
    accessible(editor)
    submit(editor, editor.get_by_role("button", name="Submit to the secretariat"))
    assert "The report has been submitted to the secretariat." in messages(editor)
    (resubmitted,) = world.new_mail()
    assert (resubmitted.to, resubmitted.subject) == ([SECRETARIAT], f"Lägesrapport att granska: {TITLE}")

    # Approved: the editor is told (in English, the language they switched to), and the report now counts.
    coordinator.goto(reverse("actionplan:review_queue"))
    follow(coordinator, coordinator.get_by_role("link", name=TITLE))
    assert f"{INDICATOR}: 42,00 personer" in coordinator.locator("main").inner_text()
    coordinator.get_by_label("Godkänn rapporten").check()
    coordinator.get_by_label("Kommentar till partnern").fill("Tack, bra rapport!")
    submit(coordinator, coordinator.get_by_role("button", name="Spara beslut"))
    assert "Rapporten är godkänd och räknas nu." in messages(coordinator)
    (approved,) = world.new_mail()
    assert approved.to == [world.personas.editor_a.email]
    assert approved.subject == f"The progress report for {TITLE} has been approved"
    assert "Tack, bra rapport!" in approved.body
    editor.goto(reverse("actionplan:mine"))
    mine = table(editor, "Insatser")
    assert (column(mine, TITLE, "Framsteg"), column(mine, TITLE, "Öppna rapporter")) == ("60\u00a0%", "–")

    # Anyone finds it in the catalogue by a word of its title, with the approved progress and value.
    public.goto(reverse("actionplan:catalogue"))
    labelled(public, "Sök").fill("kvinnor")
    submit(public, public.get_by_role("button", name="Visa", exact=True))
    assert public.locator("main .result-count[role=status]").inner_text() == "1 insats"
    card = public.locator(".card")
    assert card.locator("h2").inner_text() == TITLE
    assert "60\u00a0%" in card.inner_text()
    follow(public, card.get_by_role("link", name=TITLE))
    assert public.url.replace(world.url, world.url + "/en", 1) == world.link_in(approved)
    assert heading(public) == TITLE
    facts = public.locator("dl.facts").inner_text()
    assert "Pågående" in facts and "Kvinnor" in facts and "Falun" in facts
    assert public.locator("dl.facts progress").get_attribute("value") == "60"
    values = table(public, "Värden i personer")
    assert column(values, "Utfall 1 januari 2026 – 30 juni 2026", "Värde") == "42"
    assert column(table(public, "Delmål"), MILESTONE, "Klart") == "20 maj 2025"
    assert "Tolv deltagare har börjat praktik" in public.locator("article.card").inner_text()
    assert public.get_by_role("link", name="Om Jobbspår").get_attribute("href") == "https://example.org/jobbspar"
    assert public.get_by_role("link", name="Projektplan").count() == 1
    accessible(public)

    after = overview_counts(public)
    assert after["areas"] == {"Vägen till arbete": "1", "Vägen in i vardagen": "1"}
    assert after["themes"] == {"Korta vägen till anställning": "1", "Ett fungerande vardagsliv": "1"}
    assert after["falun"] == {"Arbete": "1", "Vardag": "0", "Totalt": "1"}
    assert after["mora"] == {"Arbete": "0", "Vardag": "1", "Totalt": "1"}
    assert after["progress"] == {"Vägen till arbete": "60\u00a0%", "Vägen in i vardagen": "50\u00a0%"}
    behind = table(public, "Senaste utfall jämfört med planen")
    assert column(behind, f"{INDICATOR} (personer, ska öka)", "Insats") == TITLE


# 2. Submission → moderation → publication ----------------------------------------------------------


def test_a_visitors_project_is_moderated_and_published(world: World) -> None:
    # The visitor switches to English and sends the project through the public form.
    visitor = world.page()
    visitor.goto(reverse("actionplan:catalogue"))
    submit(visitor, visitor.get_by_role("button", name="English"))
    assert heading(visitor) == "Project catalogue"
    follow(visitor, visitor.get_by_role("link", name="Submit your project"))
    assert visitor.url == world.url + "/en" + reverse("actionplan:submit")
    accessible(visitor)
    submit(visitor, visitor.get_by_role("button", name="Submit the project"))
    assert visitor.locator(".error-summary").count() == 1
    accessible(visitor)
    visitor.get_by_label("Your name").fill("Vera Besökare")
    visitor.get_by_label("Your e-mail address").fill(VISITOR)
    labelled(visitor, "Organisation").fill("föreningen b")
    visitor.get_by_label("Project name").fill(PROJECT)
    visitor.get_by_label("Short summary").fill("Cykellektioner för vuxna.")
    visitor.get_by_label("Description").fill("Vuxna lär sig cykla, med trafikregler på svenska.")
    visitor.get_by_label("A working everyday life").check()
    visitor.get_by_label("Mora", exact=True).check()
    visitor.get_by_label("Start date").fill("2026-04-01")
    visitor.get_by_label("Website").fill("example.org/cykelskola")
    submit(visitor, visitor.get_by_role("button", name="Submit the project"))
    assert heading(visitor) == "Thank you for your project"
    received, new = world.new_mail()
    assert (received.to, received.subject) == ([VISITOR], "We have received your project")
    assert (new.to, new.subject) == ([SECRETARIAT], "Nytt projekt att granska i projektkatalogen")

    # The coordinator (logged in by the test client; the TOTP login is in the first test) asks for changes.
    coordinator = world.page(world.personas.client("coordinator"))
    coordinator.goto(reverse("site:dashboard"))
    follow(coordinator, coordinator.get_by_role("link", name="Inskickade projekt (1 väntar)"))
    queue = table(coordinator, "Inskickade projekt, äldst först")
    assert column(queue, PROJECT, "Status") == "Väntar på granskning"
    follow(coordinator, coordinator.get_by_role("link", name=PROJECT))
    assert coordinator.url == world.link_in(new)
    accessible(coordinator)
    coordinator.get_by_label("Vad ska insändaren ändra eller komplettera?").fill("Skriv när kursen slutar.")
    submit(coordinator, coordinator.get_by_role("button", name="Be om komplettering"))
    assert "Insändaren har fått e-post med ditt meddelande" in messages(coordinator)
    queue = table(coordinator, "Inskickade projekt, äldst först")
    assert column(queue, PROJECT, "Status") == "Komplettering begärd"
    (changes,) = world.new_mail()
    assert (changes.to, changes.subject) == ([VISITOR], "Please update your project for the project catalogue")
    assert "Skriv när kursen slutar." in changes.body

    # The visitor corrects the project through the link in the e-mail, still in English.
    visitor.goto(world.link_in(changes))
    assert heading(visitor) == "Update your project"
    assert "Skriv när kursen slutar." in visitor.locator("blockquote").inner_text()
    assert visitor.get_by_label("Project name").input_value() == PROJECT
    visitor.get_by_label("End date").fill("2026-09-30")
    submit(visitor, visitor.get_by_role("button", name="Submit the changes"))
    assert "Thank you! Your changes have been sent to the secretariat." in messages(visitor)
    (resubmitted,) = world.new_mail()
    assert (resubmitted.to, resubmitted.subject) == ([SECRETARIAT], "Ett kompletterat projekt att granska")

    # The coordinator publishes it; the form comes filled in from the submission.
    coordinator.goto(world.link_in(resubmitted))
    publish = coordinator.locator("form", has=coordinator.get_by_role("button", name="Publicera", exact=True))
    assert labelled(publish, "Titel").input_value() == PROJECT
    assert publish.get_by_role("combobox", name="Ansvarig organisation").input_value() == "Föreningen B"
    assert publish.get_by_label("Slutdatum").input_value() == "2026-09-30"
    submit(coordinator, publish.get_by_role("button", name="Publicera", exact=True))
    assert f"”{PROJECT}” är publicerat i projektkatalogen och insändaren har fått besked." in messages(coordinator)
    assert "Inga inskickade projekt väntar på granskning." in coordinator.locator("main").inner_text()
    (published,) = world.new_mail()
    assert (published.to, published.subject) == ([VISITOR], "Your project has been published in the project catalogue")
    initiative = ProjectSubmission.objects.get().initiative
    assert initiative is not None and initiative.lead_organisation == world.personas.org_b

    # The visitor follows the link to the project's page; anyone finds it in the catalogue.
    visitor.goto(world.link_in(published))
    assert visitor.url == world.url + "/en" + initiative.get_absolute_url()
    assert heading(visitor) == PROJECT
    assert visitor.locator("html").get_attribute("lang") == "en"
    public = world.page()
    public.goto(reverse("actionplan:catalogue"))
    labelled(public, "Sök").fill("cykelskola")
    submit(public, public.get_by_role("button", name="Visa", exact=True))
    assert public.locator("main .result-count[role=status]").inner_text() == "1 insats"
    follow(public, public.locator(".card").get_by_role("link", name=PROJECT))
    assert heading(public) == PROJECT
    assert "Föreningen B" in public.locator("dl.facts").inner_text()
    assert public.get_by_role("link", name="Projektets webbplats").get_attribute("href") == (
        "https://example.org/cykelskola"
    )
