"""The likers' faces, a hand-written statement, against its ORM equivalent."""

import pytest

from linernotes.likes import services
from linernotes.likes.models import Like
from linernotes.likes.selectors import recent_likers

pytestmark = pytest.mark.django_db


def test_recent_likers_reads_what_the_orm_says(
    make_post, make_user, make_comment, make_guest, like_post, like_comment
):
    """A mix the statement must sort out: accounts and guests on the post,
    an account's like of a comment on it, and likes of another post."""
    post, other = make_post(), make_post()
    readers = [make_user() for _ in range(8)]
    for reader in readers[:7]:
        like_post(post=post, liker=services.Liker.account(reader))
    like_post(post=post, liker=make_guest())
    like_post(post=other, liker=services.Liker.account(readers[7]))
    comment = make_comment(post=post)
    like_comment(comment=comment, liker=services.Liker.account(readers[7]))
    post.refresh_from_db()

    expected = list(
        Like.objects.filter(post=post, comment=None, user__isnull=False)
        .order_by("-created_at", "-pk")
        .values_list("user_id", flat=True)[:5]
    )

    assert [user.pk for user in recent_likers(post)] == expected
    assert len(expected) == 5
