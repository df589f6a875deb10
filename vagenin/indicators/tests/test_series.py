"""An initiative's indicator following an official series: linking, the initiative page, the report; deletes."""

from __future__ import annotations

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from testsupport.personas import PERSONA_NAMES, Personas, make_organisation
from vagenin.actionplan.models import Indicator, Initiative, Visibility
from vagenin.actionplan.tests.builders import add_indicator
from vagenin.agreement.models import AgreementPeriod, FocusTheme
from vagenin.common.models import AuditEntry
from vagenin.indicators import figures, reporting, services
from vagenin.indicators.models import IndicatorDefinition, InitiativeSeries, Observation

pytestmark = pytest.mark.usefixtures("statistics")
ALL = (*PERSONA_NAMES, "analyst")
STAFF = {"coordinator", "analyst"}


@pytest.fixture
def measured() -> tuple[Initiative, Indicator]:
    initiative = Initiative.objects.create(
        period=AgreementPeriod.objects.get(slug="2015-2020"),
        slug="jobbspar-i-falun",
        title_sv="Jobbspår i Falun",
        summary_sv="Vägar till arbete.",
        lead_organisation=make_organisation("lead-org"),
        visibility=Visibility.PUBLISHED,
    )
    initiative.themes.add(FocusTheme.objects.filter(area__slug="arbete", area__period__slug="2015-2020")[0])
    return initiative, add_indicator(initiative, "Deltagare i arbete")


def _follow(indicator: Indicator, code: str = "N00914", geo: str = "20") -> None:
    series = IndicatorDefinition.objects.get(code=code)
    services.follow_series(actor=None, indicator=indicator, series=series, geo_code=geo)


def test_the_initiative_page_shows_the_followed_series(measured: tuple[Initiative, Indicator]) -> None:
    initiative, indicator = measured
    url = reverse("actionplan:detail", kwargs={"slug": initiative.slug})
    with translation.override("sv"):
        assert "Officiell statistik som insatsen följer" not in Client().get(url).content.decode()
    _follow(indicator)
    latest = Observation.objects.filter(indicator__code="N00914", geo_code="20", breakdown_key="gender=T")
    period = latest.order_by("-period_start").first()
    assert period is not None
    with translation.override("sv"):
        page = Client().get(url).content.decode()
    assert "Officiell statistik som insatsen följer" in page
    assert "Förvärvsarbetande invånare 20–64 år – Dalarnas län" in page
    assert f"({period.period_code})" in page
    assert reverse("indicators:indicator", kwargs={"geo": "20", "code": "N00914"}) in page
    english = Client().get("/en" + url).content.decode()
    assert "Employed residents aged 20–64" in english and "(per cent)" in english


def test_the_initiative_page_following_a_series_keeps_the_budget(measured: tuple[Initiative, Indicator]) -> None:
    """The site-wide budget of 15 queries holds with the series section on the page (issue 15)."""
    initiative, indicator = measured
    _follow(indicator)
    url = reverse("actionplan:detail", kwargs={"slug": initiative.slug})
    Client().get(url)  # per-process caches (content types, the site's settings) are warm from here on
    with CaptureQueriesContext(connection) as queries:
        assert Client().get(url).status_code == 200
    assert len(queries) <= 15, [query["sql"][:120] for query in queries]


def test_the_tag_joins_the_pages_own_query(measured: tuple[Initiative, Indicator]) -> None:
    initiative, indicator = measured
    page = Template(
        "{% load indicators %}{% initiative_series initiative %}"
        "{% for i in indicators %}<p>{{ i.name }}</p>{% endfor %}"
    )

    def render() -> tuple[str, int]:
        with CaptureQueriesContext(connection) as queries, translation.override("sv"):
            html = page.render(Context({"initiative": initiative, "indicators": initiative.indicators.all()}))
        return html, len(queries)

    html, count = render()
    assert count == 1 and "<p>Deltagare i arbete</p>" in html and "Officiell statistik" not in html
    _follow(indicator)
    html, count = render()
    assert count == 2 and "Förvärvsarbetande invånare 20–64 år – Dalarnas län" in html
    # Without the page's queryset the tag asks the database itself.
    with translation.override("sv"):
        alone = Template("{% load indicators %}{% initiative_series initiative %}").render(
            Context({"initiative": initiative})
        )
    assert "Förvärvsarbetande invånare 20–64 år – Dalarnas län" in alone


