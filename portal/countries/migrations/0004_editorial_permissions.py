from django.db import migrations

from portal.core.permissions import EDITORS, MODERATORS, grant_model_permissions

# Editors record and correct data; only moderators delete it.
EDITOR_CODENAMES = {
    "countries": ["change_country", "add_figure", "change_figure", "add_flow", "change_flow"],
    "sources": ["add_source", "change_source"],
}
MODERATOR_CODENAMES = {
    "countries": [*EDITOR_CODENAMES["countries"], "delete_figure", "delete_flow"],
    "sources": [*EDITOR_CODENAMES["sources"], "delete_source"],
}


def forwards(apps, schema_editor):
    for group, codenames_by_app in ((EDITORS, EDITOR_CODENAMES), (MODERATORS, MODERATOR_CODENAMES)):
        for app_label, codenames in codenames_by_app.items():
            grant_model_permissions(apps, group, app_label, codenames)


class Migration(migrations.Migration):
    dependencies = [
        ("countries", "0003_load_countries"),
        ("sources", "0002_source_slug_alternative_titles"),
        ("core", "0002_editorial_groups"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
