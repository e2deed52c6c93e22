"""Erasure across apps: likes (by account, or by this browser's guest cookie)
with their counts, and subscriptions, through the privacy pages."""

import json

import pytest
from django.core import mail, signing
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from linernotes.likes.guests import GUEST_COOKIE, GUEST_SALT
from linernotes.likes.models import Like
from linernotes.likes.services import Liker
from linernotes.likes.tests.factories import like_comment, like_post
from linernotes.notifications.models import Subscription
from linernotes.notifications.tests.factories import make_subscription
from linernotes.privacy import services
from linernotes.privacy.links import make_link_token

pytestmark = pytest.mark.django_db


def test_account_erasure_removes_its_likes_and_keeps_counts_right(
    make_post, make_user, make_comment
):
    post = make_post()
    comment = make_comment(post=post)
    reader, other = make_user(), make_user()
    like_post(post=post, liker=Liker.account(reader))
    like_post(post=post, liker=Liker.account(other))
    like_comment(comment=comment, liker=Liker.account(reader))

    erasure = services.erase_personal_data(user=reader)

    assert erasure.counts["likes"] == 2
    post.refresh_from_db()
    comment.refresh_from_db()
    assert (post.like_count, comment.like_count) == (1, 0)
    assert list(Like.objects.values_list("user", flat=True)) == [other.pk]


def test_guest_link_erases_this_browsers_likes_and_no_one_elses(
    client, make_post, make_comment
):
    # Bad input tried: another browser's likes must survive this guest's erasure.
    post = make_post()
    make_comment(post=post, email="rae@example.org")
    like_post(post=post, liker=Liker.guest("rae-browser"))
    like_post(post=post, liker=Liker.guest("someone-elses-browser"))
    client.cookies[GUEST_COOKIE] = signing.dumps("rae-browser", salt=GUEST_SALT)
    token = make_link_token("rae@example.org")

    exported = json.loads(
        client.get(reverse("privacy:guest_export", args=[token])).content
    )
    client.post(reverse("privacy:guest_erase", args=[token]), {"confirm": "on"})

    assert [like["by"] for like in exported["likes"]] == ["this browser"]
    post.refresh_from_db()
    assert (post.like_count, post.comment_count) == (1, 0)
    assert Like.objects.count() == 1


def test_a_forged_guest_cookie_reaches_no_likes(client, make_post, make_comment):
    # Bad input tried: an unsigned cookie naming another browser's id.
    post = make_post()
    make_comment(post=post, email="rae@example.org")
    like_post(post=post, liker=Liker.guest("victim-browser"))
    client.cookies[GUEST_COOKIE] = "victim-browser"
    token = make_link_token("rae@example.org")

    client.post(reverse("privacy:guest_erase", args=[token]), {"confirm": "on"})

    post.refresh_from_db()
    assert post.like_count == 1


def test_a_subscriber_without_comments_gets_a_link_and_can_erase(
    client, django_capture_on_commit_callbacks
):
    make_subscription(email="fan@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/privacy/link/", {"email": "fan@example.org"})
    token = make_link_token("fan@example.org")

    page = client.get(reverse("privacy:guest", args=[token]))
    client.post(reverse("privacy:guest_erase", args=[token]), {"confirm": "on"})

    assert [m.to for m in mail.outbox] == [["fan@example.org"]]
    assertContains(page, "Subscriptions and mail settings")
    assertNotContains(page, "Subscriptions and mail settings: 0")
    assert not Subscription.objects.filter(email="fan@example.org").exists()
