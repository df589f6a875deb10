"""Writes to grants. Every workflow step locks the application, checks its state and leaves an audit row."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.text import slugify
from django.utils.translation import gettext as _

from vagenin.accounts.models import MembershipRole, User
from vagenin.actionplan import services as actionplan_services
from vagenin.actionplan.models import Initiative, InitiativeStatus, Visibility
from vagenin.agreement.models import AgreementPeriod
from vagenin.common.audit import record, save_changes
from vagenin.common.deletion import InUseError, delete_checked
from vagenin.common.mail import render_text, send_templated_mail_on_commit, send_templated_mail_to_users_on_commit
from vagenin.grants import rules
from vagenin.grants.models import (
    EDITABLE_STATUSES,
    Application,
    ApplicationFile,
    ApplicationForm,
    Call,
    Criterion,
    FieldKind,
    FinalReport,
    FormField,
    FormVersion,
    Message,
    Outcome,
    Programme,
    ProgrammeDocument,
    ReportStatus,
    ReviewAssignment,
    Score,
    Status,
)
from vagenin.grants.pdf import receipt_pdf
from vagenin.grants.permissions import acts_on_own_application, acts_on_own_report, may_review
from vagenin.organisations.models import Organisation


class TransitionError(Exception):
    """A step that the object's current state, the clock or the rules of review do not allow.

    The message is translated for the person who tried; `code` names the reason for views that say more.
    """

    def __init__(self, message: str, code: str = "") -> None:
        super().__init__(message)
        self.code = code


def database_now() -> datetime.datetime:
    """The database's clock, so that every web server agrees on when a call has closed."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT CURRENT_TIMESTAMP")
        value = cursor.fetchone()[0]
    if isinstance(value, str):  # SQLite: "YYYY-MM-DD HH:MM:SS" in UTC
        parsed = parse_datetime(value)
        assert parsed is not None
        value = parsed
    if timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value


def unique_slug(model: Any, text: str) -> str:
    base = slugify(text)[:100] or "bidrag"
    slug, number = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


# Programmes, forms and calls --------------------------------------------------------------------


@transaction.atomic
def save_programme(*, actor: User, programme: Programme | None, data: Mapping[str, Any]) -> Programme:
    """Create a programme or change one."""
    programme = programme or Programme(slug=unique_slug(Programme, data["name_sv"]))
    save_changes(actor=actor, obj=programme, data=data, action="grants.programme_saved")
    return programme


@transaction.atomic
def add_programme_document(
    *, actor: User, programme: Programme, title: str, file: UploadedFile, content_type: str
) -> ProgrammeDocument:
    """Store a checked upload (vagenin.common.uploads.check_upload) as a document of the programme."""
    document = ProgrammeDocument.objects.create(
        programme=programme, title=title, file=file, content_type=content_type, size=file.size or 0
    )
    record(actor=actor, action="grants.document_added", obj=programme, changes={"title": title})
    return document


@transaction.atomic
def create_form(*, actor: User, programme: Programme, name: str) -> ApplicationForm:
    """A new, empty application form with its first version."""
    form = ApplicationForm.objects.create(programme=programme, name=name)
    FormVersion.objects.create(form=form, number=1)
    record(actor=actor, action="grants.form_created", obj=form, changes={"name": name})
    return form


def _lock_version(version: FormVersion) -> FormVersion:
    version = FormVersion.objects.select_for_update().get(pk=version.pk)
    if version.is_locked():
        raise TransitionError(_("Formulärversionen används och kan inte ändras: gör en ny version."))
    return version


@transaction.atomic
def save_field(*, actor: User, version: FormVersion, field: FormField | None, data: Mapping[str, Any]) -> FormField:
    """Add a question to a form version or change one; refused once the version is in use."""
    version = _lock_version(version)
    field = field or FormField(version=version)
    save_changes(actor=actor, obj=field, data=data, action="grants.field_saved", audit_obj=version)
    return field


def _delete(*, actor: User, obj: Any, action: str, name: str, changes: dict[str, Any] | None = None) -> None:
    """Delete through common.deletion: refused with a TransitionError naming the uses while anything uses `obj`."""
    try:
        delete_checked(actor=actor, obj=obj, action=action, changes=changes)
    except InUseError as error:
        raise TransitionError(error.message(name), code="in_use") from error


