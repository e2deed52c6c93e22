"""Full-text search: FTS5 on SQLite, a stored tsvector on PostgreSQL."""

from django.db import connection

from linernotes.core.db import column_list, table

from ..access import readable_sql
from ..models import Post

#: The SQLite FTS5 table ``posts.search_index`` keeps; not a model.
FTS_TABLE = "posts_post_fts"


def search_posts(query: str, *, limit: int = 500) -> list[int]:
    """Ids of published posts matching ``query``, best first.

    PostgreSQL ranks with its full-text search (title weighted above body);
    SQLite with FTS5's bm25. Only readable posts (``access.readable_sql``) are
    searched: a locked post's words must not be found, or a search would reveal
    what its body says.
    """
    query = query.strip()
    if not query:
        return []
    if connection.vendor == "postgresql":
        return _search_postgres(query, limit)
    return _search_sqlite(query, limit)


def _search_postgres(query: str, limit: int) -> list[int]:
    """Rank by the stored ``search_vector`` (posts.search_index), so PostgreSQL
    reads each match's vector from its row instead of parsing its body again."""
    readable, params = readable_sql()
    vector = connection.ops.quote_name("search_vector")  # a column, not a field
    sql = (
        f"SELECT {column_list(Post, ('pk',))} "  # noqa: S608 - our names
        f"FROM {table(Post)}, websearch_to_tsquery('english', %s) AS q "
        f"WHERE {vector} @@ q AND {readable} "
        f"ORDER BY ts_rank({vector}, q) DESC, "
        f"{column_list(Post, ('published_at',))} DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [query, *params, limit])
        return [row[0] for row in cursor.fetchall()]


def fts5_query(query: str) -> str:
    """Reader's words as an FTS5 query: every word must appear, the last as a prefix.

    Each word is quoted, so FTS5 operators typed by a reader (NEAR, *, ^, "-")
    are searched for as text instead of raising a syntax error.
    """
    words = [w.replace('"', '""') for w in query.split()]
    if not words:
        return ""
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def _search_sqlite(query: str, limit: int) -> list[int]:
    match = fts5_query(query)
    if not match:
        return []
    readable, params = readable_sql("p")
    fts = connection.ops.quote_name(FTS_TABLE)
    sql = (
        f"SELECT {column_list(Post, ('pk',), 'p')} FROM {fts} f "  # noqa: S608
        f"JOIN {table(Post)} p ON {column_list(Post, ('pk',), 'p')} = f.rowid "
        f"WHERE {fts} MATCH %s AND {readable} "
        f"ORDER BY bm25({fts}, 10.0, 1.0), "
        f"{column_list(Post, ('published_at',), 'p')} DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, *params, limit])
        return [row[0] for row in cursor.fetchall()]
