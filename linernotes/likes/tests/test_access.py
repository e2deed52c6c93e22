"""Who may like follows posts.access: nothing on a post the reader may not see
(404), and nothing on a password-protected post until this session unlocked it
(403). Before, the like endpoints checked only that the post was public, so
anyone who knew a protected post's number could like it and its comments."""

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains

from linernotes.likes.models import Like
from linernotes.likes.services import Liker
from linernotes.posts import access
from linernotes.posts.models import Post

pytestmark = pytest.mark.django_db

SAME_SITE = {"HTTP_SEC_FETCH_SITE": "same-origin"}
AS_JSON = {**SAME_SITE, "HTTP_ACCEPT": "application/json"}
PASSWORD = "open sesame"


def unlock(client: Client, post: Post) -> None:
    """What a right password on the post page leaves in the session."""
    session = client.session
    access.remember_unlocked(session, post)
    session.save()


def like(client: Client, url_name: str, pk: int, headers=AS_JSON):
    return client.post(reverse(url_name, args=[pk]), {"liked": "1"}, **headers)


def test_a_locked_post_cannot_be_liked_without_its_password(client, make_post):
    """Tried: a guest's like straight to the post's number, by script and form."""
    post = make_post(password=PASSWORD)

    as_json = like(client, "likes:post", post.pk)
    as_form = like(client, "likes:post", post.pk, SAME_SITE)

    assert as_json.status_code == 403
    assert "password" in as_json.json()["error"]
    assertContains(as_form, "password", status_code=403)
    assert not Like.objects.exists()


def test_a_comment_under_a_locked_post_cannot_be_liked_without_it(
    client, make_post, make_comment
):
    comment = make_comment(post=make_post(password=PASSWORD))

    response = like(client, "likes:comment", comment.pk)

    assert response.status_code == 403
    assert not Like.objects.exists()


def test_a_session_that_unlocked_the_post_may_like_it_and_its_comments(
    client, make_post, make_comment
):
    post = make_post(password=PASSWORD)
    comment = make_comment(post=post)
    unlock(client, post)

    liked_post = like(client, "likes:post", post.pk)
    liked_comment = like(client, "likes:comment", comment.pk)

    assert liked_post.json() == {"liked": True, "count": 1}
    assert liked_comment.json() == {"liked": True, "count": 1}


@pytest.mark.parametrize("status", [Post.Status.PRIVATE, Post.Status.DRAFT])
def test_a_comment_under_a_post_taken_out_of_sight_is_not_found(
    client, make_post, make_comment, status
):
    post = make_post()
    comment = make_comment(post=post)
    Post.objects.filter(pk=post.pk).update(status=status)

    response = like(client, "likes:comment", comment.pk)

    assert response.status_code == 404


def test_a_private_post_is_not_found_even_by_its_author(client, make_post, make_writer):
    """Likes exist only on public posts; a private post has no like button."""
    author = make_writer()
    post = make_post(author=author, status=Post.Status.PRIVATE)
    client.force_login(author)

    assert like(client, "likes:post", post.pk).status_code == 404


def test_the_reader_state_says_nothing_of_likes_on_a_locked_post_until_unlocked(
    client, make_post, make_user, like_post
):
    """Tried: an account that liked a protected post, then asks /account/me.json
    from a session that has not unlocked it."""
    post, user = make_post(password=PASSWORD), make_user()
    like_post(post=post, liker=Liker.account(user))
    client.force_login(user)
    url = reverse("users:reader_state")

    locked = client.get(url, {"post": post.pk}).json()
    unlock(client, post)
    unlocked = client.get(url, {"post": post.pk}).json()

    assert "likes" not in locked
    assert unlocked["likes"] == {"post": True, "comments": []}


def test_the_reader_state_says_nothing_of_a_draft(client, make_post):
    post = make_post()
    like(client, "likes:post", post.pk)
    Post.objects.filter(pk=post.pk).update(status=Post.Status.DRAFT)

    state = client.get(reverse("users:reader_state"), {"post": post.pk}).json()

    assert "likes" not in state
