"""A post's place: its series part and blog neighbours, the "Next post" teaser."""

import functools
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import connection
from django.utils import timezone

from linernotes.core.db import column_list, table

from .. import access
from ..access import public_sql
from ..models import Post, PostLink, Series


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
# the blog's previous post, 1 the next, 2 the series' public parts. The
# neighbours use the (status, published_at) index: a post sharing this exact
# time with a smaller (or larger) id comes first, else the nearest strictly
# earlier (or later) post. "{public}" is ``access.public_sql``'s condition.
# The previous post's own bound comes before it: given two upper bounds on
# published_at, SQLite seeks the index by the first one it reads, and public
# posts' "published before now" made it walk every later post (2 ms of a 10 ms
# page in the middle of a 10,000-post archive; 0.1 ms this way).
@functools.cache
def _navigation_parts() -> dict[str, str]:
    """The three parts' SQL from the model's names, built once per process."""
    posts = table(Post)
    link = column_list(Post, ("pk", "title", "slug", "published_at"))
    pk, when = column_list(Post, ("pk",)), column_list(Post, ("published_at",))
    position, series = column_list(Post, ("series_position", "series_id")).split(", ")
    return {
        "previous": (
            f"SELECT * FROM (SELECT 0 AS side, {link}, "  # noqa: S608 - our names
            f"CAST(NULL AS integer) AS position FROM {posts} "
            f"WHERE {when} <= %s AND {{public}} AND NOT ({when} = %s AND {pk} >= %s) "
            f"ORDER BY {when} DESC, {pk} DESC LIMIT 1) AS previous_post"
        ),
        "next": (
            f"SELECT * FROM (SELECT 1 AS side, {link}, "  # noqa: S608 - our names
            f"CAST(NULL AS integer) AS position FROM {posts} "
            f"WHERE {{public}} AND {when} >= %s AND NOT ({when} = %s AND {pk} <= %s) "
            f"ORDER BY {when}, {pk} LIMIT 1) AS next_post"
        ),
        "series": (
            f"SELECT 2 AS side, {link}, {position} "  # noqa: S608 - our names
            f"FROM {posts} WHERE {{public}} AND {series} = %s"
        ),
    }


def post_navigation(post: Post) -> Navigation:
    """The post's place in its series and its blog neighbours. At most one query.

    One hand-written statement instead of three ORM queries: building and
    compiling those cost more than running them. Only public posts
    (``access.public_sql``) are neighbours or parts; parts come in the series'
    order (``PostQuerySet.in_series``); a post that is not public gets no blog
    neighbours, a post in no series no place.
    """
    public, public_params = public_sql()
    templates = _navigation_parts()
    parts, params = [], []
    if access.is_public(post):
        when = connection.ops.adapt_datetimefield_value(post.published_at)
        parts.append(templates["previous"].replace("{public}", public))
        params += [when, *public_params, when, post.pk]
        parts.append(templates["next"].replace("{public}", public))
        params += [*public_params, when, when, post.pk]
    if post.series_id is not None:
        parts.append(templates["series"].replace("{public}", public))
        params += [*public_params, post.series_id]
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
        if navigation.next is not None or not access.is_public(post):
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
