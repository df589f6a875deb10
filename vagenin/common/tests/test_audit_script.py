"""How `make audit` (scripts/audit.py) reads pip-audit's report; pip-audit itself is not run here."""

from __future__ import annotations

from scripts.audit import CLEAN, LOCK_FILES, UNREACHABLE, VULNERABLE, Outcome, Vulnerability, classify, describe


def dep(name: str, **extra: object) -> dict[str, object]:
    return {"name": name, "version": "1.0", **extra}


def test_every_package_answered_without_advisories_is_clean() -> None:
    outcome = classify("pypi", {"dependencies": [dep("django", vulns=[]), dep("celery", vulns=[])]})
    assert (outcome.status, outcome.audited) == (CLEAN, 2)


def test_an_advisory_is_a_vulnerability_even_when_other_packages_were_skipped() -> None:
    report = {
        "dependencies": [
            dep("django", vulns=[{"id": "PYSEC-1", "fix_versions": ["1.1"]}]),
            dep("celery", skip_reason="Dependency not found on PyPI"),
        ]
    }
    outcome = classify("pypi", report)
    assert outcome.status == VULNERABLE
    assert outcome.vulnerabilities == [Vulnerability("django", "1.0", "PYSEC-1", ("1.1",))]


def test_packages_that_could_not_be_looked_up_make_the_audit_inconclusive() -> None:
    # What an offline machine behind a PyPI mirror gets: pip-audit exits 0 and says "no known vulnerabilities".
    report = {"dependencies": [dep("django", skip_reason="Dependency not found on PyPI and could not be audited")]}
    outcome = classify("pypi", report)
    assert outcome.status == UNREACHABLE
    assert outcome.reason.startswith("1 of 1 package(s) could not be looked up")


def test_an_empty_or_malformed_report_is_inconclusive() -> None:
    assert classify("osv", {"dependencies": []}).status == UNREACHABLE
    assert classify("osv", {}).status == UNREACHABLE


def test_describe_says_plainly_which_of_the_three_it_is() -> None:
    clean = describe(CLEAN, [Outcome("pypi", CLEAN, 89)], LOCK_FILES)
    assert clean[0].startswith("Audit: no known vulnerabilities in the 89 pinned packages of requirements/base.txt")
    found = describe(
        VULNERABLE, [Outcome("pypi", VULNERABLE, 2, [Vulnerability("django", "1.0", "PYSEC-1", ())])], LOCK_FILES
    )
    assert found[0].startswith("Audit: VULNERABILITIES FOUND")
    assert "  django 1.0: PYSEC-1 (no fixed version yet)" in found
    offline = describe(
        UNREACHABLE,
        [Outcome("pypi", UNREACHABLE, reason="down"), Outcome("osv", UNREACHABLE, reason="dns")],
        LOCK_FILES,
    )
    assert offline[0].startswith("Audit: COULD NOT CHECK")
    assert offline[1:3] == ["  PyPI advisory database: down", "  OSV (osv.dev): dns"]
