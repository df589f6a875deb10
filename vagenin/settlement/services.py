"""Writes to settlement. Every write to a year locks it first and is refused once the year is decided."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from vagenin.accounts.models import MembershipRole, User
from vagenin.common.audit import record, save_changes
from vagenin.common.mail import send_templated_mail_to_users_on_commit
from vagenin.common.pagecache import invalidate
from vagenin.organisations.models import County, Municipality, OrganisationType
from vagenin.settlement import model as pure
from vagenin.settlement.factorfile import FactorRow
from vagenin.settlement.migrationsverket import QuotaExport, ReceptionExport
from vagenin.settlement.models import (
    AnnualReception,
    Consultation,
    CountyQuotaRevision,
    EarlierReception,
    ModelRun,
    MonthlyReception,
    MunicipalityFactors,
    MunicipalQuota,
    ReadinessReport,
    SettlementYear,
)
from vagenin.settlement.monthlyfile import MonthlyRow
from vagenin.settlement.queries import WeightChoice, run_model


class TransitionError(Exception):
    """A step that the year's state does not allow."""


def _lock_open(settlement_year: SettlementYear) -> SettlementYear:
    """The year, locked; TransitionError when it is decided (frozen)."""
    locked = SettlementYear.objects.select_for_update().get(pk=settlement_year.pk)
    if locked.is_decided:
        raise TransitionError(
            f"The quotas of {locked.year} were decided on {locked.decided_on} ({locked.registration_number}) "
            "and can no longer change."
        )
    return locked


@transaction.atomic
def create_year(
    *, actor: User, county: County, year: int, reception_first_year: int | None, reception_last_year: int | None
) -> SettlementYear:
    """A new settlement year for the county; TransitionError if it exists."""
    if SettlementYear.objects.filter(county=county, year=year).exists():
        raise TransitionError(f"{year} already exists for {county.name}.")
    settlement_year = SettlementYear(county=county, year=year)
    save_changes(
        actor=actor,
        obj=settlement_year,
        data={"reception_first_year": reception_first_year, "reception_last_year": reception_last_year},
        action="settlement.year_created",
    )
    return settlement_year


@transaction.atomic
def update_year(*, actor: User, settlement_year: SettlementYear, data: Mapping[str, Any]) -> SettlementYear:
    """Change the years of earlier reception counted."""
    locked = _lock_open(settlement_year)
    save_changes(actor=actor, obj=locked, data=data, action="settlement.year_changed")
    return locked


@transaction.atomic
def add_revision(*, actor: User, settlement_year: SettlementYear, data: Mapping[str, Any]) -> CountyQuotaRevision:
    """Record the county quota as an ordinance set or revised it."""
    locked = _lock_open(settlement_year)
    last = locked.revisions.order_by("-order").first()
    revision = CountyQuotaRevision(settlement_year=locked, order=(last.order + 1) if last else 0)
    save_changes(actor=actor, obj=revision, data=data, action="settlement.county_quota_set", audit_obj=locked)
    return revision


@transaction.atomic
def save_factors(
    *,
    actor: User,
    settlement_year: SettlementYear,
    municipality: Municipality,
    data: Mapping[str, Any],
    earlier: Mapping[int, tuple[int, int]],
) -> MunicipalityFactors:
    """Create or change one municipality's factor data and its earlier reception per year."""
    locked = _lock_open(settlement_year)
    factors = MunicipalityFactors.objects.filter(settlement_year=locked, municipality=municipality).first()
    factors = factors or MunicipalityFactors(settlement_year=locked, municipality=municipality)
    save_changes(actor=actor, obj=factors, data=data, action="settlement.factors_saved", audit_obj=locked)
    earlier_changes: dict[str, str] = {}
    for year, (newcomers, minors) in earlier.items():
        row, created = EarlierReception.objects.get_or_create(
            factors=factors, year=year, defaults={"newcomers": newcomers, "unaccompanied_minors": minors}
        )
        if created or (row.newcomers, row.unaccompanied_minors) != (newcomers, minors):
            row.newcomers, row.unaccompanied_minors = newcomers, minors
            row.save(update_fields=["newcomers", "unaccompanied_minors"])
            earlier_changes[f"{municipality.code} {year}"] = f"{newcomers}/{minors}"
    if earlier_changes:
        record(actor=actor, action="settlement.earlier_reception_saved", obj=locked, changes=earlier_changes)
    return factors


