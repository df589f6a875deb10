"""The action plan as a document: areas, their themes and the initiatives serving each, and its XLSX form.

No Django here; the view renders the same data as a web page and as PDF, and translates the headings.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from vagenin.actionplan.overview.figures import Area, Initiative, Plan, Theme, initiative_sort_key


@dataclass(frozen=True)
class Entry:
    """An initiative as the document lists it."""

    initiative: Initiative
    lead: str
    partners: tuple[str, ...]
    progress: int
    parent_title: str | None

    @property
    def title(self) -> str:
        return self.initiative.title


@dataclass(frozen=True)
class ThemeSection:
    theme: Theme
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class AreaSection:
    area: Area
    themes: tuple[ThemeSection, ...]
    initiatives: int  # distinct initiatives in the area (one may serve several of its themes)


def build_document(plan: Plan, initiatives: Sequence[Initiative], progress: Mapping[int, int]) -> list[AreaSection]:
    """Areas in order, each theme in order with the given initiatives serving it, by title."""
    titles = {i.id: i.title for i in plan.initiatives}
    by_theme: dict[int, list[Entry]] = {theme.id: [] for theme in plan.themes}
    for initiative in sorted(initiatives, key=initiative_sort_key):
        partners = sorted(
            (plan.organisations[o].name for o in set(initiative.partner_ids) if o in plan.organisations),
            key=str.casefold,
        )
        lead = plan.organisations.get(initiative.lead_id)
        entry = Entry(
            initiative=initiative,
            lead=lead.name if lead else "",
            partners=tuple(partners),
            progress=progress.get(initiative.id, initiative.progress),
            parent_title=titles.get(initiative.parent_id) if initiative.parent_id else None,
        )
        for theme_id in dict.fromkeys(initiative.theme_ids):
            if theme_id in by_theme:
                by_theme[theme_id].append(entry)
    sections = []
    for area in plan.areas:
        themes = [theme for theme in plan.themes if theme.area_id == area.id]
        theme_sections = tuple(ThemeSection(theme, tuple(by_theme[theme.id])) for theme in themes)
        distinct = {entry.initiative.id for section in theme_sections for entry in section.entries}
        sections.append(AreaSection(area, theme_sections, len(distinct)))
    return sections


@dataclass(frozen=True)
class Headers:
    """Translated column headings and sheet title for the XLSX form of the document."""

    sheet: str
    area: str
    theme: str
    title: str
    lead: str
    partners: str
    status: str
    progress: str
    starts_on: str
    ends_on: str
    summary: str
    part_of: str


DATE_FORMAT = "yyyy-mm-dd"
COLUMN_WIDTHS = (28, 36, 48, 32, 48, 14, 12, 12, 12, 80, 40)
TEXT_COLUMNS = frozenset({1, 2, 3, 4, 5, 6, 10, 11})
DATE_COLUMNS = frozenset({8, 9})


def _text(cell: object) -> None:
    """Keep a text cell text: a value starting with "=" must never become a formula."""
    cell.data_type = "s"  # type: ignore[attr-defined]  # openpyxl cells have it; keeps "=…" from being a formula


def document_xlsx(sections: Sequence[AreaSection], headers: Headers) -> bytes:
    """One sheet, one row per initiative and theme, with the area and theme in columns; bold frozen header.

    Written in openpyxl's write-only mode, row by row: time and memory grow linearly with the rows.
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(headers.sheet[:31])
    # Views and column widths come before the rows in the file: a write-only sheet needs them first.
    sheet.freeze_panes = "A2"
    for index, width in enumerate(COLUMN_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    names = [
        headers.area,
        headers.theme,
        headers.title,
        headers.lead,
        headers.partners,
        headers.status,
        headers.progress,
        headers.starts_on,
        headers.ends_on,
        headers.summary,
        headers.part_of,
    ]
    bold = Font(bold=True)
    header = []
    for name in names:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    rows = 1
    for area_section in sections:
        for theme_section in area_section.themes:
            for entry in theme_section.entries:
                initiative = entry.initiative
                values = (
                    area_section.area.name,
                    theme_section.theme.name,
                    entry.title,
                    entry.lead,
                    ", ".join(entry.partners),
                    initiative.status_label,
                    entry.progress,
                    initiative.starts_on,
                    initiative.ends_on,
                    initiative.summary,
                    entry.parent_title or "",
                )
                cells = []
                for column, value in enumerate(values, start=1):
                    cell = WriteOnlyCell(sheet, value=value)
                    if column in TEXT_COLUMNS:
                        _text(cell)
                    elif column in DATE_COLUMNS:
                        cell.number_format = DATE_FORMAT
                    cells.append(cell)
                sheet.append(cells)
                rows += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(names))}{rows}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def filename(stem: str, today: datetime.date, extension: str) -> str:
    """A download name with the date, e.g. handlingsplan-2015-2020-2026-05-04.pdf."""
    return f"{stem}-{today.isoformat()}.{extension}"
