from django.db import migrations

from portal.needs.permissions import NEEDS_MODERATORS, ensure_needs_moderators_group


def create_group(apps, schema_editor):
    ensure_needs_moderators_group(apps)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=NEEDS_MODERATORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("needs", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
