"""/api/v1/initiatives/: published initiatives only, the catalogue's filters, the detail, CSV and the query count."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from testsupport.personas import make_county, make_municipality, make_organisation
from vagenin.actionplan.models import (
    Funding,
    FundingSource,
    IndicatorActual,
    Initiative,
    InitiativePartner,
    InitiativeStatus,
    Link,
    PartnerRole,
    ProgressReport,
    ProjectSubmission,
    ReportStatus,
    TargetGroup,
    Visibility,
)
from vagenin.actionplan.tests.builders import add_indicator, add_milestone, make_initiative, make_period
from vagenin.agreement.models import AgreementPeriod, Area, FocusTheme
from vagenin.api.tests.conftest import count_queries, get_json
from vagenin.organisations.models import Organisation, Person

LIST = reverse("api:initiatives-list")
NOW = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)


def detail(slug: str) -> str:
    return reverse("api:initiatives-detail", args=[slug])


def _slugs(**params: str) -> list[str]:
    return [row["slug"] for row in get_json(LIST, **params)["results"]]


def approve_actual(initiative: Initiative, value: int, year: int) -> IndicatorActual:
    """An approved actual for the initiative's first indicator, with the approved report it came from."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    report = ProgressReport.objects.create(
        initiative=initiative,
        period_start=start,
        period_end=end,
        status=ReportStatus.APPROVED,
        narrative="Det går bra.",
        progress=50,
    )
    indicator = initiative.indicators.first()
    assert indicator is not None
    return IndicatorActual.objects.create(
        indicator=indicator, period_start=start, period_end=end, value=Decimal(value), report=report
    )


@pytest.fixture
def lead() -> Organisation:
    return make_organisation("avesta-kommun", "Avesta kommun", name_en="Avesta Municipality")


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_fields_of_one_initiative(lead: Organisation) -> None:
    contact = Person.objects.create(first_name="Kim", last_name="Kontaktsson", email="kim@avesta.example")
    parent = make_initiative(lead, "Vägen till arbete i Avesta", published_at=NOW)
    initiative = make_initiative(
        lead,
        "Arbetslivsintroduktion",
        title_en="Introduction to working life",
        summary_sv="Praktik och handledning.",
        description_sv="Deltagarna får praktik hos arbetsgivare i kommunen.",
        parent=parent,
        contact_person=contact,
        status=InitiativeStatus.ONGOING,
        progress=40,
        starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2027, 6, 30),
        published_at=NOW,
    )
    initiative.municipalities.add(make_municipality("2084", "Avesta"))
    initiative.principles.create(period=initiative.period, number=2, text_sv="Samverkan")
    initiative.target_groups.add(TargetGroup.objects.create(slug="unga", name_sv="Unga"))
    InitiativePartner.objects.create(
        initiative=initiative, organisation=make_organisation("arbetsformedlingen"), role=PartnerRole.FUNDER
    )
    Funding.objects.create(
        initiative=initiative, source=FundingSource.ESF_PLUS, amount_sek=1_500_000, note="Ring Kim på 070-1"
    )
    Link.objects.create(initiative=initiative, title="Projektets sida", url="https://avesta.example/projekt")
    milestone = add_milestone(initiative, "Avtal med arbetsgivare")
    milestone.done_on = datetime.date(2026, 2, 20)
    milestone.save()
    add_indicator(initiative, "Deltagare i arbete")
    approve_actual(initiative, 12, 2025)

    row = get_json(detail("arbetslivsintroduktion"))
    assert row == {
        "slug": "arbetslivsintroduktion",
        "uuid": str(initiative.uuid),
        "period": "2015-2020",
        "county_code": "20",
        "parent": "vagen-till-arbete-i-avesta",
        "title_sv": "Arbetslivsintroduktion",
        "title_en": "Introduction to working life",
        "summary_sv": "Praktik och handledning.",
        "summary_en": "",
        "description_sv": "Deltagarna får praktik hos arbetsgivare i kommunen.",
        "description_en": "",
        "lead_organisation": "avesta-kommun",
        "partners": [{"organisation": "arbetsformedlingen", "role": "funder"}],
        "areas": ["arbete"],
        "themes": [{"area": "arbete", "slug": "anstallning"}],
        "principles": [2],
        "whole_county": False,
        "municipalities": ["2080", "2084"],
        "target_groups": ["unga"],
        "status": "ongoing",
        "status_label_sv": "Pågående",
        "status_label_en": row["status_label_en"],  # the action plan's English catalogue is the lead's
        "progress": 40,
        "starts_on": "2025-01-01",
        "ends_on": "2027-06-30",
        "funding": [{"source": "esf_plus", "amount_sek": 1500000}],
        "milestones": [
            {
                "title_sv": "Avtal med arbetsgivare",
                "title_en": "",
                "due_on": "2026-03-01",
                "done": True,
                "done_on": "2026-02-20",
            }
        ],
        "indicators": [
            {
                "name_sv": "Deltagare i arbete",
                "name_en": "",
                "unit": "personer",
                "direction": "increase",
                "baseline_value": "0.00",
                "baseline_date": "2025-01-01",
                "target_value": "100.00",
                "target_date": "2027-12-31",
                "actuals": [{"period_start": "2025-01-01", "period_end": "2025-12-31", "value": "12.00"}],
            }
        ],
        "links": [{"title": "Projektets sida", "url": "https://avesta.example/projekt"}],
        "published_at": "2026-03-02T10:30:00+01:00",
        "updated_at": "2026-03-02T10:30:00+01:00",
        "url": "http://testserver/handlingsplan/insatser/arbetslivsintroduktion/",
    }
    listed = {r["slug"]: r for r in get_json(LIST)["results"]}
    assert listed["arbetslivsintroduktion"] == row


