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

    def misses(self, baseline_per_second: float) -> list[str]:
        if not self.page.has_targets or self.measured is None:
            return []
        found = []
        share = self.share(baseline_per_second)
        if share is not None and share < self.page.min_share:
            found.append(f"{self.page.name}: {share:.0%} of baseline throughput (target ≥ {self.page.min_share:.0%})")
        if self.counted is not None and self.counted.queries > MAX_QUERIES:
            found.append(f"{self.page.name}: {self.counted.queries} queries (budget ≤ {MAX_QUERIES})")
        if self.measured.errors:
            found.append(f"{self.page.name}: {self.measured.errors} errors {self.measured.statuses}")
        return found


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
        share = row.share(baseline_per_second)
        share_text = "–" if share is None else f"{share:.0%}"
        if row.page.has_targets and share is not None:
            share_text += " ok" if share >= row.page.min_share else " **BELOW**"
        queries_text, sql_text, cpu_text = "–", "–", "–"
        if row.counted is not None:
            sql_text, cpu_text = f"{row.counted.sql_ms:.1f}", f"{row.counted.cpu_ms:.1f}"
            queries_text = str(row.counted.queries)
            if row.page.has_targets:
                queries_text += " ok" if row.counted.queries <= MAX_QUERIES else " **OVER**"
        lines.append(
            f"| {row.page.name} | `{row.page.path}` | {m.requests} | {m.per_second:.0f} | {m.percentile(0.5):.1f} "
            f"| {m.percentile(0.95):.1f} | {m.percentile(0.99):.1f} | {m.errors} | {share_text} | {queries_text} "
            f"| {sql_text} | {cpu_text} |"
        )
    return "\n".join(lines)


def record(rows: list[Row], baseline_per_second: float) -> list[dict[str, Any]]:
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
