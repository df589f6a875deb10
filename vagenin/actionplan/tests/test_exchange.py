"""CSV and XLSX import and export of initiatives: the round trip, every kind of bad row, upload checks, the
preview-then-confirm flow and who may use it."""

from __future__ import annotations

import csv
import datetime
import io
import os
import re
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from testsupport.fake_clamd import EICAR, SIGNATURE, FakeClamd
from testsupport.personas import PERSONA_NAMES, Personas, make_municipality, make_user
from vagenin.accounts.models import StaffRole
from vagenin.actionplan import services
from vagenin.actionplan.exchange import files, pending
from vagenin.actionplan.exchange import services as exchange
from vagenin.actionplan.exchange.columns import NAMES as COLUMNS
from vagenin.actionplan.exchange.columns import shown
from vagenin.actionplan.exchange.files import UploadError
from vagenin.actionplan.exchange.permissions import get_pending_upload_for
from vagenin.actionplan.models import Initiative, TargetGroup, Visibility
from vagenin.actionplan.tests.builders import make_initiative, make_period, theme
from vagenin.agreement.models import Area, FocusTheme
from vagenin.common.models import AuditEntry

D = datetime.date
LOGIN = "/konto/login/"


@pytest.fixture(autouse=True)
def _own_media_folder(settings: Any, tmp_path: Path) -> None:
    """Each test its own MEDIA_ROOT: previewed uploads one test leaves behind are not seen by the next."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def reference(personas: Personas) -> dict[str, Any]:
    """Reference data both databases of a round trip share: a period, two areas, municipalities, target groups."""
    period = make_period()
    health = Area.objects.create(
        period=period, number=2, slug="halsa", name_sv="Vägen till hälsa", short_name_sv="Hälsa"
    )
    FocusTheme.objects.create(area=health, number=1, slug="tidiga", name_sv="Tidiga insatser")
    make_municipality("2062", "Mora")
    make_municipality("2084", "Avesta")
    TargetGroup.objects.create(slug="kvinnor", name_sv="Kvinnor")
    TargetGroup.objects.create(slug="unga", name_sv="Unga")
    return {"period": period}


def _plan(personas: Personas) -> list[Initiative]:
    """A small plan with everything the columns can hold, including text that looks like a formula."""
    parent = make_initiative(
        personas.org_a,
        "Ludvikamodellen",
        external_id="LUD-1",
        title_en="The Ludvika model",
        summary_en="A joint model",
        description_sv='Rad ett, med komma och "citat";\nrad två.',
        description_en="Line one;\nline two.",
        starts_on=D(2018, 8, 1),
        ends_on=D(2027, 12, 31),
        status="ongoing",
        progress=55,
    )
    parent.themes.add(FocusTheme.objects.get(slug="tidiga"))
    parent.target_groups.set(TargetGroup.objects.all())
    child = make_initiative(personas.org_b, "=2+2 språkpraktik", external_id="LUD-2", published=False, progress=70)
    child.parent = parent
    child.save()
    county = make_initiative(personas.org_b, "Hela länet", external_id="LAN 3", whole_county=True, status="planned")
    county.municipalities.clear()
    unkeyed = make_initiative(personas.org_a, "Utan id", slug="utan-id")
    unkeyed.municipalities.add(make_municipality("2062", "Mora"))
    return [parent, child, county, unkeyed]


def _csv(rows: list[dict[str, str]], delimiter: str = ",", bom: bool = False) -> bytes:
    """A file as another tool would write it (quoted where needed), with either separator."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows([row.get(column, "") for column in COLUMNS] for row in rows)
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")


def _row(external_id: str, **values: str) -> dict[str, str]:
    return {
        "external_id": external_id,
        "title_sv": f"Insats {external_id}",
        "summary_sv": "Kort om insatsen",
        "lead_organisation": "forening-a",
        "themes": "arbete/anstallning",
        "municipalities": "2080",
        "status": "ongoing",
        "progress": "10",
        **values,
    }


