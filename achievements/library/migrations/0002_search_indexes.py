"""PostgreSQL only: pg_trgm, the GIN index of the tsvector and the trigram index of the public text.

On SQLite (development, the default test run) these operations do nothing: the library's selector falls
back to token containment there.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = [
    (
        "library_doc_vector_gin",
        "CREATE INDEX IF NOT EXISTS library_doc_vector_gin ON library_searchdocument USING gin (vector)",
    ),
    (
        "library_doc_plain_trgm",
        "CREATE INDEX IF NOT EXISTS library_doc_plain_trgm ON library_searchdocument "
        "USING gin (plain gin_trgm_ops)",
    ),
]


class PostgresTrigramExtension(TrigramExtension):
    """pg_trgm on PostgreSQL; never dropped on the way back (other apps may use it)."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        return


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _name, sql in INDEXES:
        schema_editor.execute(sql)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _sql in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [
        PostgresTrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
