"""Every write of the indicators app: imports (preview, confirm), definitions, reports and their publications."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from vagenin.actionplan.services import TransitionError
from vagenin.common import pagecache
from vagenin.common.audit import record, save_changes
from vagenin.common.deletion import InUseError, delete_checked
from vagenin.indicators.importing import parse_source, period_dates
from vagenin.indicators.models import (
    Edition,
    ImportBatch,
    IndicatorDefinition,
    InitiativeSeries,
    Observation,
    Publication,
    Report,
    ReportSection,
    Status,
    Suppression,
    breakdown_key,
)
from vagenin.indicators.observations import Breakdown, ParsedTable, Period, Role, RowError
from vagenin.indicators.suppression import protect, table_equations

__all__ = ["InUseError", "TransitionError"]

CHUNK = 5000
MAX_REJECTED_KEPT = 2000  # every rejected row is counted; the first ones are kept with their reasons
Progress = Callable[[int, int], None]


# ------------------------------------------------------------------------------------------------------ imports


def progress_key(batch: ImportBatch) -> str:
    return f"indicators:import:{batch.uuid}"


def import_progress(batch: ImportBatch) -> int:
    """How far a running import has come, in per cent (read from the shared cache the task writes to)."""
    if batch.state != ImportBatch.State.RUNNING:
        return batch.progress
    return int(cache.get(progress_key(batch), 0))


def indicator_labels(table: ParsedTable) -> dict[str, str]:
    """Indicator code → the label the file gives it."""
    labels: dict[str, str] = {}
    for dimension in table.dimensions:
        if dimension.role is Role.INDICATOR:
            labels.update(dimension.values)
    for observation in table.observations:
        labels.setdefault(observation.indicator, observation.indicator)
    return labels


def problems_of(table: ParsedTable, *, create_definitions: bool) -> list[RowError]:
    """The file's own errors, and every indicator code with no definition unless definitions may be created."""
    problems = list(table.errors)
    if not create_definitions:
        known = set(IndicatorDefinition.objects.filter(code__in=indicator_labels(table)).values_list("code", flat=True))
        for code in sorted(set(indicator_labels(table)) - known):
            count = sum(1 for o in table.observations if o.indicator == code)
            problems.append(
                RowError(table.source, "file", f"indicator {code!r} has no definition ({count} observations)")
            )
    return problems


def _rejected(problems: Iterable[RowError]) -> list[dict[str, str]]:
    return [
        {"file": p.source, "position": p.position, "reason": p.reason}
        for _, p in zip(range(MAX_REJECTED_KEPT), problems, strict=False)
    ]


@transaction.atomic
def preview_import(
    *, actor: Any, file_name: str, source_kind: str, content: bytes, options: Mapping[str, Any]
) -> tuple[ImportBatch, ParsedTable]:
    """Read an uploaded file and keep it for confirmation; nothing is imported yet."""
    table = parse_source(source_kind, content, source=file_name, options=options)
    problems = problems_of(table, create_definitions=bool(options.get("create_definitions")))
    batch = ImportBatch.objects.create(
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        file_name=file_name[:255],
        source_kind=source_kind,
        options=dict(options),
        content=content,
        accepted=0 if problems else len(table.observations),
        rejected=len(problems),
        rejected_rows=_rejected(problems),
    )
    record(actor=actor, action="indicators.import_previewed", obj=batch)
    return batch, table


