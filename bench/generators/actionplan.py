"""Benchmark data: action plans for every county's agreement period, with sub-initiatives, partners, funding,
milestones and indicators with approved actuals, at national volume.

Run by `python -m bench` after the organisations and agreement generators; never by the application itself.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeVar

from django.db.models import Count
from django.utils.text import slugify

from bench.generators import organisations as organisations_bench
from bench.generators.agreement import CountyOrganisations
from bench.rows import bulk_insert, pick
from vagenin.actionplan.models import (
    Direction,
    Funding,
    FundingSource,
    Indicator,
    IndicatorActual,
    Initiative,
    InitiativePartner,
    InitiativeStatus,
    Link,
    Milestone,
    PartnerRole,
    ProgressReport,
    ReportStatus,
    TargetGroup,
    Visibility,
)
from vagenin.agreement.models import AgreementPeriod, FocusTheme, Principle
from vagenin.organisations.models import Municipality, Organisation

T = TypeVar("T")

NATIONAL_INITIATIVES = 10_000
TODAY_FOR_DATA = organisations_bench.TODAY_FOR_DATA
PUBLISHED_SHARE = 0.9
PARENT_SHARE = 0.08
WHOLE_COUNTY_SHARE = 0.15
MILESTONE_SHARE = 0.4
INDICATOR_SHARE = 0.3
LINK_SHARE = 0.15
CONTACT_SHARE = 0.6
# The address of one initiative with everything on it, which bench/pages.py loads. Generated slugs always end in a
# place name, so this one is never taken.
SHOWCASE_SLUG = "bench-exempel"
ENGLISH_SHARE = 0.3

# What initiatives do, with the English name and the area they usually serve (an area slug of the agreement).
ACTIVITIES: list[tuple[str, str, str]] = [
    ("Jobbspår", "Job track", "arbete"),
    ("Snabbspår", "Fast track", "arbete"),
    ("Praktikplatser", "Work placements", "arbete"),
    ("Mentorprogram", "Mentoring programme", "arbete"),
    ("Traineeplatser", "Trainee places", "arbete"),
    ("Validering av yrkeskompetens", "Validation of vocational skills", "arbete"),
    ("Företagslots", "Business guide", "arbete"),
    ("Starta eget-kurs", "Start-your-own-business course", "arbete"),
    ("Språkcafé", "Language café", "sprak-och-utbildning"),
    ("Yrkessvenska", "Vocational Swedish", "sprak-och-utbildning"),
    ("Läxhjälp", "Homework help", "sprak-och-utbildning"),
    ("Sfi på distans", "Swedish for immigrants at a distance", "sprak-och-utbildning"),
    ("Studiecirklar", "Study circles", "sprak-och-utbildning"),
    ("Modersmålsstöd", "Mother-tongue support", "sprak-och-utbildning"),
    ("Hälsoskola", "Health school", "halsa"),
    ("Hälsokommunikatörer", "Health communicators", "halsa"),
    ("Traumamedveten omsorg", "Trauma-aware care", "halsa"),
    ("Simskola", "Swimming school", "halsa"),
    ("Boendestöd", "Housing support", "bostad"),
    ("Boskola", "Housing school", "bostad"),
    ("Bostadsplanering", "Housing planning", "bostad"),
    ("Föräldrastöd", "Parenting support", "social-sammanhallning"),
    ("Samhällsorientering", "Civic orientation", "social-sammanhallning"),
    ("Idrott för alla", "Sport for everyone", "social-sammanhallning"),
    ("Kulturombud", "Culture ambassadors", "social-sammanhallning"),
    ("Digital delaktighet", "Digital inclusion", "social-sammanhallning"),
    ("Mötesplats", "Meeting place", "social-sammanhallning"),
    ("Utbildning i bemötande", "Training in treating people well", "social-sammanhallning"),
]
AUDIENCES: list[tuple[str, str, str | None]] = [
    ("för nyanlända kvinnor", "for newly arrived women", "kvinnor"),
    ("för unga vuxna", "for young adults", "unga"),
    ("för föräldrar", "for parents", "foraldrar"),
    ("för utländska akademiker", "for foreign academics", "utlandska-akademiker"),
    ("för ensamkommande", "for unaccompanied minors", "ensamkommande"),
    ("för asylsökande", "for asylum seekers", "asylsokande"),
    ("för arbetsgivare", "for employers", "arbetsgivare"),
    ("för blivande företagare", "for aspiring entrepreneurs", "foretagare"),
    ("inom vård och omsorg", "in health and social care", "nyanlanda"),
    ("inom industrin", "in industry", "nyanlanda"),
    ("inom skogsnäringen", "in forestry", "nyanlanda"),
    ("inom besöksnäringen", "in tourism", "nyanlanda"),
    ("på lätt svenska", "in easy Swedish", "nyanlanda"),
    ("", "", None),
]
AIMS_SV = [
    "Målet är att fler ska komma i arbete eller studier inom ett år.",
    "Insatsen ska korta vägen till egen försörjning.",
    "Deltagarna får träffa arbetsgivare, föreningar och myndigheter på hemorten.",
    "Arbetet sker i samverkan mellan kommunen, myndigheterna och civilsamhället.",
    "Erfarenheterna sprids till de andra kommunerna i länet.",
    "Insatsen bygger vidare på ett tidigare projekt med goda resultat.",
]
MILESTONES = [
    "Samverkansavtal undertecknat",
    "Projektledare anställd",
    "Första deltagargruppen startar",
    "Halvtidsutvärdering klar",
    "Arbetsgivare rekryterade",
    "Utbildningsmaterial färdigt",
    "Uppföljning med deltagarna",
    "Slutrapport inlämnad",
]
# (name, English name, unit, direction, baseline range, target range)
INDICATORS: list[tuple[str, str, str, str, tuple[int, int], tuple[int, int]]] = [
    ("Deltagare som börjat arbeta", "Participants who started work", "personer", Direction.INCREASE, (0, 5), (20, 200)),
    ("Deltagare", "Participants", "personer", Direction.INCREASE, (0, 0), (30, 400)),
    ("Andel som klarat sfi-kurs D", "Share passing SFI course D", "procent", Direction.INCREASE, (20, 40), (50, 80)),
    ("Praktikplatser", "Work placements", "platser", Direction.INCREASE, (0, 10), (15, 80)),
    ("Väntetid till sfi", "Waiting time for SFI", "dagar", Direction.DECREASE, (60, 120), (14, 40)),
    ("Nöjda deltagare", "Satisfied participants", "procent", Direction.INCREASE, (50, 70), (80, 95)),
]
PARTNER_ROLES: list[str] = [PartnerRole.PARTNER, PartnerRole.CO_LEAD, PartnerRole.FUNDER, PartnerRole.REFERENCE]
PARTNER_ROLE_WEIGHTS = [60, 15, 15, 10]
# Amounts in thousands of kronor per source.
FUNDING_RANGES = {
    FundingSource.OWN_BUDGET: (50, 2_000),
    FundingSource.STATE_GRANT: (200, 5_000),
    FundingSource.ESF_PLUS: (1_000, 20_000),
    FundingSource.AMIF: (500, 10_000),
    FundingSource.INHERITANCE_FUND: (300, 3_000),
    FundingSource.OTHER: (20, 500),
}


@dataclass
class Plan:
    """One period's action plan as the generator sees it: what initiatives there may be tied to."""

    period: AgreementPeriod
    themes: list[FocusTheme]
    principles: list[Principle]
    municipalities: list[Municipality]
    organisations: CountyOrganisations
    national: list[Organisation]

    def lead(self, rng: random.Random, places: Sequence[Municipality]) -> Organisation:
        """Mostly the municipality the initiative is in or an association there, else a regional body."""
        county = self.organisations
        kind = rng.choices(["municipality", "local", "regional"], weights=[45, 35, 20])[0]
        if kind == "municipality" and county.municipalities:
            own = [o for o in county.municipalities if places and o.municipality_id == places[0].pk]
            return own[0] if own else rng.choice(county.municipalities)
        if kind == "local" and county.local:
            ids = {place.pk for place in places}
            return rng.choice([o for o in county.local if o.municipality_id in ids] or county.local)
        return rng.choice(list(county.regional.values()) or county.municipalities or county.local)

    @property
    def partner_pool(self) -> list[Organisation]:
        # An organisation may be both regional and in a municipality: each appears once.
        pool = [*self.organisations.regional.values(), *self.organisations.municipalities, *self.national]
        return list(dict.fromkeys(pool))


