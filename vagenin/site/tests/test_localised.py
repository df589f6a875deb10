"""One date and number style per language, and Swedish shown to English readers marked lang="sv"."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.template import Context, Template
from django.utils import formats, translation

from vagenin.agreement.models import AgreementPeriod
from vagenin.common.models import SwedishFallback, translated
from vagenin.organisations.models import County

DAY = datetime.date(2017, 8, 1)


def _render(source: str, language: str, **context: object) -> str:
    with translation.override(language):
        return Template("{% load localised %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "date", "short", "moment"),
    [
        ("en", "1 August 2017", "1 Aug 2017", "1 August 2017, 14:30"),
        ("sv", "1 augusti 2017", "2017-08-01", "1 augusti 2017 14:30"),
    ],
)
def test_dates_in_each_language(language: str, date: str, short: str, moment: str) -> None:
    with translation.override(language):
        assert formats.date_format(DAY) == date
        assert formats.date_format(DAY, "SHORT_DATE_FORMAT") == short
        assert formats.date_format(datetime.datetime(2017, 8, 1, 14, 30), "DATETIME_FORMAT") == moment
        assert Template("{{ day }}").render(Context({"day": DAY})) == date


def test_date_fields_keep_iso_in_both_languages() -> None:
    for language in ("sv", "en"):
        with translation.override(language):
            assert forms.DateField().clean("2025-12-31") == datetime.date(2025, 12, 31)
            assert 'value="2025-12-31"' in forms.DateInput().render("d", datetime.date(2025, 12, 31))


@pytest.mark.parametrize(
    ("source", "value", "sv", "en"),
    [
        ("{{ v|quantity }}", Decimal("120.00"), "120", "120"),
        ("{{ v|quantity }}", Decimal("0.50"), "0,5", "0.5"),
        ("{{ v|quantity }}", 2300000, "2\xa0300\xa0000", "2,300,000"),
        ("{{ v|sek }}", 2300000, "2\xa0300\xa0000 kr", "SEK 2,300,000"),
        ("{{ v|percent }}", 75, "75\xa0%", "75%"),
        ("{{ v|quantity }}", None, "", ""),
    ],
)
def test_numbers_in_each_language(source: str, value: object, sv: str, en: str) -> None:
    assert _render(source, "sv", v=value) == sv
    assert _render(source, "en", v=value) == en


class _Pair:
    def __init__(self, sv: str, en: str) -> None:
        self.title_sv, self.title_en = sv, en


def test_swedish_for_english_readers_is_marked() -> None:
    only_swedish = _Pair("Språkcafé", "")
    both = _Pair("Språkcafé", "Language café")
    with translation.override("en"):
        assert isinstance(translated(only_swedish, "title"), SwedishFallback)
        assert translated(both, "title") == "Language café"
    with translation.override("sv"):
        assert not isinstance(translated(only_swedish, "title"), SwedishFallback)
    assert _render("{{ t }}", "en", t=SwedishFallback("A & B")) == '<span lang="sv">A &amp; B</span>'
    assert _render("{{ t|plain }}", "en", t=SwedishFallback("A & B")) == "A &amp; B"
    assert _render("{{ t|paragraphs }}", "en", t=SwedishFallback("Rad\n\nTvå")) == (
        '<div lang="sv"><p>Rad</p>\n\n<p>Två</p></div>'
    )
    assert _render("{{ t|paragraphs }}", "en", t="Line") == "<p>Line</p>"
    assert _render("{{ t|words:1 }}", "en", t=SwedishFallback("Ett två")) == '<span lang="sv">Ett …</span>'


def test_an_option_in_swedish_is_marked_on_the_option() -> None:
    field = forms.ChoiceField(choices=[("a", SwedishFallback("Svenska")), ("b", "English")])
    html = str(forms.Form().renderer.render("django/forms/widgets/select.html", field.widget.get_context("f", "", {})))
    assert '<option value="a" lang="sv">Svenska</option>' in html
    assert '<option value="b">English</option>' in html


@pytest.mark.django_db
def test_names_in_the_readers_language() -> None:
    county = County(code="20", name="Dalarnas län", short_name="Dalarna")
    period = AgreementPeriod(title_sv="Överenskommelsen 2015–2020", title_en="")
    with translation.override("en"):
        assert str(county) == "Dalarna County"
        assert str(period) == "Överenskommelsen 2015–2020"
        assert isinstance(str(period), SwedishFallback)
    with translation.override("sv"):
        assert str(county) == "Dalarnas län"
