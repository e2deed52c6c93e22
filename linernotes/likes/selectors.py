"""Reads of likes: who liked a post, and what one reader liked on a page."""

import functools

from linernotes.core.db import column_list, table
from linernotes.posts.models import Post
from linernotes.users.models import User

from .models import Like
from .services import Liker

SHOWN_LIKERS = 5
# What a face in the row needs (name and avatar), not the whole account.
LIKER_FIELDS = [
    "pk",
    "username",
    "display_name",
    "first_name",
    "last_name",
    "email",
    "avatar",
]


def recent_likers(post: Post, *, limit: int = SHOWN_LIKERS) -> list[User]:
    """Up to ``limit`` account holders who liked the post, newest first: one query.

    Guests have no face to show; they are in the count only.
    """
    if not post.like_count:
        return []
    # Written out: every uncached post page with likes runs it (core.db).
    like = functools.partial(column_list, Like, alias="l")
    sql = (
        f"SELECT {column_list(User, LIKER_FIELDS, 'u')} "  # noqa: S608 - our names
        f"FROM {table(Like)} l JOIN {table(User)} u "
        f"ON {column_list(User, ['pk'], 'u')} = {like(['user_id'])} "
        f"WHERE {like(['post_id'])} = %s AND {like(['comment_id'])} IS NULL "
        f"ORDER BY {like(['created_at'])} DESC, {like(['pk'])} DESC LIMIT %s"
    )
    return list(User.objects.raw(sql, [post.pk, limit]))


def likes_on_page(post_pk: int, liker: Liker) -> dict:
    """What ``liker`` has liked on a post's page: the post, and which comments.

    One query, on the (user, post) or (guest_hash, post) index.
    """
    comment_ids = list(
        Like.objects.filter(post_id=post_pk, **liker.as_filter()).values_list(
            "comment_id", flat=True
        )
    )
    return {
        "post": None in comment_ids,
        "comments": sorted(pk for pk in comment_ids if pk is not None),
    }
