"""Full-text search: an FTS5 table kept by triggers on SQLite, a GIN index on PostgreSQL.

Each database gets its own native index; posts.selectors.search_posts queries the
one that exists.
"""

from django.db import migrations

from linernotes.posts.search_index import (
    drop_sqlite_search_index,
    ensure_sqlite_search_index,
)

PG_INDEX = "posts_post_search_gin"


def _pg_index():
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVector

    vector = SearchVector("title", weight="A", config="english") + SearchVector(
        "body_text", weight="B", config="english"
    )
    return GinIndex(vector, name=PG_INDEX)


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        ensure_sqlite_search_index(schema_editor.connection)
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("posts", "Post"), _pg_index())


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        drop_sqlite_search_index(schema_editor.connection)
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("posts", "Post"), _pg_index())


class Migration(migrations.Migration):
    dependencies = [("posts", "0002_initial")]
    operations = [migrations.RunPython(forward, backward)]
