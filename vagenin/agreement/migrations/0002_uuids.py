"""Give signatories, principles, theme partners and memberships a UUID, so staff URLs never show sequential ids."""

import uuid

from django.db import migrations, models

MODELS = ["signatory", "principle", "themepartner", "bodymembership"]


def fill_uuids(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("agreement", name)
        for obj in model.objects.only("pk").iterator():
            obj.uuid = uuid.uuid4()
            obj.save(update_fields=["uuid"])


class Migration(migrations.Migration):
    dependencies = [("agreement", "0001_initial")]

    operations = [
        *[
            migrations.AddField(model_name=name, name="uuid", field=models.UUIDField(null=True, editable=False))
            for name in MODELS
        ],
        migrations.RunPython(fill_uuids, migrations.RunPython.noop),
        *[
            migrations.AlterField(
                model_name=name, name="uuid", field=models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
            )
            for name in MODELS
        ],
    ]
