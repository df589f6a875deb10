"""The action-plan document as a file (PDF, XLSX, the web page's body) built by a Celery task and kept in
private storage.

Rendering the PDF of a large plan takes minutes, far beyond a request. So the document page never renders it:
it asks `current()` for the stored build. A build is *current* when it was made from the data as they are now
(`version()`: the period's initiatives counted, their latest change and their partners, in one query); then
the page serves the file. Otherwise the page claims a build (`claim()`) and queues `tasks.build_document`,
which writes the file and a small state file beside it (status, step of STEPS, when it was built, for
which version). While it runs the page says the document is being prepared and how far it has come. With
Celery eager (tests, `make run`) the task runs at once and the page serves the fresh file.

Files live under MEDIA_ROOT/FOLDER, which is never served directly (see docs/deploy.md): the view reads them.
"""

from __future__ import annotations

import datetime
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from django.conf import settings
from django.db.models import Count, Max
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from vagenin.actionplan.models import Initiative
from vagenin.actionplan.overview import document
from vagenin.actionplan.overview.queries import load_plan
from vagenin.agreement.models import AgreementPeriod
from vagenin.common import pagecache

FOLDER = "documents"
# "html": the web page's body (every area, theme and initiative), which at tens of thousands of initiatives takes
# seconds to render; the page reads the stored fragment (issue 15).
Format = Literal["pdf", "xlsx", "html"]
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
}
# The steps a build goes through, for the progress the page shows.
STEPS = 4
# A build claimed longer ago than this without finishing is taken for dead (a lost worker) and claimed anew.
STALE_CLAIM = datetime.timedelta(minutes=15)


@dataclass(frozen=True)
class Build:
    """The state of one document (a period, a language, a format)."""

    status: Literal["missing", "building", "ready", "unavailable"]
    version: str  # the data version the build is (or was) for
    step: int = 0
    claimed_at: datetime.datetime | None = None
    built_at: datetime.datetime | None = None
    file: str = ""  # the file's name in the folder, when ready

    @property
    def percent(self) -> int:
        return round(100 * self.step / STEPS)


def folder(period: AgreementPeriod) -> Path:
    return Path(settings.MEDIA_ROOT) / FOLDER / period.slug


def _state_path(period: AgreementPeriod, language: str, output: Format) -> Path:
    return folder(period) / f"{language}-{output}.json"


def version(period: AgreementPeriod) -> str:
    """What the document is made of, as a short text that changes when it does; one query."""
    row = Initiative.objects.filter(period=period).aggregate(
        count=Count("id", distinct=True), last=Max("updated_at"), partners=Count("partners", distinct=True)
    )
    last = row["last"].isoformat() if row["last"] else "-"
    return f"{row['count']}.{row['partners']}.{last}"


def read(period: AgreementPeriod, language: str, output: Format) -> Build:
    """The stored state, or "missing"."""
    try:
        data = json.loads(_state_path(period, language, output).read_text())
        return Build(
            status=data["status"],
            version=data["version"],
            step=int(data.get("step", 0)),
            claimed_at=datetime.datetime.fromisoformat(data["claimed_at"]) if data.get("claimed_at") else None,
            built_at=datetime.datetime.fromisoformat(data["built_at"]) if data.get("built_at") else None,
            file=data.get("file", ""),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return Build(status="missing", version="")


def _write(period: AgreementPeriod, language: str, output: Format, build: Build) -> None:
    path = _state_path(period, language, output)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "status": build.status,
        "version": build.version,
        "step": build.step,
        "claimed_at": build.claimed_at.isoformat() if build.claimed_at else None,
        "built_at": build.built_at.isoformat() if build.built_at else None,
        "file": build.file,
    }
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_text(json.dumps(data))
    os.replace(temporary, path)  # readers see the old state or the new one, never half of it


def file_path(period: AgreementPeriod, build: Build) -> Path | None:
    """The built file, if it is there."""
    if build.status != "ready" or not build.file or "/" in build.file:
        return None
    path = folder(period) / build.file
    return path if path.is_file() else None