def confirm_import(*, actor: Any, batch: ImportBatch) -> ImportBatch:
    """Import a previewed file in one transaction: everything or, on any problem, nothing."""
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.state != ImportBatch.State.PREVIEWED:
            raise TransitionError("This import has already run.")
        if batch.rejected:
            raise TransitionError("A file with rejected rows cannot be imported.")
        batch.state = ImportBatch.State.RUNNING
        batch.save(update_fields=["state"])
    table = parse_source(batch.source_kind, bytes(batch.content), source=batch.file_name, options=batch.options)
    try:
        with transaction.atomic():
            write_table(
                table,
                batch=batch,
                actor=actor,
                create_definitions=bool(batch.options.get("create_definitions")),
                progress=lambda done, total: cache.set(progress_key(batch), done * 100 // max(total, 1), 3600),
            )
    except TransitionError as error:
        batch.state = ImportBatch.State.FAILED
        batch.rejected_rows = [{"file": batch.file_name, "position": "file", "reason": str(error)}]
        batch.finished_at = timezone.now()
        batch.save(update_fields=["state", "rejected_rows", "finished_at"])
        raise
    return batch


def import_file(
    *,
    actor: Any,
    file_name: str,
    source_kind: str,
    content: bytes,
    options: Mapping[str, Any],
    progress: Progress | None = None,
) -> ImportBatch:
    """Read and import a file in one go (the command and the demo): all of it, or nothing with the reasons."""
    table = parse_source(source_kind, content, source=file_name, options=options)
    create = bool(options.get("create_definitions"))
    problems = problems_of(table, create_definitions=create)
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            file_name=file_name[:255],
            source_kind=source_kind,
            options=dict(options),
            state=ImportBatch.State.FAILED if problems else ImportBatch.State.RUNNING,
            rejected=len(problems),
            rejected_rows=_rejected(problems),
        )
        if problems:
            batch.finished_at = timezone.now()
            batch.save(update_fields=["finished_at"])
            record(actor=actor, action="indicators.import_refused", obj=batch)
            return batch
        write_table(table, batch=batch, actor=actor, create_definitions=create, progress=progress)
    return batch


def write_table(
    table: ParsedTable,
    *,
    batch: ImportBatch,
    actor: Any,
    create_definitions: bool,
    progress: Progress | None = None,
) -> int:
    """Upsert every observation of a clean table (inside the caller's transaction); TransitionError otherwise."""
    problems = problems_of(table, create_definitions=create_definitions)
    if problems:
        raise TransitionError(f"{len(problems)} rows rejected; first: {problems[0]}")
    labels = indicator_labels(table)
    definitions = {d.code: d for d in IndicatorDefinition.objects.filter(code__in=labels)}
    for code in sorted(set(labels) - set(definitions)):
        definition = IndicatorDefinition.objects.create(
            code=code, name_sv=labels[code][:200], name_en=labels[code][:200], source_table=table.label[:200]
        )
        record(actor=actor, action="indicators.definition_created", obj=definition)
        definitions[code] = definition
    ops = connection.ops
    periods: dict[Period, tuple[Any, Any]] = {}
    keys: dict[Breakdown, tuple[str, str]] = {}
    source = (table.label or table.source)[:255]
    total = len(table.observations)
    chunk: list[tuple[Any, ...]] = []
    done = 0
    size = upsert_rows()
    for item in table.observations:
        period = item.period
        if period not in periods:
            start, end = period_dates(period)
            periods[period] = (ops.adapt_datefield_value(start), ops.adapt_datefield_value(end))
        start, end = periods[period]
        key = keys.get(item.breakdown)
        if key is None:
            breakdown = dict(item.breakdown)
            key = keys[item.breakdown] = (json.dumps(breakdown), breakdown_key(breakdown))
        value = None if item.value is None else ops.adapt_decimalfield_value(item.value)
        # In the order of COLUMNS.
        chunk.append(
            (
                definitions[item.indicator].pk,
                item.geography.code,
                item.geography.level.value,
                period.kind.value,
                period.code,
                start,
                end,
                key[0],
                key[1],
                value,
                item.status.value,
                item.symbol[:4],
                "",
                source,
                batch.pk,
            )
        )
        if len(chunk) >= size:
            _upsert(chunk)
            done += len(chunk)
            chunk = []
            if progress and done % CHUNK < size:
                progress(done, total)
    if chunk:
        _upsert(chunk)
        done += len(chunk)
    suppressed = 0
    for definition in definitions.values():
        if definition.suppression_threshold:
            codes = {item.period.code for item in table.observations if item.indicator == definition.code}
            suppressed += protect_stored(definition, period_codes=codes)
    if progress:
        progress(done, total)
    batch.accepted = done
    batch.rejected = 0
    batch.rejected_rows = []
    batch.state = ImportBatch.State.DONE
    batch.progress = 100
    batch.content = b""
    batch.finished_at = timezone.now()
    batch.save()
    record(actor=actor, action="indicators.imported", obj=batch, changes={"accepted": done, "suppressed": suppressed})
    transaction.on_commit(pagecache.invalidate)
    return done