@dataclass
class Draft:
    """An initiative and the rows that hang on it, before insertion."""

    initiative: Initiative
    themes: list[FocusTheme]
    municipalities: list[Municipality]
    principles: list[Principle]
    target_groups: list[TargetGroup]
    partners: list[tuple[Organisation, str]]
    # The English title, kept even when the initiative is not translated: sub-initiatives build theirs on it.
    title_en: str
    children: list[Draft] = field(default_factory=list)


def generate(rng: random.Random, scale: float, initiatives: int | None = None) -> dict[str, int]:
    """About 10,000 initiatives at scale 1.0, spread over the periods by the number of municipalities.

    `initiatives` sets the total (sub-initiatives included) regardless of `scale`, for the growth measurements
    of `python -m bench.growth`; without it the total is `NATIONAL_INITIATIVES * scale`. Either way the rows
    depend only on the random stream and the total.
    """
    plans = [_plan(period) for period in _periods()]
    target_groups = list(TargetGroup.objects.order_by("order", "pk"))
    people = organisations_bench.people_by_organisation()
    total = round(NATIONAL_INITIATIVES * scale) if initiatives is None else initiatives
    weights = [max(1, len(plan.municipalities)) for plan in plans]
    shares = _apportion(total, weights)
    slugs = set(Initiative.objects.values_list("slug", flat=True))
    drafts: list[Draft] = []
    for plan, share in zip(plans, shares, strict=True):
        drafts += _drafts_for(rng, plan, share, target_groups, people, slugs)
    _name_showcase(drafts)
    bulk_insert(Initiative, (draft.initiative for draft in drafts), rng)
    # Parents first: the children need their primary keys.
    children = []
    for draft in drafts:
        for child in draft.children:
            child.initiative.parent = draft.initiative
            children.append(child)
    bulk_insert(Initiative, (child.initiative for child in children), rng)
    every = [*drafts, *children]
    _insert_relations(rng, every)
    counts = _insert_details(rng, [draft.initiative for draft in every])
    return {"initiatives": len(every), "sub-initiatives": len(children), **counts}


