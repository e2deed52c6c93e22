"""SQLite's full-text index for posts: an FTS5 table kept in step by triggers.

SQLite cannot alter most columns in place, so Django rebuilds a table (new
table, copy, drop, rename) for many migrations, and the drop takes the triggers
with it. ``ensure_sqlite_search_index`` runs after every migrate and puts back
whatever is missing, rebuilding the index when the triggers had been lost.
PostgreSQL needs none of this: its GIN index is on the table itself.
"""

from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS posts_post_fts USING fts5("
    "title, body_text, content='posts_post', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')"
)
TRIGGERS = {
    "posts_post_fts_insert": (
        "CREATE TRIGGER posts_post_fts_insert AFTER INSERT ON posts_post BEGIN "
        "INSERT INTO posts_post_fts(rowid, title, body_text) "
        "VALUES (new.id, new.title, new.body_text); END"
    ),
    "posts_post_fts_delete": (
        "CREATE TRIGGER posts_post_fts_delete AFTER DELETE ON posts_post BEGIN "
        "INSERT INTO posts_post_fts(posts_post_fts, rowid, title, body_text) "
        "VALUES ('delete', old.id, old.title, old.body_text); END"
    ),
    "posts_post_fts_update": (
        "CREATE TRIGGER posts_post_fts_update AFTER UPDATE OF title, body_text "
        "ON posts_post BEGIN "
        "INSERT INTO posts_post_fts(posts_post_fts, rowid, title, body_text) "
        "VALUES ('delete', old.id, old.title, old.body_text); "
        "INSERT INTO posts_post_fts(rowid, title, body_text) "
        "VALUES (new.id, new.title, new.body_text); END"
    ),
}


def ensure_sqlite_search_index(connection: BaseDatabaseWrapper) -> bool:
    """Create the FTS table and triggers if missing; True if anything was made."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
            ["posts_post_fts_%"],
        )
        present = {row[0] for row in cursor.fetchall()}
        missing = [sql for name, sql in TRIGGERS.items() if name not in present]
        if not missing:
            return False
        cursor.execute(TABLE)
        for sql in missing:
            cursor.execute(sql)
        cursor.execute("INSERT INTO posts_post_fts(posts_post_fts) VALUES ('rebuild')")
    return True


def drop_sqlite_search_index(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for name in TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        cursor.execute("DROP TABLE IF EXISTS posts_post_fts")
