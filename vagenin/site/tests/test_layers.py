"""Every installed app has its place in the layers contract that `make lint` checks (import-linter).

A new app that is not placed there would escape the contract: nothing would stop it importing upwards, or
stop lower layers importing it. Place it in pyproject.toml's `[tool.importlinter]` as docs/architecture.md
describes.
"""

from __future__ import annotations

import re
import tomllib

from django.conf import settings


def contract_modules() -> dict[str, bool]:
    """The modules named in the layers contract, each with whether it is optional (in parentheses)."""
    config = tomllib.loads((settings.BASE_DIR / "pyproject.toml").read_text())
    (contract,) = [c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    modules = {}
    for layer in contract["layers"]:
        for name in re.split(r"[|:]", layer):
            name = name.strip()
            optional = name.startswith("(")
            modules[name.strip("()")] = optional
    return modules


def test_every_installed_app_is_in_the_layers_contract() -> None:
    apps = {app for app in settings.INSTALLED_APPS if app.startswith("vagenin.")}
    modules = contract_modules()
    assert apps - modules.keys() == set(), "Place these apps in the layers contract in pyproject.toml"


def test_an_installed_app_is_not_marked_optional() -> None:
    """Optional layers are for apps not built yet; once installed, a missing app must break the contract."""
    optional = {name for name, is_optional in contract_modules().items() if is_optional}
    assert optional & set(settings.INSTALLED_APPS) == set()
