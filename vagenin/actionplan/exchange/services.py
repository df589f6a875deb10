"""Import and export of initiatives, keyed by an external id, through the columns of `columns.py`.

What the export writes, the import reads. An initiative without an external id is exported under its
slug; importing that row updates it and makes the slug its external id. The import checks every row
and changes nothing unless all rows are good.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from vagenin.accounts.models import User
from vagenin.actionplan.exchange.columns import (
    COLUMNS,
    EXPORT_FIELDS,
    NAMES,
    Cell,
    Lookups,
    Problem,
    initiative_key,
    shown,
)
from vagenin.actionplan.exchange.files import EXTRA_CELLS, Row, read_table
from vagenin.actionplan.models import Initiative, TargetGroup, Visibility
from vagenin.agreement.models import AgreementPeriod, FocusTheme
from vagenin.common import pagecache
from vagenin.common.audit import audit_value
from vagenin.common.models import AuditEntry
from vagenin.organisations.models import Municipality, Organisation

# Reference data and the current state --------------------------------------------------------------


@dataclass(frozen=True)
class Existing:
    """An initiative already in the database, under its import key."""

    id: int
    key: str
    period_id: int
    parent_key: str
    visibility: str
    row: Row | None  # its export row, for initiatives of the import's period


@dataclass
class Reference:
    """What rows may name, and the initiatives they may update."""

    period: AgreementPeriod
    lookups: Lookups
    existing: dict[str, Existing] = field(default_factory=dict)


def export_rows(period: AgreementPeriod) -> list[Row]:
    """Every initiative of the period (drafts too) as a row of COLUMNS, ordered by key, in seven queries."""
    initiatives = list(Initiative.objects.filter(period=period).values(*EXPORT_FIELDS))
    themes: dict[int, list[str]] = defaultdict(list)
    for initiative_id, area, theme in Initiative.themes.through.objects.filter(initiative__period=period).values_list(
        "initiative_id", "focustheme__area__slug", "focustheme__slug"
    ):
        themes[initiative_id].append(f"{area}/{theme}")
    municipalities: dict[int, list[str]] = defaultdict(list)
    for initiative_id, code in Initiative.municipalities.through.objects.filter(initiative__period=period).values_list(
        "initiative_id", "municipality__code"
    ):
        municipalities[initiative_id].append(code)
    groups: dict[int, list[str]] = defaultdict(list)
    for initiative_id, slug in Initiative.target_groups.through.objects.filter(initiative__period=period).values_list(
        "initiative_id", "targetgroup__slug"
    ):
        groups[initiative_id].append(slug)
    parent_ids = {row["parent_id"] for row in initiatives if row["parent_id"]}
    parents = {
        pk: initiative_key(external_id, slug)
        for pk, external_id, slug in Initiative.objects.filter(pk__in=parent_ids).values_list(
            "pk", "external_id", "slug"
        )
    }
    rows = []
    for initiative in initiatives:
        exported = {
            **initiative,
            "themes": themes[initiative["id"]],
            "municipalities": municipalities[initiative["id"]],
            "target_groups": groups[initiative["id"]],
            "parent": parents.get(initiative["parent_id"], "") if initiative["parent_id"] else "",
        }
        rows.append(tuple(column.export(exported) for column in COLUMNS))
    return sorted(rows, key=lambda row: row[0])


def load_reference(period: AgreementPeriod) -> Reference:
    """Organisations, themes, municipalities and target groups by their keys, and the existing initiatives."""
    themes = {
        f"{area}/{theme}": pk
        for pk, area, theme in FocusTheme.objects.filter(area__period=period).values_list("pk", "area__slug", "slug")
    }
    reference = Reference(
        period=period,
        lookups=Lookups(
            organisations=dict(Organisation.objects.values_list("slug", "pk")),
            themes=themes,
            municipalities=dict(Municipality.objects.filter(county=period.county_id).values_list("code", "pk")),
            target_groups=dict(TargetGroup.objects.values_list("slug", "pk")),
        ),
    )
    rows = {row[0]: row for row in export_rows(period)}
    everything = list(
        Initiative.objects.values_list("pk", "external_id", "slug", "period_id", "parent_id", "visibility")
    )
    keys = {pk: initiative_key(external_id, slug) for pk, external_id, slug, *_ in everything}
    # External ids win over slugs: an unkeyed initiative is found by its slug only where no external id is the same.
    for pk, _external_id, _slug, period_id, parent_id, visibility in sorted(everything, key=lambda r: r[1] is not None):
        key = keys[pk]
        reference.existing[key] = Existing(
            id=pk,
            key=key,
            period_id=period_id,
            parent_key=keys.get(parent_id, "") if parent_id else "",
            visibility=visibility,
            row=rows.get(key) if period_id == period.pk else None,
        )
    return reference


# Checking rows -----------------------------------------------------------------------------------


@dataclass
class RowPlan:
    """What one good row will do."""

    line: int
    key: str
    title: str
    action: Literal["create", "update", "unchanged"]
    existing: Existing | None
    values: dict[str, Any]  # model field values, related objects as primary keys
    visibility: str  # "" keeps an existing initiative's visibility
    parent_key: str
    changed: list[str] = field(default_factory=list)


def read_row(
    line: int, raw: Mapping[str, str], lookups: Lookups
) -> tuple[dict[str, Any], dict[str, str], list[Problem]]:
    """One row through every column's parse: (model field values, {column: cell as the export writes it}, problems)."""
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    if raw.get(EXTRA_CELLS):
        problems.append(
            Problem(
                line, "", _("Raden har fler ifyllda celler än rubrikraden. Kontrollera avgränsare och citattecken.")
            )
        )
    written: dict[str, str] = {}
    for column in COLUMNS:
        if column.optional and column.name not in raw:
            continue  # left out of the file: the initiative keeps its value (validate compares without it)
        written[column.name] = column.parse(
            Cell(
                column=column,
                raw=raw.get(column.name, ""),
                lookups=lookups,
                line=line,
                values=values,
                problems=problems,
            )
        )
    return values, written, problems


