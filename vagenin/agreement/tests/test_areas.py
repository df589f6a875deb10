"""Areas, focus themes and their collaboration partners."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from testsupport.personas import Personas
from vagenin.agreement import services
from vagenin.agreement.models import Area, FocusTheme, ThemePartner
from vagenin.agreement.tests.builders import Sample, make_partner, make_theme
from vagenin.common.models import AuditEntry


def _url(sample: Sample, name: str, **kwargs: Any) -> str:
    return reverse(f"agreement_staff:{name}", kwargs={"period_slug": sample.period.slug, **kwargs})


def _theme_url(sample: Sample, name: str = "theme_edit", **kwargs: Any) -> str:
    return _url(sample, name, area_slug=sample.area.slug, theme_slug=sample.theme.slug, **kwargs)


def _partners(sample: Sample) -> list[tuple[int, str]]:
    return [(p.order, str(p)) for p in ThemePartner.objects.filter(theme=sample.theme).select_related("organisation")]


# Areas


@pytest.mark.django_db
def test_new_area_gets_the_next_number_and_a_slug_from_its_short_name(personas: Personas, sample: Sample) -> None:
    response = personas.client("coordinator").post(
        _url(sample, "area_add"),
        {"name_sv": "Vägen till bostad", "short_name_sv": "Bostad", "lead_sv": "Alla behöver ett hem."},
    )
    assert response.status_code == 302
    area = Area.objects.get(period=sample.period, slug="bostad")
    assert area.number == 2
    assert AuditEntry.objects.get(action="area.created").changes == {"period": "2015-2020", "slug": "bostad"}


@pytest.mark.parametrize(("slug", "message"), [("arbete", "används redan"), ("nytt", "är reserverad")])
@pytest.mark.django_db
def test_area_slug_must_be_free_and_not_reserved(personas: Personas, sample: Sample, slug: str, message: str) -> None:
    response = personas.client("coordinator").post(
        _url(sample, "area_add"), {"name_sv": "Vägen till arbete igen", "short_name_sv": "Arbete", "slug": slug}
    )
    html = response.content.decode()
    assert 'href="#id_slug"' in html
    assert message in html
    assert 'value="Vägen till arbete igen"' in html
    assert Area.objects.count() == 1


@pytest.mark.django_db
def test_edit_area_texts(personas: Personas, sample: Sample) -> None:
    url = _url(sample, "area_edit", area_slug=sample.area.slug)
    data = {"name_sv": "Vägen till arbete", "name_en": "The way to work", "short_name_sv": "Arbete"}
    assert personas.client("coordinator").post(url, data).status_code == 302
    sample.area.refresh_from_db()
    assert sample.area.name_en == "The way to work"
    assert sample.area.slug == "arbete"
    assert AuditEntry.objects.get(action="area.updated").changes == {"name_en": "The way to work"}


# Themes


@pytest.mark.django_db
def test_add_theme_goes_last_with_a_slug_from_its_name(personas: Personas, sample: Sample) -> None:
    response = personas.client("coordinator").post(
        _url(sample, "theme_add", area_slug=sample.area.slug), {"name_sv": "Korta vägen till företagande"}
    )
    theme = FocusTheme.objects.get(area=sample.area, slug="korta-vagen-till-foretagande")
    assert theme.number == 2
    assert response["Location"] == _url(sample, "theme_edit", area_slug=sample.area.slug, theme_slug=theme.slug)
    assert AuditEntry.objects.get(action="theme.created").changes == {"area": "arbete", "slug": theme.slug}


@pytest.mark.django_db
def test_theme_slug_taken_is_an_error(personas: Personas, sample: Sample) -> None:
    response = personas.client("coordinator").post(
        _url(sample, "theme_add", area_slug=sample.area.slug), {"name_sv": "Anställning", "slug": "anstallning"}
    )
    assert "Kortadressen anstallning används redan." in response.content.decode()


@pytest.mark.django_db
def test_the_same_theme_slug_may_be_used_in_another_area(personas: Personas, sample: Sample) -> None:
    other = services.create_area(
        actor=personas.coordinator,
        period=sample.period,
        data={"slug": "halsa", "name_sv": "Hälsa", "short_name_sv": "Hälsa"},
    )
    services.add_theme(actor=personas.coordinator, area=other, data={"slug": "anstallning", "name_sv": "Anställning"})
    assert FocusTheme.objects.filter(slug="anstallning").count() == 2


@pytest.mark.django_db
def test_edit_theme_page_lists_partners_and_saves_texts(personas: Personas, sample: Sample) -> None:
    client = personas.client("coordinator")
    html = client.get(_theme_url(sample)).content.decode()
    assert "Föreningen A" in html
    response = client.post(_theme_url(sample), {"name_sv": "Anställning", "description_sv": "Matchning"})
    assert response.status_code == 302
    sample.theme.refresh_from_db()
    assert sample.theme.description_sv == "Matchning"
    assert AuditEntry.objects.get(action="theme.updated").changes == {
        "name_sv": "Anställning",
        "description_sv": "Matchning",
    }


@pytest.mark.django_db
def test_delete_theme_asks_first_and_takes_its_partners(personas: Personas, sample: Sample) -> None:
    client = personas.client("coordinator")
    url = _theme_url(sample, "theme_delete")
    assert "Vill du ta bort fokusområdet" in client.get(url).content.decode()
    assert client.post(url)["Location"] == _url(sample, "areas")
    assert not FocusTheme.objects.filter(pk=sample.theme.pk).exists()
    assert not ThemePartner.objects.exists()
    assert AuditEntry.objects.get(action="theme.deleted").changes == {
        "area": "arbete",
        "slug": "anstallning",
        "took": {"agreement.themepartner": 1},
    }


# Partners


@pytest.mark.django_db
def test_add_partner_organisation_or_group(personas: Personas, sample: Sample) -> None:
    client = personas.client("coordinator")
    url = _theme_url(sample, "partner_add")
    assert client.post(url, {"group_sv": "Kommunerna", "group_en": "The municipalities"}).status_code == 302
    assert client.post(url, {"organisation": personas.org_b.pk, "note_sv": "med näringslivet"}).status_code == 302
    assert _partners(sample) == [(1, "Föreningen A"), (2, "Kommunerna"), (3, "Föreningen B")]
    assert AuditEntry.objects.filter(action="themepartner.added").count() == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"group_sv": "Kommunerna", "note_sv": "kvar"}, "inte båda"),
        ({"group_sv": "", "note_sv": "kvar"}, "Välj en organisation eller skriv en grupp av aktörer."),
    ],
)
@pytest.mark.django_db
def test_partner_is_an_organisation_xor_a_group(
    personas: Personas, sample: Sample, data: dict[str, str], message: str
) -> None:
    if "inte båda" in message:
        data = {**data, "organisation": str(personas.org_b.pk)}
    response = personas.client("coordinator").post(_theme_url(sample, "partner_add"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in html
    assert 'href="#id_organisation"' in html
    assert 'href="#id_group_sv"' in html
    assert message in html
    assert 'value="kvar"' in html
    assert ThemePartner.objects.count() == 1


@pytest.mark.django_db
def test_english_group_name_with_an_organisation_is_an_error(personas: Personas, sample: Sample) -> None:
    response = personas.client("coordinator").post(
        _theme_url(sample, "partner_add"), {"organisation": personas.org_b.pk, "group_en": "The municipalities"}
    )
    assert 'href="#id_group_en"' in response.content.decode()


@pytest.mark.django_db
def test_edit_partner_from_organisation_to_group(personas: Personas, sample: Sample) -> None:
    url = _theme_url(sample, "partner_edit", partner_uuid=sample.partner.uuid)
    response = personas.client("coordinator").post(url, {"organisation": "", "group_sv": "Idéburna organisationer"})
    assert response.status_code == 302
    sample.partner.refresh_from_db()
    assert sample.partner.organisation is None
    assert sample.partner.group_sv == "Idéburna organisationer"
    assert AuditEntry.objects.get(action="themepartner.updated").changes == {
        "organisation": "",
        "group_sv": "Idéburna organisationer",
    }


@pytest.mark.django_db
def test_move_and_remove_partners_keep_the_order_unique(personas: Personas, sample: Sample) -> None:
    make_partner(sample.theme, 2, group_sv="Kommunerna")
    last = make_partner(sample.theme, 3, organisation=personas.org_b)
    client = personas.client("coordinator")
    assert client.post(_theme_url(sample, "partner_move", partner_uuid=last.uuid), {"to": 1}).status_code == 302
    assert _partners(sample) == [(1, "Föreningen B"), (2, "Föreningen A"), (3, "Kommunerna")]
    assert AuditEntry.objects.get(action="themepartner.moved").changes == {"order": "3 → 1"}
    url = _theme_url(sample, "partner_delete", partner_uuid=sample.partner.uuid)
    assert "Vill du ta bort Föreningen A som samverkanspart" in client.get(url).content.decode()
    client.post(url)
    assert _partners(sample) == [(1, "Föreningen B"), (2, "Kommunerna")]
    assert AuditEntry.objects.filter(action="themepartner.removed").count() == 1


@pytest.mark.django_db
def test_area_list_links_every_theme(personas: Personas, sample: Sample) -> None:
    second = make_theme(sample.area, "foretagande", 2)
    html = personas.client("coordinator").get(_url(sample, "areas")).content.decode()
    for theme in (sample.theme, second):
        assert _url(sample, "theme_edit", area_slug=sample.area.slug, theme_slug=theme.slug) in html
