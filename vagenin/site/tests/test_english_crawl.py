"""Every page in English, as each persona who may see it, reads as English.

The crawl walks the URL inventory (testsupport/inventory.py) like the accessibility sweep, asks for the
English URL of every page and fails on three kinds of problem in the page's visible text:

- Swedish interface text that has a translation: a message of the compiled catalogues whose English
  text differs, shown in Swedish (very short or ambiguous messages are left out: those that also
  occur in some English translation, like "Status" or "Organisation").
- Swedish content that is not marked: the Swedish text of a bilingual model field whose English
  variant is empty, shown outside an element with `lang="sv"` (WCAG 3.1.2).
- US date formats ("Aug. 1, 2017", "12/31/2025", "Jan. 5"): English pages use British dates.

Text inside an element marked `lang="sv"` is Swedish on purpose and is not checked for the first two.
A new page joins the crawl as soon as its URL exists.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.test import Client
from django.test.utils import override_settings

from scripts.po import active, read_po
from testsupport.inventory import Entry, Inventory, SiteData, build_inventory, load_site_data, persona_clients
from testsupport.personas import SPECIALIST_NAMES

pytestmark = pytest.mark.django_db

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# As in the accessibility sweep: public pages anonymously, an editor's pages as editor_a, the
# secretariat's as the coordinator; specialists only the pages none of the first three may see.
SWEEP_PERSONAS = ("anonymous", "editor_a", "coordinator", *SPECIALIST_NAMES)
FIRST_SWEEP = SWEEP_PERSONAS[:3]

# Messages shorter than this are too ambiguous to look for ("Ja", "Nej", "Typ").
MIN_MESSAGE_LENGTH = 6
# Swedish content is looked for by the start of its first line, at least this long.
MIN_CONTENT_LENGTH = 12
CONTENT_PREFIX = 40

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Not shown as text, or what someone typed (a Swedish field's value in its edit form).
HIDDEN = {"script", "style", "template", "textarea"}

_MONTHS = "Jan|Feb|Mar|Apr|May|Jun|June|Jul|July|Aug|Sep|Sept|Oct|Nov|Dec"
_MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December"
US_DATES = re.compile(
    # "Aug. 1, 2017", "Jan 5"; not "12 Sep 09:00", British day first
    rf"(?<!\d )\b(?:(?:{_MONTHS})\.|{_MONTH_NAMES}|{_MONTHS}) \d{{1,2}}(?:st|nd|rd|th)?(?:, \d{{4}})?(?![\d:])"
    r"|(?<![\d/])(?:0?[1-9]|1[0-2])/\d{1,2}/\d{2,4}(?![\d/])"
)
# A Swedish mark where no markup may go: in an attribute value or the <title>, it shows as text or breaks the tag.
MISPLACED_MARK = re.compile(r'="[^"<>]*<span lang=|<title>(?:(?!</title>).)*<span lang=', re.DOTALL)
_PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[sdif]|\{[^}]*\}")


@dataclass
class Text:
    """A page's visible text: what may be English, and what is marked Swedish."""

    plain: list[str] = field(default_factory=list)
    swedish: list[str] = field(default_factory=list)

    def joined(self) -> str:
        return " ¶ ".join(self.plain)