def _name_showcase(drafts: Sequence[Draft]) -> None:
    """Give a published initiative with sub-initiatives in the real agreement a known address for the load test."""
    for draft in drafts:
        initiative = draft.initiative
        real = initiative.period.county.code == organisations_bench.REFERENCE_COUNTY
        if real and draft.children and initiative.visibility == Visibility.PUBLISHED:
            initiative.slug = SHOWCASE_SLUG
            return


def _periods() -> list[AgreementPeriod]:
    return list(
        AgreementPeriod.objects.select_related("county")
        .annotate(theme_count=Count("areas__themes"))
        .filter(theme_count__gt=0)
        .order_by("county__code", "starts_on", "slug")
    )


def _plan(period: AgreementPeriod) -> Plan:
    national = Organisation.objects.active().filter(county__isnull=True, municipality__isnull=True).order_by("pk")
    return Plan(
        period=period,
        themes=list(
            FocusTheme.objects.filter(area__period=period).select_related("area").order_by("area__number", "number")
        ),
        principles=list(Principle.objects.filter(period=period).order_by("number")),
        municipalities=list(Municipality.objects.filter(county=period.county).order_by("code")),
        organisations=CountyOrganisations.of(period.county),
        national=list(national),
    )


def _apportion(total: int, weights: Sequence[int]) -> list[int]:
    """`total` split by weight, the remainders going to the largest fractions, so the parts add up."""
    whole = sum(weights)
    exact = [total * weight / whole for weight in weights]
    parts = [int(share) for share in exact]
    by_fraction = sorted(range(len(weights)), key=lambda i: exact[i] - parts[i], reverse=True)
    for i in by_fraction[: total - sum(parts)]:
        parts[i] += 1
    return parts


