"""Parsers for Migrationsverket's published settlement exports, read exactly as published. No Django here.

Two exports are read:

- **Anvisningar enligt kommuntalen** (assignments under the municipal quotas): a header row naming the
  columns Län, Kommun, Länskod, Kommunkod, Tal, Mottagna, then per county one row without a municipality
  (the county's quota "Tal" and the number received "Mottagna") and one row per municipality with a quota.
  A municipality without a row had no quota. The export states no year, so the year comes from the file
  name as published (``Anvisningar_enligt_kommuntalen_2018.csv``) or from the caller.
- **Kommunmottagna enligt ersättningsförordningen** (people received by municipalities under the
  compensation ordinance): header lines (``Rubrik`` with the title and year, ``Uppdaterad`` with the
  time of the extract, explanatory notes), a column header of categories each followed by a "varav ensamk
  barn" (of whom unaccompanied children) column and a final Totalt pair, then per county the rows of its
  municipalities (the county named on the first), a ``Delsumma`` subtotal row and a blank row, and at the
  end a national ``Totalt`` row. Empty cells mean zero; thousands are separated by a space ("1 381").

Nothing of one year is written into the code: the year, title, update time, notes, categories and column
positions are read from each file, the encoding (UTF-8 with or without BOM, UTF-16 with BOM, else
Windows-1252 as Excel saves it) and the delimiter (semicolon, comma or tab) are detected.

Municipalities are matched by code where the file has one, otherwise by name against the caller's list
(code → official name, e.g. "Faluns kommun" or "Falun"), through :func:`normalise_name` and, for the few
spellings of Migrationsverket's that normalisation cannot match, the documented :data:`ALIASES`. The county
of a municipality is the first two digits of its code.

Every problem is collected with its file name, line number and reason, and the parser raises them all
together in :class:`ImportRejected`; it never returns a partial result. Subtotals are checked against the
sum of their municipalities, row totals against the sum of their categories, so a damaged file is noticed.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from vagenin.settlement.migrationsverket.names import ALIASES, MunicipalityNames, UnknownMunicipality, normalise_name
from vagenin.settlement.migrationsverket.quotas import CountyQuota, MunicipalityQuota, QuotaExport, parse_quota_export
from vagenin.settlement.migrationsverket.reading import (
    DELIMITERS,
    STOCKHOLM,
    ImportRejected,
    RowIssue,
    header_key,
    read,
)
from vagenin.settlement.migrationsverket.reception import (
    Category,
    CountyReception,
    MunicipalityReception,
    NationalReception,
    Received,
    ReceptionExport,
    parse_reception_export,
)

__all__ = [
    "ALIASES",
    "DELIMITERS",
    "STOCKHOLM",
    "Category",
    "CountyQuota",
    "CountyReception",
    "ExportKind",
    "ImportRejected",
    "MunicipalityNames",
    "MunicipalityQuota",
    "MunicipalityReception",
    "NationalReception",
    "QuotaExport",
    "Received",
    "ReceptionExport",
    "RowIssue",
    "UnknownMunicipality",
    "detect_kind",
    "normalise_name",
    "parse_export",
    "parse_quota_export",
    "parse_reception_export",
]


class ExportKind(StrEnum):
    """Which of Migrationsverket's exports a file is."""

    QUOTAS = "anvisningar_enligt_kommuntalen"
    RECEPTION = "kommunmottagna_enligt_ersattningsforordningen"


def detect_kind(data: bytes, *, file_name: str) -> ExportKind:
    """Which export a file is, from its column header; ImportRejected if neither."""
    text = read(data, file_name)
    for record in text.records:
        keys = {header_key(cell) for cell in record.cells}
        if {"kommunkod", "tal"} <= keys:
            return ExportKind.QUOTAS
        if any(key.startswith("varav") for key in keys):
            return ExportKind.RECEPTION
    raise ImportRejected([RowIssue(file_name, 0, "neither export: no Kommunkod/Tal nor 'varav ensamk barn' header")])


def parse_export(
    data: bytes, *, file_name: str, municipalities: Mapping[str, str], year: int | None = None
) -> QuotaExport | ReceptionExport:
    """Read either export, whichever the file is; ImportRejected listing every problem if any."""
    if detect_kind(data, file_name=file_name) is ExportKind.QUOTAS:
        return parse_quota_export(data, file_name=file_name, municipalities=municipalities, year=year)
    return parse_reception_export(data, file_name=file_name, municipalities=municipalities, year=year)