class VisibleText(HTMLParser):
    """Collects the text of a page (not scripts or styles), keeping apart what is inside lang="sv"."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.text = Text()

    def _lang(self) -> str | None:
        return next((lang for _, lang in reversed(self.stack) if lang is not None), None)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        self.stack.append((tag, dict(attrs).get("lang")))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        if any(tag in HIDDEN for tag, _ in self.stack):
            return
        text = " ".join(data.split())
        if not text:
            return
        lang = self._lang() or ""
        # The <title> and plain text (a mail's text version in <pre>) cannot mark a part as Swedish.
        in_title = any(tag in ("title", "pre") for tag, _ in self.stack)
        (self.text.swedish if lang.startswith("sv") or in_title else self.text.plain).append(text)


def visible_text(html: str) -> Text:
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    return parser.text


def catalogue_messages() -> dict[str, str]:
    """Swedish interface text -> its English translation, for the messages worth looking for."""
    pairs: dict[str, str] = {}
    english: list[str] = []
    for po in sorted(Path(settings.BASE_DIR, "vagenin").glob("*/locale/en/LC_MESSAGES/django.po")):
        for entry in active(read_po(po)):
            if entry.is_fuzzy or not entry.is_translated:
                continue
            english.extend(entry.msgstr.values())
            forms = [(entry.msgid, entry.msgstr.get(0, ""))]
            if entry.msgid_plural:
                forms.append((entry.msgid_plural, entry.msgstr.get(1, "")))
            for swedish, translation in forms:
                literal = " ".join(_PLACEHOLDER.split(swedish)[0].split()) if "%" in swedish else swedish
                if _PLACEHOLDER.search(swedish) is None and "<" not in swedish:
                    literal = " ".join(swedish.split())
                elif len(literal) < 2 * MIN_MESSAGE_LENGTH or " " not in literal:
                    continue  # the start of a message with placeholders is only kept when long enough to tell
                if len(literal) >= MIN_MESSAGE_LENGTH and swedish.strip() != translation.strip():
                    pairs[literal] = translation
    everything_english = " ¶ ".join(english)
    # A message that occurs in some English text ("Status", "Organisation", "Region") tells nothing.
    return {swedish: eng for swedish, eng in pairs.items() if not _occurs(swedish, everything_english)}


def _occurs(needle: str, text: str) -> bool:
    if needle not in text:
        return False
    return re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", text) is not None


def swedish_only_content() -> set[str]:
    """The start of every Swedish field value whose English variant is empty, as it shows on a page."""
    found: set[str] = set()
    for model in apps.get_models():
        names = {f.name for f in model._meta.get_fields() if isinstance(f, models.CharField | models.TextField)}
        pairs = [(name, name[:-3] + "_en") for name in names if name.endswith("_sv") and name[:-3] + "_en" in names]
        for swedish, english in pairs:
            rows = model._default_manager.filter(**{english: ""}).exclude(**{swedish: ""})
            for value in rows.values_list(swedish, flat=True).distinct()[:500]:
                first = " ".join(str(value).strip().splitlines()[0].split()).lstrip("#*-> ")
                first = re.sub(r"[*_`\[\]]", "", first)  # Markdown marks do not show
                if len(first) >= MIN_CONTENT_LENGTH:
                    found.add(first[:CONTENT_PREFIX].rsplit(" ", 1)[0] if len(first) > CONTENT_PREFIX else first)
    return found


@pytest.fixture(scope="module")
def site(django_db_setup: None, django_db_blocker: object) -> Iterator[tuple[SiteData, Inventory, dict[str, Client]]]:
    quiet = override_settings(PASSWORD_HASHERS=FAST_HASHERS, ACCOUNT_RATE_LIMITS=False)
    with django_db_blocker.unblock(), transaction.atomic(), quiet:  # type: ignore[attr-defined]
        data = load_site_data()
        clients = persona_clients(data.personas)
        yield data, build_inventory(data, clients), clients
        transaction.set_rollback(True)


def _visits(pages: list[Entry], persona: str) -> list[Entry]:
    return [
        entry
        for entry in pages
        if persona in entry.viewers
        and (persona == "anonymous" or not entry.is_public)
        and (persona in FIRST_SWEEP or not set(FIRST_SWEEP) & set(entry.viewers))
    ]


def _context(needle: str, text: str) -> str:
    at = text.find(needle)
    return text[max(0, at - 50) : at + len(needle) + 50]


def problems_of(text: Text, messages: dict[str, str], content: set[str]) -> dict[str, str]:
    """What is wrong with one English page's text: each offending string, with the text around it."""
    plain = text.joined()
    # A label, button or heading is a text of its own; a message of three words or more is told apart
    # inside a sentence too. Shorter ones inside other text are most often data ("Ada Redaktör").
    segments = {segment.rstrip(":*.").strip() for segment in text.plain}
    found = {
        f"Swedish interface text {swedish!r} (English: {english!r})": _context(swedish, plain)
        for swedish, english in messages.items()
        if (swedish in segments or (swedish.count(" ") >= 2 and _occurs(swedish, plain)))
    }
    found |= {
        f"Swedish content not marked lang=sv: {value!r}": _context(value, plain)
        for value in content
        if _occurs(value, plain)
    }
    everything = " ¶ ".join([*text.plain, *text.swedish])
    found |= {
        f"US date format {match.group(0)!r}": _context(match.group(0), everything)
        for match in US_DATES.finditer(everything)
    }
    return found


def test_every_english_page_reads_as_english(site: tuple[SiteData, Inventory, dict[str, Client]]) -> None:
    _, inventory, clients = site
    messages = catalogue_messages()
    content = swedish_only_content() - set(messages)
    offenders: dict[str, set[str]] = defaultdict(set)  # offending string -> the pages showing it
    contexts: dict[str, str] = {}  # offending string -> the text around it on the first page showing it
    pages: set[str] = set()
    for persona in SWEEP_PERSONAS:
        client = clients[persona]
        for entry in _visits(inventory.pages(), persona):
            url = entry.url("en")
            pages.add(url)
            response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
            if response.status_code != 200:
                continue  # the other site tests report what answers wrongly
            html = response.content.decode()
            if misplaced := MISPLACED_MARK.search(html):
                offenders[f"lang mark inside an attribute or <title>: {misplaced.group(0)[:80]!r}"].add(url)
            text = visible_text(html)
            for problem, around in problems_of(text, messages, content).items():
                offenders[problem].add(f"{url} ({persona})")
                contexts.setdefault(problem, around)
    with_problems = {page for where in offenders.values() for page in where}
    summary = (
        f"{len(offenders)} distinct offending strings on {len({p.split(' ')[0] for p in with_problems})} "
        f"of {len(pages)} English pages"
    )
    print(summary)
    report = [
        f"{problem}\n    in «{contexts.get(problem, '')}»\n    on {', '.join(sorted(where)[:3])}"
        for problem, where in sorted(offenders.items())
    ]
    assert not offenders, summary + ":\n" + "\n".join(report)


def test_the_parser_keeps_swedish_apart() -> None:
    text = visible_text(
        '<p>Read <span lang="sv">Läs <b>mer</b></span> now<br><script>var x = "Läs mer";</script></p>'
        '<img alt="x"><p lang="en">Home</p>'
    )
    assert text.plain == ["Read", "now", "Home"]
    assert text.swedish == ["Läs", "mer"]


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("Published Aug. 1, 2017", True),
        ("Due 12/31/2025", True),
        ("on Jan. 5 at noon", True),
        ("March 3, 2024", True),
        ("1 August 2017", False),
        ("May 2025", False),
        ("12 Sep 09:00", False),
        ("31/12/2025 and 2025-12-31", False),
        ("2 300 000 kr, 1/2 of it", False),
    ],
)
def test_us_dates_are_recognised(text: str, bad: bool) -> None:
    assert bool(US_DATES.search(text)) is bad
