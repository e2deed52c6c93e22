"""The commenter cookie: what it remembers, and what it vouches for."""

import pytest
from django.core import signing

from linernotes.comments import services, trust
from linernotes.comments.models import Comment

pytestmark = pytest.mark.django_db


def remembered(cookie: str) -> list[int]:
    return signing.loads(cookie, salt="linernotes.comments.commenter")["ids"]


def test_a_repeated_submission_is_remembered_once(make_post, make_comment):
    comment = make_comment(post=make_post(), approved=False)

    once = trust.remember_comment("", comment)
    twice = trust.remember_comment(once, comment)

    assert remembered(twice) == [comment.pk]


def test_the_cookie_keeps_the_newest_twenty_comments(make_post, make_comment):
    post = make_post()
    cookie = ""
    comments = [
        make_comment(post=post, body=f"Take {n}.", approved=False) for n in range(22)
    ]
    for comment in comments:
        cookie = trust.remember_comment(cookie, comment)

    assert remembered(cookie) == [comment.pk for comment in comments[2:]]


def test_a_new_address_starts_the_list_again(make_post, make_comment):
    post = make_post()
    first = make_comment(post=post, email="rae@example.org")
    second = make_comment(post=post, email="sam@example.org", approved=False)

    cookie = trust.remember_comment(trust.remember_comment("", first), second)

    assert remembered(cookie) == [second.pk]
    assert not trust.cookie_vouches_for(cookie, "rae@example.org")


def test_only_an_approved_comment_of_this_browser_vouches(make_post, make_comment):
    post = make_post()
    held = make_comment(post=post, approved=False)
    cookie = trust.remember_comment("", held)

    before = trust.cookie_vouches_for(cookie, "rae@example.org")
    services.moderate_comment(comment=held, status=Comment.Status.APPROVED)

    assert (before, trust.cookie_vouches_for(cookie, "RAE@example.org")) == (
        False,
        True,
    )
    assert not trust.cookie_vouches_for("tampered" + cookie, "rae@example.org")
