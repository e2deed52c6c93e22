"""Reads of likes: who liked a post, and what one reader liked on a page."""

from linernotes.posts.models import Post
from linernotes.users.models import User

from .models import Like
from .services import Liker

SHOWN_LIKERS = 5
# What a face in the row needs (name and avatar), not the whole account.
LIKER_FIELDS = [
    "user__username",
    "user__display_name",
    "user__first_name",
    "user__last_name",
    "user__email",
    "user__avatar",
]


def recent_likers(post: Post, *, limit: int = SHOWN_LIKERS) -> list[User]:
    """Up to ``limit`` account holders who liked the post, newest first: one query.

    Guests have no face to show; they are in the count only.
    """
    if not post.like_count:
        return []
    likes = (
        Like.objects.on_post_itself()
        .by_accounts()
        .filter(post=post)
        .select_related("user")
        .only(*LIKER_FIELDS)
        .order_by("-created_at", "-pk")[:limit]
    )
    return [like.user for like in likes]


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
