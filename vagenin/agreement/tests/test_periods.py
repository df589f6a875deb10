"""Periods: creating one (optionally copying an earlier one's content) and editing its texts and dates."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from testsupport.personas import Personas, make_county
from vagenin.agreement import services
from vagenin.agreement.models import AgreementPeriod, Area, Body, FocusTheme, Principle, Signatory, ThemePartner
from vagenin.agreement.tests.builders import Sample, make_period
from vagenin.common.models import AuditEntry


def _period_post(**overrides: Any) -> dict[str, Any]:
    data = {
        "slug": "2021-2025",
        "county": make_county().pk,
        "title_sv": "Vägen in 2021–2025",
        "title_en": "The Way In 2021–2025",
        "starts_on": "2021-01-01",
        "ends_on": "2025-12-31",
        "signed_on": "",
        "form_sv": "Avsiktsförklaring",
        "form_en": "",
        "intent_sv": "Vi vill fortsätta samverka.",
        "intent_en": "",
        "implementation_sv": "",
        "implementation_en": "",
        "copy_from": "",
    }
    return {**data, **overrides}


@pytest.mark.django_db
def test_create_period_copies_the_real_agreements_content(personas: Personas) -> None:
    """A revised agreement starts from the first one's principles, areas, themes and partners, not its parties."""
    call_command("load_reference", stdout=io.StringIO())
    first = AgreementPeriod.objects.get(slug="2015-2020")
    revised = services.create_period(
        actor=personas.coordinator,
        data={
            "slug": "2021-2025",
            "county": first.county,
            "title_sv": "Vägen in 2021–2025",
            "starts_on": datetime.date(2021, 1, 1),
        },
        copy_from=first,
    )

    def texts(period: AgreementPeriod) -> dict[str, list[Any]]:
        return {
            "principles": list(Principle.objects.filter(period=period).values_list("number", "text_sv", "text_en")),
            "areas": list(Area.objects.filter(period=period).values_list("number", "slug", "name_sv", "lead_en")),
            "themes": list(
                FocusTheme.objects.filter(area__period=period)
                .order_by("area__number", "number")
                .values_list("area__slug", "number", "slug", "name_sv", "description_en")
            ),
            "partners": list(
                ThemePartner.objects.filter(theme__area__period=period)
                .order_by("theme__area__number", "theme__number", "order")
                .values_list("theme__slug", "order", "organisation__slug", "group_sv", "note_sv")
            ),
        }

    assert texts(revised) == texts(first)
    assert len(texts(revised)["principles"]) == 4
    assert len(texts(revised)["themes"]) == 10
    assert not Signatory.objects.filter(period=revised).exists()
    assert not Body.objects.filter(period=revised).exists()
    # The copies are new rows: editing them leaves the first agreement as it was signed.
    assert not Principle.objects.filter(period=revised, uuid__in=first.principles.values("uuid")).exists()
    entry = AuditEntry.objects.get(action="period.created")
    assert entry.actor == personas.coordinator
    assert entry.changes == {"slug": "2021-2025", "copied_from": "2015-2020"}


