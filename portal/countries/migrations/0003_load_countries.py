from django.db import migrations

from portal.countries.reference_data import sync_countries


def forwards(apps, schema_editor):
    sync_countries(apps.get_model("countries", "Country"))


class Migration(migrations.Migration):
    dependencies = [("countries", "0002_profiles_figures_flows")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
