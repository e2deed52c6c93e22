"""Setting and clearing likes: the only code that writes Like rows or like counts.

A request says what the reader wants (liked or not), never "toggle", so a
retried or doubled request changes nothing. A count moves only when a row was
really inserted or deleted, with ``F()`` in the same transaction, so concurrent
clicks can neither count a like twice nor lose one.
"""

import zoneinfo
from dataclasses import dataclass
from hashlib import sha256

from django.db import IntegrityError, transaction
from django.db.models import F, Model
from django.utils import timezone

from linernotes.comments.models import Comment
from linernotes.core import pagecache
from linernotes.core.exceptions import LinerNotesError
from linernotes.core.site import site_settings
from linernotes.posts.models import Post
from linernotes.users.models import User

from .models import Like


class LikeRefused(LinerNotesError):
    """The reader may not like this (guests switched off)."""


class NotLikeable(LikeRefused):
    """The post is not public, or the comment is not approved."""


@dataclass(frozen=True)
class Liker:
    """Who likes: an account, or a guest browser known by the hash of its id."""

    user: User | None = None
    guest_hash: str = ""

    @classmethod
    def account(cls, user: User) -> "Liker":
        return cls(user=user)

    @classmethod
    def guest(cls, guest_id: str) -> "Liker":
        return cls(guest_hash=hash_guest_id(guest_id))

    @property
    def is_guest(self) -> bool:
        return self.user is None

    def as_filter(self) -> dict:
        if self.user is not None:
            return {"user": self.user}
        return {"guest_hash": self.guest_hash}


@dataclass(frozen=True)
class LikeState:
    liked: bool
    count: int


def hash_guest_id(guest_id: str) -> str:
    """What is stored for a guest: the id cannot be read back from the table."""
    return sha256(guest_id.encode()).hexdigest()


@transaction.atomic
def set_post_like(*, post: Post, liker: Liker, liked: bool) -> LikeState:
    """Make the liker's like of ``post`` be ``liked``; return the state and count.

    Raises NotLikeable for a post readers cannot see and LikeRefused for a
    guest when the blog does not allow guest likes.
    """
    if not post.is_public:
        raise NotLikeable("This post cannot be liked.")
    _check_guests_allowed(liker)
    changed = _set_like(Like(post=post, **liker.as_filter()), liked=liked)
    return LikeState(liked, _moved_count(post, changed, post=post))


@transaction.atomic
def set_comment_like(*, comment: Comment, liker: Liker, liked: bool) -> LikeState:
    """Make the liker's like of ``comment`` be ``liked``; return the state and count.

    Only approved comments under a public post can be liked (NotLikeable).
    """
    if comment.status != Comment.Status.APPROVED or not comment.post.is_public:
        raise NotLikeable("This comment cannot be liked.")
    _check_guests_allowed(liker)
    like = Like(post_id=comment.post_id, comment=comment, **liker.as_filter())
    changed = _set_like(like, liked=liked)
    return LikeState(liked, _moved_count(comment, changed, post=comment.post))


def remove_like(like: Like) -> bool:
    """Delete one stored like and take it off its count; False if already gone.

    Call inside a transaction. For erasure and clean-up, which act on rows
    rather than on a reader's wish.
    """
    deleted, _ = Like.objects.filter(pk=like.pk).delete()
    if deleted:
        target = like.comment if like.comment_id else like.post
        _moved_count(target, -1, post=like.post)
    return bool(deleted)


def _check_guests_allowed(liker: Liker) -> None:
    if liker.is_guest and not site_settings().allow_guest_likes:
        raise LikeRefused("Sign in to like: this blog does not take likes from guests.")


def _set_like(like: Like, *, liked: bool) -> int:
    """Insert or delete the row; +1, -1 or 0 for how the count must move."""
    if liked:
        try:
            # A savepoint: losing the race to a concurrent insert of the same
            # like rolls back only this statement, not the caller's transaction.
            with transaction.atomic():
                like.save(force_insert=True)
        except IntegrityError:
            return 0
        return 1
    match = {"post_id": like.post_id, "comment_id": like.comment_id}
    deleted, _ = Like.objects.filter(
        **match, user=like.user, guest_hash=like.guest_hash
    ).delete()
    return -deleted


def _moved_count(target: Model, change: int, *, post: Post) -> int:
    """Apply ``change`` to the stored count and return the count now stored."""
    rows = type(target).objects.filter(pk=target.pk)
    if change:
        rows.update(like_count=F("like_count") + change)
        _retire_post_page(post)
    return rows.values_list("like_count", flat=True).get()


def _retire_post_page(post: Post) -> None:
    """Retire cached copies of the post's page (all its comment pages too), and
    only those: it is the one page that shows counts and likers. The new
    version commits with the like, or not at all."""
    site = site_settings()
    # The URL carries the date in the blog's time zone, whatever the current one.
    with timezone.override(zoneinfo.ZoneInfo(site.time_zone)):
        pagecache.invalidate_paths([post.get_absolute_url()])
