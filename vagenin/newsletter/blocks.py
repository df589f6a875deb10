"""Blocks that other apps add to a newsletter issue, without either side importing the other.

An app offers a block by giving its AppConfig a method

    def newsletter_block(self, *, since: datetime.datetime | None, language: str) -> dict | None

that returns {"title": str, "items": [{"title", "url", "text", "when"}]} (plain strings; "url" absolute or
a path on this site) or None when it has nothing. The meetings app, for example, returns its coming events.
Duck typing keeps the layers: a sibling domain module never imports this app, and this app imports none.
`register` adds a provider directly (tests, or an app below this one).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps

Provider = Callable[..., dict[str, Any] | None]
_REGISTERED: dict[str, tuple[str, Provider]] = {}


@dataclass(frozen=True)
class BlockItem:
    title: str
    url: str
    text: str = ""
    when: str = ""


@dataclass(frozen=True)
class Block:
    key: str
    title: str
    items: list[BlockItem] = field(default_factory=list)


def register(key: str, label: str, provider: Provider) -> None:
    """Offer a block under `key` (its label is what the secretariat ticks when composing)."""
    _REGISTERED[key] = (label, provider)


def unregister(key: str) -> None:
    _REGISTERED.pop(key, None)


def available() -> dict[str, tuple[str, Provider]]:
    """Every block on offer: the registered ones and those of installed apps' configs, by key."""
    found = dict(_REGISTERED)
    for config in apps.get_app_configs():
        provider = getattr(config, "newsletter_block", None)
        if callable(provider):
            found.setdefault(config.label, (str(config.verbose_name), provider))
    return found


def collect(keys: list[str], *, since: datetime.datetime | None, language: str) -> list[Block]:
    """The chosen blocks' content; a block that is no longer on offer, or has nothing, is left out."""
    offered = available()
    result = []
    for key in keys:
        if key not in offered:
            continue
        content = offered[key][1](since=since, language=language)
        if not content or not content.get("items"):
            continue
        items = [
            BlockItem(
                title=str(item.get("title", "")),
                url=str(item.get("url", "")),
                text=str(item.get("text", "")),
                when=str(item.get("when", "")),
            )
            for item in content["items"]
        ]
        result.append(Block(key=key, title=str(content.get("title", "")), items=items))
    return result
