"""Builders for likers and likes, through the likes services."""

from itertools import count

from linernotes.likes import services

_numbers = count(1)


def make_guest(*, guest_id: str | None = None) -> services.Liker:
    """A guest browser: a new one each call, unless ``guest_id`` names one."""
    return services.Liker.guest(guest_id or f"browser-{next(_numbers)}")


def like_post(*, post, liker: services.Liker) -> services.LikeState:
    return services.set_post_like(post=post, liker=liker, liked=True)


def like_comment(*, comment, liker: services.Liker) -> services.LikeState:
    return services.set_comment_like(comment=comment, liker=liker, liked=True)
