"""Settings read from the environment: production passes `check --deploy`, and a missing secret stops start-up.

Each test starts Django in a subprocess with exactly the environment it names, because settings are read
once per process.
"""

from __future__ import annotations

import gc
import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from django.conf import settings

MANAGE = str(settings.BASE_DIR / "manage.py")
# A fixed value that looks like a generated key (check --deploy rejects short or low-variety keys).
PRODUCTION_SECRET = "q8N#t2vK!x9Rm4Lp7Wz3Yb6Hc1Fd5Gs0Jk8Mn2Pr4Tv7Xy9Ba3Ce6Df1Gh5Jk8Lm"
SHOW_SETTINGS = """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({name: getattr(s, name, None) for name in %r}))
"""


def environment(tmp_path: Path, **variables: str) -> dict[str, str]:
    """Only what a process needs to start, plus the variables under test; nothing leaks in from outside."""
    env = {name: os.environ[name] for name in ("PATH", "HOME", "LANG", "SYSTEMROOT") if name in os.environ}
    env.update(VAGENIN_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="vagenin.settings", **variables)
    return env


def production(tmp_path: Path, **variables: str) -> dict[str, str]:
    return environment(
        tmp_path,
        DJANGO_SECRET_KEY=PRODUCTION_SECRET,
        DJANGO_ALLOWED_HOSTS="example.org",
        DJANGO_PRODUCTION="true",
        **variables,
    )


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - fixed argument list, no shell
        [sys.executable, *args],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def read_settings(env: dict[str, str], *names: str) -> dict[str, object]:
    result = run(["-c", SHOW_SETTINGS % (names,)], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_environment_passes_check_deploy(tmp_path: Path) -> None:
    result = run([MANAGE, "check", "--deploy", "--fail-level", "WARNING"], production(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_is_secure_by_default(tmp_path: Path) -> None:
    values = read_settings(
        production(tmp_path),
        "DEBUG",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "WHITENOISE_USE_FINDERS",
        "CELERY_TASK_ALWAYS_EAGER",
    )
    assert values == {
        "DEBUG": False,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "WHITENOISE_USE_FINDERS": False,
        "CELERY_TASK_ALWAYS_EAGER": True,
    }


def test_settings_refuse_to_start_without_a_secret_key_outside_debug(tmp_path: Path) -> None:
    for debug in ({}, {"DJANGO_DEBUG": "false"}):
        result = run([MANAGE, "check"], environment(tmp_path, DJANGO_ALLOWED_HOSTS="example.org", **debug))
        assert result.returncode != 0
        assert "Set DJANGO_SECRET_KEY" in result.stderr


def test_debug_starts_without_a_secret_key_and_is_not_production(tmp_path: Path) -> None:
    values = read_settings(environment(tmp_path, DJANGO_DEBUG="true"), "DEBUG", "SESSION_COOKIE_SECURE")
    assert values == {"DEBUG": True, "SESSION_COOKIE_SECURE": False}


def test_a_broker_makes_tasks_leave_the_process_and_results_come_back_through_it(tmp_path: Path) -> None:
    broker = "redis://127.0.0.1:6379/15"
    values = read_settings(
        production(tmp_path, CELERY_BROKER_URL=broker),
        "CELERY_BROKER_URL",
        "CELERY_TASK_ALWAYS_EAGER",
        "CELERY_RESULT_BACKEND",
    )
    assert values == {"CELERY_BROKER_URL": broker, "CELERY_TASK_ALWAYS_EAGER": False, "CELERY_RESULT_BACKEND": broker}


def test_official_statistics_are_fetched_on_a_schedule_only_when_asked(tmp_path: Path) -> None:
    def schedule(**variables: str) -> object:
        beat = read_settings(production(tmp_path, **variables), "CELERY_BEAT_SCHEDULE")["CELERY_BEAT_SCHEDULE"]
        assert isinstance(beat, dict)
        return beat.get("indicators-fetch-sources")

    assert schedule() is None
    assert schedule(INDICATOR_FETCH_HOURS="24") == {
        "task": "vagenin.indicators.tasks.fetch_sources",
        "schedule": 24 * 60 * 60,
    }


def test_a_clamav_address_must_name_its_kind_of_socket(tmp_path: Path) -> None:
    values = read_settings(
        production(tmp_path, CLAMAV_ADDRESS="tcp://127.0.0.1:3310", CLAMAV_TIMEOUT="4"),
        "CLAMAV_ADDRESS",
        "CLAMAV_TIMEOUT",
    )
    assert values == {"CLAMAV_ADDRESS": "tcp://127.0.0.1:3310", "CLAMAV_TIMEOUT": 4}
    result = run([MANAGE, "check"], production(tmp_path, CLAMAV_ADDRESS="127.0.0.1:3310"))
    assert result.returncode != 0
    assert "CLAMAV_ADDRESS must be tcp://host:port or unix:///path/to/clamd.socket" in result.stderr


def test_env_example_and_docs_list_exactly_the_variables_settings_read() -> None:
    source = (settings.BASE_DIR / "vagenin" / "settings.py").read_text(encoding="utf-8")
    read = set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z0-9_]+)"', source))
    example = (settings.BASE_DIR / ".env.example").read_text(encoding="utf-8")
    listed = set(re.findall(r"^([A-Z0-9_]+)=", example, flags=re.MULTILINE))
    assert read, "found no env_* calls in settings.py"
    assert sorted(read - listed) == [], "add these to .env.example (and docs/configuration.md)"
    assert sorted(listed - read) == [], "settings.py no longer reads these: remove them from .env.example"
    documented = (settings.BASE_DIR / "docs" / "configuration.md").read_text(encoding="utf-8")
    undocumented = sorted(name for name in read if f"`{name}`" not in documented)
    assert undocumented == [], "explain these in docs/configuration.md"


def test_check_deploy_passes_when_the_proxy_redirects_to_https(tmp_path: Path) -> None:
    """docs/deploy.md allows the proxy to do the HTTP → HTTPS redirect; only then is that one warning silent."""
    env = production(tmp_path, DJANGO_SECURE_SSL_REDIRECT="false")
    result = run([MANAGE, "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert read_settings(env, "SILENCED_SYSTEM_CHECKS")["SILENCED_SYSTEM_CHECKS"] == ["security.W008"]
    assert read_settings(production(tmp_path), "SILENCED_SYSTEM_CHECKS")["SILENCED_SYSTEM_CHECKS"] == []


def test_gunicorn_preloads_the_app_and_freezes_it_before_forking() -> None:
    """gunicorn reads ./gunicorn.conf.py by itself: the app is imported once in the master and frozen for the GC."""
    spec = importlib.util.spec_from_file_location("gunicorn_conf", settings.BASE_DIR / "gunicorn.conf.py")
    assert spec is not None and spec.loader is not None
    config = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(config)
        assert config.preload_app is True
        assert not gc.isenabled()
        config.pre_fork(None, None)
        assert gc.get_freeze_count() > 0
        config.post_fork(None, None)
        assert gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()
    env = {**os.environ, "DJANGO_SECRET_KEY": "insecure-test-key", "DJANGO_PRODUCTION": "false"}
    checked = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--check-config", "--print-config", "vagenin.wsgi:application"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert checked.returncode == 0, checked.stderr
    assert re.search(r"^preload_app\s+= True$", checked.stdout, re.M)
