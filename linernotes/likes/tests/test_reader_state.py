"""/account/me.json tells a page's script what this reader liked on it."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from linernotes.likes.guests import GUEST_COOKIE
from linernotes.likes.reader_state import liked_on_page
from linernotes.likes.services import Liker

pytestmark = pytest.mark.django_db

SAME_SITE = {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ACCEPT": "application/json"}


def _state(client, post):
    return client.get(reverse("users:reader_state"), {"post": post.pk}).json()


def test_a_guest_sees_what_this_browser_liked_on_the_post(
    client, make_post, make_comment
):
    post = make_post()
    liked, other = make_comment(post=post), make_comment(post=post, body="Hm.")
    client.post(reverse("likes:post", args=[post.pk]), {"liked": "1"}, **SAME_SITE)
    client.post(reverse("likes:comment", args=[liked.pk]), {"liked": "1"}, **SAME_SITE)

    state = _state(client, post)

    assert state["likes"] == {"post": True, "comments": [liked.pk]}
    assert other.pk not in state["likes"]["comments"]


def test_another_browser_sees_nothing_liked(client, make_post):
    post = make_post()
    client.post(reverse("likes:post", args=[post.pk]), {"liked": "1"}, **SAME_SITE)
    client.cookies.pop(GUEST_COOKIE)

    state = _state(client, post)

    assert state["likes"] == {"post": False, "comments": []}


def test_an_account_sees_its_likes_on_any_browser(
    client, make_post, make_user, like_post
):
    post, user = make_post(), make_user()
    like_post(post=post, liker=Liker.account(user))
    client.force_login(user)

    assert _state(client, post)["likes"] == {"post": True, "comments": []}


def test_likes_on_other_posts_are_not_listed(client, make_post, make_comment):
    post, elsewhere = make_post(), make_post()
    comment = make_comment(post=elsewhere)
    client.post(
        reverse("likes:comment", args=[comment.pk]), {"liked": "1"}, **SAME_SITE
    )

    assert _state(client, post)["likes"] == {"post": False, "comments": []}


@pytest.mark.parametrize("value", ["", "abc", "-1", "1 OR 1=1"])
def test_no_likes_key_without_a_post_number(client, value):
    """Bad input tried: a missing, non-numeric, negative or injected ?post=."""
    state = client.get(reverse("users:reader_state"), {"post": value}).json()

    assert "likes" not in state


def test_a_known_browser_costs_two_queries(
    make_post, make_guest, like_post, django_assert_num_queries
):
    from django.contrib.auth.models import AnonymousUser
    from django.core import signing

    from linernotes.likes.guests import GUEST_SALT

    post = make_post()
    like_post(post=post, liker=make_guest(guest_id="browser-a"))
    request = RequestFactory().get("/account/me.json", {"post": post.pk})
    request.user = AnonymousUser()
    request.COOKIES[GUEST_COOKIE] = signing.dumps("browser-a", salt=GUEST_SALT)

    # One for the post, to ask posts.access whether this reader may read it
    # (shared with the comments' part of the state), one for the likes.
    with django_assert_num_queries(2):
        state = liked_on_page(request)

    assert state == {"likes": {"post": True, "comments": []}}
