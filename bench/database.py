"""The bench database: its own SQLite file under var/bench/, or the PostgreSQL database DATABASE_URL names."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings


def describe() -> str:
    db = settings.DATABASES["default"]
    if is_postgres():
        return f"PostgreSQL {db['NAME']} on {db.get('HOST') or 'localhost'}:{db.get('PORT') or 5432}"
    return f"SQLite {db['NAME']}"


def is_postgres() -> bool:
    return str(settings.DATABASES["default"]["ENGINE"]).endswith("postgresql")


def recreate() -> None:
    """Start from an empty database. Refuses a PostgreSQL database whose name does not say it is for the bench."""
    db = settings.DATABASES["default"]
    if not is_postgres():
        path = Path(db["NAME"])
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    name = str(db["NAME"])
    if "bench" not in name:
        raise SystemExit(
            f"Refusing to wipe PostgreSQL database {name!r}: the bench drops and refills its database, "
            "so its name must contain 'bench' (e.g. postgres://postgres@127.0.0.1:5432/vagenin_bench)."
        )
    import psycopg
    from psycopg import sql
    from psycopg.conninfo import make_conninfo

    params = {"dbname": "postgres", "host": db.get("HOST"), "port": db.get("PORT")}
    params |= {"user": db.get("USER"), "password": db.get("PASSWORD")}
    conninfo = make_conninfo("", **{key: str(value) for key, value in params.items() if value})
    with psycopg.connect(conninfo, autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def analyze() -> None:
    """Refresh PostgreSQL's planner statistics after the bulk load (SQLite keeps none unless asked)."""
    from django.db import connection

    if is_postgres():
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def has_data() -> bool:
    from vagenin.organisations.models import Organisation

    try:
        return Organisation.objects.exists()
    except Exception:  # noqa: BLE001 - a missing database or table just means "no data yet"
        return False