def _wipe() -> None:
    """Empty the action plan but keep the reference data, as a fresh installation would have it."""
    Initiative.objects.filter(parent__isnull=False).delete()
    Initiative.objects.all().delete()


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_export_import_export_is_identical(personas: Personas, reference: dict[str, Any], kind: str) -> None:
    period = reference["period"]
    _plan(personas)
    write = files.to_csv if kind == "csv" else files.to_xlsx
    first_rows = exchange.export_rows(period)
    first = write(first_rows)
    assert [row[0] for row in first_rows] == ["LAN 3", "LUD-1", "LUD-2", "utan-id"]
    _wipe()
    result = exchange.import_initiatives(actor=personas.coordinator, period=period, name=f"plan.{kind}", content=first)
    assert (result.created, result.updated, result.unchanged) == (4, 0, 0)
    assert exchange.export_rows(period) == first_rows
    if kind == "csv":
        assert files.to_csv(exchange.export_rows(period)) == first
    child = Initiative.objects.get(external_id="LUD-2")
    assert child.parent == Initiative.objects.get(external_id="LUD-1")
    assert child.title_sv == "=2+2 språkpraktik" and child.visibility == Visibility.DRAFT
    assert Initiative.objects.get(external_id="LAN 3").whole_county
    assert AuditEntry.objects.filter(action="initiative.created").count() == 4
    # Importing the same file again changes nothing and writes no audit rows.
    audit = AuditEntry.objects.count()
    again = exchange.import_initiatives(actor=personas.coordinator, period=period, name=f"plan.{kind}", content=first)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    assert AuditEntry.objects.count() == audit


@pytest.mark.django_db
def test_the_english_description_is_exported_and_a_file_without_its_column_keeps_it(
    personas: Personas, reference: dict[str, Any]
) -> None:
    period = reference["period"]
    _plan(personas)
    rows = [dict(zip(COLUMNS, row, strict=True)) for row in exchange.export_rows(period)]
    assert COLUMNS.index("description_en") == COLUMNS.index("description_sv") + 1
    assert rows[1]["external_id"] == "LUD-1" and rows[1]["description_en"] == "Line one;\nline two."
    # A file exported before the column existed: the English descriptions stay as they are.
    older = [name for name in COLUMNS if name != "description_en"]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(older)
    writer.writerows([row[name] for name in older] for row in rows)
    plans = exchange.check_file("gammal.csv", buffer.getvalue().encode(), period)
    assert {plan.action for plan in plans} == {"unchanged"}
    edited = {**rows[1], "description_en": "New text."}
    content = _csv([edited])
    (plan,) = exchange.check_file("ny.csv", content, period)
    assert plan.changed == ["description_en"]
    exchange.import_initiatives(actor=personas.coordinator, period=period, name="ny.csv", content=content)
    assert Initiative.objects.get(external_id="LUD-1").description_en == "New text."


@pytest.mark.django_db
def test_the_csv_guards_formulas_and_excel_reads_it_as_utf8(personas: Personas, reference: dict[str, Any]) -> None:
    _plan(personas)
    content = files.to_csv(exchange.export_rows(reference["period"]))
    assert content.startswith(b"\xef\xbb\xbf")
    assert ",'=2+2 språkpraktik," in content.decode("utf-8-sig")


