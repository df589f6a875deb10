"""CSV beside JSON for every list endpoint (`?format=csv`)."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from rest_framework.renderers import BaseRenderer

# A cell starting with one of these runs as a formula in spreadsheet programs (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    """One value as a CSV cell: lists of slugs or scalars joined with "|", other nested data as JSON."""
    if isinstance(value, list):
        if all(isinstance(item, dict) and "slug" in item for item in value):
            value = "|".join(str(item["slug"]) for item in value)
        elif all(not isinstance(item, dict | list) for item in value):
            value = "|".join("" if item is None else str(item) for item in value)
        else:
            value = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _flatten(row: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = _cell(value)
    return flat


class CSVRenderer(BaseRenderer):
    """Renders a paginated list (its `results`) or a single object as CSV with a header row."""

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
        fields = self._header(renderer_context)
        for row in flat:
            fields.extend(key for key in row if key not in fields)
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=fields)
        writer.writeheader()
        writer.writerows(flat)
        self._name_download(renderer_context)
        return out.getvalue().encode(self.charset)

    def _header(self, renderer_context: Any) -> list[str]:
        """The serializer's field names, so an empty list still has its header row."""
        view = (renderer_context or {}).get("view")
        response = (renderer_context or {}).get("response")
        if view is None or response is None or response.status_code >= 400 or not hasattr(view, "get_serializer"):
            return []
        return list(view.get_serializer().fields)

    def _name_download(self, renderer_context: Any) -> None:
        request = (renderer_context or {}).get("request")
        response = (renderer_context or {}).get("response")
        if request is None or response is None or response.status_code >= 400:
            return
        name = re.sub(r"[^A-Za-z0-9_-]", "", request.path.rstrip("/").rsplit("/", 1)[-1]) or "data"
        response["Content-Disposition"] = f'inline; filename="{name}.csv"'
