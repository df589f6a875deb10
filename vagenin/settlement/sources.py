"""Factor data taken from other apps (the indicator store), without either side importing the other.

Settlement and indicators are sibling domain modules (docs/architecture.md): neither imports the other. An app
offers factor values by giving its AppConfig a method

    def settlement_factor_values(self, *, year: int, codes: Sequence[str]) -> Mapping[str, Mapping[str, Any]]

returning, per municipality code, any of ``population``, ``labour_market``, ``asylum_seekers_abo`` and
``asylum_seekers_ebo`` (non-negative numbers; population whole and positive, the labour-market measure a
decimal) for the settlement year `year` — e.g. the population on 31 December of the year before. An app below
settlement, or the site app, may instead call `register(key, label, provider)` with the same signature.

The officer takes them on the year's page: values fill only what is still empty, so nothing typed or imported
by hand is overwritten (`services.take_factor_values`). Values that are not numbers of the right kind are
left out, never guessed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.apps import apps
from django.utils.functional import Promise

FIELDS = ("population", "labour_market", "asylum_seekers_abo", "asylum_seekers_ebo")
METHOD = "settlement_factor_values"
Provider = Callable[..., Mapping[str, Mapping[str, Any]]]
_REGISTERED: dict[str, tuple[str | Promise, Provider]] = {}


def register(key: str, label: str | Promise, provider: Provider) -> None:
    """Offer factor values under `key`; `label` names the source on the page and in the audit log."""
    _REGISTERED[key] = (label, provider)


def unregister(key: str) -> None:
    _REGISTERED.pop(key, None)


def available() -> dict[str, tuple[str | Promise, Provider]]:
    """Every source on offer: the registered ones and those of installed apps' configs, by key."""
    found = dict(_REGISTERED)
    for config in apps.get_app_configs():
        provider = getattr(config, METHOD, None)
        if callable(provider):
            found.setdefault(config.label, (str(config.verbose_name), provider))
    return found


def _clean(field: str, value: Any) -> int | Decimal | None:
    """A value of the field's kind, or None for anything else (left out, never guessed)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    if not number.is_finite() or number < 0:
        return None
    if field == "labour_market":
        return number
    if number != number.to_integral_value() or (field == "population" and number == 0):
        return None
    return int(number)


def collect(key: str, *, year: int, codes: Sequence[str]) -> dict[str, dict[str, int | Decimal]]:
    """The source's values per municipality code, only the known fields of the given codes, cleaned."""
    offered = available()
    if key not in offered:
        return {}
    raw = offered[key][1](year=year, codes=list(codes)) or {}
    wanted = set(codes)
    result: dict[str, dict[str, int | Decimal]] = {}
    for code, values in raw.items():
        if code not in wanted or not isinstance(values, Mapping):
            continue
        cleaned = {field: _clean(field, values.get(field)) for field in FIELDS}
        kept = {field: value for field, value in cleaned.items() if value is not None}
        if kept:
            result[code] = kept
    return result
