"""CSV beside JSON for every list endpoint (`?format=csv`)."""

from __future__ import annotations

import csv
import io
from typing import Any

from rest_framework.renderers import BaseRenderer


def _flatten(row: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        elif isinstance(value, list):
            flat[name] = "|".join(str(v.get("slug", v) if isinstance(v, dict) else v) for v in value)
        else:
            flat[name] = value
    return flat


class CSVRenderer(BaseRenderer):
    """Renders a paginated list (its `results`) or a single object as CSV, nested fields dotted."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> bytes:
        if isinstance(data, dict) and "results" in data:
            rows = data["results"]
        elif isinstance(data, list):
            rows = data
        else:
            rows = [data]
        flat = [_flatten(row) for row in rows if isinstance(row, dict)]
        fields: list[str] = []
        for row in flat:
            fields.extend(key for key in row if key not in fields)
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=fields)
        writer.writeheader()
        writer.writerows(flat)
        return out.getvalue().encode(self.charset)
