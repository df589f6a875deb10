"""Writes of project submissions to the public catalogue: receiving them, the secretariat's moderation, erasure.

Every transition checks the submission's current state under a row lock, leaves an audit row
without personal data, and sends its e-mail only once the transaction commits.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import slugify

from vagenin.accounts.models import User
from vagenin.actionplan.models import (
    Initiative,
    InitiativeStatus,
    Link,
    ProjectSubmission,
    SubmissionStatus,
    Visibility,
)
from vagenin.actionplan.services import TransitionError, create_initiative, set_visibility
from vagenin.agreement.models import AgreementPeriod
from vagenin.common.audit import record
from vagenin.common.mail import may_mail_unverified, send_templated_mail_on_commit
from vagenin.common.workflow import require_independent_reviewer
from vagenin.organisations.models import Organisation
from vagenin.organisations.services import create_organisation

# Fields of ProjectSubmission that the submitter writes (the e-mail address is set once, on submission).
CONTENT_FIELDS = (
    "submitter_name",
    "organisation_name",
    "title",
    "summary",
    "description",
    "themes",
    "municipalities",
    "whole_county",
    "starts_on",
    "ends_on",
    "website",
)
RELATIONS = ("themes", "municipalities")


# Reads ------------------------------------------------------------------------------------------


def submission_retention_days() -> int:
    """Days a submitter's data is kept after the decision (settings.SUBMISSION_RETENTION_DAYS)."""
    return int(settings.SUBMISSION_RETENTION_DAYS)


def pending_submission_count() -> int:
    """How many submissions wait for the secretariat (for the coordinator's dashboard)."""
    return ProjectSubmission.objects.awaiting_moderation().count()


def _normalised(name: str) -> str:
    return " ".join(name.split()).casefold()


def match_organisation(name: str) -> Organisation | None:
    """The active organisation whose Swedish or English name is `name`, ignoring case; None unless exactly one."""
    wanted = _normalised(name)
    if not wanted:
        return None
    # Compared in Python: SQLite ignores case only for ASCII letters, and "Ö" is not "ö" to it.
    matches = {
        pk
        for pk, sv, en in Organisation.objects.active().values_list("pk", "name", "name_en").iterator()
        if _normalised(sv) == wanted or (en and _normalised(en) == wanted)
    }
    if len(matches) != 1:
        return None
    return Organisation.objects.get(pk=matches.pop())


def _fingerprint(values: Mapping[str, Any]) -> tuple[str, ...]:
    return tuple(_normalised(str(values.get(name) or "")) for name in DUPLICATE_FIELDS)


DUPLICATE_FIELDS = ("submitter_email", "organisation_name", "title", "summary", "description")


def duplicate_of(*, data: Mapping[str, Any], submitter_email: str) -> ProjectSubmission | None:
    """An earlier submission with the same sender, organisation, title, summary and description (case and
    spacing aside), or None: a form sent twice, by a double click or the browser's back button."""
    wanted = _fingerprint({**data, "submitter_email": submitter_email})
    candidates = ProjectSubmission.objects.filter(submitter_email__iexact=submitter_email.strip())
    for candidate in candidates.values(*DUPLICATE_FIELDS, "pk"):
        if _fingerprint(candidate) == wanted:
            return ProjectSubmission.objects.get(pk=candidate["pk"])
    return None


# Helpers ----------------------------------------------------------------------------------------


def _site_url() -> str:
    return settings.SITE_URL.rstrip("/")


def _locked(submission: ProjectSubmission) -> ProjectSubmission:
    return ProjectSubmission.objects.select_for_update().get(pk=submission.pk)


def _require_open(submission: ProjectSubmission) -> None:
    if not submission.is_open:
        raise TransitionError(f"The submission is already {submission.status}.")


def _require_decidable(actor: User, submission: ProjectSubmission) -> None:
    """Open, and not the moderator's own submission (nobody publishes what they sent in themselves)."""
    _require_open(submission)
    require_independent_reviewer(actor, emails=[submission.submitter_email])


