"""A reader's likes, for the privacy app's export and erasure.

A person is named by their account or by the guest ids of their browsers (from
``guests.guest_id_from_request``; only hashes are stored). An email address
names no like: guests give none when they like, and, as with comments, an
address proved by a privacy link never reaches into an account, whose likes are
exported and erased from the account itself.
"""

from typing import Any

from django.db import transaction
from django.db.models import Q

from linernotes.comments.personal_data import exported_post
from linernotes.users.models import User

from .models import Like
from .services import hash_guest_id, remove_like


def export_personal_data(
    *, user: User | None = None, email: str | None = None, guest_ids=()
) -> list[dict[str, Any]]:
    """One plain dict per like, oldest first, ready for a JSON download."""
    likes = _likes_of(user=user, email=email, guest_ids=guest_ids)
    return [
        {
            "type": "comment like" if like.comment_id else "post like",
            **exported_post(like.post),
            "comment_id": like.comment_id,
            "by": "account" if like.user_id else "this browser",
            "liked_at": like.created_at.isoformat(),
        }
        for like in likes.select_related("post").order_by("created_at", "pk")
    ]


@transaction.atomic
def erase_personal_data(
    *, user: User | None = None, email: str | None = None, guest_ids=()
) -> int:
    """Delete the person's likes, taking each off its count; return how many."""
    likes = _likes_of(user=user, email=email, guest_ids=guest_ids)
    erased = 0
    for like in likes.select_related("post", "comment"):
        erased += remove_like(like)
    return erased


def _likes_of(*, user: User | None, email: str | None, guest_ids) -> Any:
    """Likes matching any of the given identities; none when none is given."""
    who = Q(pk__in=[])
    if user is not None:
        who |= Q(user=user)
    if hashes := [hash_guest_id(guest_id) for guest_id in guest_ids if guest_id]:
        who |= Q(guest_hash__in=hashes)
    return Like.objects.filter(who)
