"""One-line fields refuse line breaks in every form; text areas keep them."""

from __future__ import annotations

import pytest
from django import forms

from vagenin.common.forms import LINE_BREAK


class Sample(forms.Form):
    name = forms.CharField()
    email = forms.EmailField(required=False)
    website = forms.URLField(required=False, assume_scheme="https")
    body = forms.CharField(widget=forms.Textarea)


@pytest.mark.parametrize("break_", ["\n", "\r", "\r\n", "\v", "\f", "\x85", "\u2028", "\u2029"])
def test_a_one_line_field_refuses_every_kind_of_line_break(break_: str) -> None:
    form = Sample(data={"name": f"Anna{break_}Bcc: x@example.org", "body": "ok"})
    assert not form.is_valid()
    assert form.errors["name"] == ["Skriv allt på en rad, utan radbrytningar."]
    assert LINE_BREAK.search(break_)


def test_subclasses_refuse_them_too() -> None:
    data = {"name": "Anna", "email": "a@example.org\nBcc: x@example.org", "website": "https://a\n.se", "body": "ok"}
    form = Sample(data=data)
    assert not form.is_valid()
    assert set(form.errors) == {"email", "website"}


def test_a_text_area_keeps_its_paragraphs() -> None:
    form = Sample(data={"name": "Anna Andersson", "body": "Ett.\r\n\r\nTvå."})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["body"] == "Ett.\r\n\r\nTvå."


def test_model_forms_get_the_rule_from_char_fields() -> None:
    from vagenin.common.models import AuditEntry

    form_class = forms.modelform_factory(AuditEntry, fields=["action"])
    form = form_class(data={"action": "initiative.created\nBcc: x@example.org"})
    assert not form.is_valid()
    assert "Skriv allt på en rad" in form.errors["action"][0]