def validate(
    rows: Sequence[tuple[int, Mapping[str, str]]], reference: Reference
) -> tuple[list[RowPlan], list[Problem]]:
    """A plan for every row, and every problem found in any row; apply the plans only when there are no problems."""
    problems: list[Problem] = []
    plans: list[RowPlan] = []
    first_line: dict[str, int] = {}
    for line, raw in rows:
        values, written, row_problems = read_row(line, raw, reference.lookups)
        problems.extend(row_problems)
        key = values["external_id"]
        if key in first_line:
            problems.append(
                Problem(
                    line,
                    "external_id",
                    _("Externt id %(value)s finns redan på rad %(line)s.")
                    % {"value": shown(key), "line": first_line[key]},
                )
            )
            continue
        if not key:
            continue
        first_line[key] = line
        existing = reference.existing.get(key)
        if existing is not None and existing.period_id != reference.period.pk:
            problems.append(
                Problem(
                    line,
                    "external_id",
                    _("Insatsen %(value)s hör till en annan avtalsperiod.") % {"value": shown(key)},
                )
            )
            continue
        plan = RowPlan(
            line=line,
            key=key,
            title=values["title_sv"],
            action="create" if existing is None else "update",
            existing=existing,
            values=values,
            visibility=written["visibility"],
            parent_key=written["parent"],
        )
        if existing is not None and existing.row is not None:
            # An empty visibility keeps the initiative's own; compare as if it had been written out.
            now = {**written, "visibility": written["visibility"] or existing.visibility}
            before = dict(zip(NAMES, existing.row, strict=True))
            plan.changed = [name for name in NAMES if now.get(name, before[name]) != before[name]]
            if not plan.changed:
                plan.action = "unchanged"
        plans.append(plan)
    problems.extend(_check_parents(plans, reference))
    return plans, sorted(problems, key=lambda p: (p.line, NAMES.index(p.column) if p.column in NAMES else 0))


def _check_parents(plans: Sequence[RowPlan], reference: Reference) -> list[Problem]:
    """A parent must exist in the file or the period, and (as in the form) sub-initiatives go one level deep."""
    problems = []
    parent_of = {key: e.parent_key for key, e in reference.existing.items() if e.period_id == reference.period.pk}
    parent_of.update({plan.key: plan.parent_key for plan in plans})
    has_children = {parent for parent in parent_of.values() if parent}
    for plan in plans:
        parent = plan.parent_key
        if not parent:
            continue
        if parent == plan.key:
            problems.append(Problem(plan.line, "parent", _("En insats kan inte vara sin egen huvudinsats.")))
        elif parent not in parent_of:
            problems.append(
                Problem(
                    plan.line,
                    "parent",
                    _("Huvudinsatsen %(value)s finns varken i filen eller i handlingsplanen.")
                    % {"value": shown(parent)},
                )
            )
        elif parent_of[parent]:
            problems.append(
                Problem(
                    plan.line, "parent", _("Huvudinsatsen %(value)s är själv en delinsats.") % {"value": shown(parent)}
                )
            )
        elif plan.key in has_children:
            problems.append(
                Problem(plan.line, "parent", _("Insatsen har egna delinsatser och kan inte vara delinsats."))
            )
    return problems


# Applying an import --------------------------------------------------------------------------------


