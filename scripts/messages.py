"""What the translation tools share: the apps, their catalogues, and running gettext through Django."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "vagenin"
LANGUAGE = "en"
CATALOGUE = Path("locale") / LANGUAGE / "LC_MESSAGES" / "django.po"
# Enough for Django to start; makemessages reads no database and no secret.
DJANGO_ENV = {"DJANGO_SECRET_KEY": "insecure-messages-key", "DJANGO_PRODUCTION": "false"}
TIMEOUT = 300  # seconds for one gettext run; xgettext over one app takes a few


@dataclass(frozen=True)
class App:
    """A Django app under vagenin/ and where its English catalogue lives."""

    path: Path

    @property
    def name(self) -> str:
        return str(self.path.relative_to(ROOT))

    @property
    def po(self) -> Path:
        return self.path / CATALOGUE

    @property
    def mo(self) -> Path:
        return self.po.with_suffix(".mo")


def apps() -> list[App]:
    """Every Django app of the project (a folder under vagenin/ with an apps.py)."""
    return [App(path.parent) for path in sorted(PACKAGE.glob("*/apps.py"))]


def missing_tools() -> list[str]:
    """The gettext programs Django needs that are not installed."""
    return [tool for tool in ("xgettext", "msgmerge", "msguniq", "msgattrib", "msgfmt") if not shutil.which(tool)]


def django_env() -> dict[str, str]:
    """The environment for manage.py: the caller's, plus a throwaway secret if none is set."""
    env = dict(os.environ)
    for name, value in DJANGO_ENV.items():
        env.setdefault(name, value)
    return env


def makemessages(cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run `manage.py makemessages -l en --no-obsolete` in an app folder (or a copy of one)."""
    command = [sys.executable, str(ROOT / "manage.py"), "makemessages", "-l", LANGUAGE, "--no-obsolete", "-v", "0"]
    return subprocess.run(  # noqa: S603 - fixed argument list, no shell
        command, cwd=cwd, env=django_env(), capture_output=True, text=True, timeout=TIMEOUT, check=False
    )


def msgfmt(po: Path, mo: Path) -> subprocess.CompletedProcess[str]:
    """Compile a catalogue exactly as Django's compilemessages does."""
    return subprocess.run(  # noqa: S603 - fixed argument list, no shell
        ["msgfmt", "--check-format", "-o", str(mo), str(po)],  # noqa: S607 - gettext is found on PATH
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
