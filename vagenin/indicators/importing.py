"""From a file and its options to a `ParsedTable` through the pure importers; periods as the database keeps them."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Mapping
from typing import Any

from vagenin.indicators.kolada import parse_kolada, parse_kolada_export
from vagenin.indicators.longcsv import GeographyFormat, LongCsvSpec, parse_long_csv
from vagenin.indicators.models import SourceKind
from vagenin.indicators.observations import ParsedTable, Period, PeriodKind, RowError
from vagenin.indicators.pxweb import parse_jsonstat, parse_pxweb_csv
from vagenin.organisations.models import County, Municipality


def geography_names() -> dict[str, str]:
    """Name → code for Sweden, every county (also as "Region X") and every municipality in the reference data."""
    names: dict[str, str] = {"Riket": "00", "Sverige": "00", "Hela riket": "00"}
    for county in County.objects.all():
        names[county.name] = county.code
        names[county.short_name] = names.get(county.short_name, county.code)
        names[f"Region {county.short_name}"] = county.code
        # Kolada names a county's region "Region Dalarna" whatever the short name on file.
        names[f"Region {county.name.removesuffix(' län').removesuffix('s')}"] = county.code
    for municipality in Municipality.objects.all():
        names[municipality.short_name] = municipality.code
        # "Region Gotland" is both the municipality's own name and the county's region: it stays the county's.
        names.setdefault(municipality.name, municipality.code)
    return names


def _lines(text: str) -> dict[str, str]:
    """ "column=CODE" lines as a mapping; blank lines skipped."""
    result: dict[str, str] = {}
    for line in text.splitlines():
        if "=" in line:
            key, _, value = line.partition("=")
            if key.strip() and value.strip():
                result[key.strip()] = value.strip()
    return result


def _value_codes(text: str) -> dict[str, dict[str, str]]:
    """ "column|label=code" lines as column → (label → code)."""
    result: dict[str, dict[str, str]] = {}
    for key, code in _lines(text).items():
        column, _, label = key.partition("|")
        if label:
            result.setdefault(column.strip(), {})[label.strip()] = code
    return result


def long_csv_spec(options: Mapping[str, Any]) -> LongCsvSpec:
    """The column mapping of a long CSV from the import form's options; ValueError when it does not hold."""
    geography_format = GeographyFormat(options.get("geography_format") or GeographyFormat.CODE)
    return LongCsvSpec(
        geography=options["geography_column"],
        geography_format=geography_format,
        geography_names=geography_names() if geography_format is GeographyFormat.NAME else {},
        period=options["period_column"],
        values=_lines(options.get("value_columns", "")),
        breakdowns=_lines(options.get("breakdown_columns", "")),
        value_codes=_value_codes(options.get("value_codes", "")),
        fixed_breakdown=_lines(options.get("fixed_breakdown", "")),
        ignore=frozenset(c.strip() for c in options.get("ignore_columns", "").split(",") if c.strip()),
    )


def parse_source(kind: str, content: bytes, *, source: str, options: Mapping[str, Any]) -> ParsedTable:
    """Read a file of the given kind; a problem with the options themselves is reported as a file error."""
    indicator = options.get("indicator") or None
    try:
        if kind == SourceKind.JSONSTAT:
            return parse_jsonstat(content, source=source, indicator=indicator)
        if kind == SourceKind.PXWEB_CSV:
            return parse_pxweb_csv(
                content, source=source, cell_format=options.get("cell_format") or "codes", indicator=indicator
            )
        if kind == SourceKind.KOLADA:
            return parse_kolada(content, source=source)
        if kind == SourceKind.KOLADA_EXPORT:
            return parse_kolada_export(
                content, source=source, kpis=_lines(options.get("kpis", "")), geography_names=geography_names()
            )
        if kind == SourceKind.LONG_CSV:
            return parse_long_csv(content, spec=long_csv_spec(options), source=source)
    except (ValueError, KeyError) as error:
        return ParsedTable(source, "", (), (), (RowError(source, "file", f"bad column mapping: {error}"),))
    return ParsedTable(source, "", (), (), (RowError(source, "file", f"unknown file format {kind!r}"),))


def period_dates(period: Period) -> tuple[datetime.date, datetime.date]:
    """First and last day of a period."""
    if period.kind is PeriodKind.MONTH:
        last = calendar.monthrange(period.year, period.number)[1]
        return datetime.date(period.year, period.number, 1), datetime.date(period.year, period.number, last)
    if period.kind is PeriodKind.QUARTER:
        first_month = 3 * period.number - 2
        last = calendar.monthrange(period.year, first_month + 2)[1]
        return datetime.date(period.year, first_month, 1), datetime.date(period.year, first_month + 2, last)
    return datetime.date(period.year, 1, 1), datetime.date(period.end_year, 12, 31)
