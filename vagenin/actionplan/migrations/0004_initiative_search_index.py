"""A GIN index for the catalogue's full-text search on PostgreSQL (other databases search without one)."""

from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from django.contrib.postgres.indexes import GinIndex

    from vagenin.actionplan.models import SEARCH_INDEX, search_vector

    initiative = apps.get_model("actionplan", "Initiative")
    schema_editor.add_index(initiative, GinIndex(search_vector(), name=SEARCH_INDEX))


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS actionplan_initiative_search")


class Migration(migrations.Migration):
    dependencies = [
        ("actionplan", "0003_link_uuid"),
    ]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
