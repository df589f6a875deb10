"""The fixture files and the mappings the tests read them with."""

from __future__ import annotations

import csv
import functools
import json
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

# KPI titles in Region Dalarna's exports → the KPI ids their R scripts request from Kolada.
UNEMPLOYMENT = {"Långtidsarbetslöshet 25-64 år, årsmedelvärde, andel (%) av bef.": "N03926"}
EMPLOYMENT = {"Förvärvsarbetande invånare 20-64 år, andel (%)": "N00914"}
TURNOUT = {
    "Valdeltagande i senaste kommunalvalet, andel (%)": "N05401",
    "Valdeltagande i senaste regionvalet, andel (%)": "N05402",
    "Valdeltagande i senaste riksdagsvalet, andel (%)": "N05403",
}


def read(name: str) -> bytes:
    """A fixture file's bytes."""
    return (FIXTURES / name).read_bytes()


def read_json(name: str) -> Any:
    """A fixture JSON file, parsed."""
    return json.loads(read(name))


@functools.cache
def geography_names() -> dict[str, str]:
    """Name → code for every municipality and county, plus the names Kolada exports use for the county and Sweden."""
    names: dict[str, str] = {}
    with (FIXTURES / "geo" / "municipalities.csv").open(encoding="utf-8") as file:
        for row in csv.DictReader(file):
            names[row["municipality_name_short"]] = row["municipality_code"]
    with (FIXTURES / "geo" / "counties.csv").open(encoding="utf-8") as file:
        for row in csv.DictReader(file):
            names[row["county_name"]] = row["county_code"]
    names["Region Dalarna"] = "20"
    names["Riket"] = "00"
    return names