class ImportRejected(Exception):
    """The rows have problems; nothing was changed."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


def check_file(name: str, content: bytes, period: AgreementPeriod) -> list[RowPlan]:
    """Read and check an uploaded file; raises UploadError or ImportRejected."""
    plans, problems = validate(read_table(name, content), load_reference(period))
    if problems:
        raise ImportRejected(problems)
    return plans


def _related_objects(plans: Sequence[RowPlan]) -> dict[str, dict[int, models.Model]]:
    """For each relation among the rows' values (given as primary keys), the objects named, in one query each."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for plan in plans:
        for name, value in plan.values.items():
            if Initiative._meta.get_field(name).is_relation:
                wanted[name].update(value if isinstance(value, list) else [value])
    return {
        name: Initiative._meta.get_field(name).related_model._default_manager.in_bulk(pks)  # type: ignore[union-attr]  # a relation has its model
        for name, pks in wanted.items()
    }


def _model_data(values: Mapping[str, Any], objects: Mapping[str, Mapping[int, models.Model]]) -> dict[str, Any]:
    """A row's values as the services take them: related objects instead of their primary keys."""
    data = {}
    for name, value in values.items():
        if name in objects:
            by_pk = objects[name]
            value = [by_pk[pk] for pk in value] if isinstance(value, list) else by_pk[value]
        data[name] = value
    return data


# Rows written per INSERT or UPDATE statement: the import's queries grow with the rows only by this step.
BATCH = 2_000


@dataclass
class _Write:
    """One changed row on its way to the database: the initiative, its relations and its audit rows."""

    initiative: Initiative
    creating: bool
    changes: dict[str, Any]
    fields: set[str]  # the concrete fields an update sets
    relations: dict[str, list[models.Model]]
    visibility: str  # the new visibility to audit, or ""


def _unique_slug(title: str, taken: set[str]) -> str:
    """services.unique_slug against the slugs in memory: the same slug, without a query per try."""
    base = slugify(title)[:100] or "insats"
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


def _relations_before(names: Sequence[str], period: AgreementPeriod) -> dict[str, dict[int, set[int]]]:
    """{relation: {initiative id: related ids}} for the period's initiatives, one query per relation."""
    before: dict[str, dict[int, set[int]]] = {}
    for name in names:
        field = Initiative._meta.get_field(name)
        through = field.remote_field.through  # type: ignore[union-attr]  # a many-to-many field has one
        target = f"{field.m2m_reverse_field_name()}_id"  # type: ignore[union-attr]
        by_initiative: dict[int, set[int]] = defaultdict(set)
        for initiative_id, related_id in through.objects.filter(initiative__period=period).values_list(
            "initiative_id", target
        ):
            by_initiative[initiative_id].add(related_id)
        before[name] = by_initiative
    return before


def _parents(plans: Sequence[RowPlan], reference: Reference) -> dict[str, Initiative]:
    """The initiatives already in the period that rows name as parent, by key, in one query."""
    ids = {
        reference.existing[plan.parent_key].id
        for plan in plans
        if plan.parent_key and plan.parent_key in reference.existing
    }
    found = Initiative.objects.only("pk", "slug", "external_id", "title_sv").in_bulk(ids)
    return {initiative_key(i.external_id, i.slug): i for i in found.values()}


def _prepare(
    plan: RowPlan,
    data: Mapping[str, Any],
    initiative: Initiative,
    before: Mapping[str, Mapping[int, set[int]]],
    now: datetime.datetime,
) -> _Write | None:
    """What save_changes and set_visibility would do to one initiative, without writing; None when nothing would."""
    creating = initiative.pk is None
    write = _Write(initiative, creating, changes={}, fields=set(), relations={}, visibility="")
    for name, value in data.items():
        field = Initiative._meta.get_field(name)
        if field.many_to_many:
            items = list(value)
            if creating or before[name].get(initiative.pk, set()) != {item.pk for item in items}:
                write.relations[name] = items
                write.changes[name] = audit_value(items)
            continue
        current = getattr(initiative, field.attname)  # type: ignore[union-attr]  # a concrete field
        wanted = value.pk if isinstance(value, models.Model) else value
        if creating or current != wanted:
            setattr(initiative, name, value)
            write.changes[name] = audit_value(value)
            write.fields.add(name)
    if write.changes:
        # As save_changes: the field validators (relations and uniqueness the import has checked already).
        initiative.full_clean(
            exclude=["period", "parent", "lead_organisation", "contact_person", "slug", "external_id"],
            validate_unique=False,
            validate_constraints=False,
        )
    if plan.visibility and plan.visibility != initiative.visibility:
        initiative.visibility = plan.visibility
        write.visibility = plan.visibility
        write.fields.add("visibility")
        if plan.visibility == Visibility.PUBLISHED and initiative.published_at is None:
            initiative.published_at = now
            write.fields.add("published_at")
    if not write.changes and not write.visibility:
        return None
    return write