@transaction.atomic
def remove_field(*, actor: User, field: FormField) -> None:
    version = _lock_version(field.version)
    _delete(
        actor=actor,
        obj=field,
        action="grants.field_removed",
        name=_("frågan"),
        changes={"version": str(version.uuid), "label": field.label_sv},
    )


@transaction.atomic
def new_version(*, actor: User, form: ApplicationForm) -> FormVersion:
    """A copy of the form's latest version to change; applications already made keep the version they used."""
    latest = form.versions.order_by("-number").first()
    number = latest.number + 1 if latest else 1
    version = FormVersion.objects.create(form=form, number=number)
    if latest is not None:
        for field in latest.fields.all():
            field.pk, field.id, field.uuid = None, None, uuid.uuid4()
            field.version = version
            field.save()
    record(actor=actor, action="grants.version_created", obj=form, changes={"number": number})
    return version


@transaction.atomic
def save_call(*, actor: User, call: Call | None, programme: Programme, data: Mapping[str, Any]) -> Call:
    """Create a call or change one. Once it has opened its form version stays the one applicants use."""
    if call is not None:
        call = Call.objects.select_for_update().get(pk=call.pk)
        if call.has_opened and data.get("form_version", call.form_version) != call.form_version:
            raise TransitionError(_("Utlysningen har öppnat: dess formulärversion kan inte bytas."))
    else:
        call = Call(programme=programme, slug=unique_slug(Call, data["title_sv"]))
    save_changes(actor=actor, obj=call, data=data, action="grants.call_saved")
    return call


@transaction.atomic
def save_criterion(*, actor: User, call: Call, criterion: Criterion | None, data: Mapping[str, Any]) -> Criterion:
    """Add a review criterion to a call or change one; refused once reviewers have scored against it."""
    criterion = criterion or Criterion(call=call)
    if criterion.pk and criterion.scores.exists():
        raise TransitionError(_("Granskare har redan gett poäng på kriteriet."))
    save_changes(actor=actor, obj=criterion, data=data, action="grants.criterion_saved", audit_obj=call)
    return criterion


# Applications -----------------------------------------------------------------------------------


def _editors(organisation_id: int) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True, memberships__organisation_id=organisation_id, memberships__role=MembershipRole.EDITOR
        ).only("email", "language")
    )


def _tell_applicant(application: Application, template: str, extra: Mapping[str, Any] | None = None) -> None:
    """The applicant's editors, each in their language, and the contact person in the application's language."""
    context = {"application": application, "site_url": settings.SITE_URL, **(extra or {})}
    editors = _editors(application.organisation_id)
    send_templated_mail_to_users_on_commit(template=template, context=context, users=editors)
    contact = application.contact_email.lower()
    if contact and contact not in {user.email.lower() for user in editors}:
        send_templated_mail_on_commit(template=template, context=context, to=[contact], language=application.language)


def _lock(application: Application) -> Application:
    return (
        Application.objects.select_for_update().select_related("call__programme", "form_version").get(pk=application.pk)
    )


def _transition(
    *, actor: User | None, application: Application, to: str, changes: dict[str, Any] | None = None
) -> None:
    before = application.status
    application.status = to
    application.full_clean()
    application.save()
    record(
        actor=actor,
        action=f"grants.application_{to}",
        obj=application,
        changes={"status": [before, to], **(changes or {})},
    )


@transaction.atomic
def start_application(*, actor: User, call: Call, organisation: Organisation) -> Application:
    """A draft application from the organisation to an open call, on the call's current form version."""
    call = Call.objects.select_for_update().select_related("programme").get(pk=call.pk)
    if not call.published or not (call.opens_at <= database_now() < call.closes_at):
        raise TransitionError(_("Utlysningen är inte öppen."))
    if not call.programme.may_apply(organisation):
        raise TransitionError(_("Den här sortens organisation får inte söka i programmet."))
    application = Application.objects.create(
        call=call,
        form_version=call.form_version,
        organisation=organisation,
        title=call.title_sv[:200],
        purpose="",
        created_by=actor,
        contact_name=actor.full_name,
        contact_email=actor.email,
        language=actor.language,
    )
    record(actor=actor, action="grants.application_started", obj=application, changes={"call": call.slug})
    return application


