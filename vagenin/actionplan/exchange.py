"""CSV and XLSX import and export of initiatives, keyed by an external id.

What the export writes, the import reads. An initiative without an external id is exported under its
slug; importing that row updates it and makes the slug its external id. The import checks every row
and changes nothing unless all rows are good.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from django.db import transaction
from django.utils.translation import gettext as _

from vagenin.accounts.models import User
from vagenin.actionplan import services
from vagenin.actionplan.models import Initiative, InitiativeStatus, TargetGroup, Visibility
from vagenin.agreement.models import AgreementPeriod, FocusTheme
from vagenin.organisations.models import Municipality, Organisation

COLUMNS = (
    "external_id",
    "title_sv",
    "title_en",
    "summary_sv",
    "summary_en",
    "description_sv",
    "lead_organisation",
    "themes",
    "municipalities",
    "target_groups",
    "starts_on",
    "ends_on",
    "status",
    "progress",
    "parent",
    "visibility",
)
REQUIRED = ("external_id", "title_sv", "summary_sv", "lead_organisation", "themes", "municipalities", "status")
MAX_LENGTHS = {"external_id": 64, "title_sv": 200, "title_en": 200, "summary_sv": 500, "summary_en": 500}
LIST_SEPARATOR = "|"
WHOLE_COUNTY = "*"
EXTENSIONS = (".csv", ".xlsx")
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
# An XLSX file is a zip archive: refuse one that would unpack to far more than any real sheet.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
XLSX_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
BOM = "\ufeff"
# Spreadsheets run a cell starting with these as a formula; the CSV export puts an apostrophe in front.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Row = tuple[str, ...]
# read_table marks a row with filled cells beyond the header here, so that the row can be reported.
EXTRA_CELLS = "_extra_cells"
SHOWN_LENGTH = 60


class UploadError(Exception):
    """The file as a whole cannot be read (wrong type, encoding, size or header)."""


@dataclass(frozen=True)
class Problem:
    """One reason a row cannot be imported."""

    line: int
    column: str
    message: str


# Reading files --------------------------------------------------------------------------------------


def check_upload(name: str, size: int) -> str:
    """The file's extension (".csv" or ".xlsx") if its name and size are acceptable."""
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
    extension = check_upload(name, len(content))
    records = _read_xlsx(content) if extension == ".xlsx" else _read_csv(content)
    header = [_clean(cell).strip().lower() for cell in (records[0] if records else [])]
    if not any(header):
        raise UploadError(_("Filen saknar rubrikrad."))
    missing = [column for column in COLUMNS if column not in header]
    unknown = [column for column in header if column and column not in COLUMNS]
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


# Reference data and the current state --------------------------------------------------------------


@dataclass(frozen=True)
class Existing:
    """An initiative already in the database, under its import key."""

    id: int
    key: str
    period_id: int
    parent_key: str
    visibility: str
    row: Row | None  # its export row, for initiatives of the import's period


@dataclass
class Reference:
    """What rows may name, and the initiatives they may update."""

    period: AgreementPeriod
    organisations: dict[str, int]
    themes: dict[str, int]
    municipalities: dict[str, int]
    target_groups: dict[str, int]
    existing: dict[str, Existing] = field(default_factory=dict)


def _key(external_id: str | None, slug: str) -> str:
    return external_id or slug


def _join(values: Iterable[str]) -> str:
    return LIST_SEPARATOR.join(sorted(set(values)))


def _date_text(value: datetime.date | None) -> str:
    return value.isoformat() if value else ""


