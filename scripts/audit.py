"""`make audit`: look up the pinned dependencies in a vulnerability database with pip-audit.

Exit status, and what it says:
  0  the advisory service answered for every package and knows no vulnerability;
  1  vulnerabilities were found (listed with the versions that fix them);
  2  no advisory service could be asked about every package (offline, blocked, or too slow),
     so nothing can be said either way.
pip-audit itself exits 0 when PyPI answers "not found" for every package, and 1 both for
"vulnerable" and for a crash, so this reads its JSON report instead of its exit status.
Usage: python -m scripts.audit [requirements file ...]   (default: the lock files)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LOCK_FILES = [ROOT / "requirements" / "base.txt", ROOT / "requirements" / "dev.txt"]
SERVICES = {"pypi": "PyPI advisory database", "osv": "OSV (osv.dev)"}
SOCKET_TIMEOUT = 10  # seconds per request pip-audit makes
RUN_TIMEOUT = int(os.environ.get("AUDIT_TIMEOUT", "240"))  # seconds for one whole pip-audit run

CLEAN, VULNERABLE, UNREACHABLE = 0, 1, 2


@dataclass(frozen=True)
class Vulnerability:
    """One advisory that applies to a pinned package."""

    package: str
    version: str
    id: str
    fixed_in: tuple[str, ...]


@dataclass
class Outcome:
    """What one pip-audit run against one service established."""

    service: str
    status: int
    audited: int = 0
    vulnerabilities: list[Vulnerability] = field(default_factory=list)
    reason: str = ""


def classify(service: str, report: Mapping[str, Any]) -> Outcome:
    """Judge pip-audit's JSON report: vulnerable beats incomplete, incomplete beats clean."""
    dependencies = report.get("dependencies")
    if not isinstance(dependencies, list):
        return Outcome(service, UNREACHABLE, reason="pip-audit wrote no list of dependencies")
    found = [
        Vulnerability(dep["name"], dep.get("version", "?"), vuln["id"], tuple(vuln.get("fix_versions", [])))
        for dep in dependencies
        for vuln in dep.get("vulns", [])
    ]
    skipped = [dep for dep in dependencies if dep.get("skip_reason")]
    audited = len(dependencies) - len(skipped)
    if found:
        return Outcome(service, VULNERABLE, audited, found)
    if not dependencies:
        return Outcome(service, UNREACHABLE, reason="no dependencies were read from the requirements")
    if skipped:
        example = skipped[0]["skip_reason"]
        return Outcome(
            service,
            UNREACHABLE,
            audited,
            reason=f"{len(skipped)} of {len(dependencies)} package(s) could not be looked up (e.g. {example!r})",
        )
    return Outcome(service, CLEAN, audited)


def last_line(text: str) -> str:
    """The line of pip-audit's output that names the error (the end of a traceback)."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:300] if lines else "no output"


def run(service: str, requirements: list[Path]) -> Outcome:
    """Run pip-audit once against one service, bounded in time, and classify the result."""
    with tempfile.TemporaryDirectory(prefix="vagenin-audit-") as tmp:
        output = Path(tmp) / "audit.json"
        command = [sys.executable, "-m", "pip_audit", "--disable-pip", "--no-deps", "--progress-spinner", "off"]
        command += ["--timeout", str(SOCKET_TIMEOUT), "--vulnerability-service", service]
        command += ["--format", "json", "--output", str(output)]
        for path in requirements:
            command += ["--requirement", str(path)]
        try:
            result = subprocess.run(  # noqa: S603 - fixed argument list, no shell
                command, capture_output=True, text=True, timeout=RUN_TIMEOUT, check=False, stdin=subprocess.DEVNULL
            )
        except subprocess.TimeoutExpired:
            return Outcome(service, UNREACHABLE, reason=f"no complete answer within {RUN_TIMEOUT} s")
        if not output.exists():
            return Outcome(service, UNREACHABLE, reason=last_line(result.stderr or result.stdout))
        try:
            report = json.loads(output.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            return Outcome(service, UNREACHABLE, reason="pip-audit wrote a report that is not JSON")
    return classify(service, report)


def audit(requirements: list[Path]) -> tuple[int, list[Outcome]]:
    """Ask each service in turn until one answers for every package; stop at the first vulnerability."""
    outcomes = []
    for service in SERVICES:
        outcome = run(service, requirements)
        outcomes.append(outcome)
        if outcome.status != UNREACHABLE:
            return outcome.status, outcomes
    return UNREACHABLE, outcomes


def describe(status: int, outcomes: list[Outcome], requirements: list[Path]) -> list[str]:
    """The plain-language verdict."""
    files = ", ".join(str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path) for path in requirements)
    last = outcomes[-1]
    if status == CLEAN:
        return [
            f"Audit: no known vulnerabilities in the {last.audited} pinned packages of {files}"
            f" (checked against the {SERVICES[last.service]})."
        ]
    if status == VULNERABLE:
        lines = [f"Audit: VULNERABILITIES FOUND in {files} (according to the {SERVICES[last.service]}):"]
        for vuln in last.vulnerabilities:
            fix = f"fixed in {', '.join(vuln.fixed_in)}" if vuln.fixed_in else "no fixed version yet"
            lines.append(f"  {vuln.package} {vuln.version}: {vuln.id} ({fix})")
        lines.append("Raise the pins in requirements/*.in, re-lock, run the tests, and deploy.")
        return lines
    lines = [f"Audit: COULD NOT CHECK {files}: no vulnerability service answered for every package."]
    lines += [f"  {SERVICES[outcome.service]}: {outcome.reason}" for outcome in outcomes]
    lines.append("Nothing is known either way. Run `make audit` on a machine that can reach pypi.org or osv.dev.")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("requirements", nargs="*", type=Path, help="requirements files (default: the lock files)")
    args = parser.parse_args(argv)
    requirements = [path.resolve() for path in args.requirements] or LOCK_FILES
    status, outcomes = audit(requirements)
    print("\n".join(describe(status, outcomes, requirements)), flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