@pytest.mark.django_db
def test_a_parent_shows_the_progress_computed_from_its_children(lead: Organisation) -> None:
    parent = make_initiative(lead, "Huvudinsats", progress=5)
    make_initiative(lead, "Del ett", parent=parent, progress=100, weight=3)
    make_initiative(lead, "Del två", parent=parent, progress=0, weight=1)
    # A draft child still counts, as it does on the public page; it is never listed itself.
    make_initiative(lead, "Del tre", parent=parent, progress=0, weight=0, published=False)
    assert get_json(detail("huvudinsats"))["progress"] == 75
    progress = {row["slug"]: row["progress"] for row in get_json(LIST)["results"]}
    assert progress == {"huvudinsats": 75, "del-ett": 100, "del-tva": 0}


@pytest.mark.django_db
def test_drafts_are_neither_listed_nor_shown(lead: Organisation) -> None:
    draft_parent = make_initiative(lead, "Hemlig huvudinsats", published=False)
    make_initiative(lead, "Öppen delinsats", parent=draft_parent)
    assert _slugs() == ["oppen-delinsats"]
    assert get_json(detail("oppen-delinsats"))["parent"] is None
    assert Client().get(detail("hemlig-huvudinsats")).status_code == 404
    assert Client().get(detail("finns-inte")).status_code == 404
    assert Client().get(detail("hemlig-huvudinsats"), {"format": "csv"}).status_code == 404