@transaction.atomic
def save_application(
    *,
    actor: User,
    application: Application,
    data: Mapping[str, Any],
    answers: Mapping[str, Any],
    co_applicants: Iterable[Organisation],
    uploads: Mapping[str, tuple[UploadedFile, str]] | None = None,
) -> Application:
    """Save a draft (or an application sent back for more information): fields, answers, co-applicants, files."""
    application = _lock(application)
    if application.status not in EDITABLE_STATUSES:
        raise TransitionError(_("Bara ett utkast eller en ansökan som ska kompletteras kan ändras."))
    merged = {**application.answers, **answers}
    contact = next(
        (
            merged.get(str(field.uuid))
            for field in application.form_version.fields.all()
            if field.kind == FieldKind.CONTACT and merged.get(str(field.uuid))
        ),
        None,
    )
    values = {
        **data,
        "answers": merged,
        "co_applicants": [o for o in co_applicants if o.pk != application.organisation_id],
    }
    if contact:
        values.update(
            contact_name=contact.get("name", ""),
            contact_email=contact.get("email", ""),
            contact_phone=contact.get("phone", ""),
        )
    save_changes(actor=actor, obj=application, data=values, action="grants.application_saved")
    for key, (upload, content_type) in (uploads or {}).items():
        ApplicationFile.objects.create(
            application=application,
            field_uuid=key,
            name=(upload.name or "bilaga")[:200],
            file=upload,
            content_type=content_type,
            size=upload.size or 0,
        )
        record(actor=actor, action="grants.file_added", obj=application, changes={"name": upload.name or ""})
    return application


def remove_file(*, actor: User, stored: ApplicationFile) -> None:
    with transaction.atomic():
        application = _lock(stored.application)
        if application.status not in EDITABLE_STATUSES:
            raise TransitionError(_("Ansökan kan inte längre ändras."))
        file = stored.file
        _delete(
            actor=actor,
            obj=stored,
            action="grants.file_removed",
            name=_("bilagan"),
            changes={"application": str(application.uuid), "name": stored.name},
        )
        transaction.on_commit(lambda: file.delete(save=False))


def problems(application: Application) -> list[str]:
    """What keeps the application from being submitted, as the field labels (in the active language)."""
    fields = list(application.form_version.fields.all())
    questions = [rules.Question(key=str(f.uuid), kind=f.kind, required=f.required) for f in fields]
    labels = {str(f.uuid): f.label for f in fields}
    files = {str(key) for key in application.files.values_list("field_uuid", flat=True)}
    found = [
        translation.gettext("Obligatoriskt: %(label)s") % {"label": labels[key]}
        for key in rules.missing_answers(questions, application.answers, files)
    ]
    found += [
        translation.gettext("Budgeten i ”%(label)s” summerar inte till det sökta beloppet.") % {"label": labels[key]}
        for key in rules.budget_mismatches(questions, application.answers, application.amount_requested)
    ]
    if not application.purpose.strip():
        found.append(translation.gettext("Obligatoriskt: ändamål"))
    if application.amount_requested <= 0:
        found.append(translation.gettext("Ange det belopp ni söker."))
    return found


def _send_receipt(application: Application) -> None:
    """The receipt with a PDF of what was submitted, to the submitter and the contact, after the commit."""
    recipients = (
        [(application.submitted_by.email, application.submitted_by.language)] if application.submitted_by else []
    )
    if application.contact_email and application.contact_email.lower() not in {r[0].lower() for r in recipients}:
        recipients.append((application.contact_email, application.language))
    pk = application.pk

    def send() -> None:
        fresh = Application.objects.select_related("call__programme", "organisation", "form_version").get(pk=pk)
        for address, language in recipients:
            context = {"application": fresh, "site_url": settings.SITE_URL}
            with translation.override(language):
                subject = " ".join(render_text("grants/email/receipt_subject.txt", context).split())
                body = render_text("grants/email/receipt_body.txt", context)
            message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
            pdf = receipt_pdf(fresh, language)
            if pdf is not None:
                message.attach(f"ansokan-{fresh.uuid}.pdf", pdf, "application/pdf")
            message.send()

    transaction.on_commit(send)


