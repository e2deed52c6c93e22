"""Full-text search: FTS5 on SQLite, a stored tsvector on PostgreSQL."""

from django.db import connection
from django.utils import timezone

from ..models import Post


def search_posts(query: str, *, limit: int = 500) -> list[int]:
    """Ids of published posts matching ``query``, best first.

    PostgreSQL ranks with its full-text search (title weighted above body);
    SQLite with FTS5's bm25. Password-protected posts are left out, so a search
    cannot reveal what their bodies say.
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
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM posts_post, websearch_to_tsquery('english', %s) AS q "
            "WHERE search_vector @@ q AND status IN (%s, %s) "
            "AND published_at <= %s AND password = '' "
            "ORDER BY ts_rank(search_vector, q) DESC, published_at DESC LIMIT %s",
            [
                query,
                Post.Status.PUBLISHED,
                Post.Status.SCHEDULED,
                timezone.now(),
                limit,
            ],
        )
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
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT p.id FROM posts_post_fts f JOIN posts_post p ON p.id = f.rowid "
            "WHERE posts_post_fts MATCH %s AND p.status IN (%s, %s) "
            "AND p.published_at <= %s AND p.password = '' "
            "ORDER BY bm25(posts_post_fts, 10.0, 1.0), p.published_at DESC LIMIT %s",
            [
                match,
                Post.Status.PUBLISHED,
                Post.Status.SCHEDULED,
                timezone.now(),
                limit,
            ],
        )
        return [row[0] for row in cursor.fetchall()]