@pytest.mark.django_db
def test_filters(lead: Organisation) -> None:
    period = make_period()
    area = Area.objects.create(period=period, number=2, slug="halsa", name_sv="Hälsa", short_name_sv="Hälsa")
    health = FocusTheme.objects.create(area=area, number=1, slug="psykisk-halsa", name_sv="Psykisk hälsa")
    young = TargetGroup.objects.create(slug="unga", name_sv="Unga")
    partner = make_organisation("region-dalarna")

    make_initiative(
        lead,
        "Jobbspår för nyanlända",
        status=InitiativeStatus.ONGOING,
        starts_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2025, 12, 31),
    )
    clinic = make_initiative(
        make_organisation("ludvika-kommun"),
        "Hälsoskola",
        summary_sv="Samtal om hälsa för föräldrar och barn.",
        status=InitiativeStatus.PLANNED,
        starts_on=datetime.date(2026, 1, 1),
    )
    clinic.themes.set([health])
    clinic.municipalities.set([make_municipality("2085", "Ludvika")])
    clinic.target_groups.add(young)
    InitiativePartner.objects.create(initiative=clinic, organisation=partner)
    county_wide = make_initiative(
        partner, "Länsgemensam språkstöttning", whole_county=True, status=InitiativeStatus.COMPLETED
    )
    county_wide.municipalities.clear()

    # Another county's period, with an area of the same slug and an initiative for its whole county.
    uppsala = AgreementPeriod.objects.create(
        slug="uppsala-2021-2026", county=make_county("03", "Uppsala län"), title_sv="Uppsala", starts_on=NOW.date()
    )
    other_area = Area.objects.create(period=uppsala, number=1, slug="arbete", name_sv="Arbete", short_name_sv="Arbete")
    other = Initiative.objects.create(
        period=uppsala,
        slug="uppsala-jobb",
        title_sv="Uppsalajobb",
        summary_sv="Jobb i Uppsala.",
        lead_organisation=lead,
        whole_county=True,
        status=InitiativeStatus.ONGOING,
        visibility=Visibility.PUBLISHED,
    )
    other.themes.add(FocusTheme.objects.create(area=other_area, number=1, slug="anstallning", name_sv="Anställning"))
    make_municipality("0380", "Uppsala")

    everything = ["halsoskola", "jobbspar-for-nyanlanda", "lansgemensam-sprakstottning", "uppsala-jobb"]
    assert _slugs() == everything
    assert _slugs(period="2015-2020") == everything[:3]
    assert _slugs(county="03") == ["uppsala-jobb"]
    assert _slugs(area="arbete") == ["jobbspar-for-nyanlanda", "lansgemensam-sprakstottning", "uppsala-jobb"]
    assert _slugs(area="arbete", period="2015-2020") == ["jobbspar-for-nyanlanda", "lansgemensam-sprakstottning"]
    assert _slugs(area="halsa") == ["halsoskola"]
    assert _slugs(theme="psykisk-halsa") == ["halsoskola"]
    assert _slugs(area="halsa", theme="anstallning") == []
    # A municipality finds its own initiatives and those for its whole county, not another county's.
    assert _slugs(municipality="2080") == ["jobbspar-for-nyanlanda", "lansgemensam-sprakstottning"]
    assert _slugs(municipality="2085") == ["halsoskola", "lansgemensam-sprakstottning"]
    assert _slugs(municipality="0380") == ["uppsala-jobb"]
    assert _slugs(organisation="avesta-kommun") == ["jobbspar-for-nyanlanda", "uppsala-jobb"]
    assert _slugs(organisation="region-dalarna") == ["halsoskola", "lansgemensam-sprakstottning"]
    assert _slugs(status="planned") == ["halsoskola"]
    assert _slugs(status="ongoing") == ["jobbspar-for-nyanlanda", "uppsala-jobb"]
    assert _slugs(target_group="unga") == ["halsoskola"]
    assert _slugs(year="2025") == ["jobbspar-for-nyanlanda", "lansgemensam-sprakstottning", "uppsala-jobb"]
    assert _slugs(year="2027") == ["halsoskola", "lansgemensam-sprakstottning", "uppsala-jobb"]
    assert _slugs(q="föräldrarna barnen") == ["halsoskola"]  # Swedish word forms find "föräldrar och barn"
    assert _slugs(municipality="2085", organisation="region-dalarna", q="hälsa") == ["halsoskola"]
    assert _slugs(organisation="finns-inte") == []


@pytest.mark.django_db
def test_empty_filter_values_mean_no_filter(lead: Organisation) -> None:
    make_initiative(lead, "Jobbspår")
    empty = dict.fromkeys(["period", "county", "area", "theme", "municipality", "organisation", "status"], "")
    assert _slugs(**empty, target_group="", year="", q=" ") == ["jobbspar"]


@pytest.mark.parametrize(
    ("param", "value"),
    [("status", "pagaende"), ("municipality", "Avesta"), ("county", "020"), ("year", "1999"), ("year", "i år")],
)
@pytest.mark.django_db
def test_invalid_filter_is_400_naming_the_parameter(param: str, value: str) -> None:
    response = Client().get(LIST, {param: value})
    assert response.status_code == 400
    assert param in response.json()