@transaction.atomic
def submit_application(*, actor: User, application: Application) -> Application:
    """Send the application. A first submission only before the call closes, by the database's clock, to the second."""
    application = _lock(application)
    if application.status not in EDITABLE_STATUSES:
        raise TransitionError(_("Bara ett utkast eller en ansökan som ska kompletteras kan skickas in."))
    if application.status == Status.DRAFT and database_now() >= application.call.closes_at:
        raise TransitionError(_("Utlysningen har stängt."), code="closed")
    found = problems(application)
    if found:
        raise TransitionError(" ".join(found))
    resubmission = application.status == Status.INFO_REQUESTED
    if not resubmission:
        application.submitted_at, application.submitted_by = timezone.now(), actor
    application.answers = {
        **application.answers,
        **{
            str(f.uuid): {
                "name": application.organisation.name,
                "organisation_number": application.organisation.organisation_number,
            }
            for f in application.form_version.fields.all()
            if f.kind == FieldKind.ORGANISATION
        },
    }
    _transition(actor=actor, application=application, to=Status.SUBMITTED, changes={"resubmitted": resubmission})
    _send_receipt(application)
    return application


@transaction.atomic
def withdraw_application(*, actor: User, application: Application) -> Application:
    """The applicant takes the application back before it is decided."""
    application = _lock(application)
    if application.status not in (Status.DRAFT, Status.SUBMITTED, Status.IN_REVIEW, Status.INFO_REQUESTED):
        raise TransitionError(_("En beslutad ansökan kan inte återkallas."))
    _transition(actor=actor, application=application, to=Status.WITHDRAWN)
    _tell_applicant(application, "grants/email/status")
    return application


def _refuse_own(actor: User, application: Application) -> None:
    if acts_on_own_application(actor, application):
        raise TransitionError(
            _("Du får inte handlägga en ansökan från din egen organisation eller som du själv skickat in.")
        )


@transaction.atomic
def start_review(*, actor: User, application: Application) -> Application:
    """The officer takes a submitted application into handling."""
    application = _lock(application)
    _refuse_own(actor, application)
    if application.status != Status.SUBMITTED:
        raise TransitionError(_("Bara en inskickad ansökan kan tas upp till handläggning."))
    _transition(actor=actor, application=application, to=Status.IN_REVIEW)
    _tell_applicant(application, "grants/email/status")
    return application


@transaction.atomic
def request_information(*, actor: User, application: Application, body: str) -> Application:
    """Ask the applicant to complete the application; it opens for changes until they submit it again."""
    application = _lock(application)
    _refuse_own(actor, application)
    if application.status not in (Status.SUBMITTED, Status.IN_REVIEW):
        raise TransitionError(_("Komplettering kan bara begäras medan ansökan handläggs."))
    if not body.strip():
        raise TransitionError(_("Skriv vad som saknas."))
    message = Message.objects.create(application=application, author=actor, from_officer=True, body=body)
    _transition(actor=actor, application=application, to=Status.INFO_REQUESTED)
    _tell_applicant(application, "grants/email/status", {"message": message})
    return application


@transaction.atomic
def send_message(*, actor: User, application: Application, body: str, from_officer: bool) -> Message:
    """A message on the application's page: the officer's to the applicant, or the applicant's reply."""
    if not body.strip():
        raise TransitionError(_("Meddelandet är tomt."))
    application = _lock(application)
    message = Message.objects.create(application=application, author=actor, from_officer=from_officer, body=body)
    record(actor=actor, action="grants.message_sent", obj=application, changes={"from_officer": from_officer})
    if from_officer:
        _tell_applicant(application, "grants/email/message", {"message": message})
    else:
        send_templated_mail_on_commit(
            template="grants/email/reply",
            context={"application": application, "message": message, "site_url": settings.SITE_URL},
            to=[settings.SECRETARIAT_EMAIL],
            language=settings.LANGUAGE_CODE,
        )
    return message


# Review -----------------------------------------------------------------------------------------


