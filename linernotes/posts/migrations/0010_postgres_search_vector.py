"""PostgreSQL: rank searches by a stored vector, not one rebuilt per matching row.

Replaces 0003's GIN expression index with a ``search_vector`` column kept by a
trigger and a GIN index on that column (see posts.search_index). Nothing
happens on SQLite, whose FTS5 table already stores its index.
"""

from django.db import migrations

from linernotes.posts.search_index import (
    create_postgres_search_vector,
    drop_postgres_search_vector,
)

OLD_INDEX = "posts_post_search_gin"
OLD_INDEX_SQL = (
    f"CREATE INDEX IF NOT EXISTS {OLD_INDEX} ON posts_post USING gin (("
    "setweight(to_tsvector('english'::regconfig, COALESCE(title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(body_text, '')), 'B')))"
)


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    create_postgres_search_vector(schema_editor.connection)
    schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_INDEX}")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    drop_postgres_search_vector(schema_editor.connection)
    schema_editor.execute(OLD_INDEX_SQL)


class Migration(migrations.Migration):
    dependencies = [("posts", "0009_post_extras_counts")]
    operations = [migrations.RunPython(forward, backward)]
