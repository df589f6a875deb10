"""The combobox field on its own (common/widgets.py), over Django's auth groups as a stand-in choice set."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.auth.models import Group
from django.db.models import QuerySet

from vagenin.common.widgets import Picked, SearchChoiceField


def named(groups: QuerySet[Group], text: str) -> QuerySet[Group]:
    return groups.filter(name__istartswith=text)  # prefix, so that two groups can share a "name" here


class GroupForm(forms.Form):
    group = SearchChoiceField(
        Group.objects.exclude(name="Dold").order_by("name"),
        match=named,
        search_url="/sok/",
        params={"typ": "a b"},
        required=False,
    )


@pytest.fixture
def groups(db: None) -> dict[str, Group]:
    return {name: Group.objects.create(name=name) for name in ("Alfa", "Beta ett", "Beta två", "Dold")}


def test_renders_only_the_current_choice(groups: dict[str, Group]) -> None:
    html = str(GroupForm(initial={"group": groups["Alfa"].pk})["group"])
    assert 'value="Alfa"' in html and f'name="group" value="{groups["Alfa"].pk}"' in html
    assert "Beta" not in html and "<option" not in html
    assert 'data-search-url="/sok/?typ=a+b"' in html


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"group": "{alfa}"}, "Alfa"),  # the key alone
        ({"group_text": "alfa"}, "Alfa"),  # a typed name
        ({"group": "{beta1}", "group_text": "Beta ett"}, "Beta ett"),  # the key with its label
        ({"group": "{alfa}", "group_text": "Beta  två"}, "Beta två"),  # text typed over a key wins
        ({"group_text": ""}, None),
    ],
)
def test_resolves_keys_and_names(groups: dict[str, Group], data: dict[str, str], expected: str | None) -> None:
    keys = {"alfa": groups["Alfa"].pk, "beta1": groups["Beta ett"].pk}
    form = GroupForm({name: value.format(**keys) for name, value in data.items()})
    assert form.is_valid(), form.errors
    chosen = form.cleaned_data["group"]
    assert (chosen.name if chosen else None) == expected


def test_unknown_ambiguous_and_outside_the_queryset_are_refused(groups: dict[str, Group]) -> None:
    assert str(GroupForm({"group_text": "Gamma"}).errors["group"][0]).startswith("”Gamma” finns inte")
    assert str(GroupForm({"group_text": "Beta"}).errors["group"][0]).startswith("Flera val heter ”Beta”")
    hidden = groups["Dold"]
    assert "group" in GroupForm({"group": str(hidden.pk), "group_text": "Dold"}).errors


def test_bound_value_keeps_what_was_typed(groups: dict[str, Group]) -> None:
    form = GroupForm({"group": "", "group_text": "Gamma"})
    assert form["group"].value() == Picked(key="", text="Gamma")
    assert 'value="Gamma"' in str(form["group"])