# Observation's columns as write_table fills them; a re-import updates all but the key in place.
COLUMNS = ["indicator_id", "geo_code", "geo_level", "period_kind", "period_code", "period_start", "period_end"]
COLUMNS += ["breakdown", "breakdown_key", "value", "status", "symbol", "suppression", "source", "batch_id"]
KEY = ["indicator_id", "geo_code", "period_code", "breakdown_key"]


def upsert_rows() -> int:
    """Rows per INSERT: as many as the database takes parameters for, at most 1,000."""
    limit = connection.features.max_query_params or 100_000
    return max(1, min(1000, limit // len(COLUMNS)))


def _upsert(rows: list[tuple[Any, ...]]) -> None:
    """One INSERT … ON CONFLICT DO UPDATE for the rows (SQLite and PostgreSQL both speak it).

    Written by hand rather than with `bulk_create(update_conflicts=True)`: the rows are already plain values,
    and the ORM spent most of an import building model instances and preparing each value again.
    """
    quote = connection.ops.quote_name
    row = "(" + ", ".join(["%s"] * len(COLUMNS)) + ")"
    updates = ", ".join(f"{quote(c)} = EXCLUDED.{quote(c)}" for c in COLUMNS if c not in KEY)
    # Only the model's own table and column names are written into the statement; every value is a parameter.
    table, columns, key = quote(Observation._meta.db_table), ", ".join(map(quote, COLUMNS)), ", ".join(map(quote, KEY))
    sql = f"INSERT INTO {table} ({columns}) VALUES {', '.join([row] * len(rows))} "  # noqa: S608
    sql += f"ON CONFLICT ({key}) DO UPDATE SET {updates}"
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for values in rows for value in values])


def protect_stored(definition: IndicatorDefinition, *, period_codes: Iterable[str] | None = None) -> int:
    """Withhold the definition's stored counts below its threshold, and those that would give them away.

    Runs after every import of the definition (for the periods the file had: equations never span periods) and
    when its threshold changes; the figure is dropped, not kept aside, so no page, download, API answer or report
    sentence can show it. Returns how many figures it withheld now. Call it inside the caller's transaction.
    """
    threshold = definition.suppression_threshold
    if not threshold:
        return 0
    rows = Observation.objects.filter(indicator=definition).exclude(status=Status.MISSING)  # nothing to protect
    codes = sorted(set(period_codes)) if period_codes is not None else None
    if codes is not None and len(codes) <= 500:
        rows = rows.filter(period_code__in=codes)
    keys = []
    values: dict[Any, Any] = {}  # (geography, period, breakdown items) → value
    ids: dict[Any, int] = {}
    for pk, geo, period, breakdown, value in rows.values_list("pk", "geo_code", "period_code", "breakdown", "value"):
        key = (geo, period, tuple(sorted(breakdown.items())))
        values[key], ids[key] = value, pk
        keys.append((geo, period, breakdown))
    marks: dict[Any, str] = protect(values, table_equations(keys, definition.headline or {}), threshold=threshold)
    for mark in Suppression:
        chosen = [ids[key] for key, kind in marks.items() if kind == mark.value]
        for start in range(0, len(chosen), CHUNK):
            Observation.objects.filter(pk__in=chosen[start : start + CHUNK]).update(
                value=None, status=Status.SUPPRESSED, suppression=mark.value
            )
    return len(marks)


