"""The translation checker's pure parts: reading .po files and judging entries (no gettext needed)."""

from __future__ import annotations

import pytest

from scripts.check_messages import Report, check_missing, check_translated
from scripts.messages import ROOT, App
from scripts.po import Entry, PoSyntaxError, active, parse_po, unquote
from scripts.update_messages import without_creation_date

CATALOGUE = r"""# Translator comment.
#, fuzzy
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

#: templates/base.html:7 views.py:12
msgid "Vägen in"
msgstr "Vägen in"

#: forms.py:3
#, python-format
msgid ""
"Hej %(name)s, "
"välkommen!"
msgstr "Hello %(name)s, welcome!"

#: views.py:20
#, fuzzy, python-format
msgid "%(count)s möte"
msgid_plural "%(count)s möten"
msgstr[0] "%(count)s meeting"
msgstr[1] ""

#: models.py:5
msgctxt "month"
msgid "maj"
msgstr "May"

#: models.py:9
msgid "Säg \"hej\"\tnu\n"
msgstr ""

#~ msgid "Gammal"
#~ msgstr "Old"
"""


def test_parse_po_reads_header_entries_and_obsolete() -> None:
    entries = parse_po(CATALOGUE)
    assert [entry.msgid for entry in entries] == [
        "",
        "Vägen in",
        "Hej %(name)s, välkommen!",
        "%(count)s möte",
        "maj",
        'Säg "hej"\tnu\n',
        "Gammal",
    ]
    assert entries[0].is_header
    assert entries[-1].obsolete
    assert active(entries)[0].msgid == "Vägen in"
    assert len(active(entries)) == 5


def test_parse_po_reads_references_flags_lines_and_continuations() -> None:
    header, title, welcome, meetings, month, quoted, _ = parse_po(CATALOGUE)
    assert header.msgstr[0].startswith("Content-Type: text/plain; charset=UTF-8\n")
    assert title.references == ["templates/base.html:7", "views.py:12"]
    assert title.line == 9
    assert welcome.flags == {"python-format"}
    assert welcome.msgstr == {0: "Hello %(name)s, welcome!"}
    assert meetings.flags == {"fuzzy", "python-format"}
    assert meetings.msgid_plural == "%(count)s möten"
    assert meetings.msgstr == {0: "%(count)s meeting", 1: ""}
    assert month.key == ("month", "maj", None)
    assert quoted.msgid == 'Säg "hej"\tnu\n'


def test_entry_states() -> None:
    _, title, _, meetings, month, quoted, _ = parse_po(CATALOGUE)
    assert title.is_translated and not title.is_fuzzy
    assert meetings.is_fuzzy and not meetings.is_translated  # one plural form is empty
    assert not quoted.is_translated
    assert month.label() == "[month] 'maj'"
    assert meetings.label() == "'%(count)s möte / %(count)s möten'"


@pytest.mark.parametrize(
    ("literal", "text"),
    [('""', ""), ('"a\\nb"', "a\nb"), ('"\\\\"', "\\"), ('"\\"x\\""', '"x"'), ('"å ä ö"', "å ä ö")],
)
def test_unquote(literal: str, text: str) -> None:
    assert unquote(literal) == text


@pytest.mark.parametrize("literal", ['"a', 'a"', '"a"b"', '"\\q"'])
def test_unquote_rejects_malformed_strings(literal: str) -> None:
    with pytest.raises(PoSyntaxError):
        unquote(literal)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('msgid "a"\nmsgstr "b"\nnonsense\n', 3),
        ('"orphan"\n', 1),
        ('msgid "a"\n\nmsgid "b"\nmsgstr ""\n', 1),
    ],
)
def test_parse_po_reports_the_line_of_a_syntax_error(text: str, line: int) -> None:
    with pytest.raises(PoSyntaxError) as error:
        parse_po(text, path="x.po")
    assert error.value.line == line
    assert str(error.value).startswith(f"x.po:{line}: ")


def test_check_missing_lists_messages_the_code_uses_but_the_catalogue_lacks() -> None:
    report = Report(App(ROOT / "vagenin" / "common"))
    used = [Entry(msgid="Spara", references=["forms.py:3", "views.py:9"]), Entry(msgid="Vägen in")]
    committed = [Entry(msgid="Vägen in", msgstr={0: "Vägen in"}), Entry(msgid="Gammal", msgstr={0: "Old"})]
    check_missing(report, used, committed)
    assert report.problems[1:] == ["    forms.py:3 (+1 more): 'Spara'"]
    assert "1 message(s) used in the code are missing" in report.problems[0]
    assert report.notes == ["1 entry(ies) no longer used by the code; `make messages` removes them."]


def test_check_translated_lists_untranslated_and_fuzzy_entries_with_their_line() -> None:
    report = Report(App(ROOT / "vagenin" / "common"))
    check_translated(report, active(parse_po(CATALOGUE)))
    po = "vagenin/common/locale/en/LC_MESSAGES/django.po"
    assert f"    {po}:21: '%(count)s möte / %(count)s möten'" in report.problems
    assert f"    {po}:32: 'Säg \"hej\"\\tnu\\n'" in report.problems
    assert report.problems[0].startswith("2 untranslated entry(ies)")
    assert report.problems[3].startswith("1 fuzzy entry(ies)")


def test_check_passes_a_complete_catalogue() -> None:
    report = Report(App(ROOT / "vagenin" / "common"))
    entries = [Entry(msgid="Spara", msgstr={0: "Save"}, references=["forms.py:3"])]
    check_missing(report, entries, entries)
    check_translated(report, entries)
    assert report.problems == [] and report.notes == []


def test_without_creation_date_ignores_only_that_header_line() -> None:
    before = 'msgid ""\nmsgstr ""\n"POT-Creation-Date: 2026-01-01 10:00+0100\\n"\n"Language: en\\n"\n'
    after = before.replace("2026-01-01 10:00", "2026-02-02 11:11")
    assert without_creation_date(before) == without_creation_date(after)
    assert without_creation_date(before) != without_creation_date(after.replace("Language: en", "Language: sv"))
