"""Reference data for geography and organisations (files under reference/)."""

from __future__ import annotations

from vagenin.common.reference import LoadContext, RowError
from vagenin.organisations.models import County, Municipality, Organisation, OrganisationType


def load_geography(ctx: LoadContext) -> None:
    """All 21 counties and 290 municipalities with official codes."""
    for row in ctx.rows("geo/counties.csv", ["county_code", "county_name", "county_name_short"]):
        ctx.upsert(
            row,
            County,
            {"code": row["county_code"]},
            {"name": row["county_name"], "short_name": row["county_name_short"]},
        )
    # The geography file builds every name as genitive + "kommun" ("Faluns kommun"); the names as the
    # municipalities write them ("Falu kommun", "Region Gotland", "Göteborgs Stad") are kept beside it.
    own_names = {
        row["municipality_code"]: row["municipality_name"]
        for row in ctx.rows("geo/municipality_names.csv", ["municipality_code", "municipality_name"])
    }
    for row in ctx.rows(
        "geo/municipalities.csv",
        ["municipality_code", "municipality_name", "municipality_name_short", "county_code"],
    ):
        county = ctx.lookup(row, County, "county", code=row["county_code"])
        name = own_names.get(row["municipality_code"])
        if not name:
            ctx.fail(row, f"no name in geo/municipality_names.csv for {row['municipality_code']}")
        elif county:
            ctx.upsert(
                row,
                Municipality,
                {"code": row["municipality_code"]},
                {"name": name, "short_name": row["municipality_name_short"], "county": county},
            )


ORGANISATION_COLUMNS = ["slug", "name", "name_en", "type", "organisation_number", "municipality_code", "county_code"]


def load_organisations(ctx: LoadContext) -> None:
    """Real organisations: the signatories and the partners the agreement names."""
    pending_mergers = []
    for row in ctx.rows("vagenin/organisations.csv", ORGANISATION_COLUMNS):
        try:
            if row["type"] not in OrganisationType.values:
                raise RowError(f"unknown organisation type {row['type']!r}")
            values = {
                "name": row["name"],
                "name_en": row.get("name_en"),
                "type": row["type"],
                "organisation_number": row.get("organisation_number"),
                "website": row.get("website"),
                "description_sv": row.get("description_sv"),
                "description_en": row.get("description_en"),
                "dissolved_on": row.date("dissolved_on"),
                "municipality": None,
                "county": None,
            }
        except RowError as exc:
            ctx.fail(row, str(exc))
            continue
        if row.get("municipality_code"):
            values["municipality"] = ctx.lookup(row, Municipality, "municipality", code=row["municipality_code"])
        if row.get("county_code"):
            values["county"] = ctx.lookup(row, County, "county", code=row["county_code"])
        organisation = ctx.upsert(row, Organisation, {"slug": row["slug"]}, values)
        if organisation and row.get("merged_into"):
            pending_mergers.append((row, organisation))
    # Mergers point at organisations that may come later in the file.
    for row, organisation in pending_mergers:
        target = ctx.lookup(row, Organisation, "organisation", slug=row["merged_into"])
        if target and organisation.merged_into_id != target.pk and (ctx.update or organisation.merged_into_id is None):
            organisation.merged_into = target
            organisation.save(update_fields=["merged_into"])