@pytest.mark.django_db
def test_an_existing_external_id_updates_and_new_ones_create_drafts(
    personas: Personas, reference: dict[str, Any]
) -> None:
    period = reference["period"]
    existing = make_initiative(personas.org_a, "Gammal titel", external_id="X-1", status="ongoing", progress=10)
    content = _csv(
        [
            _row("X-1", title_sv="Ny titel", visibility="", progress="20"),
            _row("X-2", visibility=""),
            _row("X-3", visibility="published"),
        ],
        delimiter=";",
        bom=True,
    )
    plans = exchange.check_file("svensk-excel.csv", content, period)
    assert [(p.key, p.action, p.changed) for p in plans] == [
        ("X-1", "update", ["title_sv", "summary_sv", "progress"]),
        ("X-2", "create", []),
        ("X-3", "create", []),
    ]
    exchange.import_initiatives(actor=personas.coordinator, period=period, name="svensk-excel.csv", content=content)
    existing.refresh_from_db()
    assert (existing.title_sv, existing.progress, existing.visibility) == ("Ny titel", 20, Visibility.PUBLISHED)
    assert Initiative.objects.get(external_id="X-2").visibility == Visibility.DRAFT
    published = Initiative.objects.get(external_id="X-3")
    assert published.visibility == Visibility.PUBLISHED and published.published_at is not None
    assert AuditEntry.objects.filter(action="initiative.updated", object_id=str(existing.pk)).exists()
    assert AuditEntry.objects.filter(action="initiative.published", object_id=str(published.pk)).exists()


@pytest.mark.django_db
def test_an_unkeyed_initiative_is_found_by_its_slug_and_gets_it_as_external_id(
    personas: Personas, reference: dict[str, Any]
) -> None:
    unkeyed = make_initiative(personas.org_a, "Utan id", slug="utan-id")
    content = _csv([_row("utan-id", title_sv="Utan id, ändrad")])
    exchange.import_initiatives(actor=personas.coordinator, period=reference["period"], name="a.csv", content=content)
    unkeyed.refresh_from_db()
    assert (unkeyed.external_id, unkeyed.title_sv) == ("utan-id", "Utan id, ändrad")
    assert Initiative.objects.count() == 1


BAD_ROWS = [
    _row("B-1", lead_organisation="finns-inte"),
    _row("B-2", starts_on="2026-13-01"),
    _row("B-3", themes="arbete/anstallning|arbete/okant"),
    _row("B-1", title_sv="Samma id igen"),
    _row("B-5", parent="SAKNAS"),
    _row("B-6", progress="101"),
    _row("B-7", status="klar"),
    _row("B-8", starts_on="2026-05-01", ends_on="2026-04-01"),
    _row("B-9", title_sv="", municipalities="*|2080"),
    _row("B-10", municipalities="9999", target_groups="okand"),
    _row("B-11", visibility="hemlig", progress="-3"),
    _row("", themes=""),
    _row("B-13", parent="B-13"),
    _row("B-14", parent="B-15"),
    _row("B-15", parent="B-16"),
    _row("B-16", title_sv="x" * 201),
    _row("B-17", lead_organisation="forening-a", municipalities="", themes=""),
]


@pytest.mark.django_db
def test_every_bad_row_is_reported_with_its_line_column_and_reason(
    personas: Personas, reference: dict[str, Any]
) -> None:
    make_initiative(personas.org_a, "Befintlig", external_id="B-OLD")
    before = list(Initiative.objects.values_list("pk", "title_sv", "updated_at"))
    content = _csv([*BAD_ROWS, _row("B-OLD", title_sv="Skulle ändras")])
    with pytest.raises(exchange.ImportRejected) as rejected:
        exchange.import_initiatives(
            actor=personas.coordinator, period=reference["period"], name="fel.csv", content=content
        )
    found = [(p.line, p.column) for p in rejected.value.problems]
    assert found == [
        (2, "lead_organisation"),
        (3, "starts_on"),
        (4, "themes"),
        (5, "external_id"),
        (6, "parent"),
        (7, "progress"),
        (8, "status"),
        (9, "ends_on"),
        (10, "title_sv"),
        (10, "municipalities"),
        (11, "municipalities"),
        (11, "target_groups"),
        (12, "progress"),
        (12, "visibility"),
        (13, "external_id"),
        (13, "themes"),
        (14, "parent"),
        (15, "parent"),
        (16, "parent"),
        (17, "title_sv"),
        (18, "themes"),
        (18, "municipalities"),
    ]
    messages = {(p.line, p.column): p.message for p in rejected.value.problems}
    assert "finns-inte" in messages[(2, "lead_organisation")]
    assert "rad 2" in messages[(5, "external_id")]
    assert "SAKNAS" in messages[(6, "parent")]
    assert "själv en delinsats" in messages[(15, "parent")]
    assert "egna delinsatser" in messages[(16, "parent")]
    assert list(Initiative.objects.values_list("pk", "title_sv", "updated_at")) == before
    assert not AuditEntry.objects.filter(action__startswith="initiative.").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("plan.txt", b"external_id\n", "CSV- eller XLSX"),
        ("plan.csv", b"", "tom"),
        ("plan.csv", "external_id;title_sv\nå".encode("latin-1"), "UTF-8"),
        ("plan.csv", b"PK\x03\x04rest", "Excel-fil"),
        ("plan.csv", b"external_id\x00", "textfil"),
        ("plan.csv", b"external_id,title_sv\nA,B\n", "saknas"),
        ("plan.csv", (",".join(COLUMNS) + ",extra\n").encode(), "okända kolumner: extra"),
        ("plan.csv", (",".join(COLUMNS) + "\n").encode(), "bara en rubrikrad"),
        ("plan.xlsx", b"not a zip at all", "giltig XLSX"),
    ],
)
def test_uploads_are_checked_for_type_encoding_and_header(name: str, content: bytes, message: str) -> None:
    with pytest.raises(UploadError, match=message):
        files.read_table(name, content)


