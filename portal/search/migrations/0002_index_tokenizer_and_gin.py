"""Make the backend's full-text index fit Lao, Thai, Khmer and Burmese.

SQLite: Wagtail's FTS5 table uses the plain unicode61 tokenizer, which splits words at combining
marks (Thai and Lao vowel and tone marks), so fragments of words match falsely. Recreate it with
the marks kept inside tokens, then refill it from the index entries (the triggers only copy rows
as they change).

PostgreSQL: Wagtail's backend matches against `title || body`; an expression GIN index on exactly
that lets the planner use an index instead of scanning every entry.
"""

from django.db import migrations

FTS_TABLE = "wagtailsearch_indexentry_fts"
ENTRY_TABLE = "wagtailsearch_indexentry"
TOKENIZER = "unicode61 categories 'L* N* Co M*'"
GIN_INDEX = "portal_search_entry_title_body_gin"


def recreate_fts_table(tokenizer: str):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [FTS_TABLE]
            )
            if cursor.fetchone() is None:
                return  # SQLite without FTS5: Wagtail uses its fallback backend
        schema_editor.execute(f"DROP TABLE {FTS_TABLE}")
        tokenize = f', tokenize="{tokenizer}"' if tokenizer else ""
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(autocomplete, body, title{tokenize})"
        )
        schema_editor.execute(
            f"INSERT INTO {FTS_TABLE}(rowid, title, body, autocomplete) "
            f"SELECT id, title, body, autocomplete FROM {ENTRY_TABLE}"
        )

    return apply


def create_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {GIN_INDEX} ON {ENTRY_TABLE} USING gin ((title || body))"
        )


def drop_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.RunPython(recreate_fts_table(TOKENIZER), recreate_fts_table("")),
        migrations.RunPython(create_gin_index, drop_gin_index),
    ]
