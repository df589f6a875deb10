"""The settlement services and reference data: county quotas, imports, the model, adjustments, the decision."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from testsupport.personas import Personas
from vagenin.common.models import AuditEntry
from vagenin.organisations.models import County
from vagenin.settlement import model as pure
from vagenin.settlement import services
from vagenin.settlement.factorfile import parse_factor_file
from vagenin.settlement.migrationsverket import ImportRejected, parse_quota_export, parse_reception_export
from vagenin.settlement.models import (
    AnnualReception,
    MonthlyReception,
    MunicipalQuota,
    ReadinessReport,
    SettlementYear,
)
from vagenin.settlement.queries import WeightChoice, fulfilment
from vagenin.settlement.tests.builders import FIXTURES, QUOTA_FILE, RECEPTION_FILE, add_factors, make_year

pytestmark = pytest.mark.django_db


def load_reference() -> str:
    """The site's reference data, through its command (the site layer is above this app)."""
    out = io.StringIO()
    call_command("load_reference", stdout=out)
    return out.getvalue()


@pytest.fixture
def reference() -> None:
    load_reference()


def _names() -> dict[str, str]:
    from vagenin.organisations.models import Municipality

    return dict(Municipality.objects.values_list("code", "short_name"))


def test_reference_county_quotas_keep_the_truth_of_the_file(reference: None) -> None:
    years = {y.year: y for y in SettlementYear.objects.with_revisions().filter(county__code="20")}
    assert years[2016].county_quota is None  # no Dalarna figure: stays empty
    assert years[2016].national_total == 21700
    assert [r.county_quota for r in years[2017].revision_list()] == [844, 616]
    assert years[2017].revision_list()[1].effective_from == datetime.date(2017, 3, 9)
    assert years[2017].revision_list()[1].ordinance == "SFS 2017:27"
    assert years[2017].county_quota == 616
    assert years[2018].county_quota == 388
    # 2025: revised nationally without a Dalarna figure; the last stated figure stays in force.
    assert [r.county_quota for r in years[2025].revision_list()] == [214, None]
    assert years[2025].county_quota == 214 and years[2025].national_total == 6600
    assert years[2026].county_quota == 321
    # Idempotent: loading again changes nothing.
    output = load_reference()
    assert "settlement.SettlementYear: unchanged" in output and "settlement.SettlementYear: created" not in output


def test_the_2018_files_import_and_show_dalarnas_quotas_and_reception(reference: None, personas: Personas) -> None:
    names = _names()
    county = County.objects.get(code="20")
    quotas = parse_quota_export((FIXTURES / QUOTA_FILE).read_bytes(), file_name=QUOTA_FILE, municipalities=names)
    settlement_year, counts = services.import_quota_export(
        actor=personas.settlement_officer, export=quotas, county=county
    )
    assert counts.created == 15
    settlement_year = SettlementYear.objects.with_revisions().get(pk=settlement_year.pk)
    assert settlement_year.year == 2018 and settlement_year.county_quota == 388
    by_code = {q.municipality.code: q for q in MunicipalQuota.objects.for_year(settlement_year)}
    assert sum(q.quota for q in by_code.values()) == 388
    assert sum(q.received or 0 for q in by_code.values()) == 375
    assert (by_code["2080"].quota, by_code["2080"].received) == (144, 134)
    assert (by_code["2023"].quota, by_code["2023"].received) == (25, 23)  # MALUNG
    assert (by_code["2084"].quota, by_code["2084"].received) == (0, 0)  # Avesta: no row, quota 0
    # Idempotent re-import.
    _, again = services.import_quota_export(actor=personas.settlement_officer, export=quotas, county=county)
    assert (again.created, again.changed, again.unchanged) == (0, 0, 15)

    reception = parse_reception_export(
        (FIXTURES / RECEPTION_FILE).read_bytes(), file_name=RECEPTION_FILE, municipalities=names
    )
    counts = services.import_reception_export(actor=personas.settlement_officer, export=reception, county=county)
    assert counts.created == 15
    falun = AnnualReception.objects.get(year=2018, municipality__code="2080")
    assert (falun.persons, falun.unaccompanied) == (208, 46)
    assert falun.by_category[0]["persons"] == 51
    assert sum(a.persons for a in AnnualReception.objects.filter(year=2018)) == 1381
    again = services.import_reception_export(actor=personas.settlement_officer, export=reception, county=county)
    assert (again.created, again.changed, again.unchanged) == (0, 0, 15)

    rows = {row.municipality.code: row for row in fulfilment(settlement_year)}
    assert rows["2080"].received == 134 and rows["2080"].quota == 144


