"""Benchmark data: an agreement period for every county, shaped like the real Dalarna agreement, with seats.

Run by `python -m bench` after the organisations generator; never by the application itself.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.text import slugify

from bench.generators import organisations as organisations_bench
from bench.rows import bulk_insert
from vagenin.agreement.models import (
    AgreementPeriod,
    Area,
    Body,
    BodyKind,
    BodyMembership,
    FocusTheme,
    MemberRole,
    Principle,
    Responsibility,
    Signatory,
    ThemePartner,
)
from vagenin.organisations.models import County, Organisation, OrganisationType

COUNTIES_BESIDES_REFERENCE = 20
TODAY_FOR_DATA = organisations_bench.TODAY_FOR_DATA
# How many seats a body of each kind has, besides the seats its kind fills by rule (council, chiefs, ...).
EXTRA_SEATS: dict[str, tuple[int, int]] = {
    BodyKind.THEME_GROUP: (4, 8),
    BodyKind.NETWORK: (15, 30),
    BodyKind.STEERING_GROUP: (5, 10),
    BodyKind.WORKING_COMMITTEE: (4, 6),
}
FORMER_SEAT_SHARE = 0.15


def generate(rng: random.Random, scale: float) -> dict[str, int]:
    """Periods for the other counties copied from the reference period, then seats in every period's bodies."""
    template = reference_period()
    counties = (
        County.objects.exclude(pk=template.county_id)
        .filter(agreements__isnull=True)
        .order_by("code")[: round(COUNTIES_BESIDES_REFERENCE * scale)]
    )
    periods = [copy_period(rng, template, county) for county in counties]
    representatives = organisations_bench.people_by_organisation()
    seats = sum(seat_members(rng, period, representatives) for period in [template, *periods])
    return {
        "agreement periods": len(periods),
        "signatories": Signatory.objects.count(),
        "body memberships": seats,
    }


def reference_period() -> AgreementPeriod:
    """The real agreement from the reference data: the shape every generated period copies."""
    period = (
        AgreementPeriod.objects.filter(county__code=organisations_bench.REFERENCE_COUNTY).order_by("starts_on").first()
    )
    if period is None:
        raise RuntimeError("Load the reference data first: the generated agreements copy the real one.")
    return period


@dataclass
class CountyOrganisations:
    """The organisations of one county, by role, for mapping the template's parties onto another county."""

    regional: dict[str, Organisation]
    municipalities: list[Organisation]
    local: list[Organisation]

    @classmethod
    def of(cls, county: County) -> CountyOrganisations:
        regional: dict[str, Organisation] = {}
        for organisation in Organisation.objects.active().filter(county=county).order_by("pk"):
            regional.setdefault(organisation.type, organisation)
        in_county = Organisation.objects.active().filter(municipality__county=county).order_by("pk")
        return cls(
            regional=regional,
            municipalities=list(in_county.filter(type=OrganisationType.MUNICIPALITY)),
            local=list(in_county.exclude(type=OrganisationType.MUNICIPALITY)),
        )

    def counterpart(self, organisation: Organisation, home: County) -> Organisation:
        """The county's own body of the same type for a regional one of `home`; national ones stay themselves."""
        local = organisation.county_id == home.pk or (
            organisation.municipality is not None and organisation.municipality.county_id == home.pk
        )
        if not local:
            return organisation
        return self.regional.get(organisation.type, organisation)


