"""The OpenAPI document's finishing touches: licence, contact and servers in `info`, and `anyOf` for alternatives."""

from __future__ import annotations

from typing import Any

from django.conf import settings

LICENCE_NAME = "CC0 1.0 Universal (CC0 1.0) Public Domain Dedication"
LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/"


def _any_of(node: Any) -> Any:
    """`oneOf` -> `anyOf` everywhere. drf-spectacular writes a blank-allowed field (an empty `website`, an empty
    filter) as `oneOf: [{format: uri}, {maxLength: 0}]`; a validator that does not assert formats finds the empty
    string valid for both branches, and `oneOf` then rejects it. The branches are alternatives, not exclusive."""
    if isinstance(node, dict):
        return {("anyOf" if key == "oneOf" else key): _any_of(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_any_of(item) for item in node]
    return node


def finish_schema(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """drf-spectacular postprocessing hook (see SchemaView.custom_settings)."""
    result = _any_of(result)
    result["info"]["license"] = {"name": LICENCE_NAME, "url": LICENCE_URL}
    result["info"]["contact"] = {"name": "Vägen in", "email": settings.SECRETARIAT_EMAIL}
    result["servers"] = [{"url": settings.SITE_URL.rstrip("/"), "description": "Vägen in"}]
    return result
