"""Reads that span several models: series navigation, the teaser, search, archives."""

import calendar
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import NamedTuple

from django.db import connection
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.utils import timezone

from linernotes.catalogue.models import Artist, Credit, Release, Track
from linernotes.catalogue.names import find_near_mentions
from linernotes.core.routing import reverse_cached

from .models import Category, Post, PostLink, PostQuerySet, Review, Series


@dataclass(frozen=True)
class SeriesPlace:
    """Where a post stands in its series: "Part 2 of 5", with its neighbours."""

    series: Series
    number: int
    total: int
    previous: PostLink | None
    next: PostLink | None


@dataclass(frozen=True)
class Teaser:
    """A scheduled post announced before it is out: "Next post: <title>"."""

    title: str
    due_at: datetime


@dataclass(frozen=True)
class Navigation:
    """Everything the post page links to around a post."""

    series_place: SeriesPlace | None
    previous: PostLink | None
    next: PostLink | None


# Each part is (side, id, title, slug, published_at, series_position): side 0 is
# the blog's previous post, 1 the next, 2 the series' published parts. The
# neighbours use the (status, published_at) index: a post sharing this exact
# time with a smaller (or larger) id comes first, else the nearest strictly
# earlier (or later) post.
_NAVIGATION_PARTS = {
    "previous": (
        "SELECT * FROM (SELECT 0 AS side, id, title, slug, published_at, "
        "CAST(NULL AS integer) AS position FROM posts_post "
        "WHERE status IN (%s, %s) AND published_at <= %s "
        "AND published_at <= %s AND NOT (published_at = %s AND id >= %s) "
        "ORDER BY published_at DESC, id DESC LIMIT 1) AS previous_post"
    ),
    "next": (
        "SELECT * FROM (SELECT 1 AS side, id, title, slug, published_at, "
        "CAST(NULL AS integer) AS position FROM posts_post "
        "WHERE status IN (%s, %s) AND published_at <= %s "
        "AND published_at >= %s AND NOT (published_at = %s AND id <= %s) "
        "ORDER BY published_at, id LIMIT 1) AS next_post"
    ),
    "series": (
        "SELECT 2 AS side, id, title, slug, published_at, series_position "
        "FROM posts_post WHERE status IN (%s, %s) AND published_at <= %s "
        "AND series_id = %s"
    ),
}


def post_navigation(post: Post) -> Navigation:
    """The post's place in its series and its blog neighbours. At most one query.

    One hand-written statement instead of three ORM queries: building and
    compiling those cost more than running them. Parts come in the series'
    order (``PostQuerySet.in_series``); a post that is not public gets no blog
    neighbours, a post in no series no place.
    """
    ops = connection.ops
    now = ops.adapt_datetimefield_value(timezone.now())
    published = [Post.Status.PUBLISHED, Post.Status.SCHEDULED, now]
    parts, params = [], []
    if post.is_public:
        when = ops.adapt_datetimefield_value(post.published_at)
        for side in ("previous", "next"):
            parts.append(_NAVIGATION_PARTS[side])
            params += [*published, when, when, post.pk]
    if post.series_id is not None:
        parts.append(_NAVIGATION_PARTS["series"])
        params += [*published, post.series_id]
    if not parts:
        return Navigation(None, None, None)
    sql = " UNION ALL ".join(parts) + " ORDER BY 1, 6, 5, 2"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    links: dict[int, list[PostLink]] = {0: [], 1: [], 2: []}
    for side, pk, title, slug, published_at, _ in rows:
        links[side].append(PostLink(pk, title, slug, _aware(published_at)))
    return Navigation(
        series_place=_series_place(post, links[2]),
        previous=next(iter(links[0]), None),
        next=next(iter(links[1]), None),
    )


def public_post(pk: int, fields: tuple[str, ...]) -> Post | None:
    """The public post ``pk`` with only ``fields`` loaded, or None.

    For writes that need little of a post (a comment, a like): a raw query
    costs a fifth of the ORM's for this wide model (bench/README.md), and
    reading another field later costs one query more, never a wrong answer.
    """
    ops = connection.ops
    columns = ", ".join(
        ops.quote_name(Post._meta.get_field(name).column) for name in ("id", *fields)
    )
    sql = (
        f"SELECT {columns} FROM {ops.quote_name(Post._meta.db_table)} "  # noqa: S608
        "WHERE id = %s AND status IN (%s, %s) AND published_at <= %s"
    )
    now = ops.adapt_datetimefield_value(timezone.now())
    params = [pk, Post.Status.PUBLISHED, Post.Status.SCHEDULED, now]
    return next(iter(Post.objects.raw(sql, params)), None)


