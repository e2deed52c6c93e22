"""Reads of the conversation: which comments go on which page of a thread.

The rule (docs/decisions/0012-comment-pages.md): threads keep thread order and
a page holds at most ``LINERNOTES_COMMENTS_PER_PAGE`` comments, replies
included. A thread that fits on the current page goes on it whole; one that
does not starts the next page; a thread longer than a page fills whole pages
and its rest opens the next one, where later threads may join it. A page that
starts inside a thread shows the comments it answers as context.

Every page costs the same few queries whatever the post holds: one grouped
count per thread (a small row per thread, never the comments themselves) and
one bounded read of the page's own comments by thread path, plus one for the
context when a page starts inside a thread.
"""

import functools
from bisect import bisect_right
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.http import HttpRequest

from linernotes.core.db import column_list, table
from linernotes.core.models import SiteSettings
from linernotes.posts import access
from linernotes.posts.models import Post
from linernotes.posts.selectors import public_post
from linernotes.users.roles import ModerationScope, moderation_scope

from .models import Comment

ROOT_WIDTH = 10  # a thread path starts with its root's zero-padded id
SHOWN_FIELDS = (
    "pk",
    "parent_id",
    "user_id",  # the face beside the comment (users.avatars.avatar_urls)
    "depth",
    "thread_path",
    "author_name",
    "author_url",
    "kind",
    "body_html",
    "status",
    "created_at",
    "edited_at",
    "like_count",
    "post_id",
)


@dataclass(frozen=True)
class PageStart:
    """Where a page begins: a thread's root path and how far into that thread."""

    root: str
    offset: int
    size: int


@dataclass
class ThreadPage:
    number: int
    page_count: int
    comments: list[Comment] = field(default_factory=list)
    context: list[Comment] = field(default_factory=list)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.page_count

    @property
    def previous_number(self) -> int:
        return self.number - 1

    @property
    def next_number(self) -> int:
        return self.number + 1


# What posts.access needs of a post to decide who may read it.
ACCESS_FIELDS = ("status", "published_at", "password", "author_id")


def post_readable_by(request: HttpRequest, post_pk: int) -> Post | None:
    """The post ``post_pk`` if this reader may read it (posts.access), else None.

    Looked up once per request, however many parts of the reader state ask.
    Comments and likes exist only on public posts, so a post the public part
    does not admit is None even for its author.
    """
    memo = request.__dict__.setdefault("_linernotes_readable_posts", {})
    if post_pk not in memo:
        post = public_post(post_pk, ACCESS_FIELDS)
        readable = post is not None and access.may_read(request, post)
        memo[post_pk] = post if readable else None
    return memo[post_pk]


def pending_count_for(user, site: SiteSettings) -> int | None:
    """How many comments wait in this writer's queue (one COUNT query), or None
    for a writer who moderates none: the number every desk page shows."""
    if moderation_scope(user, site) is ModerationScope.NONE:
        return None
    return Comment.objects.awaiting_moderation().moderated_by(user, site).count()


def held_comments(post_pk: int, written_by: Q) -> list[Comment]:
    """The comments ``written_by`` one reader on a post that still await
    moderation, in thread order (on the post's index)."""
    return list(
        Comment.objects.awaiting_moderation()
        .filter(written_by, post_id=post_pk)
        .order_by("thread_path")
        .only(*SHOWN_FIELDS, "user_id", "author_email")
    )


def comments_per_page() -> int:
    return max(1, int(settings.LINERNOTES_COMMENTS_PER_PAGE))


def page_starts(post: Post, per_page: int) -> list[PageStart]:
    """The start of every page of ``post``'s thread, in one grouped query.

    Every uncached page of a long conversation asks this, so the statement is
    written out (``_SIZES``) and its rows read straight from the cursor: what
    the queryset ``shown_on(post)`` grouped by root would read, without
    building the query and a row object for each of hundreds of threads.
    """
    with connection.cursor() as cursor:
        cursor.execute(_sizes_sql(), [post.pk, *_SHOWN_STATUSES])
        sizes = cursor.fetchall()
    return layout(sizes, per_page)