@dataclass(frozen=True)
class ImportCounts:
    created: int
    changed: int
    unchanged: int


@transaction.atomic
def import_factors(*, actor: User, settlement_year: SettlementYear, rows: Iterable[FactorRow]) -> ImportCounts:
    """Apply a checked factor file in one transaction; rows identical to what is stored change nothing."""
    locked = _lock_open(settlement_year)
    municipalities = {m.code: m for m in Municipality.objects.filter(county=locked.county)}
    created = changed = unchanged = 0
    for row in rows:
        municipality = municipalities.get(row.code)
        if municipality is None:
            raise TransitionError(f"line {row.line}: {row.code} is not in {locked.county.name}")
        existing = MunicipalityFactors.objects.filter(settlement_year=locked, municipality=municipality).first()
        before = _factor_snapshot(existing) if existing else None
        save_factors(
            actor=actor,
            settlement_year=locked,
            municipality=municipality,
            data={
                "population": row.population,
                "labour_market": row.labour_market,
                "asylum_seekers_abo": row.asylum_seekers_abo,
                "asylum_seekers_ebo": row.asylum_seekers_ebo,
                "housing": row.housing,
            },
            earlier=row.earlier,
        )
        after = _factor_snapshot(MunicipalityFactors.objects.get(settlement_year=locked, municipality=municipality))
        if before is None:
            created += 1
        elif before != after:
            changed += 1
        else:
            unchanged += 1
    record(
        actor=actor,
        action="settlement.factors_imported",
        obj=locked,
        changes={"created": created, "changed": changed, "unchanged": unchanged},
    )
    return ImportCounts(created, changed, unchanged)


def _factor_snapshot(factors: MunicipalityFactors) -> tuple[Any, ...]:
    earlier = tuple(factors.earlier.order_by("year").values_list("year", "newcomers", "unaccompanied_minors"))
    labour = factors.labour_market.normalize() if factors.labour_market is not None else None
    return (
        factors.population,
        labour,
        factors.asylum_seekers_abo,
        factors.asylum_seekers_ebo,
        factors.housing,
        earlier,
    )


@transaction.atomic
def compute_proposal(*, actor: User, settlement_year: SettlementYear, choice: WeightChoice) -> ModelRun:
    """Run the model with the officer's weights, store the run and every municipality's proposal.

    A municipality whose quota was adjusted (with a justification) keeps its final figure; the others get
    the new proposal as their quota. ModelInputError lists what is missing.
    """
    locked = _lock_open(settlement_year)
    locked = SettlementYear.objects.with_revisions().get(pk=locked.pk)
    proposal = run_model(locked, choice)
    run = ModelRun.objects.create(
        settlement_year=locked,
        labour_market_weight=choice.labour_market,
        population_weight=choice.population,
        reception_weight=choice.reception,
        housing_weight=choice.housing,
        labour_market_measure=choice.measure,
        method=choice.method,
        created_by=actor,
    )
    municipalities = {m.code: m for m in Municipality.objects.filter(county=locked.county)}
    existing = {q.municipality.code: q for q in MunicipalQuota.objects.for_year(locked).select_for_update()}
    for item in proposal.municipalities:
        quota = existing.get(item.code)
        if quota is None:
            quota = MunicipalQuota(settlement_year=locked, municipality=municipalities[item.code])
        if not quota.justification:
            quota.quota = item.quota
        quota.proposed = item.quota
        quota.model_run = run
        quota.full_clean()
        quota.save()
    record(
        actor=actor,
        action="settlement.proposal_computed",
        obj=locked,
        changes={
            "weights": f"{choice.labour_market}/{choice.population}/{choice.reception}/{choice.housing}",
            "measure": choice.measure,
            "method": choice.method,
            "quotas": {item.code: item.quota for item in proposal.municipalities},
        },
    )
    return run


