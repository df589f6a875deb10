"""Deleting what initiatives name: refused while in use, or the initiatives are moved first; never silently stripped.

These live here rather than in the agreement's tests because only the action plan may know about initiatives."""

from __future__ import annotations

import pytest
from django.urls import reverse

from testsupport.personas import Personas
from vagenin.actionplan.models import Initiative, Link
from vagenin.actionplan.tests.builders import make_initiative, make_period, theme
from vagenin.agreement import services
from vagenin.agreement.models import FocusTheme, Principle
from vagenin.common.deletion import InUseError, taken_with, uses_of
from vagenin.common.models import AuditEntry

pytestmark = pytest.mark.django_db


def _theme_delete_url(focus: FocusTheme) -> str:
    kwargs = {"period_slug": focus.area.period.slug, "area_slug": focus.area.slug, "theme_slug": focus.slug}
    return reverse("agreement_staff:theme_delete", kwargs=kwargs)


@pytest.fixture
def second_theme() -> FocusTheme:
    make_period()
    return FocusTheme.objects.create(area=theme().area, slug="foretagande", number=2, name_sv="Företagande")


def test_a_theme_that_initiatives_name_is_not_stripped_from_them(personas: Personas, second_theme: FocusTheme) -> None:
    initiative = make_initiative(personas.org_a, "Jobbspår")
    with pytest.raises(InUseError) as caught:
        services.delete_theme(actor=personas.coordinator, theme=theme())
    assert [(use.model, use.count, use.examples) for use in caught.value.uses] == [(Initiative, 1, ("Jobbspår",))]
    assert list(initiative.themes.all()) == [theme()]
    assert not AuditEntry.objects.filter(action="theme.deleted").exists()


def test_the_coordinator_sees_what_uses_it_and_moves_it_before_deleting(
    personas: Personas, second_theme: FocusTheme
) -> None:
    both = make_initiative(personas.org_a, "Redan båda")
    both.themes.add(second_theme)
    only = make_initiative(personas.org_a, "Bara den ena")
    client = personas.client("coordinator")
    url = _theme_delete_url(theme())
    page = client.get(url).content.decode()
    assert "Det används av:" in page and "2 insatser" in page and "Bara den ena" in page
    assert 'name="move_to"' in page and "Ja, ta bort" not in page

    refused = client.post(url, {})
    assert refused.status_code == 200 and "move_to" in refused.context["move_form"].errors
    assert FocusTheme.objects.filter(slug="anstallning").exists()

    assert client.post(url, {"move_to": second_theme.pk}).status_code == 302
    assert not FocusTheme.objects.filter(slug="anstallning").exists()
    assert list(only.themes.all()) == [second_theme] and list(both.themes.all()) == [second_theme]
    entry = AuditEntry.objects.get(action="theme.deleted")
    assert entry.changes["moved_to"] == "foretagande"
    assert entry.changes["moved"] == {"actionplan.initiative": 2}


def test_a_principle_in_use_moves_or_stays(personas: Personas) -> None:
    period = make_period()
    first = Principle.objects.create(period=period, number=1, text_sv="Regional samverkan")
    second = Principle.objects.create(period=period, number=2, text_sv="Lösningsfokus")
    initiative = make_initiative(personas.org_a, "Samverkan")
    initiative.principles.add(first)
    with pytest.raises(InUseError):
        services.delete_principle(actor=personas.coordinator, principle=first)
    url = reverse("agreement_staff:principle_delete", kwargs={"period_slug": period.slug, "principle_uuid": first.uuid})
    assert "1 insats" in personas.client("coordinator").get(url).content.decode()
    personas.client("coordinator").post(url, {"move_to": second.pk})
    assert list(initiative.principles.all()) == [second]
    second.refresh_from_db()
    assert second.number == 1


def test_what_a_delete_takes_with_it_is_counted(personas: Personas) -> None:
    """An initiative's own parts go with it; the audit row of a checked delete says how many of each."""
    initiative = make_initiative(personas.org_a, "Med delar")
    initiative.links.create(url="https://example.org/a", title="A")
    initiative.links.create(url="https://example.org/b", title="B")
    took = taken_with(initiative)
    assert took["actionplan.link"] == 2
    assert took["actionplan.initiative_themes"] == 1
    assert uses_of(initiative, owned=[Link]) == []
