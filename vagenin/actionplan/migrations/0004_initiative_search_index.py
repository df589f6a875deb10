"""A GIN index for the catalogue's full-text search on PostgreSQL (other databases search without one)."""

from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVector

    # The expression of the time (0006 replaces it with models.search_vector(), whose configuration it creates).
    vector = (
        SearchVector("title_sv", weight="A", config="swedish")
        + SearchVector("summary_sv", weight="B", config="swedish")
        + SearchVector("description_sv", weight="C", config="swedish")
        + SearchVector("title_en", "summary_en", weight="B", config="english")
    )
    initiative = apps.get_model("actionplan", "Initiative")
    schema_editor.add_index(initiative, GinIndex(vector, name="actionplan_initiative_search"))


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS actionplan_initiative_search")


class Migration(migrations.Migration):
    dependencies = [
        ("actionplan", "0003_link_uuid"),
    ]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