def export_rows(period: AgreementPeriod) -> list[Row]:
    """Every initiative of the period (drafts too) as a row of COLUMNS, ordered by key, in seven queries."""
    initiatives = list(
        Initiative.objects.filter(period=period).values(
            "id",
            "external_id",
            "slug",
            "title_sv",
            "title_en",
            "summary_sv",
            "summary_en",
            "description_sv",
            "lead_organisation__slug",
            "whole_county",
            "starts_on",
            "ends_on",
            "status",
            "progress",
            "parent_id",
            "visibility",
        )
    )
    themes: dict[int, list[str]] = defaultdict(list)
    for initiative_id, area, theme in Initiative.themes.through.objects.filter(initiative__period=period).values_list(
        "initiative_id", "focustheme__area__slug", "focustheme__slug"
    ):
        themes[initiative_id].append(f"{area}/{theme}")
    municipalities: dict[int, list[str]] = defaultdict(list)
    for initiative_id, code in Initiative.municipalities.through.objects.filter(initiative__period=period).values_list(
        "initiative_id", "municipality__code"
    ):
        municipalities[initiative_id].append(code)
    groups: dict[int, list[str]] = defaultdict(list)
    for initiative_id, slug in Initiative.target_groups.through.objects.filter(initiative__period=period).values_list(
        "initiative_id", "targetgroup__slug"
    ):
        groups[initiative_id].append(slug)
    parent_ids = {row["parent_id"] for row in initiatives if row["parent_id"]}
    parents = {
        pk: _key(external_id, slug)
        for pk, external_id, slug in Initiative.objects.filter(pk__in=parent_ids).values_list(
            "pk", "external_id", "slug"
        )
    }
    rows = [
        (
            _key(row["external_id"], row["slug"]),
            row["title_sv"],
            row["title_en"],
            row["summary_sv"],
            row["summary_en"],
            row["description_sv"].replace("\r\n", "\n").strip(),
            row["lead_organisation__slug"],
            _join(themes[row["id"]]),
            WHOLE_COUNTY if row["whole_county"] else _join(municipalities[row["id"]]),
            _join(groups[row["id"]]),
            _date_text(row["starts_on"]),
            _date_text(row["ends_on"]),
            row["status"],
            str(row["progress"]),
            parents.get(row["parent_id"], "") if row["parent_id"] else "",
            row["visibility"],
        )
        for row in initiatives
    ]
    return sorted(rows, key=lambda row: row[0])


def load_reference(period: AgreementPeriod) -> Reference:
    """Organisations, themes, municipalities and target groups by their keys, and the existing initiatives."""
    themes = {
        f"{area}/{theme}": pk
        for pk, area, theme in FocusTheme.objects.filter(area__period=period).values_list("pk", "area__slug", "slug")
    }
    reference = Reference(
        period=period,
        organisations=dict(Organisation.objects.values_list("slug", "pk")),
        themes=themes,
        municipalities=dict(Municipality.objects.filter(county=period.county_id).values_list("code", "pk")),
        target_groups=dict(TargetGroup.objects.values_list("slug", "pk")),
    )
    rows = {row[0]: row for row in export_rows(period)}
    everything = list(
        Initiative.objects.values_list("pk", "external_id", "slug", "period_id", "parent_id", "visibility")
    )
    keys = {pk: _key(external_id, slug) for pk, external_id, slug, *_ in everything}
    # External ids win over slugs: an unkeyed initiative is found by its slug only where no external id is the same.
    for pk, _external_id, _slug, period_id, parent_id, visibility in sorted(everything, key=lambda r: r[1] is not None):
        key = keys[pk]
        reference.existing[key] = Existing(
            id=pk,
            key=key,
            period_id=period_id,
            parent_key=keys.get(parent_id, "") if parent_id else "",
            visibility=visibility,
            row=rows.get(key) if period_id == period.pk else None,
        )
    return reference


# Checking rows -----------------------------------------------------------------------------------


@dataclass
class RowPlan:
    """What one good row will do."""

    line: int
    key: str
    title: str
    action: Literal["create", "update", "unchanged"]
    existing: Existing | None
    values: dict[str, Any]
    visibility: str  # "" keeps an existing initiative's visibility
    parent_key: str
    changed: list[str] = field(default_factory=list)


def _shown(value: str) -> str:
    """A value quoted in a message, shortened so that a shifted row does not flood the page."""
    return value if len(value) <= SHOWN_LENGTH else value[: SHOWN_LENGTH - 1] + "…"


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(LIST_SEPARATOR) if part.strip()]


