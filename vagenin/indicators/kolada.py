"""Kolada (RKA's municipal key figures) read into a `ParsedTable`: API v3 JSON pages and Region Dalarna's exports.

No Django here. A Kolada data page is
`{"values": [{"kpi": "N00914", "municipality": "1980", "period": 2022, "values": [{"gender": "T", "count": 1,
"status": "", "value": 63.2, "isdeleted": false}, ...]}, ...], "count": N, "next_url": ...}`.
Every KPI reads the same way: the KPI id is the indicator code, the municipality id is classified (Kolada writes
Sweden "0000" and a county "0020"; its municipality groups, "G…", are not geographies and are reported), the
period is a year, and the gender — K women, M men, T total — is the breakdown dimension "gender".

Status: an empty status with a value is final, a missing value is missing whatever the status says, and a value
with a non-empty status counts only if `statuses` says what that status means (otherwise it is reported, never
published with an unknown flag). A value marked `isdeleted` has been withdrawn by Kolada: it becomes a missing
observation, so that importing the page clears it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from vagenin.indicators.longcsv import GeographyFormat, LongCsvSpec, parse_long_csv
from vagenin.indicators.observations import (
    Breakdown,
    CategoryRecorder,
    Observation,
    ParsedTable,
    Role,
    Status,
    TableBuilder,
    classify_geography,
    parse_period,
)
from vagenin.indicators.reading import SourceError, load_json, read_csv_rows

GENDER = "gender"
GENDER_LABELS: Mapping[str, str] = {"T": "Totalt", "K": "Kvinnor", "M": "Män"}


def parse_kolada(
    pages: str | bytes | Sequence[str | bytes],
    *,
    source: str,
    statuses: Mapping[str, Status] | None = None,
) -> ParsedTable:
    """Read one Kolada API v3 data page, or all pages of one download in order."""
    builder = TableBuilder(source)
    known = dict(statuses or {})
    recorders = {role: CategoryRecorder() for role in (Role.INDICATOR, Role.GEOGRAPHY, Role.PERIOD)}
    genders = CategoryRecorder()
    page_list = [pages] if isinstance(pages, str | bytes) else list(pages)
    for number, page in enumerate(page_list, start=1):
        prefix = f"page {number}" if len(page_list) > 1 else ""
        try:
            document = load_json(page)
            entries = _entries(document, is_last=number == len(page_list))
        except SourceError as fatal:
            builder.error(_join(prefix, fatal.position), fatal.reason)
            continue
        for index, entry in enumerate(entries):
            _read_entry(_join(prefix, f"values[{index}]"), entry, known, recorders, genders, builder)
    dimensions = [
        recorders[Role.INDICATOR].dimension("kpi", "KPI", Role.INDICATOR),
        recorders[Role.GEOGRAPHY].dimension("municipality", "Kommun/region", Role.GEOGRAPHY),
        recorders[Role.PERIOD].dimension("period", "År", Role.PERIOD),
        genders.dimension(GENDER, "Kön", Role.BREAKDOWN),
    ]
    return builder.build(dimensions)


def _join(prefix: str, position: str) -> str:
    return f"{prefix}, {position}" if prefix else position


def _entries(document: Any, *, is_last: bool) -> list[Any]:
    """The entries of a page, checked against its count; the last page must not point to a next one."""
    if not isinstance(document, dict) or not isinstance(document.get("values"), list):
        raise SourceError("file", "not a Kolada data page: no 'values' list")
    entries: list[Any] = document["values"]
    count = document.get("count")
    if count is not None and count != len(entries):
        raise SourceError("count", f"'count' says {count} but the page has {len(entries)} values")
    if is_last and document.get("next_url"):
        raise SourceError("next_url", "the last page given has a next page: the download is incomplete")
    return entries


def _read_entry(
    where: str,
    entry: Any,
    statuses: Mapping[str, Status],
    recorders: Mapping[Role, CategoryRecorder],
    genders: CategoryRecorder,
    builder: TableBuilder,
) -> None:
    if not isinstance(entry, dict):
        builder.error(where, "an entry must be an object")
        return
    kpi, municipality, year, cells = (entry.get(key) for key in ("kpi", "municipality", "period", "values"))
    if not isinstance(kpi, str) or not kpi:
        builder.error(where, f"bad kpi {kpi!r}")
        return
    try:
        geography = classify_geography(str(municipality))
        period = parse_period(year if isinstance(year, int | str) and not isinstance(year, bool) else "")
    except ValueError as error:
        builder.error(where, str(error))
        return
    if not isinstance(cells, list):
        builder.error(where, "'values' must be a list")
        return
    recorders[Role.INDICATOR].record(kpi, kpi)
    recorders[Role.GEOGRAPHY].record(geography.code, str(municipality))
    recorders[Role.PERIOD].record(period.code, period.label)
    for index, cell in enumerate(cells):
        cell_where = f"{where}.values[{index}]"
        try:
            gender, value, status, symbol = _cell(cell, statuses)
        except ValueError as error:
            builder.error(f"{cell_where} ({kpi}, {municipality}, {period})", str(error))
            continue
        genders.record(gender, GENDER_LABELS[gender])
        observation = Observation(kpi, geography, period, Breakdown({GENDER: gender}), value, status, symbol)
        builder.add(observation, cell_where)


def _cell(cell: Any, statuses: Mapping[str, Status]) -> tuple[str, Decimal | None, Status, str]:
    """Gender, value, status and mark of one value object; ValueError with the reason."""
    if not isinstance(cell, dict):
        raise ValueError("a value must be an object")
    gender, raw, status_text = cell.get("gender"), cell.get("value"), cell.get("status") or ""
    if not isinstance(gender, str) or gender not in GENDER_LABELS:
        raise ValueError(f"unknown gender {gender!r} (expected K, M or T)")
    if not isinstance(status_text, str):
        raise ValueError(f"bad status {status_text!r}")
    if cell.get("isdeleted") is True:
        return gender, None, Status.MISSING, "isdeleted"
    if raw is None:
        return gender, None, Status.MISSING, status_text
    if isinstance(raw, bool) or not isinstance(raw, int | Decimal):
        raise ValueError(f"bad number {raw!r}")
    if not status_text:
        return gender, Decimal(raw), Status.FINAL, ""
    if status_text not in statuses:
        raise ValueError(f"unknown Kolada status {status_text!r} with a value; say what it means with statuses=")
    status = statuses[status_text]
    value = Decimal(raw) if status in {Status.FINAL, Status.PRELIMINARY} else None
    return gender, value, status, status_text


# ----------------------------------------------------------------------------------- Region Dalarna's export CSVs


def parse_kolada_export(
    text: str | bytes,
    *,
    source: str,
    kpis: Mapping[str, str],
    geography_names: Mapping[str, str],
) -> ParsedTable:
    """Read a flat Kolada export as Region Dalarna's R code writes it, through the long-CSV reader.

    Columns: "year", optionally "gender" (K/M/T), "municipality" (a NAME, mapped to a code by `geography_names`),
    and one value column per KPI, headed by the KPI's title; `kpis` maps each title to its KPI id, so a renamed
    title is a reported missing column, not a new series. Without a gender column the figures are the total,
    as Kolada reports a KPI not divided by gender, so they key the same as the API's.
    """
    header = _header(text)
    has_gender = GENDER in header
    spec = LongCsvSpec(
        geography="municipality",
        geography_format=GeographyFormat.NAME,
        geography_names=geography_names,
        period="year",
        values=kpis,
        breakdowns={GENDER: GENDER} if has_gender else {},
        value_codes={},
        fixed_breakdown={} if has_gender else {GENDER: "T"},
    )
    return parse_long_csv(text, spec=spec, source=source)


def _header(text: str | bytes) -> list[str]:
    """The column names of a CSV, or nothing when it cannot be read (the reader then reports why)."""
    try:
        rows, _ = read_csv_rows(text)
    except SourceError:
        return []
    return [column.strip() for column in rows[0][1]]
