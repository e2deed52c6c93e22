"""Two writers who open one post are told about each other whichever worker of
whichever app server answers them (issue 13, decision 0045).

Two real `linernotes serve` servers (gunicorn, two workers each, DEBUG off, no
Redis: each worker has its own local-memory cache) share nothing but the test
database. Writer A opens a post on one server, writer B opens it on the other
or on the same one, and B's page must name A every time; A's next autosave
must name B. With presence in each worker's cache, B was warned on about one
try in eight.
"""

import http.cookies
import json
import urllib.parse
import urllib.request

import pytest
from django.conf import settings
from django.test import Client, override_settings

from linernotes.users.roles import Role
from tests.test_scale_out import app_server

pytestmark = pytest.mark.django_db(transaction=True)
KEY = "editing-presence-test-key-" + "x" * 40  # the servers and the sign-ins share it
TRIES = 24
NOTICE = "editing this post too"


class Writer:
    """A signed-in writer talking to the servers over HTTP with its own cookies."""

    def __init__(self, user) -> None:
        client = Client()
        with override_settings(SECRET_KEY=KEY):
            client.force_login(user)
        self.cookies = {
            settings.SESSION_COOKIE_NAME: client.cookies[
                settings.SESSION_COOKIE_NAME
            ].value
        }

    def request(self, url: str, data: dict | None = None) -> str:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data).encode()
            headers["X-CSRFToken"] = self.cookies[settings.CSRF_COOKIE_NAME]
        request = urllib.request.Request(url, data=body, headers=headers)  # noqa: S310
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in http.cookies.SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.read().decode()

    def open(self, base: str, post) -> str:
        """The post's editor page, as the writer's browser gets it."""
        return self.request(f"{base}/admin/posts/post/{post.pk}/change/")

    def autosave(self, base: str, post, body: str) -> dict:
        url = f"{base}/admin/posts/post/{post.pk}/autosave/"
        return json.loads(self.request(url, {"title": post.title, "body": body}))


def test_a_second_writer_is_told_about_the_first_on_every_worker(
    tmp_path, make_writer, make_post
):
    mara = make_writer(role=Role.EDITOR, username="mara", display_name="Mara Quill")
    jon = make_writer(role=Role.EDITOR, username="jon", display_name="Jon Vale")
    a, b = Writer(mara), Writer(jon)
    posts = [make_post(author=mara, title=f"Draft {n}") for n in range(TRIES)]
    alone = make_post(author=mara, title="Nobody else here")
    warned, told_back = 0, 0

    # A local-memory cache per worker: only the database is shared.
    alone_env = {"REDIS_URL": "", "SECRET_KEY": KEY}
    with (
        app_server(tmp_path, "one", **alone_env) as one,
        app_server(tmp_path, "two", **alone_env) as two,
    ):
        # The notice can be missing: a post only B has open names nobody.
        assert NOTICE not in b.open(one, alone)
        for n, post in enumerate(posts):
            # A and B on different servers, then on the same one (where the
            # other worker may answer), in turn.
            first = (one, two)[n % 2]
            second = (one, two)[(n // 2) % 2]
            assert NOTICE not in a.open(first, post)
            page = b.open(second, post)
            warned += NOTICE in page and "Mara Quill" in page
            reply = a.autosave(first, post, body=f"A's new words {n}")
            told_back += reply["others_editing"] == ["Jon Vale"]

    assert (warned, told_back) == (TRIES, TRIES)
