"""A held comment stays in sight of its writer, and only of its writer.

The defect: a guest's comment "awaiting moderation; only you can see it here"
vanished on reload, since the cached page cannot hold it. Now /account/me.json
lists it for the browser that wrote it (its signed commenter cookie) or the
account, comments.js puts it back in place, and its signed receipt page keeps
working until a writer has looked at it. The cached HTML never holds it.
"""

import time

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.test import Client, RequestFactory
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from linernotes.comments import services, trust
from linernotes.comments.models import Comment
from linernotes.comments.reader_state import held_on_page
from linernotes.posts import access
from linernotes.posts.models import Post

pytestmark = pytest.mark.django_db
SAME_SITE = {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_USER_AGENT": "Mozilla/5.0"}
JSON = {**SAME_SITE, "HTTP_ACCEPT": "application/json"}


def send(client: Client, post: Post, headers=SAME_SITE, **fields):
    data = {"name": "Rae", "email": "rae@example.org", "body": "Held for now."}
    return client.post(
        reverse("comments:post", args=[post.pk]), {**data, **fields}, **headers
    )


def reader_state(client: Client, post: Post) -> dict:
    return client.get(reverse("users:reader_state"), {"post": post.pk}).json()


def moderate(status: str) -> None:
    for comment in Comment.objects.awaiting_moderation():
        services.moderate_comment(comment=comment, status=status)


def test_a_guests_held_comment_is_still_theirs_to_see_after_a_reload(client, make_post):
    """Tried: post through the form, then load the page again as the same browser
    (its reader state) and as another. Before the fix the reader state had no
    held comments at all, so the comment was gone from the page on reload."""
    post = make_post()
    send(client, post)

    page = client.get(post.get_absolute_url())
    state = reader_state(client, post)
    someone_else = reader_state(Client(), post)

    assertNotContains(page, "Held for now.")
    [held] = state["held"]
    assert "Held for now." in held["html"]
    assert "awaiting moderation" in held["html"]
    assert 'class="comment depth-0 is-pending"' in held["html"]
    assert held["parent"] is None
    assert "held" not in someone_else


def test_a_held_comment_offers_no_like_button(client, make_post):
    """Seen in the browser: a held comment showed a Like button, which the like
    service refuses for a comment readers cannot see."""
    post = make_post()
    send(client, post)

    [held] = reader_state(client, post)["held"]

    assert "Held for now." in held["html"]
    assert "comment-like" not in held["html"]


def test_a_held_reply_names_its_parent_so_the_script_places_it(
    client, make_post, make_comment
):
    post = make_post()
    parent = make_comment(post=post)
    send(client, post, JSON, parent=str(parent.pk))

    [held] = reader_state(client, post)["held"]

    assert held["parent"] == parent.pk
    assert held["edit_url"].startswith(reverse("comments:edit", args=[held["id"]]))


@pytest.mark.parametrize(
    "status", [Comment.Status.APPROVED, Comment.Status.TRASH, Comment.Status.SPAM]
)
def test_once_moderated_it_is_no_longer_listed_as_held(client, make_post, status):
    post = make_post()
    send(client, post)

    moderate(status)

    assert reader_state(client, post)["held"] == []


def test_only_this_posts_held_comments_are_listed(client, make_post):
    post, other = make_post(), make_post()
    send(client, other, body="Elsewhere.")

    assert reader_state(client, post)["held"] == []


def test_an_accounts_held_comment_follows_it_to_another_browser(make_post, make_user):
    post, user = make_post(), make_user(email="kim@example.org")
    writing, reading = Client(), Client()
    writing.force_login(user)
    send(writing, post, body="From my account.")
    reading.force_login(user)

    [held] = reader_state(reading, post)["held"]

    assert "From my account." in held["html"]


def test_a_forged_commenter_cookie_shows_nothing(client, make_post):
    """Tried: a cookie naming someone else's held comment, unsigned, and one
    signed by another key."""
    post = make_post()
    send(Client(), post, body="Not yours.")
    victim = Comment.objects.get()
    forged = {"email": victim.author_email, "ids": [victim.pk]}
    client.cookies[trust.COMMENTER_COOKIE] = signing.dumps(forged, key="guessed")

    assert "held" not in reader_state(client, post)


def test_another_address_in_the_cookie_names_nothing(client, make_post):
    """The cookie says which address its ids were written under; a held comment
    under another one (a copied id) is not listed."""
    post = make_post()
    send(Client(), post, email="other@example.org", body="Not yours.")
    victim = Comment.objects.get()
    value = {"email": "rae@example.org", "ids": [victim.pk]}
    client.cookies[trust.COMMENTER_COOKIE] = signing.dumps(
        value, salt="linernotes.comments.commenter"
    )

    assert reader_state(client, post)["held"] == []


def test_nothing_is_said_about_a_locked_post_until_this_session_unlocks_it(
    client, make_writer, make_post
):
    author = make_writer()
    post = make_post(author=author, password="sesame")
    session = client.session
    access.remember_unlocked(session, post)
    session.save()
    send(client, post)
    client.cookies.pop("sessionid")

    locked = reader_state(client, post)
    session = client.session
    access.remember_unlocked(session, post)
    session.save()
    unlocked = reader_state(client, post)

    assert "held" not in locked
    assert "Held for now." in unlocked["held"][0]["html"]


def test_a_post_taken_back_to_drafts_says_nothing(client, make_post):
    post = make_post()
    send(client, post)
    Post.objects.filter(pk=post.pk).update(status=Post.Status.DRAFT)

    assert "held" not in reader_state(client, post)


def test_a_browser_that_never_commented_costs_no_query(
    make_post, django_assert_num_queries
):
    post = make_post()
    request = RequestFactory().get("/account/me.json", {"post": post.pk})
    request.user = AnonymousUser()

    with django_assert_num_queries(0):
        assert held_on_page(request) == {}


def test_the_receipt_keeps_showing_a_held_comment_after_a_day(
    client, make_post, monkeypatch
):
    """Receipts last a day; a held one until a writer has looked at it, since
    without JavaScript it is the only place its writer sees the comment."""
    post = make_post()
    receipt = send(client, post)["Location"]
    later = time.time() + 3 * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: later)

    held = client.get(receipt)
    moderate(Comment.Status.APPROVED)
    approved = client.get(receipt)

    assertContains(held, "awaiting moderation")
    assertContains(held, "Held for now.")
    assertContains(approved, "This link has expired", status_code=404)


def test_a_tampered_receipt_is_a_404(client, make_post):
    post = make_post()
    receipt = send(client, post)["Location"]

    response = client.get(receipt.rstrip("/") + "x/")

    assertContains(response, "This link has expired", status_code=404)
