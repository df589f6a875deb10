"""Every URL of the site, enumerated from the URL configuration, with concrete URLs and who may see them.

The quality tests (accessibility, URL security, CSRF, security headers) walk this inventory, so a new
view joins every check without anyone listing it. The inventory builds concrete URLs from sample data
(`load_site_data`) and finds out who may see each URL by asking the site as every persona. A route it
cannot build or classify makes the tests fail with a message saying what to add here.
"""

from __future__ import annotations

import datetime
import io
import itertools
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.test.utils import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import get_converters
from django.urls.resolvers import LocalePrefixPattern
from django.utils import translation

from testsupport.personas import INVENTORY_PERSONAS, PASSWORD, TEST_TOTP_SECRET, Personas, make_personas

# Routes no test can visit with a plain GET, each with the reason. Keep this list short: a route that
# can be visited belongs in the checks, and one that is here escapes them.
EXCLUDED: dict[str, str] = {
    # allauth's login-by-code is switched off (ACCOUNT_LOGIN_BY_CODE_ENABLED = False).
    "account_confirm_login_code": "login by code is disabled",
    # Reached only in the middle of a login (after the password, before the TOTP code): the keyboard
    # test of the login form walks through it with a real login instead.
    "mfa_authenticate": "only reachable mid-login; covered by the login walkthrough",
    # Accounts always have a password (invited users set theirs through the reset link), so allauth
    # sends everyone on to the change-password page, which is checked.
    "account_set_password": "every account has a password; redirects to account_change_password",
}

# Routes that only take POSTs but answer a GET with a redirect rather than 405. They are actions:
# no page to check, but they must refuse anonymous users and requests without a CSRF token.
POST_ONLY: dict[str, str] = {
    "set_language": "Django's language switch: a GET only redirects back",
    "pages:feedback": "the page-feedback form posts here; a GET goes back to the page",
    "actionplan:milestone_add": "the form on the initiative's work page posts here; a GET goes back there",
    "actionplan:indicator_add": "the form on the initiative's work page posts here; a GET goes back there",
}

# URL keyword arguments name the object they stand for: `period_slug`, `theme`, `membership_uuid`,
# `person_id`, `report_id`. The stem (the name without _slug/_uuid/_id) finds the sample object:
# first among the coherent samples of `load_site_data`, then the model of that name, or the one model
# whose name ends so (`round` -> ReportingRound), or the alias here; its first row is taken. A bare
# `slug` or `code` may mean several objects: the parents of the route's other samples come first, then
# the samples, then the first row of every model with such a field, and the first URL the coordinator
# can open wins.
MODEL_ALIASES: dict[str, str] = {
    "period": "agreement.AgreementPeriod",
    "theme": "agreement.FocusTheme",
    "partner": "agreement.ThemePartner",
    "membership": "agreement.BodyMembership",
    # "app.Model.field" when the URL carries another field than the slug or uuid.
    "token": "actionplan.ProjectSubmission.edit_token",
    # grants, settlement and indicators have models ending in "report": `report` is the action plan's.
    "report": "actionplan.ProgressReport",
    "document": "grants.ProgrammeDocument",
    "file": "grants.ApplicationFile",
    "field": "grants.FormField",
    "version": "grants.FormVersion",
    "assignment": "grants.ReviewAssignment",
    # indicators: the integration report (the action plan's `report` stays its progress report)
    "integration_report": "indicators.Report",
}
Samples = dict[str, list[Any]]


class Kind(StrEnum):
    """What a route answers to a GET from the people who may use it."""

    PAGE = "page"  # an HTML page
    DATA = "data"  # JSON, CSV or another non-HTML document
    ACTION = "action"  # POST only: a GET is refused with 405


@dataclass(frozen=True)
class Route:
    """One named URL pattern."""

    name: str
    pattern: str
    # Keyword argument name -> converter name ("slug", "uuid", "str", ...; "regex" for re_path).
    converters: tuple[tuple[str, str], ...]
    localized: bool

    @property
    def kwarg_names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.converters)

    def reverse(self, kwargs: dict[str, str], language: str = "sv") -> str:
        with translation.override(language):
            return reverse(self.name, kwargs=kwargs or None)


@dataclass
class Entry:
    """A route with a concrete URL and what each persona gets for a GET of it."""

    route: Route
    kwargs: dict[str, str]
    statuses: dict[str, int] = field(default_factory=dict)
    content_types: dict[str, str] = field(default_factory=dict)
    kind: Kind | None = None

    @property
    def name(self) -> str:
        return self.route.name

    @property
    def viewers(self) -> tuple[str, ...]:
        """Personas that get the page (200)."""
        return tuple(persona for persona in INVENTORY_PERSONAS if self.statuses.get(persona) == 200)

    @property
    def is_public(self) -> bool:
        return "anonymous" in self.viewers

    def url(self, language: str = "sv") -> str:
        return self.route.reverse(self.kwargs, language)


