"""Loading versioned reference data from CSV files: all or nothing, idempotent, with precise errors."""

from __future__ import annotations

import csv
import datetime
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models


@dataclass(frozen=True)
class Problem:
    """One rejected row: where it is and why."""

    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


class ReferenceDataError(Exception):
    """Raised with every problem found; the caller's transaction then changes nothing."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Row:
    """A CSV record with the line it starts on."""

    file: str
    line: int
    values: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.values[key]

    def get(self, key: str, default: str = "") -> str:
        return self.values.get(key) or default

    def date(self, key: str) -> datetime.date | None:
        value = self.get(key)
        if not value:
            return None
        try:
            return datetime.date.fromisoformat(value)
        except ValueError as exc:
            raise RowError(f"column {key!r}: {value!r} is not a date (YYYY-MM-DD)") from exc

    def integer(self, key: str) -> int:
        value = self.get(key)
        try:
            return int(value)
        except ValueError as exc:
            raise RowError(f"column {key!r}: {value!r} is not a whole number") from exc


class RowError(Exception):
    """A problem with one row; the loader records it with the row's file and line."""


@dataclass
class LoadContext:
    """Collects problems and counts while the loaders run."""

    base: Path
    update: bool = False
    problems: list[Problem] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)

    def rows(self, relative: str, required: list[str]) -> Iterator[Row]:
        """The file's records; a missing file, a missing column or a malformed record is a problem."""
        path = self.base / relative
        if not path.exists():
            self.problems.append(Problem(relative, 0, "file not found"))
            return
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle, strict=True)
            header = reader.fieldnames or []
            missing = [column for column in required if column not in header]
            if missing:
                self.problems.append(Problem(relative, 1, f"missing column(s): {', '.join(missing)}"))
                return
            start = reader.line_num + 1
            try:
                for record in reader:
                    if None in record or any(value is None for value in record.values()):
                        self.problems.append(Problem(relative, start, "wrong number of fields"))
                    else:
                        yield Row(relative, start, {k: (v or "").strip() for k, v in record.items()})
                    start = reader.line_num + 1
            except csv.Error as exc:
                self.problems.append(Problem(relative, reader.line_num, f"malformed CSV: {exc}"))

    def fail(self, row: Row, reason: str) -> None:
        self.problems.append(Problem(row.file, row.line, reason))

    def upsert(self, row: Row, model: type[models.Model], key: dict[str, Any], values: dict[str, Any]) -> Any:
        """Create the object if missing; update it only in update mode. Counts what happened."""
        label = model._meta.label
        obj = model._default_manager.filter(**key).first()
        if obj is None:
            obj = model(**key, **values)
            action = "created"
        else:
            changed = {name: value for name, value in values.items() if getattr(obj, name) != value}
            if not changed:
                self.counts[f"{label}: unchanged"] += 1
                return obj
            if not self.update:
                self.counts[f"{label}: differs, kept (use --update)"] += 1
                return obj
            for name, value in changed.items():
                setattr(obj, name, value)
            action = "updated"
        try:
            obj.full_clean()
        except ValidationError as exc:
            self.fail(row, "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items()))
            return None
        obj.save()
        self.counts[f"{label}: {action}"] += 1
        return obj

    def lookup(self, row: Row, model: type[models.Model], what: str, **key: Any) -> Any:
        """Find a referenced object, or record the row as a problem and return None."""
        obj = model._default_manager.filter(**key).first()
        if obj is None:
            self.fail(row, f"unknown {what}: {', '.join(f'{k}={v}' for k, v in key.items())}")
        return obj
