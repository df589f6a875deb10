"""Every relation of the domain is in the deletion table of docs/decisions.md (decision 18), with its on_delete."""

from __future__ import annotations

import re
from pathlib import Path

from django.apps import apps
from django.conf import settings

ROW = re.compile(r"^\| `(?P<relation>[\w.]+)` \| (?P<rule>[A-Z_0-9]+) \| (?P<meaning>.+) \|$", re.M)


def _documented() -> dict[str, str]:
    text = (Path(settings.BASE_DIR) / "docs" / "decisions.md").read_text(encoding="utf-8")
    section = text.split("## 18. Deletion", 1)[1]
    return {match["relation"]: match["rule"] for match in ROW.finditer(section) if match["meaning"].strip()}


def _in_code() -> dict[str, str]:
    found = {}
    for model in apps.get_models():
        if not model.__module__.startswith("vagenin."):
            continue
        for field in model._meta.get_fields():
            if field.concrete and field.is_relation:
                rule = "M2M" if field.many_to_many else getattr(field.remote_field, "on_delete").__name__  # noqa: B009
                found[f"{model._meta.label}.{field.name}"] = rule
    return found


def test_every_relation_says_what_deletion_means() -> None:
    documented, code = _documented(), _in_code()
    missing = sorted(f"{name} ({rule})" for name, rule in code.items() if name not in documented)
    stale = sorted(name for name in documented if name not in code)
    changed = sorted(
        f"{name}: code {code[name]}, docs {rule}"
        for name, rule in documented.items()
        if name in code and code[name] != rule
    )
    assert not missing, f"Add these to decision 18 in docs/decisions.md with what deleting the target means: {missing}"
    assert not stale, f"These are no longer relations; remove them from decision 18: {stale}"
    assert not changed, f"on_delete differs from decision 18: {changed}"
