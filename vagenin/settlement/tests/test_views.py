"""The officer's flows through the pages: import with preview and confirm, what-if without saving, decision."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from testsupport.personas import Personas
from vagenin.settlement import services
from vagenin.settlement.models import AnnualReception, ModelRun, MunicipalQuota, SettlementYear
from vagenin.settlement.queries import WeightChoice
from vagenin.settlement.tests.builders import FIXTURES, QUOTA_FILE, RECEPTION_FILE, add_factors, make_year

pytestmark = pytest.mark.django_db


def load_reference() -> str:
    """The site's reference data, through its command (the site layer is above this app)."""
    out = io.StringIO()
    call_command("load_reference", stdout=out)
    return out.getvalue()


def _upload(name: str, content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content if content is not None else (FIXTURES / name).read_bytes(), "text/csv")


def test_import_both_exports_with_preview_and_confirm(personas: Personas) -> None:
    load_reference()
    client = personas.client("settlement_officer")
    url = reverse("settlement:import")
    response = client.post(url, {"file": _upload(QUOTA_FILE)})
    assert response.status_code == 200
    page = response.content.decode()
    assert "388" in page and "375" in page and "Bekräfta och läs in" in page
    assert not MunicipalQuota.objects.filter(settlement_year__year=2018).exists()  # nothing before confirming
    response = client.post(url, {"action": "confirm"})
    assert response.status_code == 302
    settlement_year = SettlementYear.objects.get(year=2018, county__code="20")
    assert sum(MunicipalQuota.objects.filter(settlement_year=settlement_year).values_list("quota", flat=True)) == 388

    response = client.post(url, {"file": _upload(RECEPTION_FILE)})
    assert "MALUNG-SÄLEN" in response.content.decode()
    client.post(url, {"action": "confirm"})
    assert AnnualReception.objects.filter(year=2018, municipality__county__code="20").count() == 15

    # The public year page shows quotas and reception per municipality (once decided).
    services.decide_year(
        actor=personas.settlement_officer,
        settlement_year=settlement_year,
        decided_on=datetime.date(2018, 1, 1),
        registration_number="X",
    )
    page = personas.client("anonymous").get(reverse("settlement:year", args=[settlement_year.uuid])).content.decode()
    assert "144" in page and "134" in page and "208" in page and "<svg" in page


def test_a_damaged_export_reports_every_row_and_changes_nothing(personas: Personas) -> None:
    load_reference()
    data = (FIXTURES / QUOTA_FILE).read_bytes()
    data = data.replace(b",FALUN,20,2080,144,134", b",FALUN,20,2080,many,134").replace(
        b",MORA,20,2062,", b",NOPE,20,9999,"
    )
    response = personas.client("settlement_officer").post(
        reverse("settlement:import"), {"file": _upload("Anvisningar_enligt_kommuntalen_2018.csv", data)}
    )
    page = response.content.decode()
    assert "Anvisningar_enligt_kommuntalen_2018.csv, rad 9" in page  # Falun's line
    assert "9999" in page
    assert not MunicipalQuota.objects.filter(settlement_year__year=2018).exists()


def test_what_if_saves_nothing_and_compute_saves_a_run(personas: Personas) -> None:
    settlement_year = make_year(county_quota=60)
    add_factors(settlement_year)
    client = personas.client("settlement_officer")
    query = {
        "labour_market": "10",
        "population": "80",
        "reception": "10",
        "housing": "0",
        "measure": "employed",
        "method": "sainte_lague",
    }
    response = client.get(reverse("settlement:what_if", args=[settlement_year.uuid]), query)
    assert response.status_code == 200 and "Kommuntal prövat" in response.content.decode()
    assert not ModelRun.objects.exists() and not MunicipalQuota.objects.exists()
    data = {f"weights-{key}": value for key, value in query.items()}
    response = client.post(reverse("settlement:compute", args=[settlement_year.uuid]), data)
    assert response.status_code == 302
    assert ModelRun.objects.get().method == "sainte_lague"
    assert sum(MunicipalQuota.objects.values_list("quota", flat=True)) == 60


def test_adjust_without_justification_shows_the_error_beside_the_field(personas: Personas) -> None:
    settlement_year = make_year(county_quota=60)
    add_factors(settlement_year)
    services.compute_proposal(
        actor=personas.settlement_officer, settlement_year=settlement_year, choice=WeightChoice.default()
    )
    quota = MunicipalQuota.objects.for_year(settlement_year).first()
    assert quota is not None
    client = personas.client("settlement_officer")
    url = reverse("settlement:quota_manage", args=[quota.uuid])
    response = client.post(url, {"action": "adjust", "adjust-quota": str(quota.quota + 2), "adjust-justification": ""})
    assert response.status_code == 200 and "Motivera varför" in response.content.decode()
    quota.refresh_from_db()
    assert quota.quota == quota.proposed
    client.post(url, {"action": "adjust", "adjust-quota": str(quota.quota + 2), "adjust-justification": "Dialog."})
    quota.refresh_from_db()
    assert quota.adjustment == 2
    # The decision is refused while the quotas do not sum to the county quota.
    response = client.post(
        reverse("settlement:decide", args=[settlement_year.uuid]),
        {"decided_on": "2025-11-01", "registration_number": "851-2-2025"},
        follow=True,
    )
    assert "inte till länstalet" in response.content.decode() or "not to the county quota" in response.content.decode()
    settlement_year.refresh_from_db()
    assert not settlement_year.is_decided
    # The public explanation shows the adjustment and its reason once decided.
    other = MunicipalQuota.objects.for_year(settlement_year).exclude(pk=quota.pk).first()
    assert other is not None
    services.adjust_quota(actor=personas.settlement_officer, quota=other, final=other.quota - 2, justification="Byte.")
    client.post(
        reverse("settlement:decide", args=[settlement_year.uuid]),
        {"decided_on": "2025-11-01", "registration_number": "851-2-2025"},
    )
    settlement_year.refresh_from_db()
    assert settlement_year.is_decided
    page = personas.client("anonymous").get(reverse("settlement:municipality", args=[quota.uuid])).content.decode()
    assert "Dialog." in page and "Faktorernas bidrag" in page


def test_factor_form_and_csv_import_through_the_pages(personas: Personas) -> None:
    settlement_year = make_year(county_quota=60)
    client = personas.client("settlement_officer")
    url = reverse("settlement:factors_edit", args=[settlement_year.uuid, "2080"])
    data = {
        "population": "59945",
        "labour_market": "29000",
        "asylum_seekers_abo": "0",
        "asylum_seekers_ebo": "40",
        "housing": "shortage",
        "newcomers_2024": "48",
        "minors_2024": "3",
        "newcomers_2025": "41",
        "minors_2025": "",
    }
    response = client.post(url, data)
    assert response.status_code == 200  # a missing value: the form again, nothing saved
    assert not settlement_year.factors.exists()
    response = client.post(url, {**data, "minors_2025": "2"})
    assert response.status_code == 302
    assert settlement_year.factors.get().earlier.count() == 2
    # The CSV import: preview, then confirm.
    import_url = reverse("settlement:factors_import", args=[settlement_year.uuid])
    content = (
        "kommunkod;folkmangd;mottagna_2024;ensamkommande_2024;mottagna_2025;ensamkommande_2025\n2062;20540;22;2;18;1\n"
    )
    response = client.post(import_url, {"file": _upload("faktorer.csv", content.encode())})
    assert "Bekräfta och läs in" in response.content.decode()
    assert settlement_year.factors.count() == 1
    response = client.post(import_url, {"action": "confirm"})
    assert response.status_code == 302 and settlement_year.factors.count() == 2
