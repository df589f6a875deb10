"""The agreement app's English catalogue is complete and used by the pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from testsupport.personas import Personas
from vagenin.agreement.models import BodyKind, MemberRole, Signatory
from vagenin.agreement.tests.builders import Sample

PO = Path(__file__).resolve().parent.parent / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_every_entry_is_translated_and_none_is_fuzzy() -> None:
    entries = PO.read_text(encoding="utf-8").split("\n\n")[1:]
    assert entries
    untranslated = [entry for entry in entries if 'msgstr ""\n' in entry + "\n" and not _continues(entry)]
    assert untranslated == []
    assert not [entry for entry in entries if "#, fuzzy" in entry]


def _continues(entry: str) -> bool:
    """Whether an empty-looking msgstr "" goes on with wrapped lines, as long translations do."""
    after = entry.split('msgstr ""', 1)[1]
    return after.startswith('\n"')


def test_model_names_and_choices_have_english_labels() -> None:
    with translation.override("en"):
        assert str(Signatory._meta.verbose_name_plural) == "signatories"
        assert str(BodyKind.MUNICIPAL_CHIEFS.label) == "Municipal chief executives"
        assert str(MemberRole.RESPONSIBLE.label) == "Responsible"


@pytest.mark.django_db
def test_staff_pages_speak_english(personas: Personas, sample: Sample) -> None:
    client = personas.client("coordinator")
    with translation.override("en"):
        url = reverse("agreement_staff:period", kwargs={"period_slug": sample.period.slug})
    html = client.get(url).content.decode()
    assert url.startswith("/en/")
    assert "Parts of the agreement" in html
    assert "Collaboration areas and focus themes" in html
