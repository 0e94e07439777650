from django.db import migrations, models
from django.utils.text import slugify


def fill_slugs(apps, schema_editor):
    Source = apps.get_model("sources", "Source")
    taken = set()
    for source in Source.objects.order_by("pk"):
        base = slugify(source.title)[:100].strip("-") or f"source-{str(source.uuid)[:8]}"
        slug, counter = base, 2
        while slug in taken:
            slug = f"{base}-{counter}"
            counter += 1
        taken.add(slug)
        source.slug = slug
        source.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [("sources", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="source",
            name="slug",
            field=models.SlugField(db_index=False, editable=False, max_length=120, null=True),
        ),
        migrations.RunPython(fill_slugs, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="source",
            name="slug",
            field=models.SlugField(
                editable=False,
                help_text="Made from the title when the source is first saved; never changes.",
                max_length=120,
                unique=True,
                verbose_name="address in the portal",
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="alternative_titles",
            field=models.TextField(
                blank=True,
                help_text="Other titles under which this source is cited, one per line (e.g. as old pages named it). The legacy importer recognises them.",
                verbose_name="also cited as",
            ),
        ),
    ]
