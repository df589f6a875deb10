import uuid

from django.db import migrations, models


def fill_uuids(apps, schema_editor):
    Link = apps.get_model("actionplan", "Link")
    for link in Link.objects.filter(uuid__isnull=True):
        link.uuid = uuid.uuid4()
        link.save(update_fields=["uuid"])


class Migration(migrations.Migration):
    dependencies = [
        ("actionplan", "0002_submission_protect_initiative_decision_time"),
    ]

    operations = [
        migrations.AddField(model_name="link", name="uuid", field=models.UUIDField(editable=False, null=True)),
        migrations.RunPython(fill_uuids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="link",
            name="uuid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
