"""CSV and XLSX beside JSON for every endpoint: `?format=csv`, `?format=csv-excel` (a Swedish Excel's CSV) and
`?format=xlsx`."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from rest_framework.renderers import BaseRenderer

# A cell starting with one of these runs as a formula in spreadsheet programs (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# Columns that hold codes (kommunkod, länskod, organisationsnummer): text, never numbers ("0180" keeps its zero).
CODE_COLUMN = re.compile(r"(^|[._])(code|organisation_number)$")
DIGITS = re.compile(r"^[0-9][0-9-]*$")


def _cell(value: Any) -> Any:
    """One value as a CSV cell: lists of slugs or scalars joined with "|", other nested data as JSON."""
    if isinstance(value, list):
        if all(isinstance(item, dict) and "slug" in item for item in value):
            value = "|".join(str(item["slug"]) for item in value)
        elif all(not isinstance(item, dict | list) for item in value):
            value = "|".join("" if item is None else str(item) for item in value)
        else:
            value = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _rows(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, dict) and "results" in data:
        rows = data["results"]
    elif isinstance(data, list):
        rows = data
    else:
        rows = [data]
    return [_flatten(row) for row in rows if isinstance(row, dict)]


def _flatten(row: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = _cell(value)
    return flat


class CSVRenderer(BaseRenderer):
    """Renders a paginated list (its `results`) or a single object as CSV with a header row."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"
    extension = "csv"
    disposition = "inline"
    # Only chosen by `?format=`: the page cache tells formats apart by the query string (and CSV by Accept).
    format_only = False

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> bytes:
        flat = _rows(data)
        fields = self._fields(flat, renderer_context)
        self._name_download(renderer_context)
        return self.write(fields, flat)

    def write(self, fields: list[str], rows: list[dict[str, Any]]) -> bytes:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue().encode(self.charset)

    def _fields(self, flat: list[dict[str, Any]], renderer_context: Any) -> list[str]:
        fields = self._header(renderer_context)
        for row in flat:
            fields.extend(key for key in row if key not in fields)
        return fields

    def _header(self, renderer_context: Any) -> list[str]:
        """The serializer's field names, so an empty list still has its header row."""
        view = (renderer_context or {}).get("view")
        response = (renderer_context or {}).get("response")
        if view is None or response is None or response.status_code >= 400 or not hasattr(view, "get_serializer"):
            return []
        return list(view.get_serializer().fields)

    def _name_download(self, renderer_context: Any) -> None:
        request = (renderer_context or {}).get("request")
        response = (renderer_context or {}).get("response")
        if request is None or response is None or response.status_code >= 400:
            return
        name = re.sub(r"[^A-Za-z0-9_-]", "", request.path.rstrip("/").rsplit("/", 1)[-1]) or "data"
        response["Content-Disposition"] = f'{self.disposition}; filename="{name}.{self.extension}"'


class ExcelCSVRenderer(CSVRenderer):
    """CSV as a Swedish Excel opens it with a double click: UTF-8 with a byte order mark (else Excel reads
    Windows-1252 and "Hälsa" turns into "HÃ¤lsa"), semicolons between the cells (the comma is the Swedish decimal
    sign, so Excel's list separator is ";"), and codes written as `="0180"` so that Excel keeps them as text
    instead of turning them into numbers without their leading zero."""

    format = "csv-excel"
    disposition = "attachment"
    format_only = True

    def write(self, fields: list[str], rows: list[dict[str, Any]]) -> bytes:
        for row in rows:
            for key, value in row.items():
                if CODE_COLUMN.search(key) and isinstance(value, str) and DIGITS.match(value):
                    row[key] = f'="{value}"'
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=fields, delimiter=";", lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
        return ("\ufeff" + out.getvalue()).encode(self.charset)


class XLSXRenderer(CSVRenderer):
    """The same table as an Excel workbook: one sheet, a header row, text cells for text and codes (a code is
    never a number, and a text starting with "=" is never a formula), numbers as numbers. Rows are appended in
    order in write-only mode, so a long list costs memory for one row at a time."""

    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    format = "xlsx"
    charset = None  # type: ignore[assignment]  # binary
    extension = "xlsx"
    disposition = "attachment"
    format_only = True
    render_style = "binary"

    def write(self, fields: list[str], rows: list[dict[str, Any]]) -> bytes:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("data")
        sheet.append(fields)
        for row in rows:
            sheet.append([self._xlsx_cell(sheet, field, row.get(field)) for field in fields])
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()

    @staticmethod
    def _xlsx_cell(sheet: Any, field: str, value: Any) -> Any:
        if value is None or isinstance(value, bool | int | float):
            return value
        cell = WriteOnlyCell(sheet, value=None)
        cell.value = str(value)
        cell.data_type = "s"  # text, even when it starts with "=": never a formula
        if CODE_COLUMN.search(field):
            cell.number_format = "@"
        return cell
