"""The printed table and the JSON record of one bench run."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.load import Measured
from bench.pages import MAX_QUERIES, Page
from bench.queries import Counted


@dataclass
class Row:
    page: Page
    measured: Measured | None
    counted: Counted | None
    note: str = ""

    def share(self, baseline_per_second: float) -> float | None:
        if self.measured is None or not baseline_per_second:
            return None
        return self.measured.per_second / baseline_per_second

    def target(self, *, cached: bool) -> float | None:
        return self.page.min_cached if cached else self.page.min_share

    def misses(self, baseline_per_second: float, *, cached: bool = False) -> list[str]:
        """Targets this row missed; the query budget is checked on the rendered pass only."""
        if self.measured is None:
            return []
        found = []
        share, target = self.share(baseline_per_second), self.target(cached=cached)
        how = "cached" if cached else "rendered"
        if share is not None and target is not None and share < target:
            found.append(f"{self.page.name} ({how}): {share:.0%} of baseline throughput (target ≥ {target:.0%})")
        if not cached and self.page.has_targets and self.counted is not None and self.counted.queries > MAX_QUERIES:
            found.append(f"{self.page.name}: {self.counted.queries} queries (budget ≤ {MAX_QUERIES})")
        if self.measured.errors:
            found.append(f"{self.page.name} ({how}): {self.measured.errors} errors {self.measured.statuses}")
        return found


def share_text(row: Row | None, baseline_per_second: float, *, cached: bool) -> str:
    """ "45 % ok (≥ 40 %)": the share of the baseline with its target, or "–"."""
    if row is None or row.measured is None:
        return "–" if row is None else f"skipped: {row.note}"
    share = row.share(baseline_per_second)
    if share is None:
        return "–"
    target = row.target(cached=cached)
    if target is None:
        return f"{share:.0%}"
    return f"{share:.0%} {'ok' if share >= target else '**BELOW**'} (≥ {target:.0%})"


def _queries(row: Row) -> tuple[str, str, str]:
    if row.counted is None:
        return "–", "–", "–"
    text = str(row.counted.queries)
    if row.page.has_targets:
        text += " ok" if row.counted.queries <= MAX_QUERIES else " **OVER**"
    return text, f"{row.counted.sql_ms:.1f}", f"{row.counted.cpu_ms:.1f}"


def table(rows: list[Row], baseline_per_second: float, min_share: float) -> str:
    """A Markdown table: throughput, latency percentiles, errors, share of baseline and queries per page."""
    head = (
        f"| page | path | requests | req/s | p50 ms | p95 ms | p99 ms | errors "
        f"| vs baseline (≥ {min_share:.0%}) | queries (≤ {MAX_QUERIES}) | SQL ms | CPU ms |"
    )
    lines = [head, "|" + " --- |" * 12]
    for row in rows:
        if row.measured is None:
            lines.append(
                f"| {row.page.name} | `{row.page.path}` | – | – | – | – | – | – | skipped: {row.note} | – | – | – |"
            )
            continue
        m = row.measured
        queries_text, sql_text, cpu_text = _queries(row)
        lines.append(
            f"| {row.page.name} | `{row.page.path}` | {m.requests} | {m.per_second:.0f} | {m.percentile(0.5):.1f} "
            f"| {m.percentile(0.95):.1f} | {m.percentile(0.99):.1f} | {m.errors} "
            f"| {share_text(row, baseline_per_second, cached=False)} | {queries_text} | {sql_text} | {cpu_text} |"
        )
    return "\n".join(lines)


def both_table(rendered: list[Row], rendered_baseline: float, cached: list[Row] | None, cached_baseline: float) -> str:
    """The anonymous pages side by side: served from the page cache and rendered, each against its own server's
    baseline, with the queries and CPU time of one rendering."""
    by_page = {(row.page.name, row.page.path): row for row in cached or []}
    head = (
        "| page | path | cached req/s | cached p95 ms | cached | rendered req/s | rendered p50 ms | rendered p95 ms "
        f"| rendered | errors | queries (≤ {MAX_QUERIES}) | SQL ms | CPU ms |"
    )
    lines = [head, "|" + " --- |" * 13]
    for row in rendered:
        hit = by_page.get((row.page.name, row.page.path))
        if cached is None:
            cached_cells = "| – | – | –"  # --page-cache 0: no cached pass
        elif hit is None or hit.measured is None:
            cached_cells = f"| – | – | {share_text(hit, cached_baseline, cached=True)}"
        else:
            cached_cells = (
                f"| {hit.measured.per_second:.0f} | {hit.measured.percentile(0.95):.1f} "
                f"| {share_text(hit, cached_baseline, cached=True)}"
            )
        if row.measured is None:
            rendered_cells = f"| – | – | – | {share_text(row, rendered_baseline, cached=False)}"
        else:
            m = row.measured
            rendered_cells = (
                f"| {m.per_second:.0f} | {m.percentile(0.5):.1f} | {m.percentile(0.95):.1f} "
                f"| {share_text(row, rendered_baseline, cached=False)}"
            )
        errors = sum(r.measured.errors for r in (row, hit) if r is not None and r.measured is not None)
        queries_text, sql_text, cpu_text = _queries(row)
        lines.append(
            f"| {row.page.name} | `{row.page.path}` {cached_cells} {rendered_cells} | {errors} "
            f"| {queries_text} | {sql_text} | {cpu_text} |"
        )
    return "\n".join(lines)


def record(rows: list[Row], baseline_per_second: float, *, cached: bool = False) -> list[dict[str, Any]]:
    found = []
    for row in rows:
        entry: dict[str, Any] = {"name": row.page.name, "path": row.page.path, "kind": row.page.kind}
        if row.page.persona:
            entry["persona"] = row.page.persona
        if row.note:
            entry["note"] = row.note
        if row.measured is not None:
            m = row.measured
            entry |= {
                "requests": m.requests,
                "seconds": round(m.seconds, 3),
                "requests_per_second": round(m.per_second, 1),
                "p50_ms": round(m.percentile(0.5), 2),
                "p95_ms": round(m.percentile(0.95), 2),
                "p99_ms": round(m.percentile(0.99), 2),
                "errors": m.errors,
                "statuses": {str(k): v for k, v in m.statuses.items()},
            }
            share = row.share(baseline_per_second)
            entry["share_of_baseline"] = None if share is None else round(share, 3)
            entry["target_share"] = row.target(cached=cached)
        if row.counted is not None:
            counted = row.counted
            entry |= {
                "queries": counted.queries,
                "sql_ms": round(counted.sql_ms, 2),
                "cpu_ms": round(counted.cpu_ms, 2),
            }
            entry["sql"] = counted.sql
        found.append(entry)
    return found


def write(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
