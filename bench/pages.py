"""The pages and API endpoints the bench loads, in order. A new module appends its key pages here."""

from __future__ import annotations

from dataclasses import dataclass

from bench.urls import BASELINE_PATH, CHROME_PATH, LOGGED_IN_BASELINE_PATH

# Targets printed next to each figure, as shares of the baseline's throughput in the same server.
# A public page or API list served from the page cache (issue 15: "cached pages ≥ 70 % with Redis as deployed").
MIN_SHARE_CACHED = 0.70
# The same page rendered (the page cache off, or the first visitor after a change).
MIN_SHARE_OF_BASELINE = 0.40
# The frame every public page pays for before its own data: the ceiling of every rendered page.
MIN_SHARE_FRAME = 0.50
# The action plan catalogue rendered: a page of initiatives with their filters' facets, over every initiative.
MIN_SHARE_CATALOGUE = 0.10
# A logged-in page against the logged-in baseline (the same minimal view behind login: session, user and MFA
# check included); issue 15's goal for every logged-in page.
MIN_SHARE_LOGGED_IN = 0.25
MAX_QUERIES = 15


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    # "baseline": the reference; "page" and "api": held to the targets; "reference" and "static": for information.
    kind: str = "page"
    # Logged in as this persona of bench/sessions.py ("" for an anonymous visitor).
    persona: str = ""
    # The rendered share this page is held to, when not the default of its kind.
    rendered_target: float | None = None

    @property
    def has_targets(self) -> bool:
        """Held to the query budget and the default shares (baselines, references and static files are not)."""
        return self.kind in {"page", "api"}

    @property
    def min_share(self) -> float | None:
        """The target share of the baseline when rendered (every logged-in page is rendered every time)."""
        if self.rendered_target is not None:
            return self.rendered_target
        if not self.has_targets:
            return None
        return MIN_SHARE_LOGGED_IN if self.persona else MIN_SHARE_OF_BASELINE

    @property
    def min_cached(self) -> float | None:
        """The target share of the baseline when served from the page cache (anonymous pages and API lists)."""
        return MIN_SHARE_CACHED if self.has_targets and not self.persona else None


BASELINE = Page("baseline (minimal view)", BASELINE_PATH, kind="baseline")
PAGES = [
    # What every public page pays before its own content: the ceiling for any page's share of the baseline.
    Page("frame only (base.html)", CHROME_PATH, kind="reference", rendered_target=MIN_SHARE_FRAME),
    Page("home", "/"),
    Page("agreement", "/overenskommelsen/"),
    Page("areas", "/overenskommelsen/omraden/"),
    Page("bodies", "/overenskommelsen/organisation/"),
    Page("organisations", "/organisationer/"),
    Page("organisations search", "/organisationer/?q=kommun&typ=municipality"),
    Page("organisation detail", "/organisationer/region-dalarna/"),
    Page("API organisations", "/api/v1/organisations/", kind="api"),
    Page("API municipalities", "/api/v1/municipalities/", kind="api"),
    Page("API bodies", "/api/v1/bodies/", kind="api"),
    Page("action plan catalogue", "/handlingsplan/", rendered_target=MIN_SHARE_CATALOGUE),
    Page("action plan search", "/handlingsplan/?omrade=arbete&status=ongoing&q=jobbsp%C3%A5r"),
    # SHOWCASE_SLUG in vagenin/actionplan/bench.py: an initiative with sub-initiatives, milestones and indicators.
    Page("initiative detail", "/handlingsplan/insatser/bench-exempel/"),
    Page("API initiatives", "/api/v1/initiatives/", kind="api"),
    Page("API initiatives search", "/api/v1/initiatives/?county=20&area=arbete&q=jobbsp%C3%A5r", kind="api"),
    Page("API initiative detail", "/api/v1/initiatives/bench-exempel/", kind="api"),
    Page("API initiatives feed", "/api/v1/initiatives.atom", kind="api"),
    # SHOWCASE_UUID in bench/generators/meetings.py: a public event with a programme and registrations.
    Page("meetings list", "/moten/"),
    Page("meetings list filtered", "/moten/?slag=process_day&kommun=2080"),
    Page("meeting detail", "/moten/0b5563a8-361b-4f1b-8c7d-000000000001/"),
    Page("meeting registration form", "/moten/0b5563a8-361b-4f1b-8c7d-000000000001/anmal/"),
    Page("meetings calendar feed", "/moten/kalender.ics", kind="api"),
    Page("API events", "/api/v1/events/", kind="api"),
    Page("settlement", "/bosattning/"),
    Page("API settlement quotas", "/api/v1/settlement-quotas/", kind="api"),
    # grants: the public pages; the officer's list and the overviews need a login the load test does not make,
    # so they are timed by `python -m bench.grants` and their query counts held by grants/tests/test_query_budgets.py.
    Page("grants", "/bidrag/"),
    Page("granted grants", "/bidrag/beviljade/"),
    Page("granted grants filtered", "/bidrag/beviljade/?ar=2025&program=tidiga-insatser-for-asylsokande"),
    Page("grant call", "/bidrag/utlysningar/tidiga-insatser-for-asylsokande-2026/"),
    Page("news", "/nyheter/"),
    Page("knowledge bank search", "/nyheter/kunskapsbank/?q=rapport&typ=report"),
    Page("newsletter archive", "/nyheter/nyhetsbrev/arkiv/"),
    Page("news feed", "/nyheter/atom/sv.xml", kind="api"),
    Page("API news", "/api/v1/news/", kind="api"),
    Page("API documents", "/api/v1/documents/", kind="api"),
]

# Logged-in pages, each measured against the logged-in baseline. Rendered every time: the page cache serves only
# anonymous visitors.
LOGGED_IN_BASELINE = Page("logged-in baseline", LOGGED_IN_BASELINE_PATH, kind="baseline", persona="editor")
LOGGED_IN_PAGES = [
    Page("editor: start page", "/konto/min-sida/", persona="editor"),
    Page("editor: my initiatives", "/handlingsplan/mina-insatser/", persona="editor"),
    Page("editor: working page", "/handlingsplan/insatser/bench-exempel/arbeta/", persona="editor"),
    Page("editor: initiative edit form", "/handlingsplan/insatser/bench-exempel/redigera/", persona="editor"),
    Page("coordinator: start page", "/konto/min-sida/", persona="coordinator"),
    Page("coordinator: initiative edit form", "/handlingsplan/insatser/bench-exempel/redigera/", persona="coordinator"),
    Page("coordinator: review queue", "/handlingsplan/granskning/", persona="coordinator"),
    Page("coordinator: publication queue", "/handlingsplan/publicering/", persona="coordinator"),
    Page("coordinator: people register", "/personer/", persona="coordinator"),
    Page("coordinator: inbox", "/kansli/inkorg/", persona="coordinator"),
    Page("coordinator: users", "/konto/anvandare/", persona="coordinator"),
    Page("analyst: overview", "/handlingsplan/oversikt/", persona="analyst"),
]
