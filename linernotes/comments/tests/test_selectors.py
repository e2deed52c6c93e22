"""The thread's opening comments, a hand-written statement, against the ORM."""

import pytest

from linernotes.comments import services
from linernotes.comments.models import Comment
from linernotes.comments.selectors import SHOWN_FIELDS, _read

pytestmark = pytest.mark.django_db


def test_the_opening_comments_are_what_the_orm_says_readers_see(
    make_post, make_comment
):
    """Approved, held, spam, trashed and removed comments with replies, on this
    post and another: only approved ones and removed placeholders, in thread
    order, are the opening of the thread."""
    post, other = make_post(), make_post()
    first = make_comment(post=post, body="First")
    make_comment(post=post, parent=first, body="A reply")
    make_comment(post=post, body="Held", approved=False)
    for status in (Comment.Status.SPAM, Comment.Status.TRASH, Comment.Status.REMOVED):
        gone = make_comment(post=post, body=status)
        make_comment(post=post, parent=gone, body=f"Under {status}")
        services.moderate_comment(comment=gone, status=status)
    make_comment(post=other, body="Elsewhere")

    for count in (1, 3, 50):
        expected = Comment.objects.shown_on(post).only(*SHOWN_FIELDS)[:count]
        assert [c.pk for c in _read(post, count)] == [c.pk for c in expected]