def test_the_report_lists_each_areas_initiatives_and_their_indicators(measured: tuple[Initiative, Indicator]) -> None:
    initiative, indicator = measured
    _follow(indicator)
    area_id = initiative.themes.get().area_id
    places = figures.load_places()
    report = reporting.Report.objects.get()
    with translation.override("sv"):
        context = reporting.edition_context(report, places.county, places)
    (view,) = [v for v in context["sections"] if v.section.area_id == area_id]
    listed = view.listed
    assert listed and listed[0].initiative == initiative
    (shown, followed), = listed[0].indicators  # fmt: skip
    assert shown == indicator and followed[0].series.code == "N00914"
    with translation.override("sv"):
        content, _pdf = reporting.render_edition(report, places.county, places, pdf=False)
    assert "Jobbspår i Falun" in content["sv"]
    assert "Följer Förvärvsarbetande invånare 20–64 år i Dalarnas län" in content["sv"]


@pytest.mark.parametrize("persona", ALL)
def test_linking_is_for_statistics_staff(
    personas: Personas, measured: tuple[Initiative, Indicator], persona: str
) -> None:
    _initiative, indicator = measured
    client = personas.client(persona) if persona != "anonymous" else Client()
    listing = client.get(reverse("indicators:initiative_indicators"))
    url = reverse("indicators:follow_series", kwargs={"indicator_uuid": indicator.uuid})
    page = client.get(url)
    series = IndicatorDefinition.objects.get(code="N03926")
    posted = client.post(url, {"series": series.pk, "geo_code": "2080"})
    if persona == "anonymous":
        assert listing.status_code == page.status_code == posted.status_code == 302
        assert not InitiativeSeries.objects.exists()
    elif persona in STAFF:
        assert listing.status_code == page.status_code == 200 and posted.status_code == 302
        link = InitiativeSeries.objects.get()
        assert (link.series, link.geo_code) == (series, "2080")
        assert "N03926" in client.get(reverse("indicators:initiative_indicators")).content.decode()
        client.post(url, {"series": "", "geo_code": "2080"})
        assert not InitiativeSeries.objects.exists()
        assert AuditEntry.objects.filter(action="indicators.series_unfollowed").exists()
    else:
        assert listing.status_code == page.status_code == posted.status_code == 403
        assert not InitiativeSeries.objects.exists()


def test_a_definition_in_use_is_not_deleted(personas: Personas, measured: tuple[Initiative, Indicator]) -> None:
    _initiative, indicator = measured
    _follow(indicator, "N03926")
    client = personas.client("analyst")
    url = reverse("indicators:indicator_delete", kwargs={"code": "N03926"})
    with translation.override("sv"):
        response = client.post(url, follow=True)
    assert IndicatorDefinition.objects.filter(code="N03926").exists()
    page = response.content.decode()
    assert "kan inte tas bort" in page and "koppling till officiell serie" in page
    # Once no initiative follows it and no report cites it, it goes with its figures.
    services.follow_series(actor=None, indicator=indicator, series=None, geo_code="")
    for section in reporting.ReportSection.objects.filter(indicators__code="N03926"):
        section.indicators.remove(IndicatorDefinition.objects.get(code="N03926"))
    assert client.post(url).status_code == 302
    assert not IndicatorDefinition.objects.filter(code="N03926").exists()
    assert not Observation.objects.filter(indicator__code="N03926").exists()
    entry = AuditEntry.objects.get(action="indicators.definition_deleted")
    assert entry.changes["took"]["indicators.observation"] > 0


@pytest.mark.parametrize("persona", ("anonymous", "editor_a", "coordinator"))
def test_deleting_a_definition_needs_statistics_staff(personas: Personas, persona: str) -> None:
    client = personas.client(persona) if persona != "anonymous" else Client()
    IndicatorDefinition.objects.create(code="UNUSED", name_sv="Oanvänd")
    response = client.post(reverse("indicators:indicator_delete", kwargs={"code": "UNUSED"}))
    gone = not IndicatorDefinition.objects.filter(code="UNUSED").exists()
    assert gone == (persona == "coordinator"), response.status_code


def test_an_edition_is_made_into_a_pdf() -> None:
    from vagenin.indicators.models import Edition

    edition = Edition.objects.select_related("publication__report").get(publication__state="published", geo_code="2080")
    with translation.override("sv"):
        pdf = reporting.pdf_document(edition.publication.report, edition.geo_name, edition.content_sv)
    if pdf is None:
        pytest.skip("WeasyPrint's system libraries are missing")
    assert pdf.startswith(b"%PDF")