def _audit_entry(*, actor: User, action: str, obj: models.Model, changes: dict[str, Any] | None = None) -> AuditEntry:
    """The row `common.audit.record` would add, unsaved, for one bulk insert of them all."""
    return AuditEntry(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        changes=changes or {},
    )


def _flush(writes: Sequence[_Write], *, actor: User) -> None:
    """Insert and update the initiatives, replace their changed relations and audit them, in batches."""
    now = timezone.now()
    Initiative.objects.bulk_create([w.initiative for w in writes if w.creating], batch_size=BATCH)
    updates = [w for w in writes if not w.creating and w.fields]
    for write in updates:
        write.initiative.updated_at = now  # auto_now is not applied by bulk_update
    fields = sorted({name for write in updates for name in write.fields} | {"updated_at"})
    if updates:
        Initiative.objects.bulk_update([w.initiative for w in updates], fields, batch_size=BATCH)
    names = sorted({name for write in writes for name in write.relations})
    for name in names:
        field = Initiative._meta.get_field(name)
        through = field.remote_field.through  # type: ignore[union-attr]  # a many-to-many field has one
        target = f"{field.m2m_reverse_field_name()}_id"  # type: ignore[union-attr]
        replaced = [w.initiative.pk for w in writes if name in w.relations and not w.creating]
        for start in range(0, len(replaced), BATCH):
            through.objects.filter(initiative_id__in=replaced[start : start + BATCH]).delete()
        through.objects.bulk_create(
            [
                through(initiative_id=w.initiative.pk, **{target: item.pk})
                for w in writes
                if name in w.relations
                for item in w.relations[name]
            ],
            batch_size=BATCH,
        )
    entries = []
    for write in writes:
        if write.changes:
            action = "initiative.created" if write.creating else "initiative.updated"
            entries.append(_audit_entry(actor=actor, action=action, obj=write.initiative, changes=write.changes))
        if write.visibility:
            entries.append(_audit_entry(actor=actor, action=f"initiative.{write.visibility}", obj=write.initiative))
    AuditEntry.objects.bulk_create(entries, batch_size=BATCH)


@transaction.atomic
def import_initiatives(
    *,
    actor: User,
    period: AgreementPeriod,
    name: str,
    content: bytes,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Check the file again and apply every row in one transaction: all rows or none.

    The same rows, audit rows and relations as `services.create_initiative`, `update_initiative` and
    `set_visibility` row by row, but in a number of queries that does not grow with the rows (up to BATCH
    rows per statement): reference data, existing initiatives and relations read once, then bulk inserts
    and updates. `progress(done, total)` hears of the rows checked and written.
    """
    reference = load_reference(period)
    plans, problems = validate(read_table(name, content), reference)
    if problems:
        raise ImportRejected(problems)
    total = len(plans)
    if progress:
        progress(0, total)
    objects = _related_objects(plans)
    changing = [plan for plan in plans if plan.action != "unchanged"]
    unchanged = len(plans) - len(changing)
    locked = Initiative.objects.select_for_update().in_bulk([p.existing.id for p in changing if p.existing])
    many = [name for name in sorted(objects) if Initiative._meta.get_field(name).many_to_many]
    before = _relations_before(many, period)
    parents = _parents(changing, reference)
    taken = set(Initiative.objects.values_list("slug", flat=True)) if any(not p.existing for p in changing) else set()
    now = timezone.now()
    saved: dict[str, Initiative] = {}
    created = updated = 0
    # Parents first, so that their sub-initiatives can point to them: rows without a parent are written
    # (and get their primary keys) before the rows that name one.
    for with_parent in (False, True):
        writes = []
        for plan in sorted((p for p in changing if bool(p.parent_key) == with_parent), key=lambda p: p.line):
            parent = (saved.get(plan.parent_key) or parents[plan.parent_key]) if plan.parent_key else None
            data = {**_model_data(plan.values, objects), "parent": parent}
            if plan.existing is None:
                initiative = Initiative(period=period, slug=_unique_slug(str(data.get("title_sv", "")), taken))
                created += 1
            else:
                initiative = locked[plan.existing.id]
                updated += 1
            saved[plan.key] = initiative
            write = _prepare(plan, data, initiative, before, now)
            if write is not None:
                writes.append(write)
        _flush(writes, actor=actor)
        if progress:
            progress(len(saved) + unchanged, total)
    transaction.on_commit(pagecache.invalidate, robust=True)
    return ImportResult(created=created, updated=updated, unchanged=unchanged)
