"""Benchmark data for official statistics, and the import and report benchmark.

As a generator (`python -m bench --scale S`): the demo's definitions and shipped real files, then a generated
long CSV of `2,000,000 × S` observations imported through the real importer. It prints the parse rate and the
import rate (observations per second) of the same file, and the time to render the county dashboard and to
build all 16 report editions (web, and web plus PDF).
"""

from __future__ import annotations

import csv
import random
import tempfile
import time
from pathlib import Path

from django.test import Client
from django.utils import translation

from vagenin.indicators import reporting
from vagenin.indicators.demo import load_indicators
from vagenin.indicators.importing import parse_source
from vagenin.indicators.models import IndicatorDefinition, Observation, Report, SourceKind, Unit
from vagenin.indicators.services import import_file, start_publication
from vagenin.organisations.models import County, Municipality

FULL_SCALE = 2_000_000
OPTIONS = {
    "geography_column": "region",
    "period_column": "year",
    "value_columns": "value=BENCH01",
    "breakdown_columns": "sex=Kon\nage=Alder",
    "create_definitions": True,
}


def write_long_csv(path: Path, observations: int, rng: random.Random) -> int:
    """A long CSV of about `observations` counts: every geography × year × sex (women, men, both) × single year
    of age. Counts are small enough that some fall below the threshold of 5, so the import also runs the
    small-count suppression; "both" is the sum of women and men; one cell in a hundred is withheld by the source."""
    geographies = ["00", *County.objects.values_list("code", flat=True)]
    geographies += list(Municipality.objects.values_list("code", flat=True))
    per_age = len(geographies) * 25 * 3
    ages = max(1, min(100, round(observations / per_age)))
    written = 0
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["region", "year", "sex", "age", "value"])
        for geography in geographies:
            high = 60_000 if geography == "00" else 4_000 if len(geography) == 2 else 60
            for year in range(2000, 2025):
                for age in range(ages):
                    women, men = rng.randint(0, high), rng.randint(0, high)
                    for sex, count in (("1", men), ("2", women), ("1+2", men + women)):
                        value = "x" if rng.random() < 0.01 else str(count)
                        writer.writerow([geography, year, sex, age, value])
                        written += 1
    return written


def run(observations: int, rng: random.Random, *, pdf: bool = True) -> dict[str, float]:
    """The figures of one run."""
    figures: dict[str, float] = {}
    load_indicators(generate=False)
    IndicatorDefinition.objects.update_or_create(
        code="BENCH01",
        defaults={
            "name_sv": "Folkmängd efter kön och ålder (genererad)",
            "name_en": "Population by sex and age (generated)",
            "unit": Unit.NUMBER,
            "decimals": 0,
            "suppress_below": 5,
            "headline": {"Kon": "1+2", "Alder": "0"},
            "population_section": True,
        },
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.csv"
        rows = write_long_csv(path, observations, rng)
        content = path.read_bytes()
    figures["observations"] = rows
    started = time.perf_counter()
    table = parse_source(SourceKind.LONG_CSV, content, source="bench.csv", options=OPTIONS)
    parse_seconds = time.perf_counter() - started
    assert not table.errors, table.errors[:3]
    figures["parse_per_second"] = rows / parse_seconds
    started = time.perf_counter()
    batch = import_file(
        actor=None, file_name="bench.csv", source_kind=SourceKind.LONG_CSV, content=content, options=OPTIONS
    )
    import_seconds = time.perf_counter() - started
    assert batch.accepted == rows, batch.rejected_rows[:3]
    figures["import_per_second"] = rows / import_seconds
    figures["import_seconds"] = import_seconds
    figures["import_vs_parse_ratio"] = figures["parse_per_second"] / figures["import_per_second"]
    figures["suppressed"] = Observation.objects.filter(indicator__code="BENCH01").exclude(suppression="").count()
    started = time.perf_counter()
    with translation.override("sv"):
        assert Client().get("/statistik/20/").status_code == 200
    figures["dashboard_seconds"] = time.perf_counter() - started
    report = Report.objects.get()
    for with_pdf in (False, True) if pdf else (False,):
        publication = start_publication(actor=None, report=report, editions_total=16)
        started = time.perf_counter()
        reporting.build_editions(publication, pdf=with_pdf)
        figures[f"report_16_editions_{'pdf' if with_pdf else 'web'}_seconds"] = time.perf_counter() - started
    return figures


def generate(rng: random.Random, scale: float) -> dict[str, int]:
    """The bench generator: demo statistics plus a generated table of 2,000,000 × scale observations."""
    figures = run(int(FULL_SCALE * scale), rng, pdf=True)
    for name, value in figures.items():
        print(f"indicators {name:40} {value:,.1f}")  # the benchmark prints its figures
    return {"observations": int(figures["observations"])}
