"""The columns of the import and export file, described once.

Each column is a record: its name in the header row, whether it must be filled in, its longest value, the
help text the import page shows, how a cell is read (`parse`) and how an initiative is written (`export`).
The export, the checks of an upload, the import page's column table and applying an import all go through
COLUMNS by name; nothing counts positions in a row.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vagenin.actionplan.models import InitiativeStatus, Visibility

LIST_SEPARATOR = "|"
WHOLE_COUNTY = "*"
SHOWN_LENGTH = 60


@dataclass(frozen=True)
class Problem:
    """One reason a row cannot be imported; `column` is "" for the row as a whole."""

    line: int
    column: str
    message: str


@dataclass(frozen=True)
class Lookups:
    """What the cells may name, by the key the file uses: the primary keys of each kind of reference."""

    organisations: Mapping[str, int]
    themes: Mapping[str, int]  # "area/theme"
    municipalities: Mapping[str, int]  # municipality code
    target_groups: Mapping[str, int]


def shown(value: str) -> str:
    """A value quoted in a message, shortened so that a shifted row does not flood the page."""
    return value if len(value) <= SHOWN_LENGTH else value[: SHOWN_LENGTH - 1] + "…"


def join(values: Iterable[str]) -> str:
    """A list cell: the values sorted, once each, separated by LIST_SEPARATOR."""
    return LIST_SEPARATOR.join(sorted(set(values)))


def date_text(value: datetime.date | None) -> str:
    return value.isoformat() if value else ""


@dataclass
class Cell:
    """One cell being read: its column and text, the reference data, and the row read so far.

    `values` holds the model field values of the row (each column's parse adds its own; a later column may
    read an earlier one's), `problems` what is wrong with the row.
    """

    column: Column
    raw: str
    lookups: Lookups
    line: int
    values: dict[str, Any]
    problems: list[Problem]

    def fail(self, message: str) -> None:
        self.problems.append(Problem(self.line, self.column.name, message))

    def text(self) -> str:
        """The cell's text, stripped; a problem when a required one is empty or one is longer than `max_length`."""
        value = self.raw.strip()
        if self.column.required and not value:
            self.fail(_("Saknas. Fältet måste fyllas i."))
        limit = self.column.max_length
        if limit and len(value) > limit:
            self.fail(_("För lång: högst %(limit)s tecken (nu %(length)s).") % {"limit": limit, "length": len(value)})
        return value

    def parts(self) -> list[str]:
        """The values of a list cell."""
        return [part.strip() for part in self.raw.split(LIST_SEPARATOR) if part.strip()]

    def lookup(self, table: Mapping[str, int], message: str, *, ignore_case: bool = True) -> list[tuple[str, int]]:
        """(key, primary key) of each value of a list cell found in `table`; a problem for each one not found."""
        found = []
        for part in self.parts():
            key = part.lower() if ignore_case else part
            if key in table:
                found.append((key, table[key]))
            else:
                self.fail(message % {"value": shown(part)})
        return found

    def date(self) -> datetime.date | None:
        value = self.raw.strip()
        if not value:
            return None
        try:
            return datetime.date.fromisoformat(value[:10] if len(value) > 10 and value[10] in "T " else value)
        except ValueError:
            self.fail(_("Ogiltigt datum: %(value)s. Skriv datum som ÅÅÅÅ-MM-DD.") % {"value": shown(value)})
            return None


# An exported initiative as the export functions read it: Initiative.values() with the keys of
# EXPORT_FIELDS, plus "themes", "municipalities" and "target_groups" (lists of keys) and "parent" (a key).
Exported = Mapping[str, Any]
EXPORT_FIELDS = (
    "id",
    "external_id",
    "slug",
    "title_sv",
    "title_en",
    "summary_sv",
    "summary_en",
    "description_sv",
    "description_en",
    "lead_organisation__slug",
    "whole_county",
    "starts_on",
    "ends_on",
    "status",
    "progress",
    "parent_id",
    "visibility",
)


def initiative_key(external_id: str | None, slug: str) -> str:
    """An initiative's key in the file: its external id, or its slug while it has none."""
    return external_id or slug


@dataclass(frozen=True)
class Column:
    """One column of the file.

    `parse` reads the cell, adds the model field values it stands for to `cell.values` and returns the cell as
    the export would write it (so that a row can be compared with the initiative's exported row); `export`
    writes the cell of an exported initiative. `kind` says how the XLSX export stores the cell. An `optional`
    column may be left out of a file's header (files exported before it was added): the initiatives then keep
    what they have.
    """

    name: str
    help_text: str | Promise
    parse: Callable[[Cell], str]
    export: Callable[[Exported], str]
    required: bool = False
    max_length: int | None = None
    kind: Literal["text", "date", "integer"] = "text"
    optional: bool = False


def _text_field(cell: Cell) -> str:
    """A text cell that is a model field of the same name."""
    value = cell.text()
    cell.values[cell.column.name] = value
    return value


def _exported(name: str) -> Callable[[Exported], str]:
    return lambda initiative: initiative[name]


def _lead_organisation(cell: Cell) -> str:
    written = cell.text()
    organisation = written.lower()
    if organisation and organisation not in cell.lookups.organisations:
        cell.fail(_("Okänd organisation: %(value)s.") % {"value": shown(written)})
    cell.values["lead_organisation"] = cell.lookups.organisations.get(organisation)
    return organisation


def _themes(cell: Cell) -> str:
    found = cell.lookup(
        cell.lookups.themes,
        _("Okänt fokusområde: %(value)s. Skriv samverkansområde/fokusområde med deras kortadresser."),
    )
    if cell.column.required and not cell.parts():
        cell.fail(_("Ange minst ett fokusområde."))
    cell.values["themes"] = sorted({pk for _key, pk in found})
    return join(key for key, _pk in found)


def _municipalities(cell: Cell) -> str:
    places = cell.parts()
    whole_county = WHOLE_COUNTY in places
    found: list[tuple[str, int]] = []
    if whole_county and len(places) > 1:
        cell.fail(_("Skriv antingen * för hela länet eller kommunkoder, inte båda."))
    elif not whole_county:
        found = cell.lookup(
            cell.lookups.municipalities,
            _("Okänd kommunkod (eller en kommun utanför länet): %(value)s."),
            ignore_case=False,
        )
        if cell.column.required and not places:
            cell.fail(_("Ange minst en kommunkod, eller * för hela länet."))
    cell.values["whole_county"] = whole_county
    cell.values["municipalities"] = sorted({pk for _key, pk in found})
    return WHOLE_COUNTY if whole_county else join(key for key, _pk in found)


def _target_groups(cell: Cell) -> str:
    found = cell.lookup(cell.lookups.target_groups, _("Okänd målgrupp: %(value)s."))
    cell.values["target_groups"] = sorted({pk for _key, pk in found})
    return join(key for key, _pk in found)


def _starts_on(cell: Cell) -> str:
    cell.values["starts_on"] = starts_on = cell.date()
    return date_text(starts_on)


def _ends_on(cell: Cell) -> str:
    cell.values["ends_on"] = ends_on = cell.date()
    starts_on = cell.values.get("starts_on")
    if starts_on and ends_on and ends_on < starts_on:
        cell.fail(_("Slutdatumet är före startdatumet."))
    return date_text(ends_on)


def _status(cell: Cell) -> str:
    status = cell.text().lower()
    if status and status not in InitiativeStatus.values:
        cell.fail(
            _("Okänd status: %(value)s. Tillåtna värden: %(allowed)s.")
            % {"value": shown(status), "allowed": ", ".join(InitiativeStatus.values)}
        )
    cell.values["status"] = status
    return status


def _progress(cell: Cell) -> str:
    text = cell.raw.strip() or "0"
    progress = 0
    if not text.isdigit() or int(text) > 100:
        cell.fail(_("Framsteget måste vara ett heltal från 0 till 100 (nu %(value)s).") % {"value": shown(text)})
    else:
        progress = int(text)
    cell.values["progress"] = progress
    return str(progress)


def _parent(cell: Cell) -> str:
    """The parent's key; whether it exists is checked with the whole file (services._check_parents)."""
    return cell.raw.strip()


def _visibility(cell: Cell) -> str:
    """draft, published, or "" to keep an existing initiative's visibility; applied after the row is saved."""
    visibility = cell.raw.strip().lower()
    if visibility and visibility not in Visibility.values:
        cell.fail(
            _("Okänd synlighet: %(value)s. Tillåtna värden: %(allowed)s.")
            % {"value": shown(visibility), "allowed": ", ".join(Visibility.values)}
        )
    return visibility


COLUMNS: tuple[Column, ...] = (
    Column(
        "external_id",
        gettext_lazy("Nyckeln: finns id:t redan ändras den insatsen, annars skapas en ny. Obligatorisk."),
        parse=_text_field,
        export=lambda initiative: initiative_key(initiative["external_id"], initiative["slug"]),
        required=True,
        max_length=64,
    ),
    Column(
        "title_sv",
        gettext_lazy("Titel på svenska, högst 200 tecken. Obligatorisk."),
        parse=_text_field,
        export=_exported("title_sv"),
        required=True,
        max_length=200,
    ),
    Column(
        "title_en",
        gettext_lazy("Titel på engelska, högst 200 tecken."),
        parse=_text_field,
        export=_exported("title_en"),
        max_length=200,
    ),
    Column(
        "summary_sv",
        gettext_lazy("Sammanfattning på svenska, högst 500 tecken. Obligatorisk."),
        parse=_text_field,
        export=_exported("summary_sv"),
        required=True,
        max_length=500,
    ),
    Column(
        "summary_en",
        gettext_lazy("Sammanfattning på engelska, högst 500 tecken."),
        parse=_text_field,
        export=_exported("summary_en"),
        max_length=500,
    ),
    Column(
        "description_sv",
        gettext_lazy("Beskrivning på svenska."),
        parse=_text_field,
        export=lambda initiative: initiative["description_sv"].replace("\r\n", "\n").strip(),
    ),
    Column(
        "description_en",
        gettext_lazy("Beskrivning på engelska. Kolumnen får saknas; då behåller insatserna sina beskrivningar."),
        parse=_text_field,
        export=lambda initiative: initiative["description_en"].replace("\r\n", "\n").strip(),
        optional=True,
    ),
    Column(
        "lead_organisation",
        gettext_lazy("Den ansvariga organisationens kortadress, t.ex. avesta-kommun. Obligatorisk."),
        parse=_lead_organisation,
        export=_exported("lead_organisation__slug"),
        required=True,
    ),
    Column(
        "themes",
        gettext_lazy("Fokusområden som samverkansområde/fokusområde (kortadresser), åtskilda med |. Minst ett."),
        parse=_themes,
        export=lambda initiative: join(initiative["themes"]),
        required=True,
    ),
    Column(
        "municipalities",
        gettext_lazy("Kommunkoder åtskilda med |, eller * för hela länet. Obligatorisk."),
        parse=_municipalities,
        export=lambda initiative: WHOLE_COUNTY if initiative["whole_county"] else join(initiative["municipalities"]),
        required=True,
    ),
    Column(
        "target_groups",
        gettext_lazy("Målgruppernas kortadresser åtskilda med |."),
        parse=_target_groups,
        export=lambda initiative: join(initiative["target_groups"]),
    ),
    Column(
        "starts_on",
        gettext_lazy("Startdatum som ÅÅÅÅ-MM-DD."),
        parse=_starts_on,
        export=lambda initiative: date_text(initiative["starts_on"]),
        kind="date",
    ),
    Column(
        "ends_on",
        gettext_lazy("Slutdatum som ÅÅÅÅ-MM-DD, inte före startdatumet."),
        parse=_ends_on,
        export=lambda initiative: date_text(initiative["ends_on"]),
        kind="date",
    ),
    Column(
        "status",
        gettext_lazy("idea, planned, ongoing, completed eller cancelled. Obligatorisk."),
        parse=_status,
        export=_exported("status"),
        required=True,
    ),
    Column(
        "progress",
        gettext_lazy("Framsteg i procent, ett heltal 0–100 (tomt blir 0)."),
        parse=_progress,
        export=lambda initiative: str(initiative["progress"]),
        kind="integer",
    ),
    Column(
        "parent",
        gettext_lazy("Huvudinsatsens externa id, om insatsen är en delinsats."),
        parse=_parent,
        export=_exported("parent"),
    ),
    Column(
        "visibility",
        gettext_lazy("draft eller published. Tomt: nya insatser blir utkast, befintliga behåller sin."),
        parse=_visibility,
        export=_exported("visibility"),
    ),
)
NAMES: tuple[str, ...] = tuple(column.name for column in COLUMNS)
