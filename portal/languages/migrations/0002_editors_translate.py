from django.db import migrations

from portal.core.permissions import EDITORS, MODERATORS, grant_model_permissions


def forwards(apps, schema_editor):
    # Editors and moderators start translations (wagtail-localize's "submit translation").
    for group in (EDITORS, MODERATORS):
        grant_model_permissions(apps, group, "wagtail_localize", ["submit_translation"])


class Migration(migrations.Migration):
    dependencies = [
        ("languages", "0001_initial"),
        ("core", "0002_editorial_groups"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