def _drafts_for(
    rng: random.Random,
    plan: Plan,
    count: int,
    target_groups: list[TargetGroup],
    people: dict[int, list[int]],
    slugs: set[str],
) -> list[Draft]:
    """`count` initiatives for one plan, some of them parents with two to five sub-initiatives."""
    drafts: list[Draft] = []
    made = 0
    while made < count:
        draft = _draft(rng, plan, target_groups, people, slugs, parent=None)
        drafts.append(draft)
        made += 1
        if rng.random() < PARENT_SHARE and made < count:
            draft.initiative.progress = 0  # computed from the children
            places = draft.municipalities or plan.municipalities
            for place in pick(rng, places, min(rng.randint(2, 5), count - made)):
                draft.children.append(_draft(rng, plan, target_groups, people, slugs, parent=draft, place=place))
                made += 1
    return drafts


def _draft(
    rng: random.Random,
    plan: Plan,
    target_groups: list[TargetGroup],
    people: dict[int, list[int]],
    slugs: set[str],
    *,
    parent: Draft | None,
    place: Municipality | None = None,
) -> Draft:
    period = plan.period
    if parent is None:
        activity, activity_en, area = rng.choice(ACTIVITIES)
        audience, audience_en, group = rng.choice(AUDIENCES)
        whole_county = rng.random() < WHOLE_COUNTY_SHARE
        municipalities = [] if whole_county else pick(rng, plan.municipalities, rng.choice([1, 1, 1, 2, 3, 4]))
        lead = plan.lead(rng, municipalities)
        preferred = [theme for theme in plan.themes if theme.area.slug == area] or plan.themes
        themes = [rng.choice(preferred)]
        themes += [t for t in pick(rng, plan.themes, rng.randint(0, 2)) if t not in themes]
        title_sv = " ".join(part for part in (activity, audience) if part)
        title_en = " ".join(part for part in (activity_en, audience_en) if part)
        title_sv = f"{title_sv} i {_place(municipalities, plan, 'och')}"
        title_en = f"{title_en} in {_place(municipalities, plan, 'and')}"
        groups = [g for g in target_groups if g.slug == group] + pick(rng, target_groups, rng.randint(0, 2))
        starts_on = _day(rng, period.starts_on, max(period.starts_on, TODAY_FOR_DATA + datetime.timedelta(days=365)))
    else:
        assert place is not None
        lead = parent.initiative.lead_organisation if rng.random() < 0.7 else plan.lead(rng, [place])
        whole_county, municipalities, themes = False, [place], parent.themes[:1]
        title_sv = f"{parent.initiative.title_sv.rsplit(' i ', 1)[0]} – {place.short_name}"
        title_en = f"{parent.title_en.rsplit(' in ', 1)[0]} – {place.short_name}"
        groups = parent.target_groups
        starts_on = parent.initiative.starts_on or period.starts_on
        starts_on += datetime.timedelta(days=rng.randint(0, 365))
    ends_on = starts_on + datetime.timedelta(days=rng.randint(180, 4 * 365))
    status, progress = _status(rng, starts_on, ends_on)
    english = rng.random() < ENGLISH_SHARE
    summary_sv = f"{lead.name} erbjuder {title_sv[0].lower()}{title_sv[1:]}. {rng.choice(AIMS_SV)}"
    published = rng.random() < PUBLISHED_SHARE
    representatives = people.get(lead.pk) or []
    initiative = Initiative(
        period=period,
        slug=_unique_slug(title_sv, slugs),
        title_sv=title_sv[:200],
        title_en=title_en[:200] if english else "",
        summary_sv=summary_sv[:500],
        summary_en=f"{title_en}, led by {lead.name_en or lead.name}." if english else "",
        description_sv=" ".join([summary_sv, *_some(rng, AIMS_SV, 2)]),
        lead_organisation=lead,
        contact_person_id=rng.choice(representatives) if representatives and rng.random() < CONTACT_SHARE else None,
        whole_county=whole_county,
        starts_on=starts_on,
        ends_on=ends_on,
        status=status,
        progress=progress,
        weight=rng.randint(1, 3) if parent else 1,
        visibility=Visibility.PUBLISHED if published else Visibility.DRAFT,
        published_at=_published_at(rng, period.starts_on) if published else None,
    )
    partners = [
        (organisation, rng.choices(PARTNER_ROLES, weights=PARTNER_ROLE_WEIGHTS)[0])
        for organisation in pick(rng, plan.partner_pool, rng.choice([0, 1, 1, 2, 2, 3, 4]))
        if organisation.pk != lead.pk
    ]
    return Draft(
        initiative=initiative,
        themes=themes,
        municipalities=municipalities,
        principles=pick(rng, plan.principles, rng.randint(1, 3)),
        target_groups=list(dict.fromkeys(groups)),
        partners=partners,
        title_en=title_en,
    )