@transaction.atomic
def adjust_quota(*, actor: User, quota: MunicipalQuota, final: int, justification: str) -> MunicipalQuota:
    """Set a municipality's final quota; a figure other than the model's needs a justification."""
    _lock_open(quota.settlement_year)
    locked = MunicipalQuota.objects.select_for_update().get(pk=quota.pk)
    justification = justification.strip()
    if locked.proposed is not None and final != locked.proposed and not justification:
        raise TransitionError("An adjustment of the model's proposal needs a justification.")
    if locked.proposed is not None and final == locked.proposed:
        justification = ""
    save_changes(
        actor=actor,
        obj=locked,
        data={"quota": final, "justification": justification},
        action="settlement.quota_adjusted",
        audit_obj=locked.settlement_year,
    )
    return locked


@transaction.atomic
def record_consultation(
    *, actor: User, settlement_year: SettlementYear, municipality: Municipality, held_on: datetime.date, summary: str
) -> Consultation:
    """Log what a municipality said in the dialogue about its quota."""
    locked = _lock_open(settlement_year)
    consultation = Consultation(settlement_year=locked, municipality=municipality, recorded_by=actor)
    save_changes(
        actor=actor,
        obj=consultation,
        data={"held_on": held_on, "summary": summary},
        action="settlement.consultation_recorded",
        audit_obj=locked,
    )
    return consultation


@transaction.atomic
def decide_year(
    *, actor: User, settlement_year: SettlementYear, decided_on: datetime.date, registration_number: str
) -> SettlementYear:
    """Freeze the year's quotas; refused unless every municipality has a quota and they sum to the county quota."""
    locked = _lock_open(settlement_year)
    locked = SettlementYear.objects.with_revisions().get(pk=locked.pk)
    county_quota = locked.county_quota
    quotas = list(MunicipalQuota.objects.for_year(locked))
    if county_quota is None:
        raise TransitionError("The county quota for the year is not known.")
    missing = Municipality.objects.filter(county=locked.county).exclude(pk__in=[q.municipality_id for q in quotas])
    if missing.exists():
        names = ", ".join(m.short_name for m in missing.order_by("code"))
        raise TransitionError(f"These municipalities have no quota yet: {names}.")
    total = sum(q.quota for q in quotas)
    if total != county_quota:
        raise TransitionError(f"The municipal quotas sum to {total}, not to the county quota {county_quota}.")
    if not registration_number.strip():
        raise TransitionError("The decision needs a registration number.")
    locked.decided_on = decided_on
    locked.registration_number = registration_number.strip()
    locked.decided_by = actor
    locked.full_clean()
    locked.save()
    record(
        actor=actor,
        action="settlement.year_decided",
        obj=locked,
        changes={"decided_on": decided_on.isoformat(), "registration_number": locked.registration_number},
    )
    recipients = User.objects.filter(
        is_active=True,
        memberships__role=MembershipRole.SETTLEMENT,
        memberships__organisation__type=OrganisationType.MUNICIPALITY,
        memberships__organisation__municipality__county=locked.county,
    ).distinct()
    send_templated_mail_to_users_on_commit(
        template="settlement/email/year_decided",
        context={
            "year": locked.year,
            "county": locked.county.name,
            "registration_number": locked.registration_number,
            "decided_on": decided_on,
            "uuid": str(locked.uuid),
        },
        users=recipients,
    )
    return locked


# Migrationsverket's exports -------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuotaImportPlan:
    """What importing a quota export for one county would do."""

    year: int
    county: County
    county_quota: int
    county_received: int
    national_quota: int
    rows: tuple[tuple[Municipality, int, int], ...]  # every municipality of the county: quota, received
    problems: tuple[str, ...]


def plan_quota_import(export: QuotaExport, county: County) -> QuotaImportPlan:
    """The county's rows of the export (a municipality without a row had quota 0) and any reason to refuse."""
    problems: list[str] = []
    county_row = export.county(county.code)
    if county_row is None:
        problems.append(f"the file has no row for {county.name} ({county.code})")
    rows: list[tuple[Municipality, int, int]] = []
    listed = {item.code: item for item in export.in_county(county.code)}
    for municipality in Municipality.objects.filter(county=county).order_by("code"):
        item = listed.get(municipality.code)
        rows.append((municipality, item.quota if item else 0, item.received if item else 0))
    settlement_year = SettlementYear.objects.filter(year=export.year, county=county).with_revisions().first()
    if settlement_year is not None and settlement_year.is_decided:
        stored = {q.municipality_id: (q.quota, q.received) for q in MunicipalQuota.objects.for_year(settlement_year)}
        if any(stored.get(m.pk) != (quota, received) for m, quota, received in rows):
            problems.append(
                f"{export.year} is decided ({settlement_year.registration_number}); the file's figures differ from it"
            )
    return QuotaImportPlan(
        year=export.year,
        county=county,
        county_quota=county_row.quota if county_row else 0,
        county_received=county_row.received if county_row else 0,
        national_quota=export.national_quota,
        rows=tuple(rows),
        problems=tuple(problems),
    )