def _aware(value: datetime | str) -> datetime:
    """A raw row's timestamp as the ORM would give it: SQLite hands back text."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if timezone.is_aware(value) else value.replace(tzinfo=UTC)


def _series_place(post: Post, parts: list[PostLink]) -> SeriesPlace | None:
    """ "Part N of M" among the published parts; None when the post is not one."""
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


def next_post_teaser(post: Post, navigation: Navigation) -> Teaser | None:
    """Announce the next scheduled part on the latest published part of its series.

    Outside a series, the next scheduled post that is in no series is announced
    on the blog's latest post (the one with no next post). Scheduled posts are
    never linked: only the title and the due date show.
    """
    place = navigation.series_place
    if place is not None:
        if place.next is not None:
            return None
        upcoming = Post.objects.upcoming().filter(series=post.series)
    else:
        if navigation.next is not None or not post.is_public:
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


def post_for_reading(posts: PostQuerySet) -> PostQuerySet:
    """``posts`` with what every post page shows, in one query.

    The Markdown source and the search text are left out (the page shows the
    stored HTML and summary); tags and categories come from ``post_terms``, the
    attachments and reviews from ``load_post_extras``, only when the post has any.
    """
    return posts.select_related("author", "series").defer("body", "body_text")


def load_post_extras(post: Post) -> None:
    """Load the post's attachments and reviews (with each release's listing) if its
    stored counts say it has any: no query at all for a post with neither."""
    lookups = []
    if post.attachment_count:
        lookups.append("attachments")
    if post.review_count:
        reviews = Review.objects.prefetch_related(
            "standout_tracks", Prefetch("release", queryset=release_with_listing())
        )
        lookups.append(Prefetch("reviews", queryset=reviews))
    if lookups:
        prefetch_related_objects([post], *lookups)


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


class BrowseLink(NamedTuple):
    """One link of the menu or the sidebar, with its post count where shown."""

    url: str
    label: str
    count: int | None = None


@dataclass(frozen=True)
class BrowseIndex:
    """What every page's menu and sidebar list, from the stored counts."""

    pages: list[BrowseLink]
    series: list[BrowseLink]
    categories: list[BrowseLink]
    tags: list[BrowseLink]
    months: list[BrowseLink]


# The sidebar shows the 8 most recently active series, the 25 biggest tags and
# the 12 latest months. Each part keeps its own order and limit inside a
# sub-select; the outer ORDER BY keeps the parts apart and each part's order (its
# row number, "pos"). Built from constants only.
_BROWSE_PARTS = [
    "SELECT * FROM (SELECT 0 AS kind, "
    "ROW_NUMBER() OVER (ORDER BY menu_order, title) AS pos, slug, title AS label, "
    "0 AS n, 0 AS y, 0 AS m FROM posts_page "
    "WHERE is_published AND show_in_menu) AS pages",
    "SELECT * FROM (SELECT 1, ROW_NUMBER() OVER (ORDER BY latest_post_at DESC), "
    "slug, title, post_count, 0, 0 FROM posts_series WHERE post_count > 0 "
    "ORDER BY latest_post_at DESC LIMIT 8) AS series",
    "SELECT * FROM (SELECT 2, ROW_NUMBER() OVER (ORDER BY name), slug, name, "
    "post_count, 0, 0 FROM posts_category WHERE post_count > 0) AS categories",
    "SELECT * FROM (SELECT 3, ROW_NUMBER() OVER (ORDER BY post_count DESC, name), "
    "slug, name, post_count, 0, 0 FROM posts_tag WHERE post_count > 0 "
    "ORDER BY post_count DESC, name LIMIT 25) AS tags",
    "SELECT * FROM (SELECT 4, ROW_NUMBER() OVER (ORDER BY year DESC, month DESC), "
    "'', '', post_count, year, month FROM posts_montharchive "
    "ORDER BY year DESC, month DESC LIMIT 12) AS months",
]
_BROWSE_SQL = " UNION ALL ".join(_BROWSE_PARTS) + " ORDER BY 1, 2"


def browse_index() -> BrowseIndex:
    """The menu's pages and the sidebar's series, categories, tags and months.

    One hand-written statement instead of five ORM queries, for the reason
    ``post_navigation`` gives: on an uncached page, building the queries cost
    more than running them. The counts are the stored ones
    (``services.refresh_counts``).
    """
    with connection.cursor() as cursor:
        cursor.execute(_BROWSE_SQL)
        rows = cursor.fetchall()
    parts: dict[int, list[BrowseLink]] = {kind: [] for kind in range(5)}
    views = {0: "posts:page", 1: "posts:series_detail", 2: "posts:category"}
    views[3] = "posts:tag"
    for kind, _, slug, label, count, year, month in rows:
        if kind == 4:
            url = reverse_cached("posts:month", year=year, month=month)
            label = f"{calendar.month_name[month]} {year}"
        else:
            url = reverse_cached(views[kind], slug=slug)
        parts[kind].append(BrowseLink(url, label, count))
    return BrowseIndex(*(parts[kind] for kind in range(5)))


class TermLink(NamedTuple):
    """A tag or category as a post page links it."""

    name: str
    url: str

    def get_absolute_url(self) -> str:
        return self.url


@dataclass(frozen=True)
class PostTerms:
    tags: list[TermLink]
    categories: list[TermLink]


_TERMS_SQL = (
    "SELECT 0 AS kind, t.name, t.slug FROM posts_tag t "
    "JOIN posts_post_tags pt ON pt.tag_id = t.id WHERE pt.post_id = %s "
    "UNION ALL "
    "SELECT 1, c.name, c.slug FROM posts_category c "
    "JOIN posts_post_categories pc ON pc.category_id = c.id WHERE pc.post_id = %s "
    "ORDER BY 1, 2"
)


def post_terms(post: Post) -> PostTerms:
    """The post's tags and categories, by name, in one hand-written statement
    (two prefetch queries cost a millisecond of ORM work on every post page)."""
    with connection.cursor() as cursor:
        cursor.execute(_TERMS_SQL, [post.pk, post.pk])
        rows = cursor.fetchall()
    views = ("posts:tag", "posts:category")
    found: tuple[list[TermLink], list[TermLink]] = ([], [])
    for kind, name, slug in rows:
        found[kind].append(TermLink(name, reverse_cached(views[kind], slug=slug)))
    return PostTerms(tags=found[0], categories=found[1])
