"""The public catalogue: filters, search, pagination, query budget, and creating initiatives."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from testsupport.personas import Personas, make_municipality, make_organisation
from vagenin.actionplan.models import SEARCH_CONFIG, SEARCH_INDEX, Initiative, InitiativePartner, TargetGroup
from vagenin.actionplan.search import SWEDISH_STOP_WORDS, fold
from vagenin.actionplan.tests.builders import make_initiative, make_period, theme
from vagenin.agreement.models import FocusTheme
from vagenin.common.models import AuditEntry


@pytest.mark.django_db
def test_filters_and_search(personas: Personas) -> None:
    women = TargetGroup.objects.create(slug="kvinnor", name_sv="Kvinnor")
    mora = make_municipality("2062", "Mora")
    a = make_initiative(personas.org_a, "Läxhjälp för nyanlända ungdomar", description_sv="Frivilliga ger läxhjälp.")
    b = make_initiative(personas.org_b, "Kvinnors företagande", summary_sv="Rådgivning för blivande företagare")
    b.target_groups.add(women)
    b.municipalities.set([mora])
    make_initiative(personas.org_a, "Hemligt utkast", published=False)
    client = personas.client("anonymous")

    def titles(**params: str) -> list[str]:
        response = client.get(reverse("actionplan:catalogue"), params)
        return [initiative.title_sv for initiative in response.context["page"].object_list]

    assert titles() == ["Kvinnors företagande", "Läxhjälp för nyanlända ungdomar"]
    assert titles(malgrupp="kvinnor") == [b.title_sv]
    assert titles(kommun="2062") == [b.title_sv]
    assert titles(organisation=personas.org_a.slug) == [a.title_sv]
    assert titles(q="ungdomarna") == [a.title_sv]
    assert titles(q="företagarna") == [b.title_sv]
    assert titles(q="finns inte alls") == []
    assert titles(kommun="9999") == ["Kvinnors företagande", "Läxhjälp för nyanlända ungdomar"]  # invalid → ignored
    assert titles(kommun="9999", malgrupp="kvinnor") == [b.title_sv]  # the valid filters still apply


@pytest.mark.django_db
def test_an_invalid_filter_value_is_explained(personas: Personas) -> None:
    make_initiative(personas.org_a, "Läxhjälp")
    params = {"omrade": "finns-inte", "kommun": "9999", "status": "zzz", "ar": "tjugo", "organisation": "okand"}
    response = personas.client("anonymous").get(reverse("actionplan:catalogue"), params)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'Filtret <a href="#id_kommun">Kommun</a> användes inte: ”9999” är inget giltigt val.' in html
    assert "Det finns ingen kommun med koden ”9999” i länet." in html  # beside the field
    assert "Det finns inget samverkansområde ”finns-inte” i överenskommelsen." in html
    assert "”zzz” är ingen status för insatser." in html
    assert "Det finns ingen organisation ”okand” med insatser i överenskommelsen." in html
    assert "Ange året med fyra siffror." in html
    assert response.context["page"].paginator.count == 1
    english = personas.client("anonymous").get("/en" + reverse("actionplan:catalogue"), {"tema": "x"})
    assert "is not a valid choice" in english.content.decode()
    assert "användes inte" not in personas.client("anonymous").get(reverse("actionplan:catalogue")).content.decode()


@pytest.mark.django_db
def test_search_ignores_accents_and_finds_organisations_target_groups_themes_and_areas(personas: Personas) -> None:
    rescue = make_organisation("radda-barnen", "Rädda Barnen")
    health = make_initiative(personas.org_a, "Hälsa för nyanlända", summary_sv="Samtal om hälsa och vård.")
    led = make_initiative(rescue, "Läxhjälp på biblioteket")
    shared = make_initiative(personas.org_b, "Språkcafé i Mora")
    InitiativePartner.objects.create(initiative=shared, organisation=rescue)
    seekers = TargetGroup.objects.create(slug="asylsokande", name_sv="Asylsökande", name_en="Asylum seekers")
    shared.target_groups.add(seekers)
    care = FocusTheme.objects.create(area=theme().area, slug="halsa", number=2, name_sv="Hälsa och omsorg")
    health.themes.set([care])
    make_initiative(rescue, "Hemligt utkast", published=False)
    published = Initiative.objects.published()

    def found(query: str) -> set[str]:
        return {initiative.title_sv for initiative in published.search(query).distinct()}

    assert found("halsa") == {health.title_sv}
    assert found("HÄLSA") == {health.title_sv}
    assert found("Radda") == {led.title_sv, shared.title_sv}  # lead organisation and partner
    assert found("rädda barnen") == {led.title_sv, shared.title_sv}
    assert found("Radda Barnen sprakcafe") == {shared.title_sv}  # words from the title and a partner's name
    assert found("asylsokande") == {shared.title_sv}
    assert found("asylum seekers") == {shared.title_sv}
    assert found("omsorg") == {health.title_sv}  # theme
    assert found("anställning") == {led.title_sv, shared.title_sv}  # their theme, "Korta vägen till anställning"
    assert found("vägen till arbete") == {health.title_sv, led.title_sv, shared.title_sv}  # the themes' area
    assert found("Hälsa för nyanlända och vård") == {health.title_sv}  # stop words are no obstacle
    assert found("Rädda Barnen hälsa") == set()
    response = personas.client("anonymous").get(reverse("actionplan:catalogue"), {"q": "radda barnen"})
    assert response.context["page"].paginator.count == 2


@pytest.mark.django_db
def test_catalogue_query_count_does_not_grow(personas: Personas) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert personas.client("anonymous").get(reverse("actionplan:catalogue")).status_code == 200
        return len(queries)

    for number in range(3):
        make_initiative(personas.org_a, f"Insats {number}")
    few = count()
    for number in range(3, 40):
        make_initiative(personas.org_b, f"Insats {number}")
    assert count() == few
    assert few <= 15


@pytest.mark.django_db
def test_editor_creates_a_draft_and_publishes_it(personas: Personas) -> None:
    make_period()
    client = personas.client("editor_a")
    response = client.post(reverse("actionplan:create"), {"title_sv": "Ny insats", "summary_sv": "Kort."})
    form = response.context["form"]
    assert "themes" in form.errors and "municipalities" in form.errors
    assert 'value="Ny insats"' in response.content.decode()
    response = client.post(
        reverse("actionplan:create"),
        {
            "title_sv": "Ny insats",
            "summary_sv": "Kort.",
            "lead_organisation": personas.org_a.pk,
            "themes": [theme().pk],
            "whole_county": "on",
            "status": "planned",
            "weight": "1",
        },
    )
    initiative = Initiative.objects.get(title_sv="Ny insats")
    assert response["Location"] == reverse("actionplan:manage", args=[initiative.slug])
    assert personas.client("anonymous").get(initiative.get_absolute_url()).status_code == 404
    client.post(reverse("actionplan:visibility", args=[initiative.slug]), {"visibility": "published"})
    # A partner's first publication waits for the secretariat (tests/test_publication_review.py has the rest).
    assert personas.client("anonymous").get(initiative.get_absolute_url()).status_code == 404
    coordinator = personas.client("coordinator")
    decide = reverse("actionplan:publication_decide", args=[initiative.slug])
    coordinator.post(decide, {f"i{initiative.pk}-decision": "publish"})
    assert personas.client("anonymous").get(initiative.get_absolute_url()).status_code == 200
    assert AuditEntry.objects.filter(action="initiative.published", object_id=str(initiative.pk)).exists()


@pytest.mark.django_db
def test_an_end_before_the_start_is_explained_beside_the_end_date(personas: Personas) -> None:
    make_period()
    response = personas.client("editor_a").post(
        "/en" + reverse("actionplan:create"),
        {
            "title_sv": "Ny insats",
            "summary_sv": "Kort.",
            "lead_organisation": personas.org_a.pk,
            "themes": [theme().pk],
            "whole_county": "on",
            "starts_on": "2026-05-01",
            "ends_on": "2026-04-01",
            "status": "planned",
            "weight": "1",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"ends_on": ["The end date cannot be before the start date."]}
    assert "initiative_dates_ordered" not in response.content.decode()
    assert not Initiative.objects.exists()


@pytest.mark.django_db
def test_english_catalogue(personas: Personas) -> None:
    make_initiative(personas.org_a, "Läxhjälp", title_en="Homework help")
    html = personas.client("anonymous").get("/en" + reverse("actionplan:catalogue")).content.decode()
    assert "Homework help" in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN index and Swedish text search are PostgreSQL's")
def test_postgresql_search_can_use_the_gin_index(personas: Personas) -> None:
    make_initiative(personas.org_a, "Jobbspår för vården")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a handful of rows: make the planner show what it can do
    plan = Initiative.objects.search("jobbspåren").explain()
    assert SEARCH_INDEX in plan, plan
    assert [i.title_sv for i in Initiative.objects.search("jobbspåren")] == ["Jobbspår för vården"]
    assert [i.title_sv for i in Initiative.objects.search("jobbspar varden")] == ["Jobbspår för vården"]
    # A word that also names an organisation: the index and the primary key's, not a scan of every initiative.
    plan = Initiative.objects.search("föreningen jobbspår").explain()
    assert SEARCH_INDEX in plan and "Seq Scan on actionplan_initiative " not in plan, plan
    # The search leaves out in Python the words PostgreSQL's configuration leaves out (accents removed first).
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word, numnode(plainto_tsquery(%s::regconfig, word)) = 0 FROM unnest(%s::text[]) AS word",
            [SEARCH_CONFIG, sorted(SWEDISH_STOP_WORDS | {"vården", "hälsa"})],
        )
        left_out = dict(cursor.fetchall())
    assert left_out == {word: fold(word) in SWEDISH_STOP_WORDS for word in left_out}


@pytest.mark.django_db
def test_an_initiative_that_runs_past_its_ended_period_says_so(personas: Personas) -> None:
    period = make_period()
    period.ends_on = datetime.date(2020, 12, 31)
    period.save()
    running_on = make_initiative(personas.org_a, "Fortsätter", ends_on=datetime.date(2022, 6, 30))
    within = make_initiative(personas.org_a, "Inom perioden", ends_on=datetime.date(2019, 6, 30))
    note = "Insatsen löper efter att överenskommelsen Vägen in 2015–2020 upphörde den 31 december 2020."
    assert note in Client().get(running_on.get_absolute_url()).content.decode()
    assert "Insatsen löper efter" not in Client().get(within.get_absolute_url()).content.decode()
    english = Client().get("/en" + running_on.get_absolute_url()).content.decode()
    assert "The initiative runs on after the agreement" in english


@pytest.mark.django_db
def test_an_area_page_lists_its_published_initiatives_by_theme(personas: Personas) -> None:
    first = make_initiative(personas.org_a, "Läxhjälp", title_en="Homework help")
    second = make_initiative(personas.org_b, "Språkcafé")
    make_initiative(personas.org_a, "Hemligt utkast", published=False)
    area = theme().area
    other = FocusTheme.objects.create(area=area, slug="tomt", number=2, name_sv="Utan insatser")
    client = Client()
    client.get(area.get_absolute_url())  # what is read once per process
    with CaptureQueriesContext(connection) as queries:
        html = client.get(area.get_absolute_url()).content.decode()
    assert first.get_absolute_url() in html and second.get_absolute_url() in html
    assert "Hemligt utkast" not in html
    section = html[html.index("Insatser inom området") :]
    assert "Korta vägen till anställning" in section and other.name_sv not in section
    assert "Alla 2 insatser som hör till Korta vägen till anställning i projektkatalogen" in section
    assert f"{reverse('actionplan:catalogue')}?tema=anstallning" in section
    few = len(queries)
    for number in range(5):
        make_initiative(personas.org_b, f"Insats {number}")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(area.get_absolute_url()).status_code == 200
    assert len(queries) == few
    english = Client().get("/en" + area.get_absolute_url()).content.decode()
    assert "Homework help" in english and "Initiatives in the area" in english


@pytest.mark.django_db
def test_the_organisation_filter_is_a_combobox_offering_the_catalogues_organisations(personas: Personas) -> None:
    """Issue 15: hundreds of organisations are searched, not listed as options; the search offers what the filter
    accepts (leads and partners of published initiatives, the county's municipalities), by id, name or address."""
    a = make_initiative(personas.org_a, "Läxhjälp")
    partner = make_organisation("radda-barnen", "Rädda Barnen")
    InitiativePartner.objects.create(initiative=a, organisation=partner)
    hidden = make_organisation("hemlig-forening", "Föreningen Hemlig")
    make_initiative(hidden, "Hemligt utkast", published=False)
    make_organisation("annan-forening", "Föreningen Annan")
    client = personas.client("anonymous")

    html = client.get(reverse("actionplan:catalogue")).content.decode()
    assert "Föreningen A</option>" not in html and "data-combobox" in html
    assert reverse("actionplan:organisation_search") in html

    def offered(query: str) -> set[str]:
        response = client.get(reverse("actionplan:organisation_search"), {"q": query})
        assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
        return {row["label"] for row in response.json()["results"]}

    assert offered("förening") == {"Föreningen A"}  # not the draft's lead, not an organisation without initiatives
    assert offered("rädda") == {"Rädda Barnen"}  # a partner

    def titles(**params: str) -> list[str]:
        response = client.get(reverse("actionplan:catalogue"), params)
        return [initiative.title_sv for initiative in response.context["page"].object_list]

    # What the combobox sends (the key and the label), what a visitor types without JavaScript, and an old link.
    assert titles(organisation=str(partner.pk), organisation_text="Rädda Barnen") == [a.title_sv]
    assert titles(organisation_text="Rädda Barnen") == [a.title_sv]
    assert titles(organisation="radda-barnen") == [a.title_sv]
    html = client.get(reverse("actionplan:catalogue"), {"organisation_text": "Föreningen Hemlig"}).content.decode()
    assert "Det finns ingen organisation ”Föreningen Hemlig” med insatser i överenskommelsen." in html