# What Comment.objects.shown_on admits, for the statements written out here.
_SHOWN_STATUSES = (Comment.Status.APPROVED.value, Comment.Status.REMOVED.value)


@functools.cache
def _sizes_sql() -> str:
    path = column_list(Comment, ["thread_path"])
    return (
        f"SELECT SUBSTR({path}, 1, {ROOT_WIDTH}) AS root, COUNT(*) "  # noqa: S608
        f"FROM {table(Comment)} WHERE {column_list(Comment, ['post_id'])} = %s "
        f"AND {column_list(Comment, ['status'])} IN (%s, %s) "
        "GROUP BY 1 ORDER BY 1"
    )


def layout(sizes: list[tuple[str, int]], per_page: int) -> list[PageStart]:
    """Pack threads (root, size) onto pages by the rule in the module docstring."""
    starts: list[list] = []  # [root, offset, size], mutable while packing
    room = 0
    for root, size in sizes:
        if size <= room:
            starts[-1][2] += size
            room -= size
            continue
        offset = 0
        while size - offset > per_page:
            starts.append([root, offset, per_page])
            offset += per_page
        starts.append([root, offset, size - offset])
        room = per_page - (size - offset)
    return [PageStart(*start) for start in starts] or [PageStart("", 0, 0)]


def thread_page(post: Post, number: int) -> ThreadPage | None:
    """Page ``number`` (from 1) of the comments under ``post``; None past the end.

    Most conversations fit on one page: the first page reads one more comment
    than a page holds, and only when that one exists does it count the threads
    to lay out the pages (one grouped query more, however long the thread).
    """
    per_page = comments_per_page()
    opening: list[Comment] = []
    if number == 1:
        opening = _read(post, per_page + 1)  # the first comments, in thread order
        if len(opening) <= per_page:
            return ThreadPage(number=1, page_count=1, comments=opening)
    starts = page_starts(post, per_page)
    if not 1 <= number <= len(starts):
        return None
    start = starts[number - 1]
    page = ThreadPage(number=number, page_count=len(starts))
    if opening:  # page 1 starts at the first comment: it is already read
        page.comments = opening[: start.size]
    elif start.size:
        page.comments = _read(post, start.size, root=start.root, offset=start.offset)
    if page.comments and page.comments[0].depth > 0:
        page.context = _context(post, page.comments[0])
    return page


def _read(post: Post, count: int, *, root: str = "", offset: int = 0) -> list[Comment]:
    """``count`` comments shown under ``post`` in thread order, skipping
    ``offset`` from the thread ``root`` on: what
    ``Comment.objects.shown_on(post).filter(thread_path__gte=root)
    .only(*SHOWN_FIELDS)[offset:offset + count]`` reads, written out because
    every uncached post page runs it."""
    column = functools.partial(column_list, Comment)
    sql = (
        f"SELECT {column(SHOWN_FIELDS)} "  # noqa: S608 - our names
        f"FROM {table(Comment)} WHERE {column(['post_id'])} = %s "
        f"AND {column(['status'])} IN (%s, %s) "
        f"AND {column(['thread_path'])} >= %s "
        f"ORDER BY {column(['thread_path'])} LIMIT %s OFFSET %s"
    )
    params = [post.pk, *_SHOWN_STATUSES, root, count, offset]
    return list(Comment.objects.raw(sql, params))


def _context(post: Post, first: Comment) -> list[Comment]:
    """The comments the page's first comment answers, from its thread path."""
    ancestors = [int(part) for part in first.thread_path.split(".")[:-1]]
    return list(
        Comment.objects.shown_on(post).filter(pk__in=ancestors).only(*SHOWN_FIELDS)
    )


def page_of(comment: Comment) -> int:
    """The page number that shows ``comment`` under its post."""
    starts = page_starts(comment.post, comments_per_page())
    root = comment.thread_path[:ROOT_WIDTH]
    before = (
        Comment.objects.shown_on(comment.post)
        .filter(thread_path__startswith=root, thread_path__lt=comment.thread_path)
        .count()
    )
    keys = [(start.root, start.offset) for start in starts]
    return max(1, bisect_right(keys, (root, before)))
