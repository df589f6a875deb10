"""Deleting a record that others may point to: refused while anything uses it, audited with what went with it.

Django deletes what a foreign key with CASCADE points from, and silently strips many-to-many links. For the
agreement's and the action plan's records that would make published facts vanish: deleting a focus theme would
take it off every initiative that named it. So every service that deletes such a record calls `delete_checked`:

- `uses_of` looks at every relation that points to the record (foreign keys, one-to-one and many-to-many, hidden
  ones included) and counts the rows on the other side, except for the models the caller names as `owned`: the
  record's own parts, which go with it (a theme's partner list, an initiative's links);
- if anything uses it, `InUseError` says what, with a few examples, and nothing is deleted;
- otherwise one audit row records the deletion and, under "took", how many rows of each kind went with it.

What deletion means for each relation of the domain is written down in docs/decisions.md ("Deletion").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models, router
from django.db.models.deletion import Collector
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vagenin.common.audit import record

EXAMPLES = 3


@dataclass(frozen=True)
class Use:
    """Rows of one model that point to the record through one relation."""

    model: type[models.Model]
    count: int
    examples: tuple[str, ...]

    @property
    def label(self) -> str:
        meta = self.model._meta
        return str(meta.verbose_name if self.count == 1 else meta.verbose_name_plural)

    def __str__(self) -> str:
        listed = ", ".join(f"”{example}”" for example in self.examples)
        more = self.count - len(self.examples)
        if more > 0:
            listed += " " + ngettext("och %(count)d till", "och %(count)d till", more) % {"count": more}
        return f"{self.count} {self.label} ({listed})"


class InUseError(Exception):
    """The record is still used; `uses` says by what. Nothing was deleted."""

    def __init__(self, obj: models.Model, uses: list[Use]) -> None:
        super().__init__(f"{obj._meta.label} {obj.pk} is in use: {', '.join(str(use) for use in uses)}")
        self.obj = obj
        self.uses = uses

    def message(self, name: str) -> str:
        """A sentence for the person who tried: what uses it, and what to do."""
        return _("%(name)s kan inte tas bort eftersom det används av %(uses)s. Flytta eller ändra dem först.") % {
            "name": capfirst(name),
            "uses": "; ".join(str(use) for use in self.uses),
        }


def _reverse_relations(model: type[models.Model]) -> Iterable[Any]:
    for relation in model._meta.get_fields(include_hidden=True):
        if relation.auto_created and not relation.concrete and relation.is_relation:
            yield relation


def uses_of(obj: models.Model, *, owned: Iterable[type[models.Model]] = ()) -> list[Use]:
    """What points to `obj`, except its own parts (`owned`) and Django's many-to-many link tables."""
    owned = set(owned)
    found = []
    for relation in _reverse_relations(type(obj)):
        related = relation.related_model
        if related in owned or related._meta.auto_created:  # parts of obj; rows of a many-to-many table
            continue
        rows = related._base_manager.filter(**{relation.field.name: obj})
        count = rows.count()
        if count:
            examples = tuple(str(row)[:80] for row in rows.order_by("pk")[:EXAMPLES])
            found.append(Use(model=related, count=count, examples=examples))
    return found


def move_links(obj: models.Model, *, to: models.Model) -> dict[str, int]:
    """Point every many-to-many link to `obj` at `to` instead (a row already linked to both keeps one link).

    Returns how many rows of each model were moved. Only many-to-many links move: a foreign key to `obj` still
    counts as a use afterwards."""
    moved: Counter[str] = Counter()
    for relation in _reverse_relations(type(obj)):
        if not relation.many_to_many:
            continue
        field = relation.field
        through = field.remote_field.through
        owner, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        links = through._base_manager.filter(**{target: obj})
        both = through._base_manager.filter(**{target: to}).values(owner)
        moved[relation.related_model._meta.label_lower] += links.filter(**{f"{owner}__in": both}).count()
        links.filter(**{f"{owner}__in": both}).delete()
        moved[relation.related_model._meta.label_lower] += links.update(**{target: to})
    return {label: count for label, count in sorted(moved.items()) if count > 0}


def taken_with(obj: models.Model) -> dict[str, int]:
    """How many rows of each model deleting `obj` would delete besides it (cascades and many-to-many links)."""
    collector = Collector(using=router.db_for_write(type(obj), instance=obj))
    collector.collect([obj])
    counts: Counter[str] = Counter()
    for model, instances in collector.data.items():
        counts[model._meta.label_lower] += len(instances)
    for queryset in collector.fast_deletes:
        counts[queryset.model._meta.label_lower] += queryset.count()
    counts[obj._meta.label_lower] -= 1
    return {label: count for label, count in sorted(counts.items()) if count > 0}


def delete_checked(
    *,
    actor: Any,
    obj: models.Model,
    action: str,
    changes: dict[str, Any] | None = None,
    owned: Iterable[type[models.Model]] = (),
) -> dict[str, int]:
    """Delete `obj` unless something other than its own parts uses it (then raise InUseError, deleting nothing);
    audit the deletion with what went with it. Call it inside the service's transaction. Returns what went."""
    uses = uses_of(obj, owned=owned)
    if uses:
        raise InUseError(obj, uses)
    took = taken_with(obj)
    record(actor=actor, action=action, obj=obj, changes={**(changes or {}), **({"took": took} if took else {})})
    obj.delete()
    return took