def _apply(submission: ProjectSubmission, data: Mapping[str, Any]) -> dict[str, Any]:
    """Set the plain content fields on the submission; returns the relations to set after saving.

    Not `common.audit.save_changes`: that logs the values it sets, and the audit log must hold none of the
    submitter's personal data (it outlives their erasure), so the steps here log only what they did.
    """
    relations: dict[str, Any] = {}
    for name in CONTENT_FIELDS:
        if name not in data:
            continue
        if name in RELATIONS:
            relations[name] = data[name]
        else:
            setattr(submission, name, data[name])
    return relations


def _tell_secretariat(submission: ProjectSubmission, template: str) -> None:
    send_templated_mail_on_commit(
        template=template,
        context={"submission": submission, "site_url": _site_url()},
        to=[settings.SECRETARIAT_EMAIL],
        language=settings.LANGUAGE_CODE,
    )


def _tell_submitter(submission: ProjectSubmission, template: str, *, unverified: bool = False, **context: Any) -> None:
    if not submission.submitter_email:  # erased after the retention period
        return
    if unverified and not may_mail_unverified(submission.submitter_email):
        return
    send_templated_mail_on_commit(
        template=template,
        context={
            "submission": submission,
            "site_url": _site_url(),
            "secretariat_email": settings.SECRETARIAT_EMAIL,
            **context,
        },
        to=[submission.submitter_email],
        language=submission.language,
    )


# The submitter's steps --------------------------------------------------------------------------


@transaction.atomic
def submit_project(*, data: Mapping[str, Any], submitter_email: str, language: str) -> ProjectSubmission:
    """Store a project sent by a visitor, confirm it to them and tell the secretariat."""
    submission = ProjectSubmission(submitter_email=submitter_email, language=language)
    relations = _apply(submission, data)
    submission.organisation = match_organisation(submission.organisation_name)
    submission.full_clean()
    submission.save()
    for name, values in relations.items():
        getattr(submission, name).set(values)
    # No names or addresses in the audit log: it outlives the erasure of the submitter's data.
    record(
        actor=None,
        action="submission.received",
        obj=submission,
        changes={"organisation": submission.organisation.slug if submission.organisation else ""},
    )
    # The receipt repeats nothing the visitor typed: the address is unverified, and echoing their
    # text would let anyone send their own words to any address through us.
    _tell_submitter(submission, "actionplan/submissions/email/received", unverified=True)
    _tell_secretariat(submission, "actionplan/submissions/email/new_submission")
    return submission


@transaction.atomic
def resubmit_project(*, submission: ProjectSubmission, data: Mapping[str, Any]) -> ProjectSubmission:
    """Save the submitter's corrections (through the private link) and put it back in the queue."""
    submission = _locked(submission)
    _require_open(submission)
    previous_status = submission.status
    relations = _apply(submission, data)
    submission.organisation = match_organisation(submission.organisation_name)
    submission.status = SubmissionStatus.PENDING
    submission.full_clean()
    submission.save()
    for name, values in relations.items():
        getattr(submission, name).set(values)
    record(actor=None, action="submission.resubmitted", obj=submission, changes={"from": previous_status})
    _tell_secretariat(submission, "actionplan/submissions/email/resubmitted")
    return submission


# The secretariat's decisions --------------------------------------------------------------------


def _decide(submission: ProjectSubmission, *, actor: User, status: SubmissionStatus, message: str) -> None:
    submission.status = status
    submission.moderator_message = message
    submission.moderated_at, submission.moderated_by = timezone.now(), actor
    submission.save()


