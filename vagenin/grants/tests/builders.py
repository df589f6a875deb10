"""Small builders for grants tests: a programme, an open call with a form, applications in chosen states."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from vagenin.accounts.models import User
from vagenin.grants import services
from vagenin.grants.models import (
    Application,
    ApplicationForm,
    Call,
    Criterion,
    FieldKind,
    FormField,
    FormVersion,
    Programme,
)
from vagenin.organisations.models import Organisation

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def make_programme(code: str = "TIA", *, civil_society: bool = True, asks_participants: bool = True) -> Programme:
    programme, _created = Programme.objects.get_or_create(
        slug=f"program-{code.lower().replace(' ', '').replace('§', 'p')}",
        defaults={
            "code": code,
            "name_sv": f"Programmet {code}",
            "name_en": f"The {code} programme",
            "legal_basis_sv": "Förordning (2010:1122)",
            "civil_society_may_apply": civil_society,
            "asks_participants": asks_participants,
        },
    )
    return programme


def make_version(programme: Programme) -> FormVersion:
    form = ApplicationForm.objects.create(programme=programme, name="Ansökan")
    version = FormVersion.objects.create(form=form, number=1)
    FormField.objects.create(version=version, order=1, kind=FieldKind.ORGANISATION, label_sv="Sökande", required=True)
    FormField.objects.create(
        version=version, order=2, kind=FieldKind.LONG_TEXT, label_sv="Aktiviteter", label_en="Activities"
    )
    FormField.objects.create(version=version, order=3, kind=FieldKind.BUDGET, label_sv="Budget", label_en="Budget")
    FormField.objects.create(
        version=version,
        order=4,
        kind=FieldKind.CHOICE,
        label_sv="Målgrupp",
        label_en="Target group",
        choices_sv="Vuxna\nBarn",
        choices_en="Adults\nChildren",
        required=False,
    )
    FormField.objects.create(version=version, order=5, kind=FieldKind.FILE, label_sv="Försäkran", required=False)
    return version


def make_call(
    programme: Programme | None = None,
    *,
    opens_at: datetime.datetime | None = None,
    closes_at: datetime.datetime | None = None,
    slug: str = "utlysning-2026",
) -> Call:
    programme = programme or make_programme()
    now = timezone.now()
    call = Call.objects.create(
        programme=programme,
        slug=slug,
        title_sv="Utlysning 2026",
        title_en="Call 2026",
        year=2026,
        opens_at=opens_at or now - datetime.timedelta(days=10),
        closes_at=closes_at or now + datetime.timedelta(days=10),
        amount_available=1_000_000,
        form_version=make_version(programme),
        published=True,
    )
    Criterion.objects.create(call=call, order=1, name_sv="Behov", name_en="Need", max_score=5)
    Criterion.objects.create(call=call, order=2, name_sv="Genomförbarhet", name_en="Feasibility", max_score=5)
    return call


def answers_for(call: Call, amount: int, activities: str = "Språkcaféer varje vecka.") -> dict[str, Any]:
    fields = {f.label_sv: str(f.uuid) for f in call.form_version.fields.all()}
    return {
        fields["Aktiviteter"]: activities,
        fields["Budget"]: [{"item": "Personal", "amount": amount - 10_000}, {"item": "Material", "amount": 10_000}],
    }


def draft(call: Call, organisation: Organisation, actor: User, amount: int = 100_000) -> Application:
    """A complete draft, ready to submit."""
    application = services.start_application(actor=actor, call=call, organisation=organisation)
    return services.save_application(
        actor=actor,
        application=application,
        data={"title": "Språkcafé", "purpose": "Språkcaféer för asylsökande vuxna.", "amount_requested": amount},
        answers=answers_for(call, amount),
        co_applicants=[],
    )


def submitted(call: Call, organisation: Organisation, actor: User, amount: int = 100_000) -> Application:
    application = draft(call, organisation, actor, amount)
    return services.submit_application(actor=actor, application=application)


def in_review(call: Call, organisation: Organisation, actor: User, officer: User) -> Application:
    application = submitted(call, organisation, actor)
    return services.start_review(actor=officer, application=application)
