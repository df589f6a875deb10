"""Check the English catalogues: complete, translated, not fuzzy, and compiled. Exit 1 on any problem.

For every app under vagenin/:
  (a) the strings the code marks for translation today (makemessages in a temporary copy) must all be
      in the committed locale/en/LC_MESSAGES/django.po; an app with strings but no catalogue fails;
  (b) no entry of the committed .po may be untranslated or fuzzy;
  (c) the committed .mo must be what msgfmt makes of the committed .po.
Usage: python -m scripts.check_messages [app ...]   (apps as folder names, e.g. `accounts`; default all)
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from scripts.messages import CATALOGUE, ROOT, App, apps, makemessages, missing_tools, msgfmt
from scripts.po import Entry, PoSyntaxError, active, mo_catalogue, read_po

FIX_MISSING = "run `make messages`, translate the new entries, commit .po and .mo"
FIX_TRANSLATE = "translate them in the .po (and drop the fuzzy flag once checked), then `make messages`"
FIX_COMPILE = "run `make messages` (or manage.py compilemessages) and commit the .mo"


@dataclass
class Report:
    """What is wrong with one app's catalogue; empty lists mean all is well."""

    app: App
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def section(self, title: str, lines: list[str]) -> None:
        self.problems.append(title)
        self.problems.extend(f"    {line}" for line in lines)


def extract(app: App) -> list[Entry]:
    """The messages the app's code uses now, from makemessages run on a throwaway copy of the app."""
    with tempfile.TemporaryDirectory(prefix="vagenin-messages-") as tmp:
        copy = Path(tmp) / app.path.name
        shutil.copytree(app.path, copy, ignore=shutil.ignore_patterns("locale", "__pycache__", "*.pyc"))
        (copy / "locale").mkdir()
        result = makemessages(copy)
        if result.returncode != 0:
            raise RuntimeError(f"makemessages failed:\n{result.stdout}{result.stderr}".rstrip())
        po = copy / CATALOGUE
        return active(read_po(po)) if po.exists() else []


def where(entry: Entry) -> str:
    """The first place in the code that uses the message (and how many more there are)."""
    if not entry.references:
        return "(no reference)"
    more = len(entry.references) - 1
    return entry.references[0] + (f" (+{more} more)" if more else "")


def check_missing(report: Report, used: list[Entry], committed: list[Entry]) -> None:
    """(a) Every message the code uses is in the committed catalogue; unused ones are only noted."""
    known = {entry.key for entry in committed}
    missing = [entry for entry in used if entry.key not in known]
    if missing:
        report.section(
            f"{len(missing)} message(s) used in the code are missing from {CATALOGUE} ({FIX_MISSING}):",
            [f"{where(entry)}: {entry.label()}" for entry in missing],
        )
    in_use = {entry.key for entry in used}
    unused = [entry for entry in committed if entry.key not in in_use]
    if unused:
        report.notes.append(f"{len(unused)} entry(ies) no longer used by the code; `make messages` removes them.")


def check_translated(report: Report, committed: list[Entry]) -> None:
    """(b) No untranslated and no fuzzy entries."""
    untranslated = [entry for entry in committed if not entry.is_translated]
    fuzzy = [entry for entry in committed if entry.is_fuzzy]
    po = report.app.po.relative_to(ROOT)
    if untranslated:
        report.section(
            f"{len(untranslated)} untranslated entry(ies) ({FIX_TRANSLATE}):",
            [f"{po}:{entry.line}: {entry.label()}" for entry in untranslated],
        )
    if fuzzy:
        report.section(
            f"{len(fuzzy)} fuzzy entry(ies): Django ignores them, so English shows Swedish ({FIX_TRANSLATE}):",
            [f"{po}:{entry.line}: {entry.label()}" for entry in fuzzy],
        )


def check_compiled(report: Report) -> None:
    """(c) The committed .mo is what msgfmt makes of the committed .po."""
    app = report.app
    if not app.mo.exists():
        report.section(f"{app.mo.name} is missing ({FIX_COMPILE}).", [])
        return
    with tempfile.TemporaryDirectory(prefix="vagenin-mo-") as tmp:
        fresh = Path(tmp) / "django.mo"
        result = msgfmt(app.po, fresh)
        if result.returncode != 0:
            report.section("msgfmt rejects the .po (placeholders must match the source text):", [result.stderr.strip()])
            return
        expected, committed = fresh.read_bytes(), app.mo.read_bytes()
    if expected == committed:
        return
    # Another gettext version may lay out the same messages differently; only the messages matter.
    want, have = mo_catalogue(expected), mo_catalogue(committed)
    if want == have:
        report.notes.append("the .mo differs byte for byte from this msgfmt's output but holds the same messages.")
        return
    changed = {key for key in want if have.get(key) != want[key]} | (have.keys() - want.keys())
    differing = sorted(repr(key) for key in changed)
    report.section(
        f"{app.mo.relative_to(ROOT)} is out of date with the .po ({FIX_COMPILE}); differing messages:",
        differing[:20] + ([f"... and {len(differing) - 20} more"] if len(differing) > 20 else []),
    )


def check_app(app: App) -> Report:
    """All checks for one app."""
    report = Report(app)
    try:
        used = extract(app)
    except (RuntimeError, PoSyntaxError, subprocess.TimeoutExpired) as exc:
        report.section("could not extract the messages the code uses:", str(exc).splitlines())
        return report
    if not app.po.exists():
        if used:
            report.section(
                f"uses {len(used)} translatable message(s) but has no English catalogue {CATALOGUE} "
                "(`make messages` creates it; then translate every entry and commit .po and .mo):",
                [f"{where(entry)}: {entry.label()}" for entry in used[:20]]
                + ([f"... and {len(used) - 20} more"] if len(used) > 20 else []),
            )
        return report
    try:
        committed = active(read_po(app.po, name=str(app.po.relative_to(ROOT))))
    except PoSyntaxError as exc:
        report.section("the .po is not valid gettext syntax:", [str(exc)])
        return report
    check_missing(report, used, committed)
    check_translated(report, committed)
    check_compiled(report)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("apps", nargs="*", help="app folder names under vagenin/ (default: every app)")
    args = parser.parse_args(argv)
    missing = missing_tools()
    if missing:
        print(f"Cannot check translations: GNU gettext is not installed (missing {', '.join(missing)}).")
        print("Install it with: apt-get install gettext")
        return 2
    selected = [app for app in apps() if not args.apps or app.path.name in args.apps]
    unknown = set(args.apps) - {app.path.name for app in selected}
    if unknown:
        print(f"No such app under vagenin/: {', '.join(sorted(unknown))}")
        return 2
    failed = []
    for app in selected:
        report = check_app(app)
        status = "FAIL" if report.problems else "ok"
        print(f"{app.name}: {status}")
        for line in report.problems:
            print(f"  {line}")
        for note in report.notes:
            print(f"  note: {note}")
        if report.problems:
            failed.append(app.name)
    print()
    if failed:
        print(f"Translations: {len(failed)} app(s) with problems: {', '.join(failed)}.")
        return 1
    print(f"Translations: all {len(selected)} app(s) complete, translated and compiled.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