@transaction.atomic
def assign_reviewer(*, actor: User, application: Application, reviewer: User) -> ReviewAssignment:
    """Assign a staff user to review; refused for anyone from the applying organisations or who sent it."""
    application = _lock(application)
    _refuse_own(actor, application)
    if application.status not in (Status.SUBMITTED, Status.IN_REVIEW):
        raise TransitionError(_("Granskare tilldelas medan ansökan handläggs."))
    if not may_review(reviewer):
        raise TransitionError(_("Bara personal kan granska."))
    if acts_on_own_application(reviewer, application):
        raise TransitionError(
            _("Granskaren är jävig: hen hör till en sökande eller medsökande organisation."), code="conflict"
        )
    if application.reviews.filter(reviewer=reviewer).exists():
        raise TransitionError(_("Granskaren är redan tilldelad."))
    assignment = ReviewAssignment.objects.create(application=application, reviewer=reviewer, assigned_by=actor)
    record(actor=actor, action="grants.reviewer_assigned", obj=application, changes={"reviewer": reviewer.email})
    send_templated_mail_to_users_on_commit(
        template="grants/email/review_assigned",
        context={"assignment": assignment, "application": application, "site_url": settings.SITE_URL},
        users=[reviewer],
    )
    return assignment


@transaction.atomic
def remove_reviewer(*, actor: User, assignment: ReviewAssignment) -> None:
    """Take a reviewer off an application before they have scored; a review with scores is part of the record."""
    application = _lock(assignment.application)
    _refuse_own(actor, application)
    assignment = ReviewAssignment.objects.select_for_update().select_related("reviewer").get(pk=assignment.pk)
    if assignment.submitted_at is not None or assignment.scores.exists():
        raise TransitionError(
            _("%(name)s har redan gett poäng och kan inte tas bort: bedömningen hör till ärendet.")
            % {"name": assignment.reviewer},
            code="scored",
        )
    _delete(
        actor=actor,
        obj=assignment,
        action="grants.reviewer_removed",
        name=_("granskningsuppdraget"),
        changes={"application": str(application.uuid), "reviewer": assignment.reviewer.email},
    )


@transaction.atomic
def save_review(
    *,
    actor: User,
    assignment: ReviewAssignment,
    no_conflict: bool,
    scores: Mapping[Criterion, int | None],
    comment: str,
    final: bool,
) -> ReviewAssignment:
    """The reviewer's declaration, scores and comment; `final` marks the review done (every criterion scored)."""
    assignment = ReviewAssignment.objects.select_for_update().select_related("application").get(pk=assignment.pk)
    if assignment.reviewer_id != actor.pk:
        raise TransitionError(_("Bara den tilldelade granskaren kan granska."))
    if acts_on_own_application(actor, assignment.application):
        raise TransitionError(_("Du får inte granska en ansökan från din egen organisation."))
    if assignment.application.status not in (Status.SUBMITTED, Status.IN_REVIEW, Status.INFO_REQUESTED):
        raise TransitionError(_("Ansökan granskas inte längre."))
    if not no_conflict:
        raise TransitionError(_("Intyga att du inte är jävig, eller be handläggaren att ta bort dig."))
    for criterion, value in scores.items():
        if criterion.call_id != assignment.application.call_id:
            raise TransitionError(_("Kriteriet hör till en annan utlysning."))
        if value is None:
            cleared = Score.objects.filter(assignment=assignment, criterion=criterion).first()
            if cleared is not None:
                _delete(
                    actor=actor,
                    obj=cleared,
                    action="grants.score_cleared",
                    name=_("poängen"),
                    changes={"application": str(assignment.application.uuid), "criterion": criterion.name_sv},
                )
            continue
        if not 0 <= value <= criterion.max_score:
            raise TransitionError(_("En poäng ligger utanför kriteriets skala."))
        Score.objects.update_or_create(assignment=assignment, criterion=criterion, defaults={"score": value})
    if final and assignment.scores.count() < assignment.application.call.criteria.count():
        raise TransitionError(_("Ge poäng på varje kriterium innan du markerar bedömningen som klar."))
    assignment.no_conflict_declared_at = assignment.no_conflict_declared_at or timezone.now()
    assignment.comment = comment
    if final:
        assignment.submitted_at = timezone.now()
    assignment.save()
    record(
        actor=actor,
        action="grants.review_done" if final else "grants.review_saved",
        obj=assignment.application,
        changes={"scores": {c.name_sv: v for c, v in scores.items()}},
    )
    return assignment


# Decision and payment ---------------------------------------------------------------------------


