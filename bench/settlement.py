"""`python -m bench.settlement`: the settlement model and apportionment for all 21 counties and 290 municipalities.

Times, on the bench database (built as `python -m bench` builds it, or reused with --reuse):

- **read**: loading every county's factor data from the database (one settlement year per county, its
  revisions, factor rows and earlier reception) and turning it into the pure model's input — what any page
  that shows the model pays anyway;
- **model**: :func:`vagenin.settlement.model.propose_quotas` for every county (exact shares, contributions,
  largest remainder), and the apportionment alone with each method (largest remainder, Sainte-Laguë,
  D'Hondt) on the same exact shares.

Each is the best of `--repeat` runs (default 5); the report prints milliseconds and the ratio of each to
the read time of the same run, as the page benchmark prints ratios against its baseline. Never a test.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

from bench.__main__ import prepare_data  # sets up Django on the bench settings and database
from bench.generators.settlement import BENCH_YEAR
from vagenin.settlement.apportion import Method, apportion
from vagenin.settlement.model import ModelSettings, propose_quotas
from vagenin.settlement.models import SettlementYear
from vagenin.settlement.queries import factor_rows, model_inputs


def best_of(repeat: int, step: Callable[[], Any]) -> tuple[float, Any]:
    """The fastest of `repeat` runs in seconds, and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = step()
        best = min(best, time.perf_counter() - started)
    return best, result


def read_all() -> list[tuple[int, list[Any], tuple[int, ...]]]:
    """(county quota, model input, reception years) per county."""
    loaded = []
    for settlement_year in SettlementYear.objects.filter(year=BENCH_YEAR).with_revisions().order_by("county__code"):
        quota = settlement_year.county_quota
        assert quota is not None
        loaded.append((quota, model_inputs(factor_rows(settlement_year)), settlement_year.reception_years()))
    return loaded


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.settlement", description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", action="store_true", help="keep the data of the last bench run if present")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scale", type=float, default=0.1, help="volume of the other modules' data")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    prepare_data(argparse.Namespace(reuse=args.reuse, seed=args.seed, scale=args.scale))
    if not SettlementYear.objects.filter(year=BENCH_YEAR).exists():
        print("No settlement bench data: run without --reuse once.")
        return 1

    read_seconds, loaded = best_of(args.repeat, read_all)
    municipalities = sum(len(inputs) for _, inputs, _ in loaded)

    def run_model() -> list[Any]:
        return [propose_quotas(quota, inputs, ModelSettings(reception_years=years)) for quota, inputs, years in loaded]

    model_seconds, proposals = best_of(args.repeat, run_model)
    assert all(sum(p.quotas().values()) == p.county_quota for p in proposals)
    shares = [(p.county_quota, {m.code: m.share for m in p.municipalities}) for p in proposals]
    rows = [("read the factor data (baseline)", read_seconds), ("model and largest remainder", model_seconds)]
    for method in Method:
        seconds, _ = best_of(args.repeat, lambda m=method: [apportion(q, s, m) for q, s in shares])
        rows.append((f"apportionment alone: {method.value}", seconds))

    print(f"\nSettlement model: {len(loaded)} counties, {municipalities} municipalities, best of {args.repeat}\n")
    print("| step | ms | × read |")
    print("| --- | ---: | ---: |")
    for label, seconds in rows:
        print(f"| {label} | {seconds * 1000:.1f} | {seconds / read_seconds:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