@transaction.atomic
def import_quota_export(*, actor: User, export: QuotaExport, county: County) -> tuple[SettlementYear, ImportCounts]:
    """Store a county's quotas and numbers received from Anvisningar enligt kommuntalen. Idempotent."""
    plan = plan_quota_import(export, county)
    if plan.problems:
        raise TransitionError("; ".join(plan.problems))
    settlement_year, _ = SettlementYear.objects.get_or_create(year=export.year, county=county)
    settlement_year = SettlementYear.objects.select_for_update().get(pk=settlement_year.pk)
    if not settlement_year.revisions.filter(county_quota=plan.county_quota).exists() and not settlement_year.is_decided:
        last = settlement_year.revisions.order_by("-order").first()
        CountyQuotaRevision.objects.create(
            settlement_year=settlement_year,
            order=(last.order + 1) if last else 0,
            version=f"Migrationsverket: {export.file}",
            national_total=plan.national_quota,
            county_quota=plan.county_quota,
            source=export.file,
        )
    created = changed = unchanged = 0
    existing = {q.municipality_id: q for q in MunicipalQuota.objects.filter(settlement_year=settlement_year)}
    for municipality, figure, received in plan.rows:
        quota = existing.get(municipality.pk)
        if quota is None:
            MunicipalQuota.objects.create(
                settlement_year=settlement_year,
                municipality=municipality,
                quota=figure,
                received=received,
                source=export.file,
            )
            created += 1
        elif (quota.quota, quota.received) == (figure, received):
            unchanged += 1
        else:
            quota.quota, quota.received, quota.source = figure, received, export.file
            if quota.proposed is not None and quota.quota != quota.proposed and not quota.justification:
                quota.justification = f"Migrationsverket: {export.file}"
            quota.full_clean()
            quota.save()
            changed += 1
    counts = ImportCounts(created, changed, unchanged)
    record(
        actor=actor,
        action="settlement.quota_export_imported",
        obj=settlement_year,
        changes={"file": export.file, "created": created, "changed": changed, "unchanged": unchanged},
    )
    return settlement_year, counts


@transaction.atomic
def import_reception_export(*, actor: User, export: ReceptionExport, county: County) -> ImportCounts:
    """Store a county's people received per municipality from Kommunmottagna. Idempotent."""
    municipalities = {m.code: m for m in Municipality.objects.filter(county=county)}
    existing = {
        a.municipality_id: a
        for a in AnnualReception.objects.select_for_update().filter(year=export.year, municipality__county=county)
    }
    created = changed = unchanged = 0
    for row in export.in_county(county.code):
        municipality = municipalities.get(row.code)
        if municipality is None:
            continue
        values = {
            "persons": row.total.persons,
            "unaccompanied": row.total.unaccompanied,
            "by_category": [
                {"label": category.label, "persons": received.persons, "unaccompanied": received.unaccompanied}
                for category, received in zip(export.categories, row.by_category, strict=True)
            ],
            "source": export.file,
        }
        annual = existing.get(municipality.pk)
        if annual is None:
            AnnualReception.objects.create(year=export.year, municipality=municipality, **values)
            created += 1
        elif all(getattr(annual, key) == value for key, value in values.items() if key != "source"):
            unchanged += 1
        else:
            for key, value in values.items():
                setattr(annual, key, value)
            annual.save()
            changed += 1
    counts = ImportCounts(created, changed, unchanged)
    record(
        actor=actor,
        action="settlement.reception_export_imported",
        obj=county,
        changes={
            "file": export.file,
            "year": export.year,
            "created": created,
            "changed": changed,
            "unchanged": unchanged,
        },
    )
    return counts


