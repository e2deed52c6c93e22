"""Full-text search: an FTS5 table kept by triggers on SQLite, a GIN index on PostgreSQL.

Each database gets its own native index; posts.selectors.search_posts queries the
one that exists.
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE posts_post_fts USING fts5("
    "title, body_text, content='posts_post', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER posts_post_fts_insert AFTER INSERT ON posts_post BEGIN "
    "INSERT INTO posts_post_fts(rowid, title, body_text) VALUES (new.id, new.title, new.body_text); END",
    "CREATE TRIGGER posts_post_fts_delete AFTER DELETE ON posts_post BEGIN "
    "INSERT INTO posts_post_fts(posts_post_fts, rowid, title, body_text) "
    "VALUES ('delete', old.id, old.title, old.body_text); END",
    "CREATE TRIGGER posts_post_fts_update AFTER UPDATE OF title, body_text ON posts_post BEGIN "
    "INSERT INTO posts_post_fts(posts_post_fts, rowid, title, body_text) "
    "VALUES ('delete', old.id, old.title, old.body_text); "
    "INSERT INTO posts_post_fts(rowid, title, body_text) VALUES (new.id, new.title, new.body_text); END",
    "INSERT INTO posts_post_fts(posts_post_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS posts_post_fts_insert",
    "DROP TRIGGER IF EXISTS posts_post_fts_delete",
    "DROP TRIGGER IF EXISTS posts_post_fts_update",
    "DROP TABLE IF EXISTS posts_post_fts",
]
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
        for statement in SQLITE_FORWARD:
            schema_editor.execute(statement)
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("posts", "Post"), _pg_index())


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_BACKWARD:
            schema_editor.execute(statement)
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("posts", "Post"), _pg_index())


class Migration(migrations.Migration):
    dependencies = [("posts", "0002_initial")]
    operations = [migrations.RunPython(forward, backward)]
