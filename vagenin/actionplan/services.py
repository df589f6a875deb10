"""Writes to the action plan. Every workflow step checks the current state and leaves an audit row."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.text import slugify

from vagenin.accounts.models import MembershipRole, StaffRole, User
from vagenin.accounts.permissions import is_coordinator
from vagenin.actionplan.checks import check_milestone_done, check_report_period
from vagenin.actionplan.models import (
    Attachment,
    Funding,
    Indicator,
    IndicatorActual,
    Initiative,
    InitiativePartner,
    Link,
    Milestone,
    ProgressReport,
    ReportedMilestone,
    ReportedValue,
    ReportingRound,
    ReportStatus,
    Visibility,
)
from vagenin.agreement.models import AgreementPeriod
from vagenin.common.audit import record, save_changes
from vagenin.common.mail import send_templated_mail_on_commit, send_templated_mail_to_users_on_commit
from vagenin.common.models import AuditEntry
from vagenin.common.workflow import (  # noqa: F401 - TransitionError and OwnWorkError are part of this API
    OwnWorkError,
    TransitionError,
    is_independent_reviewer,
    require_independent_reviewer,
)
from vagenin.organisations.models import Organisation


def unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    """A slug from the title, made unique among initiatives with a number suffix."""
    base = slugify(title)[:100] or "insats"
    slug, number = base, 2
    others = Initiative.objects.exclude(pk=exclude_pk) if exclude_pk is not None else Initiative.objects.all()
    while others.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def create_initiative(*, actor: User, period: AgreementPeriod, data: Mapping[str, Any]) -> Initiative:
    """Create an initiative (a draft unless published later) from validated form data."""
    initiative = Initiative(period=period, slug=unique_slug(str(data.get("title_sv", ""))))
    save_changes(actor=actor, obj=initiative, data=data, action="initiative.created")
    return initiative


@transaction.atomic
def update_initiative(*, actor: User, initiative: Initiative, data: Mapping[str, Any]) -> Initiative:
    """Change an initiative's fields and relations; only what changed is written to the audit log."""
    save_changes(actor=actor, obj=initiative, data=data, action="initiative.updated")
    return initiative


@transaction.atomic
def set_visibility(*, actor: User, initiative: Initiative, visibility: Visibility) -> Initiative:
    """Publish an initiative in the catalogue, or take it back to draft (the caller may publish directly)."""
    if initiative.visibility == visibility:
        return initiative
    initiative.visibility = visibility
    if visibility == Visibility.PUBLISHED:
        initiative.publication_comment = ""
        if initiative.published_at is None:
            initiative.published_at = timezone.now()
    initiative.save(update_fields=["visibility", "published_at", "publication_comment", "updated_at"])
    record(actor=actor, action=f"initiative.{visibility}", obj=initiative)
    return initiative


def publishes_directly(actor: User, initiative: Initiative) -> bool:
    """Coordinators publish at once; so does anyone for an initiative published before, or where the deployment
    does not review first publications (FIRST_PUBLICATION_REVIEW)."""
    return is_coordinator(actor) or initiative.published_at is not None or not settings.FIRST_PUBLICATION_REVIEW


