"""Reads that span several models: series navigation, the teaser, search, archives."""

from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.db.models import Prefetch, Q
from django.utils import timezone

from linernotes.catalogue.models import Artist, Credit, Release, Track
from linernotes.catalogue.names import find_near_mentions

from .models import Category, Post, Review, Series


@dataclass(frozen=True)
class SeriesPlace:
    """Where a post stands in its series: "Part 2 of 5", with its neighbours."""

    series: Series
    number: int
    total: int
    previous: Post | None
    next: Post | None


@dataclass(frozen=True)
class Teaser:
    """A scheduled post announced before it is out: "Next post: <title>"."""

    title: str
    due_at: datetime


def series_place(post: Post) -> SeriesPlace | None:
    """The post's part number among the series' published parts. One query."""
    if post.series_id is None:
        return None
    parts = list(
        Post.objects.published()
        .in_series(post.series)
        .only("pk", "title", "slug", "published_at")
    )
    index = next((i for i, part in enumerate(parts) if part.pk == post.pk), None)
    if index is None:
        return None
    return SeriesPlace(
        series=post.series,
        number=index + 1,
        total=len(parts),
        previous=parts[index - 1] if index > 0 else None,
        next=parts[index + 1] if index + 1 < len(parts) else None,
    )


def blog_neighbours(post: Post) -> tuple[Post | None, Post | None]:
    """The published posts just before and after this one in the blog.

    Ordered by (published_at, pk). Each side is one query the published_at index
    answers directly: a post sharing this exact time with a smaller (or larger)
    pk comes first, else the nearest strictly earlier (or later) post.
    """
    published = Post.objects.published().only("pk", "title", "slug", "published_at")
    when = post.published_at
    previous = (
        published.filter(published_at__lte=when)
        .exclude(published_at=when, pk__gte=post.pk)
        .order_by("-published_at", "-pk")
        .first()
    )
    following = (
        published.filter(published_at__gte=when)
        .exclude(published_at=when, pk__lte=post.pk)
        .order_by("published_at", "pk")
        .first()
    )
    return previous, following


def next_post_teaser(post: Post, place: SeriesPlace | None) -> Teaser | None:
    """Announce the next scheduled part on the latest published part of its series.

    Outside a series, the next scheduled post that is in no series is announced
    on the blog's latest post. Scheduled posts are never linked: only the title
    and the due date show.
    """
    if place is not None:
        if place.next is not None:
            return None
        upcoming = Post.objects.upcoming().filter(series=post.series)
    else:
        latest = (
            Post.objects.published()
            .order_by("-published_at", "-pk")
            .values("pk")
            .first()
        )
        if latest is None or latest["pk"] != post.pk:
            return None
        upcoming = Post.objects.upcoming().filter(series__isnull=True)
    first = upcoming.order_by("published_at").values("title", "published_at").first()
    return Teaser(first["title"], first["published_at"]) if first else None


def next_scheduled_time() -> datetime | None:
    """When the next scheduled post goes public; the page cache expires then."""
    return (
        Post.objects.upcoming()
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )


def posts_in_category(category: Category):
    """Published posts in the category or any category below it."""
    ids, frontier = {category.pk}, [category.pk]
    while frontier:
        frontier = list(
            Category.objects.filter(parent_id__in=frontier)
            .exclude(pk__in=ids)
            .values_list("pk", flat=True)
        )
        ids.update(frontier)
    return Post.objects.cards().filter(categories__in=ids).distinct()


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


def search_vector():
    """The expression the PostgreSQL GIN index is built on; queries must match it."""
    # Imported here: django.contrib.postgres loads psycopg, which SQLite sites
    # need not carry in every worker.
    from django.contrib.postgres.search import SearchVector

    return SearchVector("title", weight="A", config="english") + SearchVector(
        "body_text", weight="B", config="english"
    )


def _search_postgres(query: str, limit: int) -> list[int]:
    from django.contrib.postgres.search import SearchQuery, SearchRank

    search_query = SearchQuery(query, search_type="websearch", config="english")
    return list(
        Post.objects.published()
        .filter(password="")
        .annotate(document=search_vector())
        .filter(document=search_query)
        .annotate(rank=SearchRank(search_vector(), search_query))
        .order_by("-rank", "-published_at")
        .values_list("pk", flat=True)[:limit]
    )


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


def release_with_listing():
    """Releases with their credits and their tracks' credits. Four queries."""
    credits = Credit.objects.select_related("artist").order_by("position")
    return Release.objects.prefetch_related(
        Prefetch("credits", queryset=credits),
        Prefetch(
            "tracks",
            queryset=Track.objects.order_by("disc", "sort_order").prefetch_related(
                Prefetch("credits", queryset=credits)
            ),
        ),
    )


def posts_about_artist(artist: Artist):
    """Published posts that review the artist's releases or mention the artist."""
    reviewed = Q(reviews__release__credits__artist=artist) | Q(
        reviews__release__tracks__credits__artist=artist
    )
    return (
        Post.objects.cards().filter(reviewed | Q(mentioned_artists=artist)).distinct()
    )


def post_for_reading(posts):
    """``posts`` with everything the post page shows, in a fixed number of queries."""
    reviews = Review.objects.prefetch_related(
        "standout_tracks", Prefetch("release", queryset=release_with_listing())
    )
    return posts.select_related("author", "series").prefetch_related(
        "tags",
        "categories__parent",
        "attachments",
        Prefetch("reviews", queryset=reviews),
    )


def name_warnings(post: Post) -> list:
    """Names in the body that nearly match an artist or track of a reviewed release
    ("Hearts of Fire" against "Hearts on Fire"), each with the suggested spelling.

    Only reported to the writer; the text is never changed here.
    """
    releases = Release.objects.filter(reviews__post=post)
    artists = Artist.objects.filter(
        Q(credits__release__in=releases) | Q(credits__track__release__in=releases)
    ).values_list("name", flat=True)
    tracks = Track.objects.filter(release__in=releases).values_list("title", flat=True)
    known = set(artists) | set(tracks)
    return find_near_mentions(post.body_text, known) if known else []
