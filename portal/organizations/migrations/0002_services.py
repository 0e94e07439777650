from django.db import migrations

SERVICE_CODES = [
    "shelter",
    "legal-aid",
    "medical",
    "counselling",
    "repatriation",
    "hotline",
    "training",
    "research",
    "awareness",
]


def forwards(apps, schema_editor):
    Service = apps.get_model("organizations", "Service")
    for code in SERVICE_CODES:
        Service.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("organizations", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