@transaction.atomic
def request_publication(*, actor: User, initiative: Initiative) -> Initiative:
    """Publish, or, for a partner's first publication, put the initiative in the secretariat's queue."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if initiative.visibility != Visibility.DRAFT:
        raise TransitionError("Only a draft can be published or sent for review.")
    if publishes_directly(actor, initiative):
        return set_visibility(actor=actor, initiative=initiative, visibility=Visibility.PUBLISHED)
    initiative.visibility = Visibility.PENDING
    initiative.publication_comment = ""
    initiative.save(update_fields=["visibility", "publication_comment", "updated_at"])
    record(actor=actor, action="initiative.publication_requested", obj=initiative)
    send_templated_mail_on_commit(  # the secretariat reads in Swedish
        template="actionplan/email/publication_requested",
        context={"initiative": initiative, "site_url": settings.SITE_URL.rstrip("/")},
        to=[settings.SECRETARIAT_EMAIL],
        language=settings.LANGUAGE_CODE,
    )
    return initiative


def _publication_requesters(initiative: Initiative) -> list[User]:
    ids = AuditEntry.objects.filter(
        action="initiative.publication_requested", object_type="actionplan.initiative", object_id=str(initiative.pk)
    ).values_list("actor_id", flat=True)
    return list(User.objects.filter(pk__in=[pk for pk in ids if pk]))


@transaction.atomic
def approve_publication(*, actor: User, initiative: Initiative) -> Initiative:
    """The secretariat publishes a partner's initiative for the first time; the lead organisation's editors hear."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if initiative.visibility != Visibility.PENDING:
        raise TransitionError("Only an initiative waiting for review can be published from the queue.")
    require_independent_reviewer(actor, made_by=_publication_requesters(initiative))
    set_visibility(actor=actor, initiative=initiative, visibility=Visibility.PUBLISHED)
    send_templated_mail_to_users_on_commit(
        template="actionplan/email/publication_approved",
        context={"initiative": initiative, "site_url": settings.SITE_URL.rstrip("/")},
        users=_editors(initiative.lead_organisation_id),
    )
    return initiative


@transaction.atomic
def return_publication(*, actor: User, initiative: Initiative, comment: str) -> Initiative:
    """The secretariat sends a partner's initiative back to draft with what to change before it is published."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if initiative.visibility != Visibility.PENDING:
        raise TransitionError("Only an initiative waiting for review can be returned.")
    require_independent_reviewer(actor, made_by=_publication_requesters(initiative))
    if not comment.strip():
        raise TransitionError("Say what needs to change.")
    initiative.visibility, initiative.publication_comment = Visibility.DRAFT, comment
    initiative.save(update_fields=["visibility", "publication_comment", "updated_at"])
    record(actor=actor, action="initiative.publication_returned", obj=initiative, changes={"comment": comment})
    send_templated_mail_to_users_on_commit(
        template="actionplan/email/publication_returned",
        context={"initiative": initiative, "site_url": settings.SITE_URL.rstrip("/")},
        users=_editors(initiative.lead_organisation_id),
    )
    return initiative


def recent_changes(*, since: datetime.datetime, partners_only: bool = True) -> QuerySet[AuditEntry]:
    """Changes to initiatives since `since`, newest first: what partners changed without review (or everyone's)."""
    changes = AuditEntry.objects.filter(object_type="actionplan.initiative", at__gte=since)
    if partners_only:
        changes = changes.exclude(actor__role_grants__role=StaffRole.COORDINATOR)
    return changes.select_related("actor").order_by("-at", "-pk")


@transaction.atomic
def add_partner(*, actor: User, initiative: Initiative, organisation: Organisation, role: str) -> InitiativePartner:
    partner = InitiativePartner.objects.create(initiative=initiative, organisation=organisation, role=role)
    record(actor=actor, action="initiative.partner_added", obj=initiative, changes={"organisation": organisation.slug})
    return partner


@transaction.atomic
def remove_partner(*, actor: User, partner: InitiativePartner) -> None:
    record(
        actor=actor,
        action="initiative.partner_removed",
        obj=partner.initiative,
        changes={"organisation": partner.organisation.slug},
    )
    partner.delete()


@transaction.atomic
def add_funding(*, actor: User, initiative: Initiative, source: str, amount_sek: int, note: str = "") -> Funding:
    funding = Funding.objects.create(initiative=initiative, source=source, amount_sek=amount_sek, note=note)
    record(
        actor=actor,
        action="initiative.funding_added",
        obj=initiative,
        changes={"source": source, "amount_sek": amount_sek},
    )
    return funding


@transaction.atomic
def remove_funding(*, actor: User, funding: Funding) -> None:
    record(
        actor=actor,
        action="initiative.funding_removed",
        obj=funding.initiative,
        changes={"source": funding.source, "amount_sek": funding.amount_sek},
    )
    funding.delete()


def _save_part(
    *, actor: User, initiative: Initiative, part: Milestone | Indicator, data: Mapping[str, Any], kind: str
) -> None:
    """Add or change a milestone or an indicator; the audit row is about the initiative."""
    action = f"{kind}.created" if part.pk is None else f"{kind}.updated"
    save_changes(actor=actor, obj=part, data=data, action=action, audit_obj=initiative)


@transaction.atomic
def save_milestone(
    *, actor: User, initiative: Initiative, instance: Milestone | None, data: Mapping[str, Any]
) -> Milestone:
    """Add a milestone, or change one."""
    check_milestone_done(initiative, data.get("done_on"))
    milestone = instance or Milestone(initiative=initiative)
    _save_part(actor=actor, initiative=initiative, part=milestone, data=data, kind="milestone")
    return milestone


@transaction.atomic
def save_indicator(
    *, actor: User, initiative: Initiative, instance: Indicator | None, data: Mapping[str, Any]
) -> Indicator:
    """Add an indicator with its baseline and target, or change one."""
    indicator = instance or Indicator(initiative=initiative)
    _save_part(actor=actor, initiative=initiative, part=indicator, data=data, kind="indicator")
    return indicator


@transaction.atomic
def add_link(*, actor: User, initiative: Initiative, title: str, url: str) -> Link:
    link = Link(initiative=initiative, title=title, url=url)
    link.full_clean()
    link.save()
    record(actor=actor, action="initiative.link_added", obj=initiative, changes={"url": url})
    return link


@transaction.atomic
def remove_link(*, actor: User, link: Link) -> None:
    record(actor=actor, action="initiative.link_removed", obj=link.initiative, changes={"url": link.url})
    link.delete()


@transaction.atomic
def add_attachment(
    *, actor: User, initiative: Initiative, title: str, file: UploadedFile, content_type: str
) -> Attachment:
    """Store a checked upload (see vagenin.common.uploads.check_upload) as an attachment."""
    attachment = Attachment(
        initiative=initiative, title=title, file=file, content_type=content_type, size=file.size or 0, uploaded_by=actor
    )
    attachment.save()
    record(actor=actor, action="initiative.attachment_added", obj=initiative, changes={"title": title})
    return attachment


@transaction.atomic
def remove_attachment(*, actor: User, attachment: Attachment) -> None:
    record(
        actor=actor,
        action="initiative.attachment_removed",
        obj=attachment.initiative,
        changes={"title": attachment.title},
    )
    stored = attachment.file
    attachment.delete()
    transaction.on_commit(lambda: stored.delete(save=False))


# Progress reports -------------------------------------------------------------------------------


def _editors(organisation_id: int) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True, memberships__organisation_id=organisation_id, memberships__role=MembershipRole.EDITOR
        ).only("email", "language")
    )