def _place(municipalities: Sequence[Municipality], plan: Plan, conjunction: str) -> str:
    """Where the initiative is: the county, or its municipalities as a list ("Mora, Orsa och Rättvik")."""
    if not municipalities:
        return plan.period.county.short_name
    names = [m.short_name for m in municipalities]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {conjunction} {names[-1]}"


def _status(rng: random.Random, starts_on: datetime.date, ends_on: datetime.date) -> tuple[str, int]:
    """A status and progress that fit the dates, as seen on the data's 'today'."""
    if ends_on < TODAY_FOR_DATA:
        if rng.random() < 0.1:
            return InitiativeStatus.CANCELLED, rng.randint(10, 70)
        return InitiativeStatus.COMPLETED, 100
    if starts_on > TODAY_FOR_DATA:
        return (InitiativeStatus.IDEA if rng.random() < 0.3 else InitiativeStatus.PLANNED), 0
    elapsed = (TODAY_FOR_DATA - starts_on).days / max(1, (ends_on - starts_on).days)
    return InitiativeStatus.ONGOING, max(0, min(99, round(elapsed * 100) + rng.randint(-15, 10)))


def _published_at(rng: random.Random, first: datetime.date) -> datetime.datetime:
    day = _day(rng, first, TODAY_FOR_DATA - datetime.timedelta(days=1))
    return datetime.datetime(day.year, day.month, day.day, rng.randint(7, 17), rng.randint(0, 59), tzinfo=datetime.UTC)


def _some(rng: random.Random, items: Sequence[T], count: int) -> list[T]:
    """Up to `count` distinct items, in the stream's order."""
    return rng.sample(list(items), min(count, len(items)))


