"""Reference data for the agreement: periods, signatories, principles, areas, themes, partners, bodies."""

from __future__ import annotations

from vagenin.agreement.models import (
    AgreementPeriod,
    Area,
    Body,
    BodyKind,
    FocusTheme,
    Principle,
    Responsibility,
    Signatory,
    ThemePartner,
)
from vagenin.common.reference import LoadContext, Row, RowError
from vagenin.organisations.models import County, Organisation

BILINGUAL = ("_sv", "_en")


def _texts(row: Row, *names: str) -> dict[str, str]:
    return {f"{name}{suffix}": row.get(f"{name}{suffix}") for name in names for suffix in BILINGUAL}


def _period(ctx: LoadContext, row: Row) -> AgreementPeriod | None:
    return ctx.lookup(row, AgreementPeriod, "agreement period", slug=row["period"])


def load_agreement(ctx: LoadContext) -> None:
    """Load every agreement file in dependency order."""
    for row in ctx.rows("vagenin/periods.csv", ["slug", "county_code", "title_sv", "starts_on"]):
        county = ctx.lookup(row, County, "county", code=row["county_code"])
        try:
            dates = {
                "starts_on": row.date("starts_on"),
                "ends_on": row.date("ends_on"),
                "signed_on": row.date("signed_on"),
            }
        except RowError as exc:
            ctx.fail(row, str(exc))
            continue
        if county:
            values = {
                "county": county,
                **dates,
                **_texts(row, "title", "form", "intent", "implementation", "status_note"),
            }
            ctx.upsert(row, AgreementPeriod, {"slug": row["slug"]}, values)

    for row in ctx.rows("vagenin/signatories.csv", ["period", "organisation", "signed_on"]):
        period = _period(ctx, row)
        organisation = ctx.lookup(row, Organisation, "organisation", slug=row["organisation"])
        try:
            dates = {"signed_on": row.date("signed_on"), "left_on": row.date("left_on")}
        except RowError as exc:
            ctx.fail(row, str(exc))
            continue
        if period and organisation:
            key = {"period": period, "organisation": organisation}
            ctx.upsert(row, Signatory, key, {**dates, **_texts(row, "note")})

    for row in ctx.rows("vagenin/principles.csv", ["period", "number", "text_sv"]):
        period = _period(ctx, row)
        try:
            number = row.integer("number")
        except RowError as exc:
            ctx.fail(row, str(exc))
            continue
        if period:
            ctx.upsert(row, Principle, {"period": period, "number": number}, _texts(row, "text"))

    for row in ctx.rows("vagenin/areas.csv", ["period", "number", "slug", "name_sv", "short_name_sv"]):
        period = _period(ctx, row)
        try:
            number = row.integer("number")
        except RowError as exc:
            ctx.fail(row, str(exc))
            continue
        if period:
            values = {"number": number, **_texts(row, "name", "short_name", "lead", "description")}
            ctx.upsert(row, Area, {"period": period, "slug": row["slug"]}, values)

    for row in ctx.rows("vagenin/themes.csv", ["period", "area", "number", "slug", "name_sv"]):
        area = ctx.lookup(row, Area, "area", period__slug=row["period"], slug=row["area"])
        try:
            number = row.integer("number")
        except RowError as exc:
            ctx.fail(row, str(exc))
            continue
        if area:
            values = {"number": number, **_texts(row, "name", "description")}
            ctx.upsert(row, FocusTheme, {"area": area, "slug": row["slug"]}, values)

    for row in ctx.rows("vagenin/theme_partners.csv", ["period", "area", "theme", "order", "organisation", "group_sv"]):
        theme = ctx.lookup(
            row, FocusTheme, "theme", area__period__slug=row["period"], area__slug=row["area"], slug=row["theme"]
        )
        if bool(row.get("organisation")) == bool(row.get("group_sv")):
            ctx.fail(row, "give either an organisation or a group, not both or neither")
            continue
        organisation = None
        if row.get("organisation"):
            organisation = ctx.lookup(row, Organisation, "organisation", slug=row["organisation"])
            if organisation is None:
                continue
        try:
            order = row.integer("order")
        except RowError as exc:
            ctx.fail(row, str(exc))
            continue
        if theme:
            values = {"organisation": organisation, **_texts(row, "group", "note")}
            ctx.upsert(row, ThemePartner, {"theme": theme, "order": order}, values)

    _load_bodies(ctx)


def _load_bodies(ctx: LoadContext) -> None:
    parents: list[tuple[Row, Body]] = []
    for row in ctx.rows("vagenin/bodies.csv", ["period", "slug", "kind", "order", "name_sv"]):
        period = _period(ctx, row)
        if row["kind"] not in BodyKind.values:
            ctx.fail(row, f"unknown body kind {row['kind']!r}")
            continue
        try:
            order = row.integer("order")
        except RowError as exc:
            ctx.fail(row, str(exc))
            continue
        if period is None:
            continue
        values = {"kind": row["kind"], "order": order, **_texts(row, "name", "description", "meets")}
        values["area"] = ctx.lookup(row, Area, "area", period=period, slug=row["area"]) if row.get("area") else None
        values["convener"] = (
            ctx.lookup(row, Organisation, "organisation", slug=row["convener"]) if row.get("convener") else None
        )
        body = ctx.upsert(row, Body, {"period": period, "slug": row["slug"]}, values)
        if body and row.get("parent"):
            parents.append((row, body))
    # Parents may come later in the file than their children.
    for row, body in parents:
        parent = ctx.lookup(row, Body, "body", period=body.period, slug=row["parent"])
        if parent and body.parent_id != parent.pk and (ctx.update or body.parent_id is None):
            body.parent = parent
            body.save(update_fields=["parent"])

    for row in ctx.rows("vagenin/responsibilities.csv", ["period", "body", "order", "slug", "name_sv"]):
        body = ctx.lookup(row, Body, "body", period__slug=row["period"], slug=row["body"])
        try:
            order = row.integer("order")
        except RowError as exc:
            ctx.fail(row, str(exc))
            continue
        if body:
            values = {"order": order, **_texts(row, "name")}
            ctx.upsert(row, Responsibility, {"body": body, "slug": row["slug"]}, values)
