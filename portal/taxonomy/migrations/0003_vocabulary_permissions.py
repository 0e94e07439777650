from django.db import migrations

from portal.core.permissions import EDITORS, MODERATORS, grant_model_permissions


def forwards(apps, schema_editor):
    # Editors keep the vocabulary up to date; only moderators remove terms.
    editor_codenames = ["add_topic", "change_topic", "add_language", "change_language"]
    grant_model_permissions(apps, EDITORS, "taxonomy", editor_codenames)
    grant_model_permissions(
        apps, MODERATORS, "taxonomy", [*editor_codenames, "delete_topic", "delete_language"]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("taxonomy", "0002_language"),
        ("core", "0002_editorial_groups"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