@transaction.atomic
def discard_import(*, actor: Any, batch: ImportBatch) -> None:
    """Throw away a previewed file that will not be imported."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.state != ImportBatch.State.PREVIEWED:
        raise TransitionError("Only a previewed import can be discarded.")
    delete_checked(actor=actor, obj=batch, action="indicators.import_discarded")


# -------------------------------------------------------------------------------------------------- definitions


@transaction.atomic
def save_definition(*, actor: Any, definition: IndicatorDefinition, data: Mapping[str, Any]) -> IndicatorDefinition:
    """Create or change an indicator definition."""
    action = "indicators.definition_created" if definition.pk is None else "indicators.definition_changed"
    save_changes(actor=actor, obj=definition, data=data, action=action)
    if protect_stored(definition):
        transaction.on_commit(pagecache.invalidate)
    return definition


@transaction.atomic
def delete_definition(*, actor: Any, definition: IndicatorDefinition) -> dict[str, int]:
    """Delete a definition with its observations; refused (InUseError) while an initiative follows it or a report
    section cites it."""
    definition = IndicatorDefinition.objects.select_for_update().get(pk=definition.pk)
    took = delete_checked(
        actor=actor,
        obj=definition,
        action="indicators.definition_deleted",
        changes={"code": definition.code},
        owned=[Observation],
    )
    transaction.on_commit(pagecache.invalidate)
    return took


# ------------------------------------------------------------------------------------------------ the action plan


@transaction.atomic
def follow_series(*, actor: Any, indicator: Any, series: IndicatorDefinition | None, geo_code: str) -> None:
    """Let an initiative's indicator follow an official series for a geography, or stop (series None)."""
    current = InitiativeSeries.objects.select_for_update().filter(indicator=indicator).first()
    if series is None:
        if current is not None:
            delete_checked(actor=actor, obj=current, action="indicators.series_unfollowed")
    else:
        link = current or InitiativeSeries(indicator=indicator)
        save_changes(
            actor=actor,
            obj=link,
            data={"series": series, "geo_code": geo_code},
            action="indicators.series_followed",
        )
    transaction.on_commit(pagecache.invalidate)


# ------------------------------------------------------------------------------------------------------ reports


@transaction.atomic
def save_section(*, actor: Any, section: ReportSection, data: Mapping[str, Any]) -> ReportSection:
    """Change a report section's title, narrative text and chosen indicators."""
    save_changes(actor=actor, obj=section, data=data, action="indicators.section_changed", audit_obj=section.report)
    return section


@transaction.atomic
def start_publication(*, actor: Any, report: Report, editions_total: int) -> Publication:
    """A new version of the report, to be generated; refused while another version is being generated."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.publications.filter(state=Publication.State.GENERATING).exists():
        raise TransitionError("A version of this report is already being generated.")
    version = (report.publications.aggregate(latest=Max("version"))["latest"] or 0) + 1
    publication = Publication.objects.create(
        report=report,
        version=version,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        editions_total=editions_total,
    )
    record(actor=actor, action="indicators.publication_started", obj=publication)
    return publication


@transaction.atomic
def save_edition(
    *, publication: Publication, geo_code: str, geo_name: str, content: Mapping[str, str], pdf: Mapping[str, bytes]
) -> Edition:
    """Store one generated edition and count it (safe to repeat: a retried task replaces it)."""
    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    edition, _ = Edition.objects.update_or_create(
        publication=publication,
        geo_code=geo_code,
        defaults={
            "geo_name": geo_name,
            "content_sv": content["sv"],
            "content_en": content["en"],
            "pdf_sv": pdf.get("sv", b""),
            "pdf_en": pdf.get("en", b""),
        },
    )
    publication.editions_done = publication.editions.count()
    publication.save(update_fields=["editions_done"])
    return edition


@transaction.atomic
def finish_publication(*, publication: Publication, error: str = "") -> Publication:
    """Mark a generated version ready (or failed, with the reason)."""
    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    if publication.state != Publication.State.GENERATING:
        raise TransitionError("This version is not being generated.")
    publication.state = Publication.State.FAILED if error else Publication.State.READY
    publication.error = error
    publication.save(update_fields=["state", "error"])
    return publication


@transaction.atomic
def publish(*, actor: Any, publication: Publication) -> Publication:
    """Publish a ready version; the one published before is superseded at the same moment."""
    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    if publication.state != Publication.State.READY:
        raise TransitionError("Only a version that is ready can be published.")
    Publication.objects.filter(report_id=publication.report_id, state=Publication.State.PUBLISHED).update(
        state=Publication.State.SUPERSEDED
    )
    publication.state = Publication.State.PUBLISHED
    publication.published_at = timezone.now()
    publication.save(update_fields=["state", "published_at"])
    record(actor=actor, action="indicators.published", obj=publication)
    return publication
