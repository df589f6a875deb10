"""`make messages`: update every app's English catalogue from the code, then compile it.

Runs makemessages (--no-obsolete) in each app folder under vagenin/, creating the catalogue of an app
that has translatable strings but none yet, and compiles every catalogue with msgfmt. A catalogue
whose only change would be the POT-Creation-Date line is left as it was, so that running this
does not rewrite files nobody changed. Then lists what is still to translate.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

from scripts.messages import CATALOGUE, App, apps, makemessages, missing_tools, msgfmt
from scripts.po import active, read_po


def without_creation_date(text: str) -> list[str]:
    """The catalogue's lines except the one makemessages changes on every run."""
    return [line for line in text.splitlines() if not line.startswith('"POT-Creation-Date:')]


def update(app: App) -> str | None:
    """Update and compile one app's catalogue; an error message, or None when it went well."""
    before = app.po.read_text(encoding="utf-8") if app.po.exists() else None
    locale = app.path / "locale"
    created_locale = not locale.exists()
    locale.mkdir(exist_ok=True)
    try:
        result = makemessages(app.path)
    except subprocess.TimeoutExpired:
        return "makemessages took too long"
    if result.returncode != 0:
        return f"makemessages failed:\n{result.stdout}{result.stderr}".rstrip()
    if not app.po.exists():
        if created_locale:  # no translatable strings: leave no empty folder behind
            shutil.rmtree(locale)
        return None
    if before is not None and without_creation_date(app.po.read_text(encoding="utf-8")) == without_creation_date(
        before
    ):
        app.po.write_text(before, encoding="utf-8")
    compiled = msgfmt(app.po, app.mo)
    if compiled.returncode != 0:
        return f"msgfmt rejects {app.po.relative_to(app.path)}:\n{compiled.stderr}".rstrip()
    return None


def main() -> int:
    missing = missing_tools()
    if missing:
        print(f"GNU gettext is not installed (missing {', '.join(missing)}); install it: apt-get install gettext")
        return 2
    errors = 0
    for app in apps():
        error = update(app)
        if error:
            errors += 1
            print(f"{app.name}: ERROR {error}")
            continue
        if not app.po.exists():
            print(f"{app.name}: no translatable strings")
            continue
        entries = active(read_po(app.po))
        todo = [entry for entry in entries if entry.is_fuzzy or not entry.is_translated]
        status = f"{len(todo)} to translate (untranslated or fuzzy)" if todo else "complete"
        print(f"{app.name}: {len(entries)} messages, {status} - {app.name}/{CATALOGUE}")
    if errors:
        return 1
    print("Catalogues updated and compiled. Translate what is listed above, run `make messages` again, commit both.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