@transaction.atomic
def start_report(
    *,
    actor: User,
    initiative: Initiative,
    period_start: datetime.date,
    period_end: datetime.date,
    reporting_round: ReportingRound | None = None,
) -> ProgressReport:
    """Open a draft report for a period, starting from the initiative's current progress."""
    check_report_period(initiative, period_start, period_end)
    if (
        ProgressReport.objects.open()
        .filter(initiative=initiative, period_start=period_start, period_end=period_end)
        .exists()
    ):
        raise TransitionError("A report for this period is already open.")
    report = ProgressReport.objects.create(
        initiative=initiative,
        reporting_round=reporting_round,
        period_start=period_start,
        period_end=period_end,
        narrative="",
        progress=initiative.progress,
    )
    record(actor=actor, action="report.started", obj=report)
    return report


@transaction.atomic
def save_report(
    *,
    actor: User,
    report: ProgressReport,
    narrative: str,
    progress: int,
    status_after: str,
    values: Mapping[Indicator, Decimal | None],
    milestones_done: Mapping[Milestone, datetime.date | None],
) -> ProgressReport:
    """Save a draft (or returned) report: narrative, progress, indicator values and milestones done."""
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    if report.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
        raise TransitionError("Only a draft or returned report can be changed.")
    for milestone, done_on in milestones_done.items():
        check_milestone_done(report.initiative, done_on, field=f"milestone_{milestone.pk}")
    report.narrative, report.progress, report.status_after = narrative, progress, status_after
    report.full_clean()
    report.save()
    for indicator, value in values.items():
        if value is None:
            ReportedValue.objects.filter(report=report, indicator=indicator).delete()
        else:
            ReportedValue.objects.update_or_create(report=report, indicator=indicator, defaults={"value": value})
    for milestone, done_on in milestones_done.items():
        if done_on is None:
            ReportedMilestone.objects.filter(report=report, milestone=milestone).delete()
        else:
            ReportedMilestone.objects.update_or_create(
                report=report, milestone=milestone, defaults={"done_on": done_on}
            )
    record(actor=actor, action="report.saved", obj=report, changes={"progress": progress})
    return report


