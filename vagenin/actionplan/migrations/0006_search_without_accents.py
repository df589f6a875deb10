"""The catalogue's search ignores accents on PostgreSQL: the `unaccent` extension, a Swedish text search
configuration that removes accents before stemming (models.SEARCH_CONFIG), and the GIN index re-created over the
new search_vector(). Other databases need nothing (the search folds text with a function of its own)."""

from django.db import migrations

CREATE_CONFIG = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'swedish_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION swedish_unaccent (COPY = swedish);
        ALTER TEXT SEARCH CONFIGURATION swedish_unaccent
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, swedish_stem;
    END IF;
END
$$;
"""

def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from django.contrib.postgres.indexes import GinIndex

    from vagenin.actionplan.models import SEARCH_INDEX, search_vector

    schema_editor.execute(CREATE_CONFIG)
    schema_editor.execute(f"DROP INDEX IF EXISTS {SEARCH_INDEX}")
    initiative = apps.get_model("actionplan", "Initiative")
    schema_editor.add_index(initiative, GinIndex(search_vector(), name=SEARCH_INDEX))


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVector

    vector = (
        SearchVector("title_sv", weight="A", config="swedish")
        + SearchVector("summary_sv", weight="B", config="swedish")
        + SearchVector("description_sv", weight="C", config="swedish")
        + SearchVector("title_en", "summary_en", weight="B", config="english")
    )
    schema_editor.execute("DROP INDEX IF EXISTS actionplan_initiative_search")
    schema_editor.add_index(apps.get_model("actionplan", "Initiative"), GinIndex(vector, name="actionplan_initiative_search"))
    schema_editor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS swedish_unaccent")


class Migration(migrations.Migration):
    dependencies = [
        ("actionplan", "0005_first_publication_review"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
