"""The registry of personal data: every model that holds data about a person, and how to find, export and erase it.

The data subject's rights (GDPR articles 15, 17 and 20) need one place that knows everything the platform holds
about a person. Each app registers its models here when it is ready (`AppConfig.ready`), with three functions:
which rows concern a person (by e-mail address or full name), what to hand over for a row, and how to erase it
(delete the row, or anonymise it where the row is part of a public record). `vagenin/site/tests/
test_personal_data.py` fails when a model with personal fields is not registered, so a new module cannot forget.

This module imports no app: the registrations come from above.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction

from vagenin.common.models import AuditEntry

# A row's audit entries keep its name; erasing the row replaces it with this.
ERASED = "[raderad]"


@dataclass(frozen=True)
class Subject:
    """Whom a request is about: an e-mail address, a full name, or both (compared without regard to case)."""

    email: str = ""
    name: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "email", self.email.strip().lower())
        object.__setattr__(self, "name", " ".join(self.name.split()))

    def __bool__(self) -> bool:
        return bool(self.email or self.name)


@dataclass(frozen=True)
class Source:
    """One model's personal data."""

    model: type[models.Model]
    fields: tuple[str, ...]  # the personal fields, for the record of processing and the completeness test
    find: Callable[[Subject], models.QuerySet[Any]]  # the rows that concern the subject
    export: Callable[[Any], dict[str, Any]]  # what the subject is given for a row
    erase: Callable[[Any], str]  # delete or anonymise the row; returns "deleted" or "anonymised"
    purpose: Any = ""  # why it is kept (shown to the secretariat beside the rows; a lazy translation)
    label: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "label", self.model._meta.label_lower)

    @property
    def title(self) -> Any:
        """The model's plural name in the active language."""
        return self.model._meta.verbose_name_plural


_sources: dict[str, Source] = {}


def register(source: Source) -> None:
    """Add (or replace) a model's personal data in the registry."""
    _sources[source.label] = source


def sources() -> list[Source]:
    return sorted(_sources.values(), key=lambda source: source.label)


def matching(fields_by_kind: dict[str, Iterable[str]], subject: Subject) -> models.Q:
    """A filter for rows whose e-mail field equals the subject's address or whose name fields spell the name.

    `fields_by_kind`: {"email": [...fields], "name": [...fields]}; two name fields are first and last name.
    """
    condition = models.Q(pk__in=[])
    if subject.email:
        for name in fields_by_kind.get("email", ()):
            condition |= models.Q(**{f"{name}__iexact": subject.email})
    names = list(fields_by_kind.get("name", ()))
    if subject.name and len(names) == 1:
        condition |= models.Q(**{f"{names[0]}__iexact": subject.name})
    elif subject.name and len(names) == 2:
        first, _, last = subject.name.rpartition(" ")
        if first:
            condition |= models.Q(**{f"{names[0]}__iexact": first, f"{names[1]}__iexact": last})
    return condition


@dataclass
class Found:
    source: Source
    rows: list[Any]


def find(subject: Subject) -> list[Found]:
    """Everything held about the subject, per source (sources with no rows left out)."""
    if not subject:
        return []
    found = [Found(source, list(source.find(subject))) for source in sources()]
    return [item for item in found if item.rows]


def export(subject: Subject) -> dict[str, Any]:
    """Everything held about the subject as plain data (for a JSON file)."""
    return {
        "subject": {"email": subject.email, "name": subject.name},
        "records": {item.source.label: [item.source.export(row) for row in item.rows] for item in find(subject)},
    }


@transaction.atomic
def erase(*, actor: Any, subject: Subject) -> dict[str, dict[str, int]]:
    """Erase or anonymise everything held about the subject; one audit row says what was done, nothing else.

    The audit trail's earlier rows about the erased objects lose their names and recorded values too.
    """
    done: dict[str, dict[str, int]] = {}
    for item in find(subject):
        for row in item.rows:
            object_id = str(row.pk)
            outcome = item.source.erase(row)
            counts = done.setdefault(item.source.label, {})
            counts[outcome] = counts.get(outcome, 0) + 1
            AuditEntry.objects.filter(object_type=item.source.label, object_id=object_id).update(
                object_repr=ERASED, changes={}
            )
    if done:
        AuditEntry.objects.create(
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            action="personal_data.erased",
            object_type="personal_data.request",
            object_id=str(uuid.uuid4()),
            object_repr=ERASED,
            changes={"records": done},
        )
    return done