@transaction.atomic
def submit_report(*, actor: User, report: ProgressReport) -> ProgressReport:
    """Send a report to the secretariat for review."""
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    if report.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
        raise TransitionError("Only a draft or returned report can be submitted.")
    if not report.narrative.strip():
        raise TransitionError("A report needs a narrative before it is submitted.")
    report.status = ReportStatus.SUBMITTED
    report.submitted_at, report.submitted_by = timezone.now(), actor
    report.save()
    record(actor=actor, action="report.submitted", obj=report)
    # In the site's language, as the submissions' mails to the secretariat, not in the editor's.
    send_templated_mail_on_commit(
        template="actionplan/email/report_submitted",
        context={"report": report, "site_url": settings.SITE_URL},
        to=[settings.SECRETARIAT_EMAIL],
        language=settings.LANGUAGE_CODE,
    )
    return report


def report_authors(report: ProgressReport) -> list[User]:
    """Everyone who wrote the report (saved or started it, by the audit trail) or submitted it."""
    writers = AuditEntry.objects.filter(
        object_type=report._meta.label_lower,
        object_id=str(report.pk),
        action__in=["report.started", "report.saved", "report.submitted"],
        actor__isnull=False,
    ).values_list("actor", flat=True)
    authors = list(User.objects.filter(pk__in=writers))
    return [*authors, report.submitted_by] if report.submitted_by else authors


def may_review(actor: User, report: ProgressReport) -> bool:
    """Whether the actor may approve or return the report: not when they wrote or submitted it."""
    return is_independent_reviewer(actor, made_by=report_authors(report))


@transaction.atomic
def approve_report(*, actor: User, report: ProgressReport, comment: str = "") -> ProgressReport:
    """Approve a submitted report: its progress, status, indicator values and milestones now count."""
    report = ProgressReport.objects.select_for_update().select_related("initiative").get(pk=report.pk)
    if report.status != ReportStatus.SUBMITTED:
        raise TransitionError("Only a submitted report can be approved.")
    require_independent_reviewer(actor, made_by=report_authors(report))
    initiative = Initiative.objects.select_for_update().get(pk=report.initiative_id)
    changes: dict[str, Any] = {}
    if not initiative.children.exists():
        # A parent's progress is computed from its children, never set by a report.
        initiative.progress = report.progress
        changes["progress"] = report.progress
    if report.status_after:
        initiative.status = report.status_after
        changes["status"] = report.status_after
    initiative.save()
    for reported in report.values.select_related("indicator"):
        IndicatorActual.objects.update_or_create(
            indicator=reported.indicator,
            period_start=report.period_start,
            period_end=report.period_end,
            defaults={"value": reported.value, "report": report},
        )
    for reported_milestone in report.milestones.select_related("milestone"):
        Milestone.objects.filter(pk=reported_milestone.milestone_id).update(done_on=reported_milestone.done_on)
    report.status = ReportStatus.APPROVED
    report.decided_at, report.decided_by, report.reviewer_comment = timezone.now(), actor, comment
    report.save()
    record(actor=actor, action="report.approved", obj=report, changes=changes)
    _tell_editors(report, "actionplan/email/report_approved")
    return report


@transaction.atomic
def return_report(*, actor: User, report: ProgressReport, comment: str) -> ProgressReport:
    """Send a submitted report back to the partner with a comment on what to complete."""
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.SUBMITTED:
        raise TransitionError("Only a submitted report can be returned.")
    require_independent_reviewer(actor, made_by=report_authors(report))
    if not comment.strip():
        raise TransitionError("Say what needs to be completed.")
    report.status = ReportStatus.RETURNED
    report.decided_at, report.decided_by, report.reviewer_comment = timezone.now(), actor, comment
    report.save()
    record(actor=actor, action="report.returned", obj=report, changes={"comment": comment})
    _tell_editors(report, "actionplan/email/report_returned")
    return report