@transaction.atomic
def decide(
    *,
    actor: User,
    application: Application,
    outcome: str,
    amount_granted: int,
    conditions: str,
    decided_on: datetime.date,
    registration_number: str,
) -> Application:
    """Record the decision; the applicant is told and can download the decision letter."""
    application = _lock(application)
    _refuse_own(actor, application)
    if application.status != Status.IN_REVIEW:
        raise TransitionError(_("Bara en ansökan under handläggning kan beslutas."))
    if outcome == Outcome.DECLINED:
        amount_granted = 0
    elif outcome == Outcome.GRANTED_FULL:
        amount_granted = application.amount_requested
    elif not 0 < amount_granted < application.amount_requested:
        raise TransitionError(_("Ett delvis beviljat bidrag är mer än noll och mindre än det sökta beloppet."))
    application.outcome, application.amount_granted = outcome, amount_granted
    application.conditions, application.decided_on = conditions, decided_on
    application.registration_number, application.decided_by = registration_number.strip(), actor
    if not application.registration_number:
        raise TransitionError(_("Ett beslut behöver ett diarienummer."))
    _transition(
        actor=actor,
        application=application,
        to=Status.DECIDED,
        changes={"outcome": outcome, "amount_granted": amount_granted, "registration_number": registration_number},
    )
    _tell_applicant(application, "grants/email/status")
    return application


@transaction.atomic
def mark_paid(*, actor: User, application: Application, paid_on: datetime.date) -> Application:
    """Record that a granted sum has been paid out."""
    application = _lock(application)
    _refuse_own(actor, application)
    if application.status != Status.DECIDED or not application.is_granted:
        raise TransitionError(_("Bara en beviljad ansökan kan betalas ut."))
    application.paid_on = paid_on
    _transition(actor=actor, application=application, to=Status.PAID, changes={"paid_on": paid_on.isoformat()})
    _tell_applicant(application, "grants/email/status")
    return application


@transaction.atomic
def close_application(*, actor: User, application: Application) -> Application:
    """Close a declined application, or a granted one whose final report is approved."""
    application = _lock(application)
    _refuse_own(actor, application)
    declined = application.status == Status.DECIDED and application.outcome == Outcome.DECLINED
    if not declined and application.status != Status.REPORTED:
        raise TransitionError(_("Bara en avslagen ansökan eller en med godkänd slutrapport kan avslutas."))
    _transition(actor=actor, application=application, to=Status.CLOSED)
    _tell_applicant(application, "grants/email/status")
    return application


# Final report -----------------------------------------------------------------------------------


@transaction.atomic
def save_final_report(
    *,
    actor: User,
    application: Application,
    narrative: str,
    participants: Mapping[str, Mapping[str, int]],
    spent: Mapping[str, int],
    amount_used: int,
) -> FinalReport:
    """Save the final report of a paid grant as a draft (or after it was returned)."""
    application = _lock(application)
    if application.status != Status.PAID:
        raise TransitionError(_("Slutrapport lämnas för ett utbetalt bidrag."))
    report, _created = FinalReport.objects.select_for_update().get_or_create(application=application)
    if report.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
        raise TransitionError(_("Slutrapporten är redan inskickad."))
    report.narrative, report.participants, report.spent = narrative, dict(participants), dict(spent)
    report.amount_used = amount_used
    report.reclaim_amount = rules.reclaim(application.amount_granted or 0, amount_used)
    report.save()
    record(actor=actor, action="grants.report_saved", obj=application, changes={"amount_used": amount_used})
    return report


@transaction.atomic
def submit_final_report(*, actor: User, report: FinalReport) -> FinalReport:
    """Send the final report to the grant officer; unused money is flagged for reclaim."""
    report = FinalReport.objects.select_for_update().select_related("application").get(pk=report.pk)
    if report.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
        raise TransitionError(_("Bara ett utkast eller en återsänd slutrapport kan skickas in."))
    if not report.narrative.strip():
        raise TransitionError(_("Beskriv vad som gjordes."))
    report.status = ReportStatus.SUBMITTED
    report.submitted_at, report.submitted_by = timezone.now(), actor
    report.save()
    record(
        actor=actor,
        action="grants.report_submitted",
        obj=report.application,
        changes={"amount_used": report.amount_used, "reclaim": report.reclaim_amount},
    )
    send_templated_mail_on_commit(
        template="grants/email/report_submitted",
        context={"report": report, "application": report.application, "site_url": settings.SITE_URL},
        to=[settings.SECRETARIAT_EMAIL],
        language=settings.LANGUAGE_CODE,
    )
    return report