@pytest.mark.django_db
def test_create_period_view_copies_from_the_chosen_period(personas: Personas, sample: Sample) -> None:
    response = personas.client("coordinator").post(
        reverse("agreement_staff:period_create"), _period_post(copy_from=sample.period.pk)
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("agreement_staff:period", kwargs={"period_slug": "2021-2025"})
    revised = AgreementPeriod.objects.get(slug="2021-2025")
    assert revised.intent_sv == "Vi vill fortsätta samverka."
    assert list(revised.principles.values_list("text_sv", flat=True)) == ["Regional samverkan"]
    assert FocusTheme.objects.filter(area__period=revised, slug="anstallning").exists()
    assert ThemePartner.objects.filter(theme__area__period=revised, organisation=personas.org_a).exists()


@pytest.mark.django_db
def test_create_period_view_can_start_empty(personas: Personas, sample: Sample) -> None:
    personas.client("coordinator").post(reverse("agreement_staff:period_create"), _period_post())
    revised = AgreementPeriod.objects.get(slug="2021-2025")
    assert not revised.principles.exists()
    assert not revised.areas.exists()


@pytest.mark.django_db
def test_create_form_offers_the_latest_period_to_copy(personas: Personas, sample: Sample) -> None:
    html = personas.client("coordinator").get(reverse("agreement_staff:period_create")).content.decode()
    assert f'<option value="{sample.period.pk}" selected>' in html


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"slug": "2015-2020"}, "slug", "finns redan"),
        ({"slug": "ny"}, "slug", "är reserverad"),
        ({"ends_on": "2020-12-31"}, "ends_on", "Perioden kan inte sluta innan den börjar."),
    ],
)
@pytest.mark.django_db
def test_create_form_errors_keep_values_and_are_summarised(
    personas: Personas, sample: Sample, overrides: dict[str, str], field: str, message: str
) -> None:
    response = personas.client("coordinator").post(reverse("agreement_staff:period_create"), _period_post(**overrides))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert f'href="#id_{field}"' in html
    assert message in html
    assert 'value="Vägen in 2021–2025"' in html
    assert AgreementPeriod.objects.count() == 1


@pytest.mark.django_db
def test_update_period_audits_only_what_changed(personas: Personas, sample: Sample) -> None:
    data = {"title_sv": sample.period.title_sv, "ends_on": datetime.date(2020, 12, 31)}
    services.update_period(actor=personas.coordinator, period=sample.period, data=data)
    sample.period.refresh_from_db()
    assert sample.period.ends_on == datetime.date(2020, 12, 31)
    assert AuditEntry.objects.get(action="period.updated").changes == {"ends_on": "2020-12-31"}
    services.update_period(actor=personas.coordinator, period=sample.period, data=data)
    assert AuditEntry.objects.filter(action="period.updated").count() == 1


@pytest.mark.django_db
def test_period_edit_view_saves_texts(personas: Personas, sample: Sample) -> None:
    url = reverse("agreement_staff:period_edit", kwargs={"period_slug": sample.period.slug})
    client = personas.client("coordinator")
    assert 'value="Vägen in 2015-2020"' in client.get(url).content.decode()
    post = _period_post(title_sv="Vägen in – reviderad", starts_on="2015-06-03", ends_on="2020-12-31")
    response = client.post(url, post)
    assert response.status_code == 302
    sample.period.refresh_from_db()
    assert sample.period.title_sv == "Vägen in – reviderad"
    assert sample.period.slug == "2015-2020", "the slug is not editable after creation"
    assert AuditEntry.objects.get(action="period.updated").changes["title_sv"] == "Vägen in – reviderad"


@pytest.mark.django_db
def test_period_edit_error_keeps_values(personas: Personas, sample: Sample) -> None:
    url = reverse("agreement_staff:period_edit", kwargs={"period_slug": sample.period.slug})
    response = personas.client("coordinator").post(
        url, _period_post(title_sv="Ny titel", starts_on="2015-06-03", ends_on="2014-01-01")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Perioden kan inte sluta innan den börjar." in html
    assert 'value="Ny titel"' in html
    assert 'value="2014-01-01"' in html
    sample.period.refresh_from_db()
    assert sample.period.title_sv == "Vägen in 2015-2020"
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_start_page_and_period_page_link_every_part(personas: Personas, sample: Sample) -> None:
    make_period("2021-2025", starts_on=datetime.date(2021, 1, 1), title_sv="Vägen in 2021–2025")
    client = personas.client("coordinator")
    index = client.get(reverse("agreement_staff:index")).content.decode()
    assert "Vägen in 2015-2020" in index
    assert "Vägen in 2021–2025" in index
    page = client.get(reverse("agreement_staff:period", kwargs={"period_slug": sample.period.slug})).content.decode()
    for name in ("period_edit", "signatories", "principles", "areas", "bodies"):
        assert reverse(f"agreement_staff:{name}", kwargs={"period_slug": sample.period.slug}) in page
