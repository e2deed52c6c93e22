"""Likes in the admin: nobody deletes one alone, yet posts readers liked can go."""

import pytest
from django.urls import reverse

from linernotes.comments.models import Comment
from linernotes.likes.models import Like
from linernotes.posts.models import Post
from linernotes.users.roles import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.EDITOR, Role.AUTHOR])
def test_a_writer_deletes_a_post_readers_liked_and_answered(
    client,
    make_writer,
    make_post,
    make_comment,
    make_guest,
    like_post,
    like_comment,
    role,
):
    # An author may delete only their own post; an editor any. Neither may
    # delete a like or a comment on its own.
    writer = make_writer(role=role)
    post = make_post(author=writer)
    comment = make_comment(post=post)
    like_post(post=post, liker=make_guest())
    like_comment(comment=comment, liker=make_guest())
    client.force_login(writer)
    url = reverse("admin:posts_post_delete", args=[post.pk])

    confirm = client.get(url)
    deleted = client.post(url, {"post": "yes"})

    assert confirm.status_code == 200
    assert not confirm.context["perms_lacking"]
    assert deleted.status_code == 302
    assert not Post.objects.filter(pk=post.pk).exists()
    assert (Comment.objects.count(), Like.objects.count()) == (0, 0)


def test_a_like_has_no_delete_page(admin_client, make_post, make_guest, like_post):
    post = make_post()
    like_post(post=post, liker=make_guest())
    like = Like.objects.get()

    response = admin_client.post(
        reverse("admin:likes_like_delete", args=[like.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert Like.objects.filter(pk=like.pk).exists()
