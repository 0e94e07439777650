from django.db import migrations

from portal.newsletter.groups import NEWSLETTER_GROUP, ensure_newsletter_group


def create_group(apps, schema_editor):
    ensure_newsletter_group(apps)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=NEWSLETTER_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0001_initial"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