def test_a_decided_year_refuses_a_different_export(reference: None, personas: Personas) -> None:
    names = _names()
    county = County.objects.get(code="20")
    data = (FIXTURES / QUOTA_FILE).read_bytes()
    quotas = parse_quota_export(data, file_name=QUOTA_FILE, municipalities=names)
    settlement_year, _ = services.import_quota_export(actor=personas.settlement_officer, export=quotas, county=county)
    services.decide_year(
        actor=personas.settlement_officer,
        settlement_year=settlement_year,
        decided_on=datetime.date(2018, 1, 1),
        registration_number="X-1",
    )
    changed = data.replace(b"DALARNAS L\xc3\x84N,FALUN,20,2080,144,134", b"DALARNAS L\xc3\x84N,FALUN,20,2080,144,135")
    changed = changed.replace(b"DALARNAS L\xc3\x84N,,20,,388,375", b"DALARNAS L\xc3\x84N,,20,,388,376")
    other = parse_quota_export(changed, file_name=QUOTA_FILE, municipalities=names)
    with pytest.raises(services.TransitionError):
        services.import_quota_export(actor=personas.settlement_officer, export=other, county=county)
    # The same file again is fine: nothing changes.
    _, counts = services.import_quota_export(actor=personas.settlement_officer, export=quotas, county=county)
    assert counts.unchanged == 15


def test_the_model_proposes_quotas_that_sum_to_the_county_quota(personas: Personas) -> None:
    settlement_year = make_year(county_quota=321)
    add_factors(settlement_year)
    run = services.compute_proposal(
        actor=personas.settlement_officer, settlement_year=settlement_year, choice=WeightChoice.default()
    )
    quotas = list(MunicipalQuota.objects.for_year(settlement_year))
    assert len(quotas) == 15 and sum(q.quota for q in quotas) == 321
    assert all(q.proposed == q.quota and q.model_run == run for q in quotas)
    assert AuditEntry.objects.filter(action="settlement.proposal_computed").count() == 1


def test_missing_factor_data_is_reported(personas: Personas) -> None:
    settlement_year = make_year()
    with pytest.raises(pure.ModelInputError) as error:
        services.compute_proposal(
            actor=personas.settlement_officer, settlement_year=settlement_year, choice=WeightChoice.default()
        )
    assert "no factor data" in str(error.value)


def test_adjustment_needs_a_justification_and_the_decision_a_balanced_sum(personas: Personas) -> None:
    officer = personas.settlement_officer
    settlement_year = make_year(county_quota=100)
    add_factors(settlement_year)
    services.compute_proposal(actor=officer, settlement_year=settlement_year, choice=WeightChoice.default())
    first, second = list(MunicipalQuota.objects.for_year(settlement_year))[:2]
    with pytest.raises(services.TransitionError):
        services.adjust_quota(actor=officer, quota=first, final=first.quota + 1, justification="  ")
    services.adjust_quota(actor=officer, quota=first, final=first.quota + 1, justification="Dialog: fler bostäder.")
    with pytest.raises(services.TransitionError, match="sum to 101"):
        services.decide_year(
            actor=officer,
            settlement_year=settlement_year,
            decided_on=datetime.date(2025, 11, 1),
            registration_number="851-1-2025",
        )
    services.adjust_quota(actor=officer, quota=second, final=second.quota - 1, justification="Dialog: färre.")
    # A new computation keeps the adjusted figures.
    services.compute_proposal(actor=officer, settlement_year=settlement_year, choice=WeightChoice.default())
    first.refresh_from_db()
    assert first.proposed is not None and first.quota == first.proposed + 1 and first.justification
    services.decide_year(
        actor=officer,
        settlement_year=settlement_year,
        decided_on=datetime.date(2025, 11, 1),
        registration_number="851-1-2025",
    )
    # Frozen: nothing of the year changes any more.
    with pytest.raises(services.TransitionError):
        services.adjust_quota(actor=officer, quota=first, final=0, justification="Sent.")
    with pytest.raises(services.TransitionError):
        services.compute_proposal(actor=officer, settlement_year=settlement_year, choice=WeightChoice.default())
    with pytest.raises(services.TransitionError):
        services.record_consultation(
            actor=officer,
            settlement_year=settlement_year,
            municipality=first.municipality,
            held_on=datetime.date(2025, 12, 1),
            summary="Sent.",
        )