def _day(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _unique_slug(title: str, taken: set[str]) -> str:
    base = slugify(title)[:110].rstrip("-")
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    taken.add(slug)
    return slug


def _insert_relations(rng: random.Random, drafts: Sequence[Draft]) -> None:
    """Themes, principles, municipalities, target groups and partners of every initiative."""
    themes = Initiative.themes.through
    bulk_insert(themes, (themes(initiative=d.initiative, focustheme=t) for d in drafts for t in d.themes), rng)
    principles = Initiative.principles.through
    bulk_insert(
        principles, (principles(initiative=d.initiative, principle=p) for d in drafts for p in d.principles), rng
    )
    places = Initiative.municipalities.through
    bulk_insert(
        places, (places(initiative=d.initiative, municipality=m) for d in drafts for m in d.municipalities), rng
    )
    groups = Initiative.target_groups.through
    bulk_insert(groups, (groups(initiative=d.initiative, targetgroup=g) for d in drafts for g in d.target_groups), rng)
    bulk_insert(
        InitiativePartner,
        (
            InitiativePartner(initiative=d.initiative, organisation=organisation, role=role)
            for d in drafts
            for organisation, role in d.partners
        ),
        rng,
    )


def _insert_details(rng: random.Random, initiatives: Sequence[Initiative]) -> dict[str, int]:
    """Funding, links, milestones, and indicators whose actuals come from approved yearly reports."""
    funding: list[Funding] = []
    links: list[Link] = []
    milestones: list[Milestone] = []
    indicators: list[Indicator] = []
    for initiative in initiatives:
        for source in _some(rng, list(FUNDING_RANGES), rng.choice([0, 1, 1, 2, 3])):
            low, high = FUNDING_RANGES[source]
            funding.append(Funding(initiative=initiative, source=source, amount_sek=rng.randint(low, high) * 1000))
        if rng.random() < LINK_SHARE:
            links.append(
                Link(
                    initiative=initiative,
                    title="Projektets webbplats",
                    url=f"https://www.example.org/{initiative.slug}",
                )
            )
        showcase = initiative.slug == SHOWCASE_SLUG
        if showcase or rng.random() < MILESTONE_SHARE:
            milestones += _milestones(rng, initiative)
        if showcase or rng.random() < INDICATOR_SHARE:
            indicators += _indicators(rng, initiative)
    bulk_insert(Funding, funding, rng)
    bulk_insert(Link, links, rng)
    bulk_insert(Milestone, milestones, rng)
    bulk_insert(Indicator, indicators, rng)
    reports, actuals = _actuals(rng, indicators)
    return {
        "funding rows": len(funding),
        "milestones": len(milestones),
        "indicators": len(indicators),
        "approved reports": reports,
        "indicator actuals": actuals,
    }


def _milestones(rng: random.Random, initiative: Initiative) -> list[Milestone]:
    assert initiative.starts_on and initiative.ends_on
    titles = sorted(_some(rng, MILESTONES, rng.randint(2, 5)), key=MILESTONES.index)
    found = []
    for title in titles:
        due_on = _day(rng, initiative.starts_on, initiative.ends_on)
        done = due_on < TODAY_FOR_DATA and rng.random() < 0.85
        done_on = min(TODAY_FOR_DATA, due_on + datetime.timedelta(days=rng.randint(-20, 30))) if done else None
        found.append(Milestone(initiative=initiative, title_sv=title, due_on=due_on, done_on=done_on))
    return found


def _indicators(rng: random.Random, initiative: Initiative) -> list[Indicator]:
    assert initiative.starts_on and initiative.ends_on
    return [
        Indicator(
            initiative=initiative,
            name_sv=name,
            name_en=name_en,
            unit=unit,
            direction=direction,
            baseline_value=Decimal(rng.randint(*baseline)),
            baseline_date=initiative.starts_on,
            target_value=Decimal(rng.randint(*target)),
            target_date=initiative.ends_on,
        )
        for name, name_en, unit, direction, baseline, target in _some(rng, INDICATORS, rng.randint(1, 2))
    ]


def _actuals(rng: random.Random, indicators: Sequence[Indicator]) -> tuple[int, int]:
    """An approved report per initiative and finished year, and an actual per indicator and such year."""
    years: dict[int, list[int]] = {}
    by_initiative: dict[int, list[Indicator]] = {}
    for indicator in indicators:
        initiative = indicator.initiative
        by_initiative.setdefault(initiative.pk, []).append(indicator)
        if initiative.pk not in years and initiative.starts_on and initiative.ends_on:
            last = min(initiative.ends_on.year, TODAY_FOR_DATA.year - 1)
            years[initiative.pk] = list(range(initiative.starts_on.year, last + 1))
    reports: list[ProgressReport] = []
    for initiative_id, reported in years.items():
        initiative = by_initiative[initiative_id][0].initiative
        for year in reported:
            day = min(datetime.date(year + 1, 2, rng.randint(1, 28)), TODAY_FOR_DATA - datetime.timedelta(days=1))
            decided = datetime.datetime(day.year, day.month, day.day, 10, tzinfo=datetime.UTC)
            reports.append(
                ProgressReport(
                    initiative=initiative,
                    period_start=datetime.date(year, 1, 1),
                    period_end=datetime.date(year, 12, 31),
                    status=ReportStatus.APPROVED,
                    narrative=f"Arbetet under {year} har gått enligt plan.",
                    progress=initiative.progress,
                    submitted_at=decided - datetime.timedelta(days=rng.randint(3, 20)),
                    decided_at=decided,
                )
            )
    bulk_insert(ProgressReport, reports, rng)
    actuals: list[IndicatorActual] = []
    for report in reports:
        initiative = report.initiative
        assert initiative.starts_on and initiative.ends_on
        span = max(1, (initiative.ends_on - initiative.starts_on).days)
        share = min(1.0, max(0.0, (report.period_end - initiative.starts_on).days / span))
        for indicator in by_initiative[initiative.pk]:
            expected = indicator.baseline_value + (indicator.target_value - indicator.baseline_value) * Decimal(share)
            value = max(Decimal(0), expected * Decimal(rng.uniform(0.6, 1.2))).quantize(Decimal("0.01"))
            actuals.append(
                IndicatorActual(
                    indicator=indicator,
                    period_start=report.period_start,
                    period_end=report.period_end,
                    value=value,
                    report=report,
                )
            )
    bulk_insert(IndicatorActual, actuals, rng)
    return len(reports), len(actuals)
