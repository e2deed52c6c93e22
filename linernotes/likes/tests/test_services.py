"""The like services: wishes, not toggles, and counts that match the rows."""

import pytest
from django.db import IntegrityError, transaction

from linernotes.comments.models import Comment
from linernotes.likes.models import Like
from linernotes.likes.services import (
    Liker,
    LikeRefused,
    LikeState,
    NotLikeable,
    remove_like,
    set_comment_like,
    set_post_like,
)
from linernotes.posts.models import Post

pytestmark = pytest.mark.django_db


def test_liking_a_post_counts_one_like(make_post, make_user):
    post = make_post()

    state = set_post_like(post=post, liker=Liker.account(make_user()), liked=True)

    post.refresh_from_db()
    assert state == LikeState(liked=True, count=1)
    assert post.like_count == 1


def test_a_retried_like_changes_nothing(make_post, make_user):
    post = make_post()
    reader = Liker.account(make_user())
    set_post_like(post=post, liker=reader, liked=True)

    again = set_post_like(post=post, liker=reader, liked=True)

    post.refresh_from_db()
    assert again == LikeState(liked=True, count=1)
    assert post.like_count == 1
    assert Like.objects.filter(post=post).count() == 1


def test_unliking_removes_the_like_and_a_retried_unlike_changes_nothing(
    make_post, make_user
):
    post = make_post()
    reader = Liker.account(make_user())
    set_post_like(post=post, liker=reader, liked=True)

    first = set_post_like(post=post, liker=reader, liked=False)
    second = set_post_like(post=post, liker=reader, liked=False)

    post.refresh_from_db()
    assert first == second == LikeState(liked=False, count=0)
    assert post.like_count == 0
    assert not Like.objects.exists()


def test_unliking_what_was_never_liked_leaves_others_likes_alone(make_post, make_user):
    post = make_post()
    set_post_like(post=post, liker=Liker.account(make_user()), liked=True)

    state = set_post_like(post=post, liker=Liker.account(make_user()), liked=False)

    assert state == LikeState(liked=False, count=1)


def test_a_guest_browser_likes_once_and_another_browser_adds_one(make_post, make_guest):
    post = make_post()
    browser = make_guest(guest_id="same-browser")

    set_post_like(post=post, liker=browser, liked=True)
    set_post_like(post=post, liker=make_guest(guest_id="same-browser"), liked=True)
    state = set_post_like(post=post, liker=make_guest(), liked=True)

    assert state == LikeState(liked=True, count=2)


def test_the_guest_id_itself_is_never_stored(make_post, make_guest):
    post = make_post()

    set_post_like(post=post, liker=make_guest(guest_id="secret-browser-id"), liked=True)

    stored = Like.objects.get()
    assert "secret-browser-id" not in stored.guest_hash
    assert len(stored.guest_hash) == 64


def test_guests_are_refused_with_a_reason_when_the_blog_says_so(
    make_post, make_guest, guests_not_allowed
):
    post = make_post()

    with pytest.raises(LikeRefused, match="Sign in to like"):
        set_post_like(post=post, liker=make_guest(), liked=True)

    post.refresh_from_db()
    assert post.like_count == 0


def test_accounts_may_like_when_guests_may_not(
    make_post, make_user, guests_not_allowed
):
    state = set_post_like(
        post=make_post(), liker=Liker.account(make_user()), liked=True
    )

    assert state.count == 1


@pytest.mark.parametrize(
    "status", [Post.Status.DRAFT, Post.Status.PENDING, Post.Status.PRIVATE]
)
def test_a_post_readers_cannot_see_cannot_be_liked(make_post, make_user, status):
    post = make_post(status=status)

    with pytest.raises(NotLikeable):
        set_post_like(post=post, liker=Liker.account(make_user()), liked=True)


def test_a_scheduled_post_cannot_be_liked_before_it_is_due(
    make_scheduled_post, make_user
):
    with pytest.raises(NotLikeable):
        set_post_like(
            post=make_scheduled_post(), liker=Liker.account(make_user()), liked=True
        )


def test_liking_a_comment_counts_on_the_comment_not_the_post(
    make_post, make_comment, make_user
):
    post = make_post()
    comment = make_comment(post=post)

    state = set_comment_like(
        comment=comment, liker=Liker.account(make_user()), liked=True
    )

    post.refresh_from_db()
    comment.refresh_from_db()
    assert state == LikeState(liked=True, count=1)
    assert (comment.like_count, post.like_count) == (1, 0)


def test_one_reader_may_like_a_post_and_its_comments_each_once(
    make_post, make_comment, make_user
):
    post = make_post()
    comments = [make_comment(post=post), make_comment(post=post, body="Me too.")]
    reader = Liker.account(make_user())

    set_post_like(post=post, liker=reader, liked=True)
    for comment in comments:
        set_comment_like(comment=comment, liker=reader, liked=True)
        set_comment_like(comment=comment, liker=reader, liked=True)

    assert Like.objects.filter(post=post).count() == 3
    assert sorted(Comment.objects.values_list("like_count", flat=True)) == [1, 1]


@pytest.mark.parametrize(
    "status",
    [
        Comment.Status.PENDING,
        Comment.Status.SPAM,
        Comment.Status.TRASH,
        Comment.Status.REMOVED,
    ],
)
def test_a_comment_that_is_not_approved_cannot_be_liked(
    make_post, make_comment, make_user, status
):
    comment = make_comment(post=make_post(), approved=False)
    Comment.objects.filter(pk=comment.pk).update(status=status)
    comment.refresh_from_db()

    with pytest.raises(NotLikeable):
        set_comment_like(comment=comment, liker=Liker.account(make_user()), liked=True)


def test_the_database_refuses_a_second_like_by_the_same_account(
    make_post, make_user, like_post
):
    """The constraint, not only the service, keeps one like per account."""
    post, user = make_post(), make_user()
    like_post(post=post, liker=Liker.account(user))

    with pytest.raises(IntegrityError), transaction.atomic():
        Like(post=post, user=user).save(force_insert=True)


def test_the_database_refuses_a_like_by_nobody(make_post):
    with pytest.raises(IntegrityError), transaction.atomic():
        Like(post=make_post()).save(force_insert=True)


def test_removing_a_like_takes_it_off_its_count_once(
    make_post, make_comment, make_user, like_comment
):
    comment = make_comment(post=make_post())
    like_comment(comment=comment, liker=Liker.account(make_user()))
    like = Like.objects.get()

    with transaction.atomic():
        assert remove_like(like) is True
        assert remove_like(like) is False

    comment.refresh_from_db()
    assert comment.like_count == 0
