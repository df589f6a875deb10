"""The whole grant flow: apply, more information, review with a conflict refused, decide, letter, report, reclaim."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from testsupport.personas import Personas, make_user
from vagenin.accounts.models import Membership, MembershipRole, StaffRole
from vagenin.actionplan.models import Initiative, Visibility
from vagenin.actionplan.tests.builders import make_period
from vagenin.common.models import AuditEntry
from vagenin.grants import services
from vagenin.grants.models import Application, FinalReport, Outcome, ReportStatus, Status
from vagenin.grants.services import TransitionError
from vagenin.grants.tests.builders import STOCKHOLM, answers_for, draft, in_review, make_call, submitted

pytestmark = pytest.mark.django_db


def test_the_whole_flow_through_the_pages(personas: Personas, django_capture_on_commit_callbacks) -> None:
    call = make_call()
    editor = personas.client("editor_a")
    officer = personas.client("grant_officer")
    # Apply: start a draft for the organisation, fill it in, submit.
    response = editor.post(reverse("grants:apply", args=[call.slug]), {"organisation": personas.org_a.pk})
    application = Application.objects.get()
    assert response["Location"] == reverse("grants:application_edit", args=[application.uuid])
    fields = {f.label_sv: f"f_{f.uuid.hex}" for f in call.form_version.fields.all()}
    form = {
        "title": "Språkcafé",
        "purpose": "Språkcaféer för asylsökande.",
        "amount_requested": "120000",
        "co_applicants": [personas.org_b.pk],
        fields["Aktiviteter"]: "Två kvällar i veckan.",
        f"{fields['Budget']}_item_0": "Personal",
        f"{fields['Budget']}_amount_0": "100000",
        f"{fields['Budget']}_item_1": "Lokal",
        f"{fields['Budget']}_amount_1": "10000",
    }
    # A budget that does not add up is refused beside the field, and nothing typed is lost.
    response = editor.post(reverse("grants:application_edit", args=[application.uuid]), form)
    assert response.status_code == 400
    assert "summerar till 110000 kr" in response.content.decode()
    assert "Två kvällar i veckan." in response.content.decode()
    form[f"{fields['Budget']}_amount_1"] = "20000"
    response = editor.post(reverse("grants:application_edit", args=[application.uuid]), form)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.amount_requested == 120_000
    assert list(application.co_applicants.all()) == [personas.org_b]
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(reverse("grants:application_submit", args=[application.uuid]))
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    receipt = mail.outbox[-1]
    assert receipt.to == [personas.editor_a.email]
    assert receipt.attachments and receipt.attachments[0][2] == "application/pdf"
    assert receipt.attachments[0][1].startswith(b"%PDF")

    # The officer takes it up and asks for more information; the applicant sees the message and completes it.
    officer.post(reverse("grants:officer_start_review", args=[application.uuid]))
    with django_capture_on_commit_callbacks(execute=True):
        officer.post(
            reverse("grants:officer_request_information", args=[application.uuid]), {"body": "Bifoga försäkran."}
        )
    application.refresh_from_db()
    assert application.status == Status.INFO_REQUESTED
    assert "Bifoga försäkran." in mail.outbox[-1].body
    page = editor.get(application.get_absolute_url()).content.decode()
    assert "Komplettering begärd" in page and "Bifoga försäkran." in page
    editor.post(reverse("grants:application_submit", args=[application.uuid]))
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    officer.post(reverse("grants:officer_start_review", args=[application.uuid]))

    # Review: editor_b belongs to the co-applicant: refused with a message. A staff reviewer scores.
    staff_b = personas.editor_b
    personas.coordinator.memberships.create(organisation=personas.org_b, role=MembershipRole.MEMBER)
    response = officer.post(
        reverse("grants:officer_assign", args=[application.uuid]), {"reviewer": personas.coordinator.pk}, follow=True
    )
    assert "jävig" in response.content.decode()
    assert not application.reviews.exists()
    del staff_b
    reviewer = make_user("granskare@test.example", roles=(StaffRole.ANALYST,), full_name="Gun Granskare")
    officer.post(reverse("grants:officer_assign", args=[application.uuid]), {"reviewer": reviewer.pk})
    assignment = application.reviews.get()
    client = personas.client("anonymous")
    client.force_login(reviewer)
    criteria = list(call.criteria.all())
    client.post(
        reverse("grants:review", args=[assignment.uuid]),
        {"no_conflict": "on", "comment": "Bra", f"c_{criteria[0].pk}": "4", f"c_{criteria[1].pk}": "3", "done": "1"},
    )
    assignment.refresh_from_db()
    assert assignment.submitted_at is not None and assignment.total() == 7
    sheet = officer.get(reverse("grants:call_review", args=[call.slug])).content.decode()
    assert "Gun Granskare" in sheet and "120000" in sheet

    # Decide in part; the decision letter is a PDF.
    with django_capture_on_commit_callbacks(execute=True):
        officer.post(
            reverse("grants:officer_decide", args=[application.uuid]),
            {
                "outcome": Outcome.GRANTED_PART,
                "amount_granted": "100000",
                "decided_on": "2026-05-01",
                "registration_number": "851-123-2026",
                "conditions": "Slutrapport senast 2027-02-28.",
            },
        )
    application.refresh_from_db()
    assert (application.status, application.amount_granted) == (Status.DECIDED, 100_000)
    assert "851-123-2026" in mail.outbox[-1].body
    letter = editor.get(reverse("grants:decision_letter", args=[application.uuid]))
    assert letter["Content-Type"] == "application/pdf" and letter.content.startswith(b"%PDF")

    # Paid, then the final report: 80 000 used of 100 000, so 20 000 is flagged for reclaim.
    officer.post(reverse("grants:officer_paid", args=[application.uuid]), {"paid_on": "2026-05-15"})
    report_form = {"narrative": "Vi höll 40 språkcaféer.", "amount_used": "80000", "s_0": "70000", "s_1": "10000"}
    report_form |= {"p_women_18-29": "12", "p_men_30-64": "8", "submit": "1"}
    editor.post(reverse("grants:final_report", args=[application.uuid]), report_form)
    report = FinalReport.objects.get()
    assert report.status == ReportStatus.SUBMITTED
    assert report.reclaim_flagged and report.reclaim_amount == 20_000
    assert report.participants["women"]["18-29"] == 12
    officer.post(reverse("grants:officer_report", args=[application.uuid]), {"decision": "approve"})
    application.refresh_from_db()
    assert application.status == Status.REPORTED
    # The approved grant becomes a published initiative in the action plan.
    make_period()
    officer.post(reverse("grants:officer_initiative", args=[application.uuid]), {"initiative": ""})
    application.refresh_from_db()
    assert application.initiative is not None
    assert application.initiative.visibility == Visibility.PUBLISHED
    officer.post(reverse("grants:officer_close", args=[application.uuid]))
    application.refresh_from_db()
    assert application.status == Status.CLOSED
    actions = set(AuditEntry.objects.filter(object_id=str(application.pk)).values_list("action", flat=True))
    assert {
        "grants.application_submitted",
        "grants.application_info_requested",
        "grants.application_decided",
    } <= actions
    # The public list shows the grant (recipient, purpose, amount), never reviews or contacts.
    public = personas.client("anonymous").get(reverse("grants:granted")).content.decode()
    assert "Språkcaféer för asylsökande." in public and "100000" in public
    assert "Bra" not in public and personas.editor_a.email not in public


@pytest.mark.parametrize(
    ("moment", "accepted"),
    [((23, 59, 59), True), ((0, 0, 0), False)],
)
def test_the_deadline_is_enforced_at_the_second(
    personas: Personas, monkeypatch: pytest.MonkeyPatch, moment: tuple[int, int, int], accepted: bool
) -> None:
    closes = datetime.datetime(2026, 3, 2, 0, 0, 0, tzinfo=STOCKHOLM)
    call = make_call(opens_at=closes - datetime.timedelta(days=30), closes_at=closes)
    with time_machine.travel(closes - datetime.timedelta(days=1), tick=False):
        monkeypatch.setattr(services, "database_now", timezone.now)
        application = draft(call, personas.org_a, personas.editor_a)
    day = datetime.date(2026, 3, 1) if moment[0] == 23 else datetime.date(2026, 3, 2)
    when = datetime.datetime.combine(day, datetime.time(*moment), tzinfo=STOCKHOLM)
    # The service reads the database's clock; here the database's clock is the travelled one.
    with time_machine.travel(when, tick=False):
        if accepted:
            services.submit_application(actor=personas.editor_a, application=application)
            application.refresh_from_db()
            assert application.status == Status.SUBMITTED
        else:
            with pytest.raises(TransitionError) as refused:
                services.submit_application(actor=personas.editor_a, application=application)
            assert refused.value.code == "closed"
            response = personas.client("editor_a").post(
                reverse("grants:application_submit", args=[application.uuid]), follow=True
            )
            assert "Utlysningen stängde 2026-03-02 00:00:00" in response.content.decode()
            application.refresh_from_db()
            assert application.status == Status.DRAFT


def test_database_now_reads_an_aware_time() -> None:
    assert timezone.is_aware(services.database_now())


def test_nobody_reviews_or_decides_their_own_organisations_application(personas: Personas) -> None:
    call = make_call()
    # A grant officer who is also a member of org_a.
    Membership.objects.create(user=personas.grant_officer, organisation=personas.org_a, role=MembershipRole.MEMBER)
    application = submitted(call, personas.org_a, personas.editor_a)
    for step in (
        lambda: services.start_review(actor=personas.grant_officer, application=application),
        lambda: services.assign_reviewer(
            actor=personas.coordinator, application=application, reviewer=personas.grant_officer
        ),
    ):
        with pytest.raises(TransitionError):
            step()
    services.start_review(actor=personas.coordinator, application=application)
    with pytest.raises(TransitionError):
        services.decide(
            actor=personas.grant_officer,
            application=application,
            outcome=Outcome.GRANTED_FULL,
            amount_granted=0,
            conditions="",
            decided_on=datetime.date(2026, 5, 1),
            registration_number="851-1-2026",
        )
    # The coordinator applied for org_b (coordinators may act for any organisation): they may not decide it.
    own = submitted(call, personas.org_b, personas.coordinator)
    with pytest.raises(TransitionError):
        services.start_review(actor=personas.coordinator, application=own)


def test_a_coordinator_cannot_approve_a_report_they_submitted(personas: Personas) -> None:
    call = make_call()
    application = in_review(call, personas.org_a, personas.editor_a, personas.grant_officer)
    services.decide(
        actor=personas.grant_officer,
        application=application,
        outcome=Outcome.GRANTED_FULL,
        amount_granted=0,
        conditions="",
        decided_on=datetime.date(2026, 5, 1),
        registration_number="851-2-2026",
    )
    services.mark_paid(actor=personas.grant_officer, application=application, paid_on=datetime.date(2026, 5, 2))
    report = services.save_final_report(
        actor=personas.coordinator,
        application=application,
        narrative="Genomfört.",
        participants={},
        spent={},
        amount_used=100_000,
    )
    report = services.submit_final_report(actor=personas.coordinator, report=report)
    assert not report.reclaim_flagged
    with pytest.raises(TransitionError, match="du eller din organisation har skickat in"):
        services.approve_final_report(actor=personas.coordinator, report=report)
    response = personas.client("coordinator").post(
        reverse("grants:officer_report", args=[application.uuid]), {"decision": "approve"}, follow=True
    )
    assert "Det gick inte" in response.content.decode()
    services.return_final_report(actor=personas.grant_officer, report=report, comment="Ange deltagare.")
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED


def test_a_form_version_in_use_never_changes(personas: Personas) -> None:
    call = make_call()
    application = draft(call, personas.org_a, personas.editor_a)
    field = call.form_version.fields.first()
    assert field is not None
    with pytest.raises(TransitionError):
        services.save_field(
            actor=personas.grant_officer, version=call.form_version, field=field, data={"label_sv": "Ny"}
        )
    version = services.new_version(actor=personas.grant_officer, form=call.form_version.form)
    assert version.number == 2 and version.fields.count() == call.form_version.fields.count()
    changed = version.fields.get(label_sv="Aktiviteter")
    services.save_field(actor=personas.grant_officer, version=version, field=changed, data={"label_sv": "Vad görs?"})
    application.refresh_from_db()
    # The application still answers its own version's questions.
    assert application.form_version.fields.filter(label_sv="Aktiviteter").exists()
    # Once the call has opened its version is fixed.
    with pytest.raises(TransitionError):
        services.save_call(
            actor=personas.grant_officer, call=call, programme=call.programme, data={"form_version": version}
        )


def test_only_allowed_kinds_of_organisation_apply_and_only_while_open(personas: Personas) -> None:
    municipal = make_call(make_programme_for_municipalities(), slug="kommuner")
    with pytest.raises(TransitionError):
        services.start_application(actor=personas.editor_a, call=municipal, organisation=personas.org_a)
    later = make_call(
        opens_at=timezone.now() + datetime.timedelta(days=1),
        closes_at=timezone.now() + datetime.timedelta(days=5),
        slug="senare",
    )
    with pytest.raises(TransitionError):
        services.start_application(actor=personas.editor_a, call=later, organisation=personas.org_a)


def make_programme_for_municipalities():
    from vagenin.grants.tests.builders import make_programme

    return make_programme("§ 37", civil_society=False)


def test_submission_needs_required_answers_and_a_budget_that_adds_up(personas: Personas) -> None:
    call = make_call()
    application = services.start_application(actor=personas.editor_a, call=call, organisation=personas.org_a)
    with pytest.raises(TransitionError, match="Obligatoriskt"):
        services.submit_application(actor=personas.editor_a, application=application)
    answers = answers_for(call, 100_000)
    services.save_application(
        actor=personas.editor_a,
        application=application,
        data={"title": "X", "purpose": "Y", "amount_requested": 90_000},
        answers=answers,
        co_applicants=[],
    )
    with pytest.raises(TransitionError, match="summerar inte"):
        services.submit_application(actor=personas.editor_a, application=application)


def test_withdrawal_and_its_mail_in_the_applicants_language(
    personas: Personas, django_capture_on_commit_callbacks
) -> None:
    personas.editor_a.language = "en"
    personas.editor_a.save()
    call = make_call()
    application = submitted(call, personas.org_a, personas.editor_a)
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_application(actor=personas.editor_a, application=application)
    assert mail.outbox[-1].subject == "Application “Språkcafé”: Withdrawn"
    with pytest.raises(TransitionError):
        services.start_review(actor=personas.grant_officer, application=application)


def test_the_database_refuses_an_inconsistent_decision(personas: Personas) -> None:
    call = make_call()
    application = submitted(call, personas.org_a, personas.editor_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=application.pk).update(status=Status.DECIDED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=application.pk).update(
            outcome=Outcome.DECLINED, amount_granted=5, decided_on=datetime.date(2026, 1, 1)
        )


def test_an_initiative_can_be_linked_instead_of_created(personas: Personas) -> None:
    from vagenin.actionplan.tests.builders import make_initiative

    call = make_call()
    application = in_review(call, personas.org_a, personas.editor_a, personas.grant_officer)
    services.decide(
        actor=personas.grant_officer,
        application=application,
        outcome=Outcome.GRANTED_FULL,
        amount_granted=0,
        conditions="",
        decided_on=datetime.date(2026, 5, 1),
        registration_number="851-3-2026",
    )
    initiative = make_initiative(personas.org_a, "Språkcaféet")
    services.link_initiative(actor=personas.grant_officer, application=application, initiative=initiative)
    assert Initiative.objects.get(pk=initiative.pk).grant_applications.get() == application


def test_contact_people_are_erased_two_years_after_closing(personas: Personas) -> None:
    from vagenin.grants.tasks import purge_old_contacts

    call = make_call()
    application = submitted(call, personas.org_a, personas.editor_a)
    services.withdraw_application(actor=personas.editor_a, application=application)
    assert purge_old_contacts() == 0
    with time_machine.travel(timezone.now() + datetime.timedelta(days=3 * 365)):
        assert purge_old_contacts() == 1
    application.refresh_from_db()
    assert (application.contact_name, application.contact_email) == ("", "")
    assert application.title == "Språkcafé"