def test_a_zip_that_is_no_workbook_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hej")
    with pytest.raises(UploadError, match="giltig XLSX"):
        files.read_table("plan.xlsx", buffer.getvalue())


def test_size_is_limited(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "MAX_UPLOAD_BYTES", 10)
    with pytest.raises(UploadError, match="för stor"):
        files.read_table("plan.csv", b"x" * 11)


def test_xlsx_cells_typed_by_excel_are_read_as_text() -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(COLUMNS))
    values: dict[str, Any] = {**_row("X"), "starts_on": datetime.datetime(2026, 1, 2), "progress": 40.0}
    sheet.append([values.get(column) for column in COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    [(line, row)] = files.read_table("plan.xlsx", buffer.getvalue())
    assert (line, row["starts_on"], row["progress"], row["title_en"]) == (2, "2026-01-02", "40", "")


@pytest.mark.django_db
def test_a_row_with_more_cells_than_the_header_is_reported(personas: Personas, reference: dict[str, Any]) -> None:
    content = _csv([_row("S-1", visibility="draft")]).replace(b"Kort om insatsen", b"Kort, om, insatsen")
    _, problems = exchange.validate(files.read_table("a.csv", content), exchange.load_reference(reference["period"]))
    assert (problems[0].line, problems[0].column) == (2, "")
    assert "fler ifyllda celler" in problems[0].message


def test_long_values_are_shortened_in_messages() -> None:
    assert shown("x" * 100) == "x" * 59 + "…"


def test_a_comma_separated_file_without_bom_is_read() -> None:
    [(line, row)] = files.read_table("plan.csv", _csv([_row("C-1", summary_sv="a; b")]))
    assert (line, row["summary_sv"]) == (2, "a; b")


# The views ---------------------------------------------------------------------------------------


def _upload(client: Client, content: bytes, name: str = "plan.csv") -> Any:
    return client.post(reverse("actionplan:import"), {"file": SimpleUploadedFile(name, content)})


@pytest.mark.django_db
def test_upload_preview_then_confirm(personas: Personas, reference: dict[str, Any]) -> None:
    client = personas.client("coordinator")
    response = _upload(client, _csv([_row("V-1"), _row("V-2", parent="V-1")]))
    assert response.status_code == 200
    assert [(p.key, p.action) for p in response.context["changes"]] == [("V-1", "create"), ("V-2", "create")]
    assert not Initiative.objects.exists()  # nothing before the confirmation
    token = response.context["token"]
    response = client.post(reverse("actionplan:import_confirm"), {"token": token})
    assert response.status_code == 302 and response["Location"] == reverse("actionplan:import")
    assert Initiative.objects.get(external_id="V-2").parent == Initiative.objects.get(external_id="V-1")
    # The stored file is gone: confirming again does nothing.
    response = client.post(reverse("actionplan:import_confirm"), {"token": token}, follow=True)
    assert "gått ut" in response.content.decode()
    assert Initiative.objects.count() == 2


@pytest.mark.django_db
def test_a_wrong_token_confirms_nothing(personas: Personas, reference: dict[str, Any]) -> None:
    client = personas.client("coordinator")
    _upload(client, _csv([_row("V-1")]))
    response = client.post(reverse("actionplan:import_confirm"), {"token": "fel"}, follow=True)
    assert "gått ut" in response.content.decode()
    assert not Initiative.objects.exists()


@pytest.mark.django_db
def test_bad_rows_are_listed_on_the_page_and_nothing_is_stored(personas: Personas, reference: dict[str, Any]) -> None:
    client = personas.client("coordinator")
    response = _upload(client, _csv([_row("V-1"), _row("V-2", ends_on="31/12/2026")]), name="min fil.csv")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Filen har fel – ingenting har ändrats" in html and "min fil.csv" in html
    assert [(p.line, p.column) for p in response.context["problems"]] == [(3, "ends_on")]
    assert "31/12/2026" in html
    assert exchange_session(client) is None
    assert not Initiative.objects.exists()


def exchange_session(client: Client) -> Any:
    return client.session.get("actionplan_import")


def _pending_files() -> list[Path]:
    return sorted(pending.folder().glob("*")) if pending.folder().exists() else []


@pytest.mark.django_db
def test_the_previewed_file_waits_in_private_storage_and_the_session_holds_only_its_token(
    personas: Personas, reference: dict[str, Any], settings: Any
) -> None:
    client = personas.client("coordinator")
    content = _csv([_row("V-1")])
    token = _upload(client, content).context["token"]
    assert exchange_session(client) == token
    [kept] = _pending_files()
    assert kept.name.startswith(token) and kept.is_relative_to(Path(settings.MEDIA_ROOT))
    assert kept.read_bytes().endswith(content)
    client.post(reverse("actionplan:import_confirm"), {"token": token})
    assert Initiative.objects.filter(external_id="V-1").exists()
    assert _pending_files() == [] and exchange_session(client) is None


@pytest.mark.django_db
def test_a_token_from_another_session_opens_nothing(personas: Personas, reference: dict[str, Any]) -> None:
    uploader = personas.client("coordinator")
    token = _upload(uploader, _csv([_row("V-1")])).context["token"]
    # The same coordinator in another browser, and another coordinator, both with the token in hand.
    elsewhere = personas.client("coordinator")
    other_coordinator = Client()
    other_coordinator.force_login(make_user("annan@test.example", roles=(StaffRole.COORDINATOR,)))
    for client in (elsewhere, other_coordinator):
        response = client.post(reverse("actionplan:import_confirm"), {"token": token}, follow=True)
        assert "gått ut" in response.content.decode()
    assert not Initiative.objects.exists()
    # The file is still there for the session that uploaded it.
    response = uploader.post(reverse("actionplan:import_confirm"), {"token": token})
    assert response.status_code == 302 and Initiative.objects.filter(external_id="V-1").exists()
    assert _pending_files() == []


@pytest.mark.django_db
def test_the_pending_upload_belongs_to_the_user_who_made_it(personas: Personas) -> None:
    token = pending.keep(name="plan.csv", content=b"x", uploaded_by=personas.coordinator.pk)
    session = SessionStore()
    session[pending.SESSION_KEY] = token
    upload = get_pending_upload_for(personas.coordinator, session, token)
    assert upload is not None and (upload.name, upload.content) == ("plan.csv", b"x")
    assert get_pending_upload_for(personas.editor_a, session, token) is None
    assert get_pending_upload_for(personas.coordinator, session, "0" * 32) is None
    assert get_pending_upload_for(personas.coordinator, SessionStore(), token) is None
    assert pending.load("../../etc/passwd") is None


@pytest.mark.django_db
def test_cancelling_the_preview_deletes_the_file(personas: Personas, reference: dict[str, Any]) -> None:
    client = personas.client("coordinator")
    token = _upload(client, _csv([_row("V-1")])).context["token"]
    assert len(_pending_files()) == 1
    client.get(reverse("actionplan:import"))  # the preview's "Avbryt" link
    assert _pending_files() == [] and exchange_session(client) is None
    response = client.post(reverse("actionplan:import_confirm"), {"token": token}, follow=True)
    assert "gått ut" in response.content.decode()
    assert not Initiative.objects.exists()


@pytest.mark.django_db
def test_a_new_upload_replaces_the_previous_one_and_purges_old_files(
    personas: Personas, reference: dict[str, Any]
) -> None:
    abandoned = pending.keep(name="gammal.csv", content=b"x", uploaded_by=personas.coordinator.pk)
    path = pending.folder() / f"{abandoned}{pending.SUFFIX}"
    old = time.time() - pending.MAX_AGE.total_seconds() - 60
    os.utime(path, (old, old))
    assert pending.load(abandoned) is None  # expired: gone, and no preview to confirm
    assert not path.exists()
    stale = pending.keep(name="gammal.csv", content=b"x", uploaded_by=personas.coordinator.pk)
    os.utime(pending.folder() / f"{stale}{pending.SUFFIX}", (old, old))
    client = personas.client("coordinator")
    first = _upload(client, _csv([_row("V-1")])).context["token"]
    second = _upload(client, _csv([_row("V-2")])).context["token"]
    assert [path.name for path in _pending_files()] == [f"{second}{pending.SUFFIX}"]
    response = client.post(reverse("actionplan:import_confirm"), {"token": first})
    assert response.status_code == 302 and not Initiative.objects.exists()
    client.post(reverse("actionplan:import_confirm"), {"token": second})
    assert list(Initiative.objects.values_list("external_id", flat=True)) == ["V-2"]


@pytest.mark.django_db
def test_data_changed_after_the_preview_is_checked_again(personas: Personas, reference: dict[str, Any]) -> None:
    client = personas.client("coordinator")
    response = _upload(client, _csv([_row("V-1", lead_organisation="forening-b")]))
    personas.org_b.slug = "bytt-namn"
    personas.org_b.save()
    response = client.post(reverse("actionplan:import_confirm"), {"token": response.context["token"]})
    assert response.status_code == 200
    assert [(p.line, p.column) for p in response.context["problems"]] == [(2, "lead_organisation")]
    assert not Initiative.objects.exists()


@pytest.mark.django_db
def test_the_upload_form_shows_its_errors(personas: Personas, reference: dict[str, Any]) -> None:
    client = personas.client("coordinator")
    response = client.post(reverse("actionplan:import"), {})
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    response = _upload(client, b"hej", name="plan.pdf")
    html = response.content.decode()
    assert "CSV- eller XLSX-fil" in html and 'class="error-summary"' in html


@pytest.mark.django_db
def test_an_infected_import_file_is_refused_before_any_row_is_read(
    personas: Personas, reference: dict[str, Any], settings: Any
) -> None:
    client = personas.client("coordinator")
    infected = _csv([_row("V-1")]) + EICAR
    with FakeClamd() as clamd:
        settings.CLAMAV_ADDRESS = clamd.address
        response = _upload(client, infected)
    assert clamd.streams == [infected]
    assert f"Filen stoppades av viruskontrollen ({SIGNATURE})." in response.content.decode()
    assert "changes" not in response.context
    assert exchange_session(client) is None


@pytest.mark.django_db
def test_the_import_page_explains_every_column_in_order(personas: Personas, reference: dict[str, Any]) -> None:
    html = personas.client("coordinator").get(reverse("actionplan:import")).content.decode()
    table = html[html.index('id="columns-caption"') :]
    assert re.findall(r'<th scope="row"><code>([a-z_]+)</code></th>', table) == list(COLUMNS)
    assert "Kommunkoder åtskilda med |, eller * för hela länet. Obligatorisk." in table


@pytest.mark.django_db
def test_export_downloads_csv_and_xlsx(personas: Personas, reference: dict[str, Any]) -> None:
    _plan(personas)
    client = personas.client("coordinator")
    response = client.get(reverse("actionplan:export"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="insatser-2015-2020-')
    assert response.content == files.to_csv(exchange.export_rows(reference["period"]))
    response = client.get(reverse("actionplan:export"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == COLUMNS and len(rows) == 5
    assert rows[1][11] is None and rows[2][11] == datetime.datetime(2018, 8, 1)  # dates as dates


def _status(client: Client, url: str, method: str = "get", data: dict[str, Any] | None = None) -> int:
    response = getattr(client, method)(url, data or {})
    if response.status_code == 302 and response["Location"].startswith(LOGIN):
        return 302
    return response.status_code


@pytest.mark.parametrize("persona", PERSONA_NAMES)
@pytest.mark.django_db
def test_only_coordinators_import_and_export(personas: Personas, reference: dict[str, Any], persona: str) -> None:
    initiative = make_initiative(personas.org_a, "Finns", external_id="F-1")
    client = personas.client(persona)
    expected = {"anonymous": 302, "editor_a": 403, "editor_b": 403, "coordinator": 200}[persona]
    assert _status(client, reverse("actionplan:import")) == expected
    assert _status(client, reverse("actionplan:export")) == expected
    assert _status(client, reverse("actionplan:export") + "?format=xlsx") == expected
    upload = {"file": SimpleUploadedFile("a.csv", _csv([_row("F-1", title_sv="Kapad")]))}
    assert _status(client, reverse("actionplan:import"), "post", upload) == expected
    confirm = {"anonymous": 302, "editor_a": 403, "editor_b": 403, "coordinator": 302}[persona]
    assert _status(client, reverse("actionplan:import_confirm"), "post", {"token": "x"}) == confirm
    # A GET of the confirmation is refused (after the login check).
    get_confirm = {"anonymous": 302, "editor_a": 405, "editor_b": 405, "coordinator": 405}[persona]
    assert _status(client, reverse("actionplan:import_confirm")) == get_confirm
    initiative.refresh_from_db()
    assert initiative.title_sv == "Finns"


@pytest.mark.django_db
def test_services_are_used_so_the_model_rules_hold(personas: Personas, reference: dict[str, Any]) -> None:
    """An import may not make an initiative with children a sub-initiative (the form's rule too)."""
    parent = make_initiative(personas.org_a, "Förälder", external_id="P")
    child = make_initiative(personas.org_a, "Barn", external_id="C")
    services.update_initiative(actor=personas.coordinator, initiative=child, data={"parent": parent})
    other = make_initiative(personas.org_a, "Annan", external_id="O")
    content = _csv([_row("P", parent="O")])
    with pytest.raises(exchange.ImportRejected) as rejected:
        exchange.check_file("a.csv", content, reference["period"])
    assert [(p.line, p.column) for p in rejected.value.problems] == [(2, "parent")]
    assert other.children.count() == 0 and theme().initiatives.count() == 3


@pytest.mark.django_db
def test_the_demo_plan_survives_a_round_trip(personas: Personas) -> None:
    """The real reference data and demo plan: export, empty the plan, import, export again: the same file."""
    from django.core.management import call_command

    from vagenin.actionplan.models import IndicatorActual

    call_command("load_reference", stdout=io.StringIO())
    call_command("load_demo_data", force=True, stdout=io.StringIO())
    period = Initiative.objects.get(external_id="demo-ludvikamodellen").period
    first = files.to_csv(exchange.export_rows(period))
    IndicatorActual.objects.all().delete()  # they protect the approved reports of the initiatives
    _wipe()
    result = exchange.import_initiatives(actor=personas.coordinator, period=period, name="plan.csv", content=first)
    assert result.created == first.count(b"\r\n") - 1
    assert files.to_csv(exchange.export_rows(period)) == first