def test_the_database_refuses_an_unjustified_adjustment_and_negative_quota() -> None:
    settlement_year = make_year()
    from vagenin.organisations.models import Municipality

    municipality = Municipality.objects.get(code="2080")
    with pytest.raises(IntegrityError), transaction.atomic():
        MunicipalQuota.objects.create(settlement_year=settlement_year, municipality=municipality, proposed=3, quota=4)
    with pytest.raises(IntegrityError), transaction.atomic():
        SettlementYear.objects.filter(pk=settlement_year.pk).update(decided_on=datetime.date(2025, 1, 1))


def test_factor_file_preview_reports_every_rejected_row_and_imports_when_right(personas: Personas) -> None:
    settlement_year = make_year()
    names = {"2080": "Falun kommun", "2062": "Mora kommun", "2023": "Malung-Sälen kommun"}
    bad = (
        "kommunkod;kommun;folkmangd;arbetsmarknad;abo;ebo;bostadsmarknad;mottagna_2024;ensamkommande_2024\n"
        "2080;Falun;59945;29000;0;40;underskott;48;3\n"
        "9999;Nowhere;100;;;;;1;0\n"
        "2062;Mora;x;;;;trångt;1;0\n"
    ).encode()
    with pytest.raises(ImportRejected) as error:
        parse_factor_file(bad, file_name="faktorer.csv", municipalities=names)
    reasons = [str(issue) for issue in error.value.rejected]
    assert any(reason.startswith("faktorer.csv:3:") and "9999" in reason for reason in reasons)
    assert any(reason.startswith("faktorer.csv:4:") and "folkmangd" in reason for reason in reasons)
    assert any(reason.startswith("faktorer.csv:4:") and "bostadsmarknad" in reason for reason in reasons)
    good = (
        b"kommunkod,folkmangd,arbetsmarknad,abo,ebo,bostadsmarknad,mottagna_2024,ensamkommande_2024,"
        b"mottagna_2025,ensamkommande_2025\n"
        b'2080,59945,"29000,5",0,40,underskott,48,3,41,2\n'
        b",20540,10000,35,9,,22,2,18,1\n"
    )
    with pytest.raises(ImportRejected):  # the second row has neither code nor name
        parse_factor_file(good, file_name="f.csv", municipalities=names)
    good = good.replace(b"\n,20540", b"\n2062,20540")
    rows = parse_factor_file(good, file_name="f.csv", municipalities=names)
    counts = services.import_factors(actor=personas.settlement_officer, settlement_year=settlement_year, rows=rows)
    assert (counts.created, counts.changed, counts.unchanged) == (2, 0, 0)
    again = services.import_factors(actor=personas.settlement_officer, settlement_year=settlement_year, rows=rows)
    assert (again.created, again.changed, again.unchanged) == (0, 0, 2)
    falun = settlement_year.factors.get(municipality__code="2080")
    assert falun.labour_market is not None and str(falun.labour_market.normalize()) == "29000.5"
    assert falun.housing == "shortage"
    assert falun.earlier.get(year=2025).newcomers == 41


def test_monthly_figures_and_one_readiness_report_per_quarter(personas: Personas) -> None:
    settlement_year = make_year()
    from vagenin.organisations.models import Municipality

    falun = Municipality.objects.get(code="2080")
    data = {"assigned": 3, "received": 2, "quota_refugees": 1, "from_asylum_housing": 1, "unaccompanied_minors": 0}
    services.save_monthly(
        actor=personas.settlement_officer, settlement_year=settlement_year, municipality=falun, month=3, data=data
    )
    services.save_monthly(
        actor=personas.settlement_officer,
        settlement_year=settlement_year,
        municipality=falun,
        month=3,
        data={**data, "received": 3},
    )
    assert MonthlyReception.objects.get().received == 3
    report = {
        "housing_available": 2,
        "housing_planned": 1,
        "sfi_places": 10,
        "civic_orientation_places": 8,
        "comments": "",
    }
    services.save_readiness(actor=personas.settlement_officer, municipality=falun, year=2026, quarter=4, data=report)
    services.save_readiness(
        actor=personas.settlement_officer, municipality=falun, year=2026, quarter=4, data={**report, "sfi_places": 12}
    )
    assert ReadinessReport.objects.get().sfi_places == 12
    with pytest.raises(IntegrityError), transaction.atomic():
        ReadinessReport.objects.create(
            municipality=falun,
            year=2026,
            quarter=4,
            housing_available=0,
            housing_planned=0,
            sfi_places=0,
            civic_orientation_places=0,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        MonthlyReception.objects.create(
            settlement_year=settlement_year, municipality=falun, month=4, received=1, quota_refugees=2
        )
