"""Workflow rules shared by every review step: refused transitions, and nobody reviews their own work.

A coordinator may not approve or return a progress report they wrote or submitted, nor publish a project they
submitted; a grant officer or reviewer may not assess an application from their own organisation; the same
holds for every later review step. Each service calls `require_independent_reviewer` before deciding.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


class TransitionError(Exception):
    """A workflow step that the object's current state does not allow."""


class OwnWorkError(TransitionError):
    """The actor would review or decide something they (or their organisation) made or submitted."""


def is_independent_reviewer(
    actor: Any,
    *,
    made_by: Iterable[Any] = (),
    made_by_ids: Iterable[int | None] = (),
    emails: Iterable[str] = (),
    organisation_ids: Iterable[int | None] = (),
) -> bool:
    """Whether the actor neither made the thing (as a user, a user id or by e-mail) nor belongs to an organisation
    that did. `None` entries (nobody recorded) are ignored."""
    if any(user is not None and user.pk == actor.pk for user in made_by) or actor.pk in set(made_by_ids):
        return False
    own_email = (getattr(actor, "email", "") or "").strip().lower()
    if own_email and own_email in {(email or "").strip().lower() for email in emails}:
        return False
    wanted = {pk for pk in organisation_ids if pk is not None}
    return not (wanted and actor.memberships.filter(organisation_id__in=wanted).exists())


def require_independent_reviewer(
    actor: Any,
    *,
    made_by: Iterable[Any] = (),
    made_by_ids: Iterable[int | None] = (),
    emails: Iterable[str] = (),
    organisation_ids: Iterable[int | None] = (),
) -> None:
    """Raise OwnWorkError unless `is_independent_reviewer`."""
    if not is_independent_reviewer(
        actor, made_by=made_by, made_by_ids=made_by_ids, emails=emails, organisation_ids=organisation_ids
    ):
        raise OwnWorkError("Nobody reviews or decides their own work.")
