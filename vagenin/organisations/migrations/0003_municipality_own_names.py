"""Municipalities loaded before reference/geo/municipality_names.csv existed carry names built as genitive +
"kommun" ("Faluns kommun"). Rename those to the names the municipalities use; a name edited since is kept."""

from django.db import migrations

# code: (the built name, the municipality's own name), as in reference/geo/municipality_names.csv.
RENAMED = {
    "0180": ("Stockholms kommun", "Stockholms stad"),
    "0183": ("Sundbybergs kommun", "Sundbybergs stad"),
    "0184": ("Solna kommun", "Solna stad"),
    "0186": ("Lidingö kommun", "Lidingö stad"),
    "0187": ("Vaxholms kommun", "Vaxholms stad"),
    "0880": ("Kalmars kommun", "Kalmar kommun"),
    "0980": ("Gotlands kommun", "Region Gotland"),
    "1280": ("Malmö kommun", "Malmö stad"),
    "1282": ("Landskrona kommun", "Landskrona stad"),
    "1283": ("Helsingborgs kommun", "Helsingborgs stad"),
    "1480": ("Göteborgs kommun", "Göteborgs Stad"),
    "1481": ("Mölndals kommun", "Mölndals stad"),
    "1488": ("Trollhättans kommun", "Trollhättans Stad"),
    "1490": ("Borås kommun", "Borås Stad"),
    "1980": ("Västerås kommun", "Västerås stad"),
    "2080": ("Faluns kommun", "Falu kommun"),
    "2513": ("Överkalixs kommun", "Överkalix kommun"),
    "2514": ("Kalixs kommun", "Kalix kommun"),
    "2583": ("Haparanda kommun", "Haparanda stad"),
}


def rename(apps, schema_editor):
    Municipality = apps.get_model("organisations", "Municipality")
    for code, (built, own) in RENAMED.items():
        Municipality.objects.filter(code=code, name=built).update(name=own)


def restore(apps, schema_editor):
    Municipality = apps.get_model("organisations", "Municipality")
    for code, (built, own) in RENAMED.items():
        Municipality.objects.filter(code=code, name=own).update(name=built)


class Migration(migrations.Migration):
    dependencies = [("organisations", "0002_name_index")]

    operations = [migrations.RunPython(rename, restore)]