def _organisation_slug(name: str) -> str:
    """A short address from the name, made unique among organisations with a number suffix."""
    base = slugify(name)[:70] or "organisation"
    slug, number = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def publish_submission(
    *,
    actor: User,
    submission: ProjectSubmission,
    period: AgreementPeriod,
    data: Mapping[str, Any],
    website: str = "",
    new_organisation: Mapping[str, Any] | None = None,
) -> Initiative:
    """Publish a submission as an initiative in the catalogue and tell the submitter where it is; with
    `new_organisation` (name, type, municipality, county), register the lead organisation first."""
    submission = _locked(submission)
    _require_decidable(actor, submission)
    data = dict(data)
    if new_organisation is not None:
        organisation = create_organisation(
            actor=actor, data={**new_organisation, "slug": _organisation_slug(str(new_organisation["name"]))}
        )
        data["lead_organisation"] = organisation
        submission.organisation = organisation
    if data.get("status") == InitiativeStatus.COMPLETED and "progress" not in data:
        # A project that has ended is done: not "completed, 0 %" for want of progress reports.
        data["progress"] = 100
    # The initiative carries no personal data of the submitter: contact person only if the coordinator chose one.
    initiative = create_initiative(actor=actor, period=period, data=data)
    if website:
        Link.objects.create(initiative=initiative, title="Projektets webbplats", url=website)
    initiative = set_visibility(actor=actor, initiative=initiative, visibility=Visibility.PUBLISHED)
    submission.initiative = initiative
    _decide(submission, actor=actor, status=SubmissionStatus.PUBLISHED, message=submission.moderator_message)
    record(actor=actor, action="submission.published", obj=submission, changes={"initiative": initiative.slug})
    _tell_submitter(submission, "actionplan/submissions/email/published", initiative=initiative)
    return initiative


@transaction.atomic
def request_changes(*, actor: User, submission: ProjectSubmission, message: str) -> ProjectSubmission:
    """Ask the submitter to correct their submission; they get a private link to do it."""
    if not message.strip():
        raise TransitionError("Say what the submitter should change.")
    submission = _locked(submission)
    _require_decidable(actor, submission)
    _decide(submission, actor=actor, status=SubmissionStatus.CHANGES_REQUESTED, message=message.strip())
    record(actor=actor, action="submission.changes_requested", obj=submission, changes={"message": message.strip()})
    _tell_submitter(submission, "actionplan/submissions/email/changes_requested")
    return submission


@transaction.atomic
def decline_submission(*, actor: User, submission: ProjectSubmission, reason: str) -> ProjectSubmission:
    """Decline a submission with a reason, which the submitter is told."""
    if not reason.strip():
        raise TransitionError("Give the reason for declining.")
    submission = _locked(submission)
    _require_decidable(actor, submission)
    _decide(submission, actor=actor, status=SubmissionStatus.DECLINED, message=reason.strip())
    record(actor=actor, action="submission.declined", obj=submission, changes={"reason": reason.strip()})
    _tell_submitter(submission, "actionplan/submissions/email/declined")
    return submission


# Data minimisation ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PurgeResult:
    erased: int
    deleted: int


def erasable_submissions(*, decided_before: datetime.datetime) -> QuerySet[ProjectSubmission]:
    """Published submissions decided before the cutoff that still hold the submitter's name or e-mail."""
    return (
        ProjectSubmission.objects.filter(status=SubmissionStatus.PUBLISHED, moderated_at__lt=decided_before)
        .exclude(submitter_name="", submitter_email="")
        .order_by("pk")
    )


def deletable_submissions(*, decided_before: datetime.datetime) -> QuerySet[ProjectSubmission]:
    """Declined submissions, and those whose submitter never answered a request for changes, before the cutoff."""
    closed = [SubmissionStatus.DECLINED, SubmissionStatus.CHANGES_REQUESTED]
    return ProjectSubmission.objects.filter(status__in=closed, moderated_at__lt=decided_before).order_by("pk")


@transaction.atomic
def purge_submissions(*, decided_before: datetime.datetime) -> PurgeResult:
    """Erase the submitter's name and e-mail from published submissions decided before the cutoff (the
    submission stays as the initiative's origin), and delete declined and abandoned ones entirely."""
    erasable = erasable_submissions(decided_before=decided_before)
    erased = 0
    for submission in erasable.only("pk", "title"):
        record(actor=None, action="submission.personal_data_erased", obj=submission)
        erased += 1
    erasable.update(submitter_name="", submitter_email="", updated_at=timezone.now())
    deletable = deletable_submissions(decided_before=decided_before)
    deleted = 0
    for submission in deletable.only("pk", "title", "status"):
        record(actor=None, action="submission.deleted", obj=submission, changes={"status": submission.status})
        deleted += 1
    deletable.delete()
    return PurgeResult(erased=erased, deleted=deleted)
