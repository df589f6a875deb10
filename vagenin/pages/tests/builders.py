"""Small builders for the pages tests: an agreement with areas and a secretariat, and visitors' messages."""

from __future__ import annotations

import datetime
from typing import Any

from testsupport.personas import make_county, make_organisation
from vagenin.agreement.models import AgreementPeriod, Area, Body, BodyKind, Principle, Signatory
from vagenin.organisations.models import OrganisationType
from vagenin.pages.models import Message, MessageKind


def make_agreement() -> AgreementPeriod:
    """A period in force with two principles, two areas, two signatories and a secretariat."""
    period = AgreementPeriod.objects.create(
        slug="2015-2020",
        county=make_county(),
        title_sv="Vägen in 2015–2020",
        title_en="The Way In 2015–2020",
        starts_on=datetime.date(2015, 6, 3),
    )
    Principle.objects.create(period=period, number=1, text_sv="Regional samverkan", text_en="Regional collaboration")
    Principle.objects.create(period=period, number=2, text_sv="Lösningsfokus", text_en="Solution focus")
    Area.objects.create(
        period=period,
        number=1,
        slug="arbete",
        name_sv="Vägen till arbete",
        name_en="The way to work",
        short_name_sv="Arbete",
        short_name_en="Work",
        lead_sv="Arbete ger gemenskap.",
        lead_en="Work brings company.",
    )
    Area.objects.create(
        period=period,
        number=2,
        slug="bostad",
        name_sv="Vägen till bostad",
        name_en="The way to housing",
        short_name_sv="Bostad",
        short_name_en="Housing",
    )
    board = make_organisation(
        "lansstyrelsen-test", "Länsstyrelsen Test", type=OrganisationType.COUNTY_BOARD, email="lst@test.example"
    )
    region = make_organisation("region-test", "Region Test", type=OrganisationType.REGION)
    Signatory.objects.create(period=period, organisation=board)
    Signatory.objects.create(period=period, organisation=region)
    Body.objects.create(
        period=period,
        slug="kansli",
        kind=BodyKind.SECRETARIAT,
        name_sv="Testkansliet",
        name_en="The test secretariat",
        convener=board,
    )
    return period


def make_feedback(page: str = "/", *, useful: bool = True, body: str = "", **fields: Any) -> Message:
    return Message.objects.create(kind=MessageKind.PAGE_FEEDBACK, page=page, useful=useful, body=body, **fields)


def make_contact(name: str = "Vera Besökare", *, email: str = "vera@test.example", **fields: Any) -> Message:
    fields.setdefault("body", "Hur anmäler vi oss till nätverksträffen?")
    return Message.objects.create(kind=MessageKind.CONTACT, name=name, email=email, **fields)
