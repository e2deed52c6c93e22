"""Export and erasure of one person's likes, for the privacy app."""

import pytest
from django.urls import reverse

from linernotes.likes.models import Like
from linernotes.likes.personal_data import erase_personal_data, export_personal_data
from linernotes.likes.services import Liker
from linernotes.posts.models import Post

pytestmark = pytest.mark.django_db


def test_an_account_exports_its_post_and_comment_likes(
    make_post, make_comment, make_user, like_post, like_comment
):
    post = make_post(title="Rocky IV")
    comment = make_comment(post=post)
    user = make_user()
    like_post(post=post, liker=Liker.account(user))
    like_comment(comment=comment, liker=Liker.account(user))
    like_post(post=post, liker=Liker.account(make_user()))

    exported = export_personal_data(user=user)

    assert [(row["type"], row["post"], row["comment_id"]) for row in exported] == [
        ("post like", "Rocky IV", None),
        ("comment like", "Rocky IV", comment.pk),
    ]


def test_a_proved_address_never_reaches_an_accounts_likes(
    make_post, make_user, like_post
):
    user = make_user(email="Fan@Example.org")
    like_post(post=make_post(), liker=Liker.account(user))

    assert export_personal_data(email="fan@example.org") == []
    assert erase_personal_data(email="fan@example.org") == 0
    assert len(export_personal_data(user=user)) == 1


def test_nobody_named_exports_nothing(make_post, make_guest, like_post):
    like_post(post=make_post(), liker=make_guest())

    assert export_personal_data() == []
    assert export_personal_data(email="", guest_ids=[""]) == []


def test_erasing_a_guest_removes_its_likes_and_fixes_the_counts(
    make_post, make_comment, make_guest, like_post, like_comment
):
    post = make_post()
    comment = make_comment(post=post)
    like_post(post=post, liker=make_guest(guest_id="leaving"))
    like_comment(comment=comment, liker=make_guest(guest_id="leaving"))
    like_post(post=post, liker=make_guest(guest_id="staying"))

    erased = erase_personal_data(guest_ids=["leaving"])

    post.refresh_from_db()
    comment.refresh_from_db()
    assert erased == 2
    assert (post.like_count, comment.like_count) == (1, 0)
    assert Like.objects.count() == 1


def test_erasing_twice_erases_nothing_more(make_post, make_user, like_post):
    post, user = make_post(), make_user()
    like_post(post=post, liker=Liker.account(user))

    assert erase_personal_data(user=user) == 1
    assert erase_personal_data(user=user) == 0
    post.refresh_from_db()
    assert post.like_count == 0


def test_writers_see_a_posts_likes_in_the_admin_but_cannot_edit_them(
    admin_client,
    make_post,
    make_comment,
    make_user,
    make_guest,
    like_post,
    like_comment,
):
    post = make_post()
    like_post(post=post, liker=Liker.account(make_user(display_name="Ada")))
    like_comment(comment=make_comment(post=post), liker=make_guest())
    like_post(post=make_post(), liker=make_guest())
    changelist = reverse("admin:likes_like_changelist")

    response = admin_client.get(changelist, {"post__id__exact": post.pk})
    like = Like.objects.filter(post=post).first()
    change = admin_client.post(
        reverse("admin:likes_like_change", args=[like.pk]), {"post": ""}
    )

    assert response.status_code == 200
    assert response.context["cl"].result_count == 2
    assert b"Ada" in response.content and b"A guest" in response.content
    assert change.status_code == 403


def test_a_like_on_a_post_made_private_is_exported_without_the_post(
    make_post, make_user, like_post
):
    """Tried: like a public post, then the post goes private; its title was in
    the export before."""
    post, user = make_post(title="Secret Sessions"), make_user()
    like_post(post=post, liker=Liker.account(user))
    Post.objects.filter(pk=post.pk).update(status=Post.Status.PRIVATE)

    [row] = export_personal_data(user=user)

    assert (row["type"], row["post"], row["post_url"]) == ("post like", None, None)