def needs_build(build: Build, current: str) -> bool:
    """Whether to queue a build: nothing current is stored, and no live build is under way for these data."""
    if build.version == current and build.status in {"ready", "unavailable"}:
        return False
    if build.status == "building" and build.version == current and build.claimed_at is not None:
        return timezone.now() - build.claimed_at > STALE_CLAIM
    return True


def claim(period: AgreementPeriod, language: str, output: Format, current: str) -> None:
    """Mark a build as under way for the current data, keeping the last good file to serve meanwhile."""
    before = read(period, language, output)
    _write(
        period,
        language,
        output,
        Build(
            status="building",
            version=current,
            claimed_at=timezone.now(),
            built_at=before.built_at,
            file=before.file,
        ),
    )


def document_sections(period: AgreementPeriod) -> list[document.AreaSection]:
    plan = load_plan(period, with_indicators=False)
    return document.build_document(plan, plan.shown(include_drafts=False), plan.progress())


def headers() -> document.Headers:
    return document.Headers(
        sheet=_("Handlingsplan"),
        area=_("Samverkansområde"),
        theme=_("Fokusområde"),
        title=_("Insats"),
        lead=_("Ansvarig organisation"),
        partners=_("Samverkansparter"),
        status=_("Status"),
        progress=_("Framsteg (%)"),
        starts_on=_("Startdatum"),
        ends_on=_("Slutdatum"),
        summary=_("Sammanfattning"),
        part_of=_("Ingår i"),
    )


def render_pdf(html: str) -> bytes | None:
    """The HTML as a tagged PDF (PDF/UA-1), or None when WeasyPrint's system libraries are missing."""
    try:
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher
    except (ImportError, OSError):
        return None
    # The document needs nothing from outside: refuse every fetch rather than follow a URL in the content.
    fetcher = URLFetcher(allowed_protocols=["data"])
    return HTML(string=html, url_fetcher=fetcher).write_pdf(pdf_variant="pdf/ua-1")


def build(period: AgreementPeriod, language: str, output: Format) -> Build:
    """Build the document in `language` and store it; safe to run twice (the last one wins)."""
    current = version(period)
    claimed_at = timezone.now()

    def step(number: int) -> None:
        before = read(period, language, output)
        _write(
            period,
            language,
            output,
            Build(
                status="building",
                version=current,
                step=number,
                claimed_at=claimed_at,
                built_at=before.built_at,
                file=before.file,
            ),
        )

    with translation.override(language):
        step(1)
        sections = document_sections(period)
        step(2)
        today = timezone.localdate()
        if output == "xlsx":
            content: bytes | None = document.document_xlsx(sections, headers())
        elif output == "html":
            body = render_to_string("actionplan/overview/_document_body.html", {"period": period, "sections": sections})
            content = body.encode()
        else:
            html = render_to_string(
                "actionplan/overview/document_pdf.html",
                {"period": period, "sections": sections, "today": today, "site_url": settings.SITE_URL},
            )
            step(3)
            content = render_pdf(html)
    if content is None:
        done = Build(status="unavailable", version=current, step=STEPS, claimed_at=claimed_at)
        _write(period, language, output, done)
        return done
    name = f"{language}-{output}-{timezone.now():%Y%m%dT%H%M%S%f}.{output}"
    path = folder(period) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_bytes(content)
    os.replace(temporary, path)
    done = Build(status="ready", version=current, step=STEPS, claimed_at=claimed_at, built_at=timezone.now(), file=name)
    _write(period, language, output, done)
    # The document page says when the files were built: its cached copies must learn of this one.
    pagecache.invalidate()
    # Earlier files of this document are no longer served.
    for old in folder(period).glob(f"{language}-{output}-*.{output}"):
        if old.name != name:
            old.unlink(missing_ok=True)
    return done


def stored_text(period: AgreementPeriod, build: Build) -> str | None:
    """The last built file as text (the web page's body), if there is one: while a new build is under way too."""
    if not build.file or "/" in build.file:
        return None
    path = folder(period) / build.file
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None  # replaced by a newer build meanwhile
