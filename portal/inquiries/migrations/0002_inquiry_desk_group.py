from django.db import migrations

from portal.inquiries.permissions import ensure_desk_group


def forwards(apps, schema_editor):
    ensure_desk_group(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("inquiries", "0001_initial"),
        ("core", "0002_editorial_groups"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