@dataclass
class Inventory:
    """The classified routes and the problems that kept others out."""

    entries: list[Entry]
    problems: list[str]

    def pages(self) -> list[Entry]:
        return [entry for entry in self.entries if entry.kind is Kind.PAGE]

    def actions(self) -> list[Entry]:
        return [entry for entry in self.entries if entry.kind is Kind.ACTION]

    def get(self, name: str) -> Entry:
        return next(entry for entry in self.entries if entry.name == name)


def _converters(pattern: Any) -> list[tuple[str, str]]:
    """The keyword arguments one level of a URL pattern captures, with their converter names."""
    if isinstance(pattern, LocalePrefixPattern):
        return []
    converters = getattr(pattern, "converters", {})
    return [
        (name, _CONVERTER_NAMES.get(type(converters[name]), "str") if name in converters else "regex")
        for name in pattern.regex.groupindex
    ]


_CONVERTER_NAMES = {type(converter): name for name, converter in get_converters().items()}


def _walk(
    patterns: Sequence[Any], prefix: str, namespace: str | None, converters: list[tuple[str, str]], localized: bool
) -> Iterator[Route]:
    for pattern in patterns:
        here = converters + _converters(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            is_locale = isinstance(pattern.pattern, LocalePrefixPattern)
            text = "" if is_locale else str(pattern.pattern)
            yield from _walk(pattern.url_patterns, prefix + text, inner, here, localized or is_locale)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield Route(name=name, pattern=prefix + str(pattern.pattern), converters=tuple(here), localized=localized)


def url_routes() -> list[Route]:
    """Every named URL pattern of the project, in URL-configuration order."""
    seen: set[str] = set()
    routes = []
    for route in _walk(get_resolver().url_patterns, "", None, [], False):
        if route.name not in seen:  # a name reused for several patterns reverses to the first
            seen.add(route.name)
            routes.append(route)
    return routes


@dataclass
class SiteData:
    """The data every quality test runs on: real reference data, demo people and the personas."""

    personas: Personas
    samples: Samples


def load_site_data() -> SiteData:
    """Load the reference data, the demo people and seats and the personas; pick coherent samples."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    from vagenin.actionplan.models import ProjectSubmission
    from vagenin.agreement.models import AgreementPeriod, Body, BodyMembership, ThemePartner
    from vagenin.organisations.models import County, Municipality, Person, Position
    from vagenin.pages.models import Message, MessageKind
    from vagenin.site.management.commands.load_reference import load_reference

    load_reference(base=settings.BASE_DIR / "reference")
    # The demo data of every app, as `manage.py load_demo_data` loads it: new apps add theirs there.
    call_command("load_demo_data", force=True, stdout=io.StringIO())
    personas = make_personas()
    # Invited users prove their address by following the invitation link; allauth lets only verified
    # addresses set up TOTP.
    for user in (personas.coordinator, personas.editor_a, personas.editor_b):
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    RecoveryCodes.activate(personas.coordinator)
    contact = Person.objects.create(first_name="Kim", last_name="Kontakt", email="kim.kontakt@test.example")
    position = Position.objects.create(
        person=contact,
        organisation=personas.org_a,
        title_sv="Samordnare",
        title_en="Coordinator",
        starts_on=datetime.date(2020, 1, 1),
        is_contact=True,
    )
    message = Message.objects.create(
        kind=MessageKind.CONTACT, name="Kim Kontakt", email="kim.kontakt@test.example", body="Hej!"
    )
    ProjectSubmission.objects.create(
        submitter_name="Kim Kontakt",
        submitter_email="kim.kontakt@test.example",
        organisation_name="Föreningen A",
        title="Språkcafé i Falun",
        summary="Samtal på svenska varje vecka.",
        description="Frivilliga leder samtalsgrupper i biblioteket.",
    )
    period = AgreementPeriod.objects.current()
    assert period is not None, "The reference data has no agreement period."
    # A theme with partners, and a body with responsibilities and members, so that every nested route has a row.
    partner = ThemePartner.objects.filter(theme__area__period=period).select_related("theme__area").first()
    body = Body.objects.filter(period=period, responsibilities__isnull=False).distinct().first()
    assert partner is not None and body is not None
    theme, area = partner.theme, partner.theme.area
    samples: Samples = {
        "organisation": [personas.org_a],
        "period": [period],
        "area": [area],
        "theme": [theme],
        "partner": [partner],
        "body": [body],
        "responsibility": [body.responsibilities.first()],
        "membership": [BodyMembership.objects.filter(body=body).first()],
        "signatory": [period.signatories.first()],
        "principle": [period.principles.first()],
        "person": [contact],
        "position": [position],
        "user": [personas.editor_b],
        "message": [message],
        # Tried before the first row of every model with a slug (or code) field.
        "slug": [personas.org_a, period, area, theme, body],
        "code": [Municipality.objects.get(code="2080"), County.objects.get(code="20")],
        # allauth's links from e-mails; a made-up key shows the "link no longer valid" page.
        "key": ["ogiltig-nyckel"],
        "uidb36": ["1"],
        # indicators: a dashboard's geography (Dalarna) and a report section's number
        "geo": ["20"],
        "number": ["1"],
    }
    samples |= _grants_samples(personas)
    # newsletter: the seeds' knowledge bank has no files, so one entry with a file for its download route.
    from django.core.files.base import ContentFile

    from vagenin.newsletter.models import Document

    # grants' programme documents and meetings' documents share the argument name: every kind is a candidate,
    # and each route takes its own.
    samples["document"] = [
        Document.objects.create(
            title_sv="Exempeldokument",
            description_sv="Ett dokument med fil.",
            file=ContentFile(b"%PDF-1.4 exempel", name="exempel.pdf"),
            content_type="application/pdf",
        ),
        *_model_sample("document"),
        # meetings' minutes and documents too (the demo attaches minutes to the autumn council)
        *apps.get_model("meetings", "Document").objects.order_by("pk")[:1],
    ]
    return SiteData(personas=personas, samples=samples)


def _grants_samples(personas: Personas) -> Samples:
    """grants: a draft with a file and a paid grant of the demo data, and a review for the grant officer persona."""
    from vagenin.grants.models import Application, ApplicationFile, ReviewAssignment, Status

    with_file = ApplicationFile.objects.select_related("application").first()
    paid = Application.objects.filter(status=Status.PAID, final_report__isnull=True).first()
    assert with_file is not None and paid is not None, "The grants demo data has no draft with a file or paid grant."
    assignment = ReviewAssignment.objects.create(application=paid, reviewer=personas.grant_officer)
    return {"application": [with_file.application, paid], "file": [with_file], "assignment": [assignment]}


def _stem(kwarg: str) -> str:
    for suffix in ("_slug", "_uuid", "_id"):
        kwarg = kwarg.removesuffix(suffix)
    return kwarg


def _model_sample(stem: str) -> list[Any]:
    """The first row of the model the stem names (`round` finds ReportingRound), if there is one."""
    label = MODEL_ALIASES.get(stem)
    if label and label.count(".") == 2:
        app_label, model_name, field_name = label.split(".")
        first = apps.get_model(app_label, model_name)._default_manager.first()
        return [str(getattr(first, field_name))] if first is not None else []
    if label:
        models = [apps.get_model(label)]
    else:
        names = {model: model._meta.model_name or "" for model in apps.get_models()}
        models = [model for model, name in names.items() if name == stem]
        models = models or [model for model, name in names.items() if name.endswith(stem)]
    if len(models) != 1:
        return []
    first = models[0]._default_manager.first()
    return [first] if first is not None else []


def _every_model_sample(field_name: str) -> list[Any]:
    """The first row of every model with the field: candidates for a bare `slug` or `code` argument."""
    found = []
    for model in apps.get_models():
        if any(model_field.name == field_name for model_field in model._meta.fields):
            first = model._default_manager.first()
            if first is not None:
                found.append(first)
    return found


def _parents(sample: Any) -> list[Any]:
    """The objects a sample points to, so a nested URL gets its own parent's slug first."""
    if isinstance(sample, str):
        return []
    fields = [f for f in sample._meta.fields if f.many_to_one]
    return [parent for f in fields if (parent := getattr(sample, f.name)) is not None]


def _sample_value(sample: Any, converter: str) -> str | None:
    if isinstance(sample, str):
        return sample
    if converter == "uuid":
        return str(sample.uuid) if hasattr(sample, "uuid") else None
    if converter != "slug" and hasattr(sample, "code"):
        return str(sample.code)
    return str(sample.slug) if hasattr(sample, "slug") else None


# Values that fit each converter, for checks that never reach the view (a CSRF refusal comes first).
_PLACEHOLDERS = {"slug": "exempel", "uuid": "00000000-0000-4000-8000-000000000001", "int": "1", "regex": "1"}


def placeholder_kwargs(route: Route) -> dict[str, str]:
    """Keyword arguments that reverse the route without any data behind them."""
    return {name: _PLACEHOLDERS.get(converter, "exempel") for name, converter in route.converters}


# Arguments named only by their kind; any object with such a field may be meant.
GENERIC_STEMS = ("slug", "code")


def candidate_kwargs(route: Route, samples: Samples) -> list[dict[str, str]] | None:
    """Every combination of sample values for the route's arguments; None when one has no sample."""
    chosen: dict[str, list[Any]] = {}
    for kwarg, _ in route.converters:
        stem = _stem(kwarg)
        if stem not in GENERIC_STEMS:
            chosen[kwarg] = samples.get(stem) or _model_sample(stem)
    parents = [parent for pool in chosen.values() for sample in pool for parent in _parents(sample)]
    for kwarg, _ in route.converters:
        stem = _stem(kwarg)
        if stem in GENERIC_STEMS:
            chosen[kwarg] = parents + samples.get(stem, []) + _every_model_sample(stem)
    pools = []
    for kwarg, converter in route.converters:
        values = [value for sample in chosen[kwarg] if (value := _sample_value(sample, converter)) is not None]
        if not values:
            return None
        pools.append(list(dict.fromkeys(values)))
    return [dict(zip(route.kwarg_names, values, strict=True)) for values in itertools.product(*pools)]


def current_totp_codes() -> list[str]:
    """The codes of TEST_TOTP_SECRET for this period and the next and the previous."""
    counter = int(time.time()) // 30
    return [format_hotp_value(hotp_value(TEST_TOTP_SECRET, counter + step)) for step in (0, 1, -1)]


def log_in(client: Client, user: Any) -> None:
    """Log in through allauth's forms as a person would: password, then a TOTP code for staff.

    The password is then confirmed once more on allauth's reauthentication page, so that pages asking
    for a recent confirmation (TOTP set-up, recovery codes) open without a detour. The codes of the
    next and previous period are accepted too, so a period ending mid-login does no harm; allauth
    refuses a code used before, so the next one is tried.
    """
    # The quality tests log in many times from one address; the login rate limits are tested by accounts.
    with override_settings(MFA_TOTP_TOLERANCE=1, ACCOUNT_RATE_LIMITS=False):
        response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
        for code in current_totp_codes():
            if response.get("Location") != reverse("mfa_authenticate"):
                break
            response = client.post(reverse("mfa_authenticate"), {"code": code})
        assert client.session.get("_auth_user_id") == str(user.pk), f"Could not log in as {user.email}."
        client.post(reverse("account_reauthenticate"), {"password": PASSWORD})


def persona_clients(personas: Personas) -> dict[str, Client]:
    """A logged-in client per persona; a server error comes back as a 500 response, not an exception."""
    clients = {}
    for name in INVENTORY_PERSONAS:
        client = Client(raise_request_exception=False)
        if name != "anonymous":
            log_in(client, getattr(personas, name))
        clients[name] = client
    return clients


def _classify(entry: Entry) -> Kind | None:
    if entry.name in POST_ONLY:
        return Kind.ACTION
    if entry.viewers:
        content_type = entry.content_types[entry.viewers[0]]
        return Kind.PAGE if content_type.startswith("text/html") else Kind.DATA
    logged_in = [status for persona, status in entry.statuses.items() if persona != "anonymous"]
    if logged_in and all(status == 405 for status in logged_in):
        return Kind.ACTION
    return None


def build_inventory(site: SiteData, clients: dict[str, Client] | None = None) -> Inventory:
    """Build a URL for every route and GET it as every persona to learn its kind and its viewers."""
    clients = clients or persona_clients(site.personas)
    entries: list[Entry] = []
    problems: list[str] = []
    for route in url_routes():
        if route.name in EXCLUDED:
            continue
        candidates = candidate_kwargs(route, site.samples)
        if candidates is None:
            problems.append(
                f"{route.name} ({route.pattern}): no sample object for its arguments {', '.join(route.kwarg_names)}. "
                "Add one to `samples` in testsupport/inventory.py:load_site_data (or a MODEL_ALIASES entry), "
                "or exclude the route in EXCLUDED with a reason."
            )
            continue
        entry = _probe(route, candidates, clients)
        errors = [persona for persona, status in entry.statuses.items() if status >= 500]
        if errors:
            problems.append(f"{route.name} ({entry.url()}): server error for {', '.join(errors)}.")
            continue
        entry.kind = _classify(entry)
        if entry.kind is None:
            problems.append(
                f"{route.name} ({entry.url()}): no persona can open it with a GET "
                f"(statuses {entry.statuses}). Add sample data that it can show to `load_site_data` in "
                "testsupport/inventory.py, or exclude the route in EXCLUDED with a reason."
            )
            continue
        entries.append(entry)
    return Inventory(entries=entries, problems=problems)


def _probe(route: Route, candidates: list[dict[str, str]], clients: dict[str, Client]) -> Entry:
    """GET the first candidate URL that exists (the coordinator does not get 404) as every persona."""
    entry = Entry(route=route, kwargs=candidates[0])
    for kwargs in candidates:
        entry = Entry(route=route, kwargs=kwargs)
        for persona, client in clients.items():
            response = client.get(entry.url())
            entry.statuses[persona] = response.status_code
            entry.content_types[persona] = response.get("Content-Type", "")
        if entry.statuses["coordinator"] != 404:
            break
    return entry
