"""Import and export of initiatives, keyed by an external id, through the columns of `columns.py`.

What the export writes, the import reads. An initiative without an external id is exported under its
slug; importing that row updates it and makes the slug its external id. The import checks every row
and changes nothing unless all rows are good.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from django.db import models, transaction
from django.utils.translation import gettext as _

from vagenin.accounts.models import User
from vagenin.actionplan import services
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
    written = {
        column.name: column.parse(
            Cell(
                column=column,
                raw=raw.get(column.name, ""),
                lookups=lookups,
                line=line,
                values=values,
                problems=problems,
            )
        )
        for column in COLUMNS
    }
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
            plan.changed = [name for name in NAMES if now[name] != before[name]]
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


@transaction.atomic
def import_initiatives(*, actor: User, period: AgreementPeriod, name: str, content: bytes) -> ImportResult:
    """Check the file again and apply every row in one transaction: all rows or none."""
    plans = check_file(name, content, period)
    objects = _related_objects(plans)
    saved: dict[str, Initiative] = {}
    created = updated = unchanged = 0
    # Parents first, so that their sub-initiatives can point to them.
    for plan in sorted(plans, key=lambda p: (bool(p.parent_key), p.line)):
        if plan.action == "unchanged":
            unchanged += 1
            continue
        data = {**_model_data(plan.values, objects), "parent": _parent(plan.parent_key, saved, period)}
        if plan.existing is None:
            initiative = services.create_initiative(actor=actor, period=period, data=data)
            created += 1
        else:
            initiative = Initiative.objects.select_for_update().get(pk=plan.existing.id)
            initiative = services.update_initiative(actor=actor, initiative=initiative, data=data)
            updated += 1
        saved[plan.key] = initiative
        if plan.visibility and plan.visibility != initiative.visibility:
            services.set_visibility(actor=actor, initiative=initiative, visibility=Visibility(plan.visibility))
    return ImportResult(created=created, updated=updated, unchanged=unchanged)


def _parent(key: str, saved: Mapping[str, Initiative], period: AgreementPeriod) -> Initiative | None:
    if not key:
        return None
    if key in saved:
        return saved[key]
    found = Initiative.objects.filter(period=period, external_id=key).first()
    return found or Initiative.objects.get(period=period, external_id__isnull=True, slug=key)
