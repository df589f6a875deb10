"""Reading and writing the import and export file: CSV (UTF-8, comma or semicolon) and XLSX, with the header
row of COLUMNS. Every cell is read as text; what the text means is for the columns' parse functions."""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from vagenin.actionplan.exchange.columns import COLUMNS, NAMES

EXTENSIONS = (".csv", ".xlsx")
MAX_ROWS = 20_000
# MAX_ROWS rows must fit: a generated 10,000-row CSV is 7.3 MB (about 730 bytes a row); 24 MB leaves room for
# rows with long descriptions. nginx's client_max_body_size (docs/deploy.md) must be above it.
MAX_UPLOAD_BYTES = 24 * 1024 * 1024
# An XLSX file is a zip archive: refuse one that would unpack to far more than any real sheet.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
XLSX_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
BOM = "\ufeff"
# Spreadsheets run a cell starting with these as a formula; the CSV export puts an apostrophe in front.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# A row of the file: one text per column of COLUMNS, in their order.
Row = tuple[str, ...]
# read_table marks a row with filled cells beyond the header here, so that the row can be reported.
EXTRA_CELLS = "_extra_cells"


class UploadError(Exception):
    """The file as a whole cannot be read (wrong type, encoding, size or header)."""


# Reading files --------------------------------------------------------------------------------------


def check_name_and_size(name: str, size: int) -> str:
    """The file's extension (".csv" or ".xlsx") if its name and size are acceptable; else UploadError.

    Only the name and size: common.uploads.scan_for_viruses and read_table check the content.
    """
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in EXTENSIONS:
        raise UploadError(_("Filen måste vara en CSV- eller XLSX-fil (filnamnet ska sluta på .csv eller .xlsx)."))
    if size > MAX_UPLOAD_BYTES:
        raise UploadError(
            _("Filen är för stor: högst %(megabytes)s MB.") % {"megabytes": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    if size == 0:
        raise UploadError(_("Filen är tom."))
    return extension


def read_table(name: str, content: bytes) -> list[tuple[int, dict[str, str]]]:
    """The data rows of an uploaded file as (line number, {column: text}); the header is line 1.

    A row with filled cells beyond the header (a stray separator or quote) gets their count under EXTRA_CELLS.
    """
    extension = check_name_and_size(name, len(content))
    records = _read_xlsx(content) if extension == ".xlsx" else _read_csv(content)
    header = [_clean(cell).strip().lower() for cell in (records[0] if records else [])]
    if not any(header):
        raise UploadError(_("Filen saknar rubrikrad."))
    missing = [column.name for column in COLUMNS if column.name not in header and not column.optional]
    unknown = [column for column in header if column and column not in NAMES]
    duplicated = sorted({column for column in header if column and header.count(column) > 1})
    if missing or unknown or duplicated:
        parts = []
        if missing:
            parts.append(_("kolumner som saknas: %(columns)s") % {"columns": ", ".join(missing)})
        if unknown:
            parts.append(_("okända kolumner: %(columns)s") % {"columns": ", ".join(unknown)})
        if duplicated:
            parts.append(_("kolumner som finns två gånger: %(columns)s") % {"columns": ", ".join(duplicated)})
        raise UploadError(_("Rubrikraden stämmer inte: %(problems)s.") % {"problems": "; ".join(parts)})
    rows = []
    for number, record in enumerate(records[1:], start=2):
        values = {column: _clean(record[i]) if i < len(record) else "" for i, column in enumerate(header) if column}
        extra = sum(1 for cell in record[len(header) :] if cell.strip())
        if extra:
            values[EXTRA_CELLS] = str(extra)
        if any(value.strip() for value in values.values()):
            rows.append((number, values))
    if not rows:
        raise UploadError(_("Filen innehåller inga insatser, bara en rubrikrad."))
    if len(rows) > MAX_ROWS:
        raise UploadError(_("Filen har för många rader: högst %(rows)s.") % {"rows": MAX_ROWS})
    return rows


def _clean(value: str) -> str:
    """Undo the export's guard against formulas and normalise line breaks."""
    if value.startswith("'") and value[1:2] and value[1] in FORMULA_START:
        value = value[1:]
    return value.replace("\r\n", "\n")


def _read_csv(content: bytes) -> list[list[str]]:
    if content.startswith(b"PK\x03\x04"):
        raise UploadError(_("Filen är en Excel-fil, inte CSV. Ge den ändelsen .xlsx."))
    if b"\x00" in content:
        raise UploadError(_("Filen är inte en textfil."))
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UploadError(
            _("Filen är inte sparad som UTF-8. Spara den som ”CSV UTF-8 (kommaavgränsad)” och försök igen.")
        ) from error
    text = text.removeprefix(BOM)
    first_line = text.split("\n", 1)[0]
    # Swedish Excel separates with semicolons, most other tools with commas; the header tells which.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as error:
        raise UploadError(_("Filen är inte giltig CSV: %(error)s") % {"error": error}) from error


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    buffer = io.BytesIO(content)
    if not zipfile.is_zipfile(buffer):
        raise UploadError(_("Filen är inte en giltig XLSX-fil."))
    try:
        with zipfile.ZipFile(buffer) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise UploadError(_("Filen är inte en giltig XLSX-fil.")) from error
    if not all(part in names for part in XLSX_PARTS):
        raise UploadError(_("Filen är inte en giltig XLSX-fil."))
    if unpacked > MAX_UNPACKED_BYTES:
        raise UploadError(_("Filen är för stor när den packas upp."))
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds of errors for broken files
        raise UploadError(_("Filen är inte en giltig XLSX-fil.")) from error
    try:
        sheet = workbook.worksheets[0]
        records = []
        for record in sheet.iter_rows(values_only=True):
            records.append([_cell_text(value) for value in record])
            if len(records) > MAX_ROWS + 1:
                break
        return records
    finally:
        workbook.close()


# Writing files --------------------------------------------------------------------------------------


def _guard(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


def to_csv(rows: Iterable[Row]) -> bytes:
    """UTF-8 with a byte-order mark (so Excel reads å, ä and ö), comma-separated, header first."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(NAMES)
    writer.writerows([_guard(value) for value in row] for row in rows)
    return (BOM + buffer.getvalue()).encode("utf-8")


def to_xlsx(rows: Iterable[Row]) -> bytes:
    """One sheet with the same columns; dates as dates, progress as a number, everything else as text.

    Written in openpyxl's write-only mode, row by row: time and memory grow linearly with the rows.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("initiatives")
    sheet.freeze_panes = "A2"  # before the first row: write-only sheets write their views first
    bold = Font(bold=True)
    header = []
    for name in NAMES:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        cells = []
        for column, value in zip(COLUMNS, row, strict=True):
            if column.kind == "date" and value:
                cell = WriteOnlyCell(sheet, value=datetime.date.fromisoformat(value))
                cell.number_format = "yyyy-mm-dd"
            elif column.kind == "date":
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "yyyy-mm-dd"
            elif column.kind == "integer":
                cell = WriteOnlyCell(sheet, value=int(value))
            else:
                cell = WriteOnlyCell(sheet, value=value)
                if column.kind == "text":
                    cell.data_type = "s"  # a title starting with "=" stays text, never a formula
            cells.append(cell)
        sheet.append(cells)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
