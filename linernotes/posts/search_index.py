"""SQLite's full-text index for posts: an FTS5 table kept in step by triggers.

SQLite cannot alter most columns in place, so Django rebuilds a table (new
table, copy, drop, rename) for many migrations, and the drop takes the triggers
with it. ``ensure_sqlite_search_index`` runs after every migrate and puts back
whatever is missing, rebuilding the index when the triggers had been lost.
PostgreSQL needs none of that: its stored vector (below) lives in the table itself.
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


# PostgreSQL: the weighted vector is stored in posts_post.search_vector, kept by a
# trigger, with the GIN index on it, so ranking reads stored vectors instead of
# parsing every matching body again (~200 ms for a common word in 10,000 posts).
# A trigger rather than a generated column: PostgreSQL refuses to change the type
# of a column a generated column uses, which would block a later migration as
# small as a longer title. The column is not a model field, since SQLite has no
# tsvector; only selectors.search_posts reads it.
PG_VECTOR = (
    "setweight(to_tsvector('english'::regconfig, COALESCE({row}title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE({row}body_text, '')), 'B')"
)
PG_CREATE = [
    "ALTER TABLE posts_post ADD COLUMN IF NOT EXISTS search_vector tsvector",
    "CREATE OR REPLACE FUNCTION posts_post_search_vector() RETURNS trigger "
    "LANGUAGE plpgsql AS $$ BEGIN NEW.search_vector := "
    + PG_VECTOR.format(row="NEW.")
    + "; RETURN NEW; END $$",
    "CREATE OR REPLACE TRIGGER posts_post_search_vector "
    "BEFORE INSERT OR UPDATE OF title, body_text ON posts_post "
    "FOR EACH ROW EXECUTE FUNCTION posts_post_search_vector()",
    # Touching the title fires the trigger, which fills the vector of every post.
    "UPDATE posts_post SET title = title",
    "CREATE INDEX IF NOT EXISTS posts_post_search_vector_gin "
    "ON posts_post USING gin (search_vector)",
]
PG_DROP = [
    "DROP TRIGGER IF EXISTS posts_post_search_vector ON posts_post",
    "DROP FUNCTION IF EXISTS posts_post_search_vector()",
    "ALTER TABLE posts_post DROP COLUMN IF EXISTS search_vector",
]


def create_postgres_search_vector(connection: BaseDatabaseWrapper) -> None:
    """Add the stored vector, its trigger and its index, and fill it for every post."""
    with connection.cursor() as cursor:
        for sql in PG_CREATE:
            cursor.execute(sql)


def drop_postgres_search_vector(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for sql in PG_DROP:
            cursor.execute(sql)