class _RowChecker:
    """Parses one row into values, collecting a Problem for every bad cell."""

    def __init__(self, line: int, values: Mapping[str, str], reference: Reference) -> None:
        self.line, self.raw, self.reference = line, values, reference
        self.problems: list[Problem] = []

    def fail(self, column: str, message: str) -> None:
        self.problems.append(Problem(self.line, column, message))

    def text(self, column: str) -> str:
        value = self.raw.get(column, "").strip()
        if column in REQUIRED and not value:
            self.fail(column, _("Saknas. Fältet måste fyllas i."))
        limit = MAX_LENGTHS.get(column)
        if limit and len(value) > limit:
            self.fail(
                column, _("För lång: högst %(limit)s tecken (nu %(length)s).") % {"limit": limit, "length": len(value)}
            )
        return value

    def lookup(self, column: str, table: Mapping[str, int], message: str) -> list[tuple[str, int]]:
        found = []
        for part in _split(self.raw.get(column, "")):
            key = part.lower() if column != "municipalities" else part
            if key in table:
                found.append((key, table[key]))
            else:
                self.fail(column, message % {"value": _shown(part)})
        return found

    def date(self, column: str) -> datetime.date | None:
        value = self.raw.get(column, "").strip()
        if not value:
            return None
        try:
            return datetime.date.fromisoformat(value[:10] if len(value) > 10 and value[10] in "T " else value)
        except ValueError:
            self.fail(column, _("Ogiltigt datum: %(value)s. Skriv datum som ÅÅÅÅ-MM-DD.") % {"value": _shown(value)})
            return None

    def check(self) -> tuple[dict[str, Any], Row]:
        """The parsed values and the row as the export would write it."""
        r = self.reference
        if self.raw.get(EXTRA_CELLS):
            self.fail("", _("Raden har fler ifyllda celler än rubrikraden. Kontrollera avgränsare och citattecken."))
        texts = {
            column: self.text(column)
            for column in ("external_id", "title_sv", "title_en", "summary_sv", "summary_en", "description_sv")
        }
        written = self.text("lead_organisation")
        organisation = written.lower()
        if organisation and organisation not in r.organisations:
            self.fail("lead_organisation", _("Okänd organisation: %(value)s.") % {"value": _shown(written)})
        themes = self.lookup(
            "themes",
            r.themes,
            _("Okänt fokusområde: %(value)s. Skriv samverkansområde/fokusområde med deras kortadresser."),
        )
        if not _split(self.raw.get("themes", "")) and "themes" not in {p.column for p in self.problems}:
            self.fail("themes", _("Ange minst ett fokusområde."))
        places = _split(self.raw.get("municipalities", ""))
        whole_county = WHOLE_COUNTY in places
        municipalities: list[tuple[str, int]] = []
        if whole_county and len(places) > 1:
            self.fail("municipalities", _("Skriv antingen * för hela länet eller kommunkoder, inte båda."))
        elif not whole_county:
            municipalities = self.lookup(
                "municipalities", r.municipalities, _("Okänd kommunkod (eller en kommun utanför länet): %(value)s.")
            )
            if not places and "municipalities" not in {p.column for p in self.problems}:
                self.fail("municipalities", _("Ange minst en kommunkod, eller * för hela länet."))
        groups = self.lookup("target_groups", r.target_groups, _("Okänd målgrupp: %(value)s."))
        starts_on, ends_on = self.date("starts_on"), self.date("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.fail("ends_on", _("Slutdatumet är före startdatumet."))
        status = self.text("status").lower()
        if status and status not in InitiativeStatus.values:
            self.fail(
                "status",
                _("Okänd status: %(value)s. Tillåtna värden: %(allowed)s.")
                % {"value": _shown(status), "allowed": ", ".join(InitiativeStatus.values)},
            )
        progress_text = self.raw.get("progress", "").strip() or "0"
        progress = 0
        if not progress_text.isdigit() or int(progress_text) > 100:
            self.fail(
                "progress",
                _("Framsteget måste vara ett heltal från 0 till 100 (nu %(value)s).")
                % {"value": _shown(progress_text)},
            )
        else:
            progress = int(progress_text)
        visibility = self.raw.get("visibility", "").strip().lower()
        if visibility and visibility not in Visibility.values:
            self.fail(
                "visibility",
                _("Okänd synlighet: %(value)s. Tillåtna värden: %(allowed)s.")
                % {"value": _shown(visibility), "allowed": ", ".join(Visibility.values)},
            )
        values = {
            **texts,
            "lead_organisation": r.organisations.get(organisation),
            "themes": sorted({pk for _, pk in themes}),
            "whole_county": whole_county,
            "municipalities": sorted({pk for _, pk in municipalities}),
            "target_groups": sorted({pk for _, pk in groups}),
            "starts_on": starts_on,
            "ends_on": ends_on,
            "status": status,
            "progress": progress,
        }
        row = (
            texts["external_id"],
            texts["title_sv"],
            texts["title_en"],
            texts["summary_sv"],
            texts["summary_en"],
            texts["description_sv"],
            organisation,
            _join(key for key, _ in themes),
            WHOLE_COUNTY if whole_county else _join(key for key, _ in municipalities),
            _join(key for key, _ in groups),
            _date_text(starts_on),
            _date_text(ends_on),
            status,
            str(progress),
            self.raw.get("parent", "").strip(),
            visibility,
        )
        return values, row


def validate(
    rows: Sequence[tuple[int, Mapping[str, str]]], reference: Reference
) -> tuple[list[RowPlan], list[Problem]]:
    """A plan for every row, and every problem found in any row; apply the plans only when there are no problems."""
    problems: list[Problem] = []
    plans: list[RowPlan] = []
    first_line: dict[str, int] = {}
    for line, raw in rows:
        checker = _RowChecker(line, raw, reference)
        values, row = checker.check()
        problems.extend(checker.problems)
        key = values["external_id"]
        if key in first_line:
            problems.append(
                Problem(
                    line,
                    "external_id",
                    _("Externt id %(value)s finns redan på rad %(line)s.")
                    % {"value": _shown(key), "line": first_line[key]},
                )
            )
            continue
        if not key:
            continue
        first_line[key] = line
        existing = reference.existing.get(key)
        if existing is not None and existing.period_id != reference.period.pk:
            problems.append(
                Problem(
                    line,
                    "external_id",
                    _("Insatsen %(value)s hör till en annan avtalsperiod.") % {"value": _shown(key)},
                )
            )
            continue
        plan = RowPlan(
            line=line,
            key=key,
            title=values["title_sv"],
            action="create" if existing is None else "update",
            existing=existing,
            values=values,
            visibility=row[-1],
            parent_key=row[-2],
        )
        if existing is not None and existing.row is not None:
            # An empty visibility keeps the initiative's own; compare as if it had been written out.
            normalised = (*row[:-1], row[-1] or existing.visibility)
            plan.changed = [
                column for column, new, old in zip(COLUMNS, normalised, existing.row, strict=True) if new != old
            ]
            if not plan.changed:
                plan.action = "unchanged"
        plans.append(plan)
    problems.extend(_check_parents(plans, reference))
    return plans, sorted(problems, key=lambda p: (p.line, COLUMNS.index(p.column) if p.column in COLUMNS else 0))


def _check_parents(plans: Sequence[RowPlan], reference: Reference) -> list[Problem]:
    """A parent must exist in the file or the period, and (as in the form) sub-initiatives go one level deep."""
    problems = []
    parent_of = {key: e.parent_key for key, e in reference.existing.items() if e.period_id == reference.period.pk}
    parent_of.update({plan.key: plan.parent_key for plan in plans})
    has_children = {parent for parent in parent_of.values() if parent}
    for plan in plans:
        parent = plan.parent_key
        if not parent:
            continue
        if parent == plan.key:
            problems.append(Problem(plan.line, "parent", _("En insats kan inte vara sin egen huvudinsats.")))
        elif parent not in parent_of:
            problems.append(
                Problem(
                    plan.line,
                    "parent",
                    _("Huvudinsatsen %(value)s finns varken i filen eller i handlingsplanen.")
                    % {"value": _shown(parent)},
                )
            )
        elif parent_of[parent]:
            problems.append(
                Problem(
                    plan.line, "parent", _("Huvudinsatsen %(value)s är själv en delinsats.") % {"value": _shown(parent)}
                )
            )
        elif plan.key in has_children:
            problems.append(
                Problem(plan.line, "parent", _("Insatsen har egna delinsatser och kan inte vara delinsats."))
            )
    return problems


# Applying an import --------------------------------------------------------------------------------


class ImportRejected(Exception):
    """The rows have problems; nothing was changed."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


def check_file(name: str, content: bytes, period: AgreementPeriod) -> list[RowPlan]:
    """Read and check an uploaded file; raises UploadError or ImportRejected."""
    plans, problems = validate(read_table(name, content), load_reference(period))
    if problems:
        raise ImportRejected(problems)
    return plans


@transaction.atomic
def import_initiatives(*, actor: User, period: AgreementPeriod, name: str, content: bytes) -> ImportResult:
    """Check the file again and apply every row in one transaction: all rows or none."""
    plans = check_file(name, content, period)
    organisations = Organisation.objects.in_bulk([p.values["lead_organisation"] for p in plans])
    themes = FocusTheme.objects.in_bulk({pk for p in plans for pk in p.values["themes"]})
    municipalities = Municipality.objects.in_bulk({pk for p in plans for pk in p.values["municipalities"]})
    groups = TargetGroup.objects.in_bulk({pk for p in plans for pk in p.values["target_groups"]})
    saved: dict[str, Initiative] = {}
    created = updated = unchanged = 0
    # Parents first, so that their sub-initiatives can point to them.
    for plan in sorted(plans, key=lambda p: (bool(p.parent_key), p.line)):
        if plan.action == "unchanged":
            unchanged += 1
            continue
        values = plan.values
        data: dict[str, Any] = {
            "external_id": plan.key,
            "title_sv": values["title_sv"],
            "title_en": values["title_en"],
            "summary_sv": values["summary_sv"],
            "summary_en": values["summary_en"],
            "description_sv": values["description_sv"],
            "lead_organisation": organisations[values["lead_organisation"]],
            "themes": [themes[pk] for pk in values["themes"]],
            "whole_county": values["whole_county"],
            "municipalities": [municipalities[pk] for pk in values["municipalities"]],
            "target_groups": [groups[pk] for pk in values["target_groups"]],
            "starts_on": values["starts_on"],
            "ends_on": values["ends_on"],
            "status": values["status"],
            "progress": values["progress"],
            "parent": _parent(plan.parent_key, saved, period),
        }
        if plan.existing is None:
            initiative = services.create_initiative(actor=actor, period=period, data=data)
            created += 1
        else:
            initiative = Initiative.objects.select_for_update().get(pk=plan.existing.id)
            initiative = services.update_initiative(actor=actor, initiative=initiative, data=data)
            updated += 1
        saved[plan.key] = initiative
        if plan.visibility and plan.visibility != initiative.visibility:
            services.set_visibility(actor=actor, initiative=initiative, visibility=Visibility(plan.visibility))
    return ImportResult(created=created, updated=updated, unchanged=unchanged)


def _parent(key: str, saved: Mapping[str, Initiative], period: AgreementPeriod) -> Initiative | None:
    if not key:
        return None
    if key in saved:
        return saved[key]
    found = Initiative.objects.filter(period=period, external_id=key).first()
    return found or Initiative.objects.get(period=period, external_id__isnull=True, slug=key)


# Writing files --------------------------------------------------------------------------------------


def _guard(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


def to_csv(rows: Iterable[Row]) -> bytes:
    """UTF-8 with a byte-order mark (so Excel reads å, ä and ö), comma-separated, header first."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows([_guard(value) for value in row] for row in rows)
    return (BOM + buffer.getvalue()).encode("utf-8")


def to_xlsx(rows: Iterable[Row]) -> bytes:
    """One sheet with the same columns; dates as dates, progress as a number, everything else as text."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "initiatives"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    dates = {COLUMNS.index("starts_on"), COLUMNS.index("ends_on")}
    progress = COLUMNS.index("progress")
    for row in rows:
        values: list[Any] = []
        for index, value in enumerate(row):
            if index in dates and value:
                values.append(datetime.date.fromisoformat(value))
            elif index == progress:
                values.append(int(value))
            else:
                values.append(value)
        sheet.append(values)
        for index, cell in enumerate(sheet[sheet.max_row]):
            if index in dates:
                cell.number_format = "yyyy-mm-dd"
            elif index != progress:
                cell.data_type = "s"  # a title starting with "=" stays text, never a formula
    sheet.freeze_panes = "A2"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