@pytest.mark.django_db
def test_no_personal_data_is_published(lead: Organisation) -> None:
    contact = Person.objects.create(
        first_name="Kim", last_name="Kontaktsson", email="kim@avesta.example", phone="070-111 22 33"
    )
    initiative = make_initiative(lead, "Språkcafé", contact_person=contact, published_at=NOW)
    ProjectSubmission.objects.create(
        submitter_name="Sam Insändarsson",
        submitter_email="sam@forening.example",
        organisation_name="Föreningen",
        title="Språkcafé",
        summary="Kaffe och svenska.",
        description="Varje tisdag.",
        initiative=initiative,
        status="published",
        moderated_at=NOW,
    )
    for response in (
        Client().get(LIST),
        Client().get(LIST, {"format": "csv"}),
        Client().get(detail("sprakcafe")),
        Client().get(reverse("api:initiatives-feed")),
    ):
        assert response.status_code == 200
        body = response.content.decode()
        assert "Språkcafé" in body
        for personal in ("Kontaktsson", "kim@avesta.example", "070-111", "Insändarsson", "sam@forening.example"):
            assert personal not in body, (response.request["PATH_INFO"], personal)


def _rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


@pytest.mark.django_db
def test_list_and_detail_as_csv(lead: Organisation) -> None:
    initiative = make_initiative(lead, "Jobbspår", status=InitiativeStatus.ONGOING)
    initiative.municipalities.add(make_municipality("2084", "Avesta"))
    InitiativePartner.objects.create(initiative=initiative, organisation=make_organisation("region-dalarna"))
    add_indicator(initiative)
    approve_actual(initiative, 7, 2025)

    response = Client().get(LIST, {"format": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="initiatives.csv"'
    (row,) = _rows(response.content)
    assert row["slug"] == "jobbspar"
    assert row["lead_organisation"] == "avesta-kommun"
    assert row["municipalities"] == "2080|2084"
    assert row["areas"] == "arbete"
    assert row["themes"] == "anstallning"
    assert row["status"] == "ongoing"
    assert row["partners"] == '[{"organisation":"region-dalarna","role":"partner"}]'
    assert '"actuals":[{"period_start":"2025-01-01","period_end":"2025-12-31","value":"7.00"}]' in row["indicators"]
    assert row["url"] == "http://testserver/handlingsplan/insatser/jobbspar/"
    (single,) = _rows(Client().get(detail("jobbspar"), {"format": "csv"}).content)
    assert single == row


@pytest.mark.django_db
def test_query_count_does_not_grow_with_rows(lead: Organisation) -> None:
    def add(start: int, count: int) -> None:
        for number in range(start, start + count):
            parent = make_initiative(lead, f"Insats {number}")
            child = make_initiative(lead, f"Delinsats {number}", parent=parent, progress=number % 100)
            for initiative in (parent, child):
                initiative.municipalities.add(make_municipality("2084", "Avesta"))
                initiative.target_groups.add(TargetGroup.objects.get_or_create(slug="unga", name_sv="Unga")[0])
                initiative.principles.add(initiative.period.principles.get_or_create(number=1, text_sv="P")[0])
                InitiativePartner.objects.create(initiative=initiative, organisation=partner)
                Funding.objects.create(initiative=initiative, source=FundingSource.AMIF, amount_sek=number)
                Link.objects.create(initiative=initiative, title="Sida", url="https://example.org/")
                add_milestone(initiative)
                add_indicator(initiative)
                approve_actual(initiative, number, 2025)

    partner = make_organisation("region-dalarna")
    add(0, 2)
    few = count_queries(LIST)
    add(2, 20)
    assert count_queries(LIST) == few
    assert count_queries(LIST, page_size="100") == few
    assert get_json(LIST)["count"] == 44
    assert count_queries(detail("insats-0")) <= few
    with_filters = {"municipality": "2084", "organisation": "region-dalarna", "area": "arbete", "q": "insats"}
    assert count_queries(LIST, **with_filters) == few
