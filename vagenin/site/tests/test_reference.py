"""The reference-data loader: complete, idempotent, and all-or-nothing with precise errors."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from vagenin.agreement.models import AgreementPeriod, Area, Body, FocusTheme, Signatory, ThemePartner
from vagenin.common.reference import ReferenceDataError
from vagenin.organisations.models import County, Municipality, Organisation
from vagenin.site.management.commands.load_reference import load_reference

REFERENCE = Path(settings.BASE_DIR) / "reference"
DALARNA_CODES = {
    "2021",
    "2023",
    "2026",
    "2029",
    "2031",
    "2034",
    "2039",
    "2061",
    "2062",
    "2080",
    "2081",
    "2082",
    "2083",
    "2084",
    "2085",
}


@pytest.fixture
def reference_copy(tmp_path: Path) -> Path:
    target = tmp_path / "reference"
    shutil.copytree(REFERENCE, target)
    return target


@pytest.mark.django_db
def test_loads_the_real_agreement() -> None:
    load_reference(base=REFERENCE)
    assert County.objects.count() == 21
    assert Municipality.objects.count() == 290
    assert set(Municipality.objects.filter(county__code="20").values_list("code", flat=True)) == DALARNA_CODES
    period = AgreementPeriod.objects.get(slug="2015-2020")
    assert str(period.signed_on) == "2015-06-03"
    assert period.principles.count() == 4
    assert list(period.areas.values_list("number", flat=True)) == [1, 2, 3, 4, 5]
    assert FocusTheme.objects.filter(area__period=period).count() == 10
    signatories = Signatory.objects.filter(period=period)
    assert signatories.filter(organisation__type="municipality").count() == 15
    assert signatories.filter(organisation__slug="landstinget-dalarna").exists()
    landstinget = Organisation.objects.get(slug="landstinget-dalarna")
    assert landstinget.merged_into == Organisation.objects.get(slug="region-dalarna")
    assert ThemePartner.objects.filter(theme__slug="rehabilitering", organisation__slug="forsakringskassan").exists()
    assert Body.objects.get(slug="kansliets-arbetsgrupp").responsibilities.count() == 4
    assert Body.objects.get(slug="temagrupp-bostad").parent == Body.objects.get(slug="kansli")


@pytest.mark.django_db
def test_second_run_changes_nothing() -> None:
    load_reference(base=REFERENCE)
    before = {a.pk: a.updated_at for a in Area.objects.all()}
    ctx = load_reference(base=REFERENCE)
    assert all(label.endswith("unchanged") for label in ctx.counts), ctx.counts
    assert {a.pk: a.updated_at for a in Area.objects.all()} == before


@pytest.mark.django_db
def test_edits_are_kept_unless_update_is_asked_for() -> None:
    load_reference(base=REFERENCE)
    Area.objects.filter(slug="bostad").update(lead_sv="Redigerad av kansliet")
    load_reference(base=REFERENCE)
    assert Area.objects.get(slug="bostad").lead_sv == "Redigerad av kansliet"
    load_reference(base=REFERENCE, update=True)
    assert Area.objects.get(slug="bostad").lead_sv != "Redigerad av kansliet"


@pytest.mark.django_db
def test_malformed_file_reports_file_line_and_reason_and_changes_nothing(reference_copy: Path) -> None:
    areas = reference_copy / "vagenin" / "areas.csv"
    lines = areas.read_text(encoding="utf-8").splitlines(keepends=True)
    # Line 2 is the first record: give it a number that is not a number.
    lines[1] = lines[1].replace("2015-2020,1,arbete", "2015-2020,ett,arbete", 1)
    areas.write_text("".join(lines), encoding="utf-8")
    partners = reference_copy / "vagenin" / "theme_partners.csv"
    partners.write_text(
        partners.read_text(encoding="utf-8") + "2015-2020,arbete,korta-vagen-till-foretagande,99,ingen-sadan-org,,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(ReferenceDataError) as error:
        load_reference(base=reference_copy)
    messages = [str(p) for p in error.value.problems]
    assert "vagenin/areas.csv:2: column 'number': 'ett' is not a whole number" in messages
    partner_line = len(partners.read_text(encoding="utf-8").splitlines())
    assert f"vagenin/theme_partners.csv:{partner_line}: unknown organisation: slug=ingen-sadan-org" in messages
    assert Organisation.objects.count() == 0
    assert Municipality.objects.count() == 0


@pytest.mark.django_db
def test_missing_column_is_reported(reference_copy: Path) -> None:
    principles = reference_copy / "vagenin" / "principles.csv"
    principles.write_text("period,number\n2015-2020,1\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError) as error:
        load_reference(base=reference_copy)
    assert "vagenin/principles.csv:1: missing column(s): text_sv" in str(error.value)


@pytest.mark.django_db
def test_command_exits_with_error_and_lists_problems(reference_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (reference_copy / "vagenin" / "bodies.csv").write_text(
        "period,slug,kind,order,name_sv\n2015-2020,x,parliament,1,X\n", encoding="utf-8"
    )
    with pytest.raises(CommandError, match="nothing was changed"):
        call_command("load_reference", path=str(reference_copy))
    assert "vagenin/bodies.csv:2: unknown body kind 'parliament'" in capsys.readouterr().err


@pytest.mark.django_db
def test_municipalities_are_named_as_they_name_themselves() -> None:
    load_reference(base=REFERENCE)
    names = dict(Municipality.objects.values_list("code", "name"))
    assert len(names) == 290
    assert names["2080"] == "Falu kommun"
    assert names["0980"] == "Region Gotland"
    assert names["0180"] == "Stockholms stad"
    assert names["1480"] == "Göteborgs Stad"
    assert names["1280"] == "Malmö stad"
    assert names["0880"] == "Kalmar kommun"
    assert names["2514"] == "Kalix kommun"
    assert names["2062"] == "Mora kommun"
    assert names["2023"] == "Malung-Sälens kommun"
    assert not [name for name in names.values() if name.startswith(("Faluns", "Gotlands"))]


def test_every_municipality_has_its_own_name_on_file() -> None:
    with (REFERENCE / "geo" / "municipalities.csv").open(encoding="utf-8") as file:
        codes = [row["municipality_code"] for row in csv.DictReader(file)]
    with (REFERENCE / "geo" / "municipality_names.csv").open(encoding="utf-8") as file:
        own = {row["municipality_code"]: row["municipality_name"] for row in csv.DictReader(file)}
    assert sorted(own) == sorted(codes)
    assert all(name.endswith((" kommun", " stad", " Stad")) or name == "Region Gotland" for name in own.values())


@pytest.mark.django_db
def test_municipal_organisations_bear_their_municipality_s_name() -> None:
    load_reference(base=REFERENCE)
    municipal = Organisation.objects.filter(type="municipality").select_related("municipality")
    assert municipal.count() == 15
    names = {org.name: org.municipality.name if org.municipality else None for org in municipal}
    assert all(name == municipality for name, municipality in names.items()), names