def copy_period(rng: random.Random, template: AgreementPeriod, county: County) -> AgreementPeriod:
    """A period for `county` with the template's principles, areas, themes, partners, bodies and responsibilities."""
    starts_on = datetime.date(rng.randint(2019, 2024), rng.randint(1, 12), 1)
    ends_on = datetime.date(starts_on.year + 6, starts_on.month, 1) - datetime.timedelta(days=1)
    years = f"{starts_on.year}–{ends_on.year}"
    period = AgreementPeriod(
        slug=f"{slugify(county.short_name)}-{starts_on.year}-{ends_on.year}",
        county=county,
        title_sv=f"Regional överenskommelse för etablering av nyanlända i {county.name} {years}",
        title_en=f"Regional agreement on the establishment of newly arrived immigrants in {county.name} {years}",
        starts_on=starts_on,
        ends_on=ends_on,
        signed_on=starts_on,
        form_sv=template.form_sv,
        form_en=template.form_en,
        intent_sv=template.intent_sv,
        intent_en=template.intent_en,
        implementation_sv=template.implementation_sv,
        implementation_en=template.implementation_en,
    )
    [period] = bulk_insert(AgreementPeriod, [period], rng)
    organisations = CountyOrganisations.of(county)
    home = template.county

    _copy_signatories(rng, template, period, organisations)
    bulk_insert(
        Principle,
        (
            Principle(period=period, number=p.number, text_sv=p.text_sv, text_en=p.text_en)
            for p in template.principles.all()
        ),
        rng,
    )
    areas = _copy_areas(rng, template, period)
    themes = _copy_themes(rng, template, areas)
    partners = ThemePartner.objects.filter(theme__area__period=template).select_related(
        "theme__area", "organisation__municipality"
    )
    bulk_insert(
        ThemePartner,
        (
            ThemePartner(
                theme=themes[(partner.theme.area.slug, partner.theme.slug)],
                order=partner.order,
                organisation=organisations.counterpart(partner.organisation, home) if partner.organisation else None,
                group_sv=partner.group_sv,
                group_en=partner.group_en,
                note_sv=partner.note_sv,
                note_en=partner.note_en,
            )
            for partner in partners
        ),
        rng,
    )
    _copy_bodies(rng, template, period, areas, organisations)
    return period


def _copy_signatories(
    rng: random.Random, template: AgreementPeriod, period: AgreementPeriod, organisations: CountyOrganisations
) -> None:
    national = Organisation.objects.filter(
        signatures__period=template, county__isnull=True, municipality__isnull=True, dissolved_on__isnull=True
    ).order_by("pk")
    civil = [o for o in organisations.local if o.type == OrganisationType.CIVIL_SOCIETY]
    parties = [
        *organisations.regional.values(),
        *national,
        *organisations.municipalities,
        *rng.sample(civil, min(len(civil), rng.randint(0, 5))),
    ]
    bulk_insert(Signatory, (Signatory(period=period, organisation=o, signed_on=period.signed_on) for o in parties), rng)


def _copy_areas(rng: random.Random, template: AgreementPeriod, period: AgreementPeriod) -> dict[str, Area]:
    fields = ["number", "slug", "name_sv", "name_en", "short_name_sv", "short_name_en", "lead_sv", "lead_en"]
    fields += ["description_sv", "description_en"]
    areas = [
        Area(period=period, **{name: getattr(area, name) for name in fields})
        for area in template.areas.order_by("number")
    ]
    return {area.slug: area for area in bulk_insert(Area, areas, rng)}


def _copy_themes(
    rng: random.Random, template: AgreementPeriod, areas: dict[str, Area]
) -> dict[tuple[str, str], FocusTheme]:
    fields = ["number", "slug", "name_sv", "name_en", "description_sv", "description_en"]
    source = FocusTheme.objects.filter(area__period=template).select_related("area").order_by("area__number", "number")
    themes = [
        FocusTheme(area=areas[theme.area.slug], **{name: getattr(theme, name) for name in fields}) for theme in source
    ]
    return {(theme.area.slug, theme.slug): theme for theme in bulk_insert(FocusTheme, themes, rng)}


def _copy_bodies(
    rng: random.Random,
    template: AgreementPeriod,
    period: AgreementPeriod,
    areas: dict[str, Area],
    organisations: CountyOrganisations,
) -> None:
    fields = ["slug", "kind", "order", "name_sv", "name_en", "description_sv", "description_en", "meets_sv", "meets_en"]
    source = list(
        Body.objects.filter(period=template).select_related("area", "parent", "convener__municipality").order_by("pk")
    )
    bodies = [
        Body(
            period=period,
            area=areas[body.area.slug] if body.area else None,
            convener=organisations.counterpart(body.convener, template.county) if body.convener else None,
            **{name: getattr(body, name) for name in fields},
        )
        for body in source
    ]
    by_slug = {body.slug: body for body in bulk_insert(Body, bodies, rng)}
    children = []
    for body in source:
        if body.parent:
            by_slug[body.slug].parent = by_slug[body.parent.slug]
            children.append(by_slug[body.slug])
    Body.objects.bulk_update(children, ["parent"])
    responsibilities = Responsibility.objects.filter(body__period=template).select_related("body").order_by("pk")
    bulk_insert(
        Responsibility,
        (
            Responsibility(body=by_slug[r.body.slug], order=r.order, slug=r.slug, name_sv=r.name_sv, name_en=r.name_en)
            for r in responsibilities
        ),
        rng,
    )


