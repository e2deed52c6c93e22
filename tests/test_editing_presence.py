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
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client, override_settings

from linernotes.users.roles import Role

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parent.parent
KEY = "editing-presence-test-key-" + "x" * 40  # the servers and the sign-ins share it
TRIES = 24
NOTICE = "editing this post too"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{auth}@{host}/{db['NAME']}"


@contextmanager
def app_server(tmp_path: Path, name: str):
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DATABASE_URL": database_url(),
        "REDIS_URL": "",  # a local-memory cache per worker: only the database is shared
        "SECRET_KEY": KEY,
        "LINERNOTES_DATA_DIR": str(tmp_path / name),
        "STATIC_ROOT": str(tmp_path / name / "static"),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DEBUG": "",
    }
    server = subprocess.Popen(  # noqa: S603 - our own command
        [sys.executable, "-m", "linernotes", "serve", "--port", str(port)]
        + ["--workers", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_until_up(port, server)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=20)


def wait_until_up(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(server.stderr.read().decode())
        try:
            with urllib.request.urlopen(  # noqa: S310
                f"http://127.0.0.1:{port}/robots.txt", timeout=2
            ):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError("app server did not start")


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

    with app_server(tmp_path, "one") as one, app_server(tmp_path, "two") as two:
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