# What municipalities report -------------------------------------------------------------------------------


@transaction.atomic
def save_monthly(
    *, actor: User, settlement_year: SettlementYear, municipality: Municipality, month: int, data: Mapping[str, Any]
) -> MonthlyReception:
    """A municipality's assignments and reception in one month (allowed after the decision: it is follow-up)."""
    SettlementYear.objects.select_for_update().get(pk=settlement_year.pk)
    row = MonthlyReception.objects.filter(
        settlement_year=settlement_year, municipality=municipality, month=month
    ).first()
    row = row or MonthlyReception(settlement_year=settlement_year, municipality=municipality, month=month)
    row.reported_by = actor
    save_changes(actor=actor, obj=row, data=data, action="settlement.monthly_reported", audit_obj=settlement_year)
    return row


@transaction.atomic
def import_monthly(*, actor: User, settlement_year: SettlementYear, rows: Iterable[MonthlyRow]) -> ImportCounts:
    """Apply a checked file of monthly figures in one transaction (allowed after the decision: it is follow-up).

    Idempotent: a row equal to what is stored changes nothing. A municipality outside the year's county refuses
    the whole file. Read in one query, written in bulk, audited in one row with the counts and months."""
    locked = SettlementYear.objects.select_for_update().select_related("county").get(pk=settlement_year.pk)
    rows = list(rows)
    municipalities = {m.code: m for m in Municipality.objects.filter(county=locked.county)}
    outside = [row for row in rows if row.code not in municipalities]
    if outside:
        raise TransitionError(
            "; ".join(f"line {row.line}: {row.code} is not in {locked.county.name}" for row in outside)
        )
    existing = {(m.municipality_id, m.month): m for m in MonthlyReception.objects.filter(settlement_year=locked)}
    fields = list(rows[0].values()) if rows else []
    created: list[MonthlyReception] = []
    changed: list[MonthlyReception] = []
    unchanged = 0
    for row in rows:
        municipality = municipalities[row.code]
        stored = existing.get((municipality.pk, row.month))
        if stored is None:
            new = MonthlyReception(settlement_year=locked, municipality=municipality, month=row.month, **row.values())
            new.reported_by = actor
            created.append(new)
        elif all(getattr(stored, key) == value for key, value in row.values().items()):
            unchanged += 1
        else:
            for key, value in row.values().items():
                setattr(stored, key, value)
            stored.reported_by, stored.updated_at = actor, timezone.now()
            changed.append(stored)
    for item in (*created, *changed):
        item.full_clean(exclude=["settlement_year", "municipality", "reported_by"], validate_unique=False)
    MonthlyReception.objects.bulk_create(created, batch_size=2000)
    MonthlyReception.objects.bulk_update(changed, [*fields, "reported_by", "updated_at"], batch_size=2000)
    counts = ImportCounts(len(created), len(changed), unchanged)
    transaction.on_commit(invalidate, robust=True)  # bulk writes send no signals; the public charts show them
    record(
        actor=actor,
        action="settlement.monthly_imported",
        obj=locked,
        changes={
            "created": counts.created,
            "changed": counts.changed,
            "unchanged": counts.unchanged,
            "months": sorted({row.month for row in rows}),
        },
    )
    return counts


@transaction.atomic
def save_readiness(
    *, actor: User, municipality: Municipality, year: int, quarter: int, data: Mapping[str, Any]
) -> ReadinessReport:
    """A municipality's readiness report for a quarter: one per quarter, changed in place."""
    Municipality.objects.select_for_update().get(pk=municipality.pk)
    report = ReadinessReport.objects.filter(municipality=municipality, year=year, quarter=quarter).first()
    report = report or ReadinessReport(municipality=municipality, year=year, quarter=quarter)
    report.reported_by = actor
    save_changes(actor=actor, obj=report, data=data, action="settlement.readiness_reported")
    return report


def weights_of(choice: WeightChoice) -> dict[str, Decimal]:
    """The normalised weights as per cent, for display."""
    normalised = choice.settings(()).weights.normalised()
    return {factor.value: Decimal(float(value) * 100).quantize(Decimal("0.1")) for factor, value in normalised.items()}


__all__ = ["ImportCounts", "TransitionError", "pure"]