def _tell_editors(report: ProgressReport, template: str) -> None:
    """Each editor of the lead organisation in the language they chose."""
    send_templated_mail_to_users_on_commit(
        template=template,
        context={"report": report, "site_url": settings.SITE_URL},
        users=_editors(report.initiative.lead_organisation_id),
    )


# Reporting rounds --------------------------------------------------------------------------------


def initiatives_due(reporting_round: ReportingRound) -> QuerySet[Initiative]:
    """Initiatives of the round's agreement period that run during the reporting period."""
    return (
        Initiative.objects.filter(period=reporting_round.agreement_period)
        .active()
        .filter(Q(starts_on__isnull=True) | Q(starts_on__lte=reporting_round.period_end))
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=reporting_round.period_start))
        .select_related("lead_organisation")
    )


def missing_reports(reporting_round: ReportingRound) -> QuerySet[Initiative]:
    """Initiatives due in the round that have no submitted or approved report for it yet."""
    reported = ProgressReport.objects.filter(
        reporting_round=reporting_round, status__in=[ReportStatus.SUBMITTED, ReportStatus.APPROVED]
    ).values("initiative_id")
    return initiatives_due(reporting_round).exclude(pk__in=reported).order_by("lead_organisation__name", "title_sv")


@dataclass(frozen=True)
class RoundMail:
    """What a reporting round's mail reached: the e-mails sent, and the lead organisations nobody could be told."""

    sent: int
    without_editor: list[Organisation]


def _mail_editors_of_due(
    reporting_round: ReportingRound, initiatives: Iterable[Initiative], template: str
) -> RoundMail:
    by_organisation: dict[int, list[Initiative]] = {}
    for initiative in initiatives:
        by_organisation.setdefault(initiative.lead_organisation_id, []).append(initiative)
    sent = 0
    without_editor = []
    for items in by_organisation.values():
        count = send_templated_mail_to_users_on_commit(
            template=template,
            context={"round": reporting_round, "initiatives": items, "site_url": settings.SITE_URL},
            users=_editors(items[0].lead_organisation_id),
        )
        if not count:
            without_editor.append(items[0].lead_organisation)
        sent += count
    return RoundMail(sent=sent, without_editor=sorted(without_editor, key=lambda organisation: organisation.name))


@transaction.atomic
def open_reporting_round(
    *,
    actor: User,
    agreement_period: AgreementPeriod,
    title: str,
    period_start: datetime.date,
    period_end: datetime.date,
    due_on: datetime.date,
) -> tuple[ReportingRound, RoundMail]:
    """Open a round: every editor with an initiative due gets an e-mail asking for a report.

    Returns the round and what the mail reached, so that the coordinator is told which organisations have no
    editor to ask."""
    reporting_round = ReportingRound(
        agreement_period=agreement_period,
        title=title,
        period_start=period_start,
        period_end=period_end,
        due_on=due_on,
        opened_by=actor,
    )
    reporting_round.full_clean()
    reporting_round.save()
    mailed = _mail_editors_of_due(reporting_round, initiatives_due(reporting_round), "actionplan/email/round_opened")
    changes = {"emails": mailed.sent, "without_editor": [organisation.slug for organisation in mailed.without_editor]}
    record(actor=actor, action="round.opened", obj=reporting_round, changes=changes)
    return reporting_round, mailed


@transaction.atomic
def remind_missing(*, actor: User | None, reporting_round: ReportingRound) -> RoundMail:
    """Remind the editors of initiatives still without a report; says how many e-mails went and who had nobody."""
    mailed = _mail_editors_of_due(reporting_round, missing_reports(reporting_round), "actionplan/email/round_reminder")
    reporting_round.reminded_at = timezone.now()
    reporting_round.save(update_fields=["reminded_at", "updated_at"])
    changes = {"emails": mailed.sent, "without_editor": [organisation.slug for organisation in mailed.without_editor]}
    record(actor=actor, action="round.reminded", obj=reporting_round, changes=changes)
    return mailed
