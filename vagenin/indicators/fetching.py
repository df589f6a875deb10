"""Fetching the definitions that have an API (PxWeb JSON-stat 2, Kolada v3) and importing what comes back.

`tasks.fetch_sources` runs `refresh_all` with `http_transport` on Celery beat's schedule. Everything here takes
the transport as an argument, a function from a `Request` to the bytes of the answer, so the tests hand in one
that reads the shipped files: no test ever touches the network. A fetched file goes through the same importer,
checks and all-or-nothing transaction as an uploaded one; a source that cannot be reached or answers with
something the importer rejects changes nothing and is reported.
"""

from __future__ import annotations

import json
import logging
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from vagenin.indicators.models import ImportBatch, IndicatorDefinition, SourceKind
from vagenin.indicators.services import import_file

logger = logging.getLogger(__name__)

TIMEOUT = 60  # seconds per request
MAX_BYTES = 50 * 1024 * 1024  # per answer
MAX_PAGES = 200  # Kolada pages per definition
USER_AGENT = "Vagen-in/1.0 (indicators; +https://github.com/)"


class FetchError(Exception):
    """A source could not be fetched; nothing was imported."""


@dataclass(frozen=True)
class Request:
    """One request to a source: GET, or POST with a body (PxWeb's JSON query)."""

    url: str
    body: bytes | None = None


Transport = Callable[[Request], bytes]


def http_transport(request: Request) -> bytes:
    """The real network: https only, a timeout, and a size limit."""
    if urllib.parse.urlsplit(request.url).scheme != "https":
        raise FetchError(f"only https addresses are fetched: {request.url}")
    headers = {"User-Agent": USER_AGENT, "Accept": "application/json"}
    if request.body is not None:
        headers["Content-Type"] = "application/json"
    method = "POST" if request.body is not None else "GET"
    outgoing = urllib.request.Request(request.url, data=request.body, headers=headers, method=method)  # noqa: S310
    try:
        with urllib.request.urlopen(outgoing, timeout=TIMEOUT) as response:  # noqa: S310 - https checked above
            content: bytes = response.read(MAX_BYTES + 1)
    except OSError as error:
        raise FetchError(f"{request.url}: {error}") from error
    if len(content) > MAX_BYTES:
        raise FetchError(f"{request.url}: the answer is larger than {MAX_BYTES} bytes")
    return content


def download(definition: IndicatorDefinition, transport: Transport) -> bytes:
    """The definition's data as one file of its kind (Kolada's pages joined into one page)."""
    if definition.fetch_kind == SourceKind.JSONSTAT:
        query = definition.source_query.strip()
        return transport(Request(definition.fetch_url, query.encode() if query else None))
    if definition.fetch_kind == SourceKind.KOLADA:
        values: list[Any] = []
        url: str | None = definition.fetch_url
        for _page in range(MAX_PAGES):
            if not url:
                break
            try:
                document = json.loads(transport(Request(url)))
            except ValueError as error:
                raise FetchError(f"{url}: not JSON ({error})") from error
            if not isinstance(document, dict) or not isinstance(document.get("values"), list):
                raise FetchError(f"{url}: not a Kolada data page")
            values.extend(document["values"])
            url = document.get("next_url") or None
        else:
            raise FetchError(f"{definition.fetch_url}: more than {MAX_PAGES} pages")
        return json.dumps({"values": values, "count": len(values), "next_url": None}).encode()
    raise FetchError(f"{definition.code} has no API to fetch from")


def refresh(definition: IndicatorDefinition, *, transport: Transport, actor: Any = None) -> ImportBatch:
    """Fetch one definition's source and import it (all or nothing, like an uploaded file)."""
    content = download(definition, transport)
    # The file's own codes name the indicators (PxWeb's content code, Kolada's KPI id), as for an upload.
    return import_file(
        actor=actor,
        file_name=f"{definition.code} {definition.fetch_url}"[:255],
        source_kind=definition.fetch_kind,
        content=content,
        options={},
    )


def refresh_all(*, transport: Transport, codes: Iterable[str] | None = None) -> dict[str, str]:
    """Fetch and import every definition with an API (or those named); code → what happened, never raising."""
    definitions = IndicatorDefinition.objects.exclude(fetch_kind="").exclude(fetch_url="").order_by("code")
    if codes is not None:
        definitions = definitions.filter(code__in=list(codes))
    outcome: dict[str, str] = {}
    for definition in definitions:
        try:
            batch = refresh(definition, transport=transport)
        except FetchError as error:
            logger.warning("indicators: fetching %s failed: %s", definition.code, error)
            outcome[definition.code] = f"failed: {error}"
            continue
        if batch.state == ImportBatch.State.DONE:
            outcome[definition.code] = f"imported {batch.accepted}"
        else:
            first = batch.rejected_rows[0]["reason"] if batch.rejected_rows else ""
            outcome[definition.code] = f"refused: {batch.rejected} rows rejected; {first}"
    return outcome
