"""The arithmetic of grants, with no Django: budgets that add up, missing answers, money to reclaim."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

SEXES = ("women", "men", "other")
AGE_GROUPS = ("0-17", "18-29", "30-64", "65+")


@dataclass(frozen=True)
class Question:
    """What the rules need to know of a form field."""

    key: str
    kind: str
    required: bool


def budget_total(rows: Iterable[Mapping[str, Any]]) -> int:
    """The sum of a budget table's amounts (rows without an amount count as nothing)."""
    return sum(int(row.get("amount") or 0) for row in rows)


def is_answered(kind: str, value: Any) -> bool:
    if kind == "budget":
        return bool(value) and any(row.get("item") for row in value)
    if kind == "contact":
        return bool(value) and bool(value.get("name")) and bool(value.get("email"))
    if kind == "organisation":
        return True  # always the applicant, filled in by the system
    return value not in (None, "", [], {})


def missing_answers(questions: Sequence[Question], answers: Mapping[str, Any], files: set[str]) -> list[str]:
    """The keys of required questions without an answer (a file question is answered by an uploaded file)."""
    missing = []
    for question in questions:
        if not question.required:
            continue
        if question.kind == "file":
            if question.key not in files:
                missing.append(question.key)
        elif not is_answered(question.kind, answers.get(question.key)):
            missing.append(question.key)
    return missing


def budget_mismatches(questions: Sequence[Question], answers: Mapping[str, Any], requested: int) -> list[str]:
    """The keys of budget tables whose rows do not add up to the amount requested."""
    return [
        question.key
        for question in questions
        if question.kind == "budget" and answers.get(question.key) and budget_total(answers[question.key]) != requested
    ]


def reclaim(granted: int, used: int) -> int:
    """Money granted but not used, to be paid back."""
    return max(granted - used, 0)


def participants_total(participants: Mapping[str, Mapping[str, int]]) -> int:
    return sum(int(count or 0) for groups in participants.values() for count in groups.values())