@dataclass
class Seat:
    body: Body
    organisation: Organisation
    role: str = MemberRole.MEMBER
    responsibility: Responsibility | None = None
    ends_on: datetime.date | None = None


def seat_members(rng: random.Random, period: AgreementPeriod, representatives: dict[int, list[int]]) -> int:
    """Fill the period's bodies the way the real ones are filled; some seats have ended. Returns the seat count."""
    organisations = CountyOrganisations.of(period.county)
    signatories = [s.organisation for s in Signatory.objects.filter(period=period).select_related("organisation")]
    lead = organisations.regional.get(OrganisationType.COUNTY_BOARD) or signatories[0]
    region = organisations.regional.get(OrganisationType.REGION) or lead
    seats: list[Seat] = []
    for body in (
        Body.objects.filter(period=period)
        .select_related("period")
        .prefetch_related("responsibilities")
        .order_by("order", "pk")
    ):
        seats += _seats_for(rng, body, lead=lead, region=region, signatories=signatories, county=organisations)
    return _create_seats(rng, period, seats, representatives)


def _seats_for(
    rng: random.Random,
    body: Body,
    *,
    lead: Organisation,
    region: Organisation,
    signatories: Sequence[Organisation],
    county: CountyOrganisations,
) -> list[Seat]:
    if body.kind == BodyKind.COUNCIL:
        return [Seat(body, lead, MemberRole.CHAIR)] + [Seat(body, o) for o in signatories if o != lead]
    if body.kind == BodyKind.MUNICIPAL_CHIEFS:
        chiefs = county.municipalities or [o for o in signatories if o.type == OrganisationType.MUNICIPALITY]
        return [Seat(body, o, MemberRole.CONVENER if i == 0 else MemberRole.MEMBER) for i, o in enumerate(chiefs)]
    if body.kind == BodyKind.SECRETARIAT:
        return [
            Seat(body, lead, MemberRole.CONVENER),
            Seat(body, region),
            Seat(body, region, MemberRole.SECRETARY),
            Seat(body, region, ends_on=_ended(rng, body)),
        ]
    if body.kind == BodyKind.WORKING_GROUP:
        return [
            Seat(body, (lead, region)[i % 2], MemberRole.RESPONSIBLE, responsibility=r)
            for i, r in enumerate(body.responsibilities.all())
        ]
    low, high = EXTRA_SEATS.get(body.kind, (3, 5))
    pool = list(signatories) if body.kind != BodyKind.NETWORK else county.local or list(signatories)
    chosen = [rng.choice(pool) for _ in range(rng.randint(low, high))]
    seats = [Seat(body, o, MemberRole.CONVENER if i == 0 else MemberRole.MEMBER) for i, o in enumerate(chosen)]
    for seat in seats[1:]:
        if rng.random() < FORMER_SEAT_SHARE:
            seat.ends_on = _ended(rng, body)
    return seats


def _ended(rng: random.Random, body: Body) -> datetime.date:
    """A day between the start of the period and a month before the data's 'today'."""
    first = body.period.starts_on
    last = max(first, TODAY_FOR_DATA - datetime.timedelta(days=30))
    return first + datetime.timedelta(days=rng.randint(0, (last - first).days))


def _create_seats(
    rng: random.Random, period: AgreementPeriod, seats: list[Seat], representatives: dict[int, list[int]]
) -> int:
    unstaffed = {s.organisation.pk: s.organisation for s in seats if not representatives.get(s.organisation.pk)}
    for organisation_id, person_id in organisations_bench.add_staff(rng, list(unstaffed.values())).items():
        representatives[organisation_id] = [person_id]
    memberships = [
        BodyMembership(
            body=seat.body,
            person_id=rng.choice(representatives[seat.organisation.pk]),
            organisation=seat.organisation,
            role=seat.role,
            responsibility=seat.responsibility,
            starts_on=period.starts_on,
            ends_on=seat.ends_on,
        )
        for seat in seats
    ]
    return len(bulk_insert(BodyMembership, memberships, rng))
