"""Many readers clicking at once, through real HTTP against a live server.

Runs on whichever database DATABASE_URL names (SQLite by default, PostgreSQL in
the second pass): no like may be counted twice, stored counts must equal the
rows, and no request may fail (no 500, no "database is locked").
"""

import json
import threading
import urllib.error
import urllib.request
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.core import signing
from django.test import Client
from django.urls import reverse

from linernotes.comments.models import Comment
from linernotes.likes.guests import GUEST_COOKIE, GUEST_SALT
from linernotes.likes.models import Like
from linernotes.posts.models import Post

THREADS = 16
ROUNDS = 6


def _post_like(url: str, liked: bool, cookie: str) -> tuple[int, dict]:
    request = urllib.request.Request(  # noqa: S310 - the live server's http URL
        url,
        data=urlencode({"liked": "1" if liked else "0"}).encode(),
        headers={
            "Accept": "application/json",
            "Sec-Fetch-Site": "same-origin",
            "Cookie": cookie,
        },
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - our live server
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, {"body": error.read()[:300].decode(errors="replace")}


def _guest_cookie(name: str) -> str:
    return f"{GUEST_COOKIE}={signing.dumps(name, salt=GUEST_SALT)}"


@pytest.mark.django_db(transaction=True)
def test_concurrent_likes_are_each_counted_once(
    live_server, settings_override_rate, make_post, make_comment, make_user
):
    post = make_post()
    comment = make_comment(post=post)
    signed_in = Client()
    signed_in.force_login(make_user())
    session = signed_in.cookies[settings.SESSION_COOKIE_NAME].value
    account = f"{settings.SESSION_COOKIE_NAME}={session}"
    post_url = live_server.url + reverse("likes:post", args=[post.pk])
    comment_url = live_server.url + reverse("likes:comment", args=[comment.pk])
    # 4 threads share the account, 4 share one guest browser, 8 are a browser each.
    cookies = [account] * 4 + [_guest_cookie("shared")] * 4
    cookies += [_guest_cookie(f"own-{n}") for n in range(8)]
    start = threading.Barrier(THREADS)
    answers: list[tuple[int, dict]] = []
    lock = threading.Lock()

    def reader(cookie: str, toggles: bool) -> None:
        start.wait()
        for round_number in range(ROUNDS):
            # Some readers change their mind about the comment; all end liking it.
            liked_comment = not toggles or round_number % 2 == 1
            got = [
                _post_like(post_url, True, cookie),
                _post_like(comment_url, liked_comment, cookie),
            ]
            with lock:
                answers.extend(got)

    threads = [
        threading.Thread(target=reader, args=(cookie, number % 2 == 0))
        for number, cookie in enumerate(cookies)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    failures = [answer for answer in answers if answer[0] != 200]
    assert failures == []
    assert len(answers) == THREADS * ROUNDS * 2
    post.refresh_from_db()
    comment.refresh_from_db()
    # One account + one shared browser + eight browsers of their own.
    assert post.like_count == Like.objects.filter(post=post, comment=None).count() == 10
    assert comment.like_count == Like.objects.filter(comment=comment).count() == 10
    assert Post.objects.get(pk=post.pk).like_count == 10
    assert Comment.objects.get(pk=comment.pk).like_count == 10


@pytest.fixture
def settings_override_rate(settings):
    """The live server shares these settings; the limit would otherwise stop the run."""
    settings.LINERNOTES_LIKE_RATE = "100000/m"
