"""CSV for a Swedish Excel (`?format=csv-excel`) and XLSX (`?format=xlsx`) from every list."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from testsupport.inventory import load_site_data
from vagenin.api.views import LIST_ENDPOINTS, XLSX

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site_data(db: None) -> None:
    load_site_data()


def test_excel_csv_has_a_bom_semicolons_and_codes_as_text() -> None:
    response = Client().get(reverse("api:municipalities-list"), {"format": "csv-excel", "county": "01"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="municipalities.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert text.splitlines()[0] == "code;name;short_name;county_code"
    upplands_vasby = next(row for row in rows if row["short_name"] == "Upplands Väsby")
    # Excel shows ="0114" as the text 0114, with its leading zero.
    assert upplands_vasby["code"] == '="0114"' and upplands_vasby["county_code"] == '="01"'
    assert "\r\n" in text


def test_excel_csv_keeps_the_formula_guard() -> None:
    response = Client().get(reverse("api:organisations-list"), {"format": "csv-excel"})
    for row in csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"):
        for column, value in row.items():
            assert not value.startswith(("+", "-", "@")), (column, value)
            assert not value.startswith("=") or column.endswith(("code", "organisation_number")), (column, value)


@pytest.mark.parametrize("name", LIST_ENDPOINTS)
def test_every_list_as_xlsx(name: str) -> None:
    url = reverse(f"api:{name}-list")
    as_json = Client().get(url).json()
    response = Client().get(url, {"format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == f'attachment; filename="{name}.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + len(as_json["results"])
    if as_json["results"]:
        assert rows[0][0] == next(iter(as_json["results"][0]))


def test_xlsx_codes_are_text_cells() -> None:
    response = Client().get(reverse("api:municipalities-list"), {"format": "xlsx", "county": "01"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    code = sheet.cell(row=2, column=header.index("code") + 1)
    assert code.value == "0114" and code.data_type == "s" and code.number_format == "@"


def test_a_spreadsheet_format_is_chosen_by_the_parameter_only() -> None:
    """The page cache tells formats apart by the query string: an Accept header must not select XLSX."""
    response = Client(headers={"accept": XLSX}).get(reverse("api:organisations-list"))
    assert response.status_code == 406 and response["Content-Type"] == "application/json"


def test_errors_stay_json_whatever_the_format() -> None:
    for fmt in ("csv", "csv-excel", "xlsx"):
        response = Client().get(reverse("api:organisations-list"), {"format": fmt, "county": "x"})
        assert response.status_code == 400 and "county" in response.json(), fmt
        missing = Client().get(reverse("api:organisations-detail", args=["finns-inte"]), {"format": fmt})
        assert missing.status_code == 404 and missing.json()["detail"], fmt
