"""Monthly reception figures from a CSV: the pure parser (every problem with file, line and reason), the
idempotent service, and the officer's preview-and-confirm page."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from testsupport.personas import Personas
from vagenin.common.models import AuditEntry
from vagenin.settlement import services
from vagenin.settlement.models import MonthlyReception
from vagenin.settlement.monthlyfile import ImportRejected, parse_month, parse_monthly_file
from vagenin.settlement.tests.builders import DALARNA, make_year

NAMES = {code: f"{name} kommun" if name != "Falun" else "Falu kommun" for code, name in DALARNA}
GOOD = (
    "\ufeffKommunkod;Kommun;Månad;Anvisade;Mottagna;Kvotflyktingar;Från Migrationsverkets boende;Ensamkommande\n"
    "2080;Falu kommun;2026-01;5;4;1;2;0\n"
    "2062;MORA;2;3;3;;;1\n"
    "\n"
    ";Borlänge;3;6;2;0;0;0\n"
)


def _parse(text: str, year: int = 2026) -> list:
    return parse_monthly_file(text.encode("utf-8"), file_name="manader.csv", municipalities=NAMES, year=year)


def test_the_parser_reads_codes_names_and_months() -> None:
    rows = _parse(GOOD)
    assert [(row.code, row.month, row.received) for row in rows] == [("2080", 1, 4), ("2062", 2, 3), ("2081", 3, 2)]
    assert rows[0].values() == {
        "assigned": 5,
        "received": 4,
        "quota_refugees": 1,
        "from_asylum_housing": 2,
        "unaccompanied_minors": 0,
    }
    assert rows[1].quota_refugees == 0 and rows[1].unaccompanied_minors == 1  # empty optional cells are 0
    assert rows[0].name == "Falu kommun" and rows[2].line == 5


def test_the_parser_reports_every_problem_with_its_line() -> None:
    text = (
        "kommunkod,manad,anvisade,mottagna,ensamkommande\n"
        "2080,13,1,1,0\n"  # no such month
        "2080,2025-03,1,1,0\n"  # another year
        "9999,1,1,1,0\n"  # unknown municipality
        "2062,1,x,1,0\n"  # not a number
        "2062,2,1,1,2\n"  # more unaccompanied than received
        "2081,4,1,1,0\n"
        "2081,4,1,1,0\n"  # the same municipality and month again
    )
    with pytest.raises(ImportRejected) as caught:
        _parse(text)
    lines = [(issue.file, issue.line) for issue in caught.value.rejected]
    assert lines == [("manader.csv", line) for line in (2, 3, 4, 5, 6, 8)]
    reasons = " | ".join(issue.reason for issue in caught.value.rejected)
    assert "not a month" in reasons and "not in 2026" in reasons and "9999" in reasons
    assert "more than the 1 received" in reasons and "appears again (line 7)" in reasons


def test_the_parser_needs_its_columns() -> None:
    with pytest.raises(ImportRejected) as caught:
        _parse("kommun;anvisade\nFalun;1\n")
    assert {issue.reason for issue in caught.value.rejected} == {"missing column: manad", "missing column: mottagna"}
    assert parse_month("03", year=2026) == 3 and parse_month("2026-12", year=2026) == 12


@pytest.mark.django_db
def test_the_import_is_idempotent_and_audited(personas: Personas) -> None:
    settlement_year = make_year()
    officer = personas.settlement_officer
    counts = services.import_monthly(actor=officer, settlement_year=settlement_year, rows=_parse(GOOD))
    assert (counts.created, counts.changed, counts.unchanged) == (3, 0, 0)
    again = services.import_monthly(actor=officer, settlement_year=settlement_year, rows=_parse(GOOD))
    assert (again.created, again.changed, again.unchanged) == (0, 0, 3)
    changed = GOOD.replace("2080;Falu kommun;2026-01;5;4", "2080;Falu kommun;2026-01;5;5")
    third = services.import_monthly(actor=officer, settlement_year=settlement_year, rows=_parse(changed))
    assert (third.created, third.changed, third.unchanged) == (0, 1, 2)
    falun = MonthlyReception.objects.get(municipality__code="2080", month=1)
    assert falun.received == 5 and falun.reported_by == officer
    entries = AuditEntry.objects.filter(action="settlement.monthly_imported").order_by("pk")
    assert [entry.changes["created"] for entry in entries] == [3, 0, 0]
    assert entries[0].changes["months"] == [1, 2, 3]


@pytest.mark.django_db
def test_a_municipality_of_another_county_refuses_the_whole_file(personas: Personas) -> None:
    from testsupport.personas import make_municipality

    settlement_year = make_year()
    make_municipality("0180", "Stockholm")
    names = {**NAMES, "0180": "Stockholms kommun"}
    rows = parse_monthly_file(
        GOOD.encode() + b"0180;Stockholms kommun;1;1;1;0;0;0\n", file_name="m.csv", municipalities=names, year=2026
    )
    with pytest.raises(services.TransitionError, match="0180"):
        services.import_monthly(actor=personas.settlement_officer, settlement_year=settlement_year, rows=rows)
    assert not MonthlyReception.objects.exists()


@pytest.mark.django_db
def test_preview_then_confirm_through_the_page(personas: Personas) -> None:
    settlement_year = make_year()
    client = personas.client("settlement_officer")
    manage = client.get(reverse("settlement:manage_year", args=[settlement_year.uuid])).content.decode()
    url = reverse("settlement:monthly_import", args=[settlement_year.uuid])
    assert url in manage
    bad = SimpleUploadedFile("fel.csv", b"kommun;manad;anvisade;mottagna\nFalun;14;1;1\n", "text/csv")
    page = client.post(url, {"file": bad}).content.decode()
    assert "fel.csv, rad 2" in page and "Bekräfta och läs in" not in page
    upload = SimpleUploadedFile("manader.csv", GOOD.encode(), "text/csv")
    page = client.post(url, {"file": upload}).content.decode()
    assert "Bekräfta och läs in" in page and ">Falun<" in page
    assert not MonthlyReception.objects.exists()
    response = client.post(url, {"action": "confirm"})
    assert response.status_code == 302 and MonthlyReception.objects.count() == 3
    # Nothing waits any more: a second confirmation is refused with a message.
    response = client.post(url, {"action": "confirm"}, follow=True)
    assert "Ingen fil väntar" in response.content.decode()