@transaction.atomic
def approve_final_report(*, actor: User, report: FinalReport, comment: str = "") -> FinalReport:
    """Approve a submitted report (never one the officer submitted or their organisation made)."""
    report = FinalReport.objects.select_for_update().select_related("application").get(pk=report.pk)
    if acts_on_own_report(actor, report):
        raise TransitionError(_("Du får inte godkänna en slutrapport som du eller din organisation har skickat in."))
    if report.status != ReportStatus.SUBMITTED:
        raise TransitionError(_("Bara en inskickad slutrapport kan godkännas."))
    application = _lock(report.application)
    report.status, report.officer_comment = ReportStatus.APPROVED, comment
    report.decided_at, report.decided_by = timezone.now(), actor
    report.save()
    _transition(actor=actor, application=application, to=Status.REPORTED, changes={"reclaim": report.reclaim_amount})
    _tell_applicant(application, "grants/email/status", {"report": report})
    return report


@transaction.atomic
def return_final_report(*, actor: User, report: FinalReport, comment: str) -> FinalReport:
    """Send a submitted report back to the organisation with what to complete."""
    report = FinalReport.objects.select_for_update().select_related("application").get(pk=report.pk)
    if acts_on_own_report(actor, report):
        raise TransitionError(_("Du får inte handlägga en slutrapport som du eller din organisation har skickat in."))
    if report.status != ReportStatus.SUBMITTED:
        raise TransitionError(_("Bara en inskickad slutrapport kan återsändas."))
    if not comment.strip():
        raise TransitionError(_("Skriv vad som ska kompletteras."))
    report.status, report.officer_comment = ReportStatus.RETURNED, comment
    report.decided_at, report.decided_by = timezone.now(), actor
    report.save()
    record(actor=actor, action="grants.report_returned", obj=report.application, changes={"comment": comment})
    _tell_applicant(report.application, "grants/email/report_returned", {"report": report})
    return report


# The action plan --------------------------------------------------------------------------------


@transaction.atomic
def link_initiative(*, actor: User, application: Application, initiative: Initiative | None) -> Initiative:
    """Link a granted application to an initiative of the action plan, or create and publish one for it."""
    application = _lock(application)
    if not application.is_granted:
        raise TransitionError(_("Bara ett beviljat bidrag kan bli en insats."))
    if initiative is None:
        period = AgreementPeriod.objects.current()
        if period is None:
            raise TransitionError(_("Ingen avtalsperiod gäller just nu."))
        initiative = actionplan_services.create_initiative(
            actor=actor,
            period=period,
            data={
                "title_sv": application.title,
                "summary_sv": application.purpose,
                "lead_organisation": application.organisation,
                "status": InitiativeStatus.ONGOING,
            },
        )
        actionplan_services.set_visibility(actor=actor, initiative=initiative, visibility=Visibility.PUBLISHED)
    application.initiative = initiative
    application.save(update_fields=["initiative", "updated_at"])
    record(actor=actor, action="grants.initiative_linked", obj=application, changes={"initiative": initiative.slug})
    return initiative


# Retention ---------------------------------------------------------------------------------------

CONTACT_RETENTION = datetime.timedelta(days=2 * 365)


@transaction.atomic
def purge_contact_details(*, before: datetime.datetime) -> int:
    """Erase contact people from applications closed, withdrawn or left as drafts of a call closed before `before`."""
    done = (
        Application.objects.filter(updated_at__lt=before, status__in=[Status.CLOSED, Status.WITHDRAWN])
        | Application.objects.filter(status=Status.DRAFT, call__closes_at__lt=before)
    ).exclude(contact_name="", contact_email="", contact_phone="")
    contact_keys = {str(key) for key in FormField.objects.filter(kind=FieldKind.CONTACT).values_list("uuid", flat=True)}
    erased = 0
    for application in done.select_for_update(of=("self",)):  # the OR may join calls as an outer join
        application.contact_name = application.contact_email = application.contact_phone = ""
        application.answers = {k: v for k, v in application.answers.items() if k not in contact_keys}
        application.save(update_fields=["contact_name", "contact_email", "contact_phone", "answers"])
        record(actor=None, action="grants.contact_erased", obj=application)
        erased += 1
    return erased
