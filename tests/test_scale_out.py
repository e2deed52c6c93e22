"""Several app servers, each with several worker processes, behave as one site.

Two real `linernotes serve` servers (gunicorn, two workers each, DEBUG off) share
the test database; each worker keeps its own local-memory cache (or, on the
Redis pass, all share Redis). A change committed anywhere must show on every
worker of every server at once, and so must a scheduled post the moment it is due.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from linernotes.posts import services

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parent.parent


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


def start_server(data_dir: Path, **env: str) -> tuple[subprocess.Popen, str]:
    """Start `linernotes serve` (two workers, DEBUG off) on the test database.

    Returns the process and its base URL once it answers. `env` adds to or
    replaces the server's environment, so each test says only what it changes
    (its own SECRET_KEY, REDIS_URL, stats intervals). A server that never comes
    up is killed rather than left holding a port.
    """
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 - our own command
        [sys.executable, "-m", "linernotes", "serve", "--port", str(port)]
        + ["--workers", "2"],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
            "DATABASE_URL": database_url(),
            "SECRET_KEY": "scale-out-test-key-" + "x" * 40,
            "LINERNOTES_DATA_DIR": str(data_dir),
            "STATIC_ROOT": str(data_dir / "static"),
            "ALLOWED_HOSTS": "127.0.0.1",
            "DEBUG": "",
            **env,
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_until_up(port, server)
    except BaseException:
        server.kill()
        server.wait(timeout=20)
        raise
    return server, f"http://127.0.0.1:{port}"


@contextmanager
def app_server(tmp_path: Path, name: str, **env: str):
    """A server (see `start_server`) for the length of a `with` block."""
    server, base = start_server(tmp_path / name, **env)
    try:
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)


def wait_until_up(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(server.stderr.read().decode())
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{port}/robots.txt", timeout=2
            ):  # noqa: S310
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError("app server did not start")


def fetch_many(base: str, path: str = "/", times: int = 8) -> list[tuple[str, str]]:
    """(X-Page-Cache, body) for several requests, so every worker answers some."""
    results = []
    for _ in range(times):
        with urllib.request.urlopen(base + path, timeout=10) as response:  # noqa: S310
            results.append(
                (response.headers.get("X-Page-Cache", ""), response.read().decode())
            )
    return results


def test_a_change_shows_on_every_worker_of_every_server(tmp_path, make_post):
    post = make_post(title="Title before the edit")
    with app_server(tmp_path, "a") as a, app_server(tmp_path, "b") as b:
        warm = fetch_many(a) + fetch_many(b)
        assert any(state == "hit" for state, _ in warm)
        assert all("Title before the edit" in body for _, body in warm)

        post.title = "Title after the edit"
        services.save_post(post=post)
        after = fetch_many(a) + fetch_many(b)

    assert all("Title after the edit" in body for _, body in after)
    assert not any("Title before the edit" in body for _, body in after)


def test_a_scheduled_post_shows_on_every_worker_once_due(tmp_path, make_post):
    make_post(title="Already out", days_ago=1)
    later = make_post(
        title="Due any second",
        status="scheduled",
        published_at=timezone.now() + timedelta(hours=1),
    )
    with app_server(tmp_path, "a") as a, app_server(tmp_path, "b") as b:
        # Bring the due time close only now, so slow server start-ups cannot eat it.
        later.published_at = timezone.now() + timedelta(seconds=5)
        services.save_post(post=later)
        before = fetch_many(a) + fetch_many(b)
        assert not any("Due any second" in body for _, body in before)
        assert any(state == "hit" for state, _ in before)

        time.sleep(
            max(0.0, (later.published_at - timezone.now()).total_seconds()) + 0.2
        )
        after = fetch_many(a) + fetch_many(b)

    assert all("Due any second" in body for _, body in after)


def post_comment_over_http(base: str, post_pk: int, body: str) -> int:
    data = urllib.parse.urlencode(
        {"name": "Rae", "email": "rae@example.org", "body": body}
    ).encode()
    request = urllib.request.Request(  # noqa: S310 - our own test server
        f"{base}/comments/post/{post_pk}/",
        data=data,
        headers={"Sec-Fetch-Site": "same-origin", "User-Agent": "Mozilla/5.0"},
    )
    opener = urllib.request.build_opener(NoRedirect)
    try:
        opener.open(request, timeout=10)
    except urllib.error.HTTPError as answer:
        return answer.code
    return 200


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_a_comment_posted_on_one_server_shows_on_every_worker_of_both(
    tmp_path, make_post
):
    from linernotes.core.models import PageCacheStamp, SiteSettings

    site = SiteSettings.load()
    site.comment_moderation = SiteSettings.Moderation.HOLD_NONE
    site.save()
    post = make_post(title="Talk of the town")
    path = post.get_absolute_url()
    with app_server(tmp_path, "a") as a, app_server(tmp_path, "b") as b:
        warm = fetch_many(a, path) + fetch_many(b, path)
        fetch_many(a) + fetch_many(b)  # the home page, cached on the workers
        assert any(state == "hit" for state, _ in warm)
        generation = PageCacheStamp.objects.get().generation

        assert post_comment_over_http(a, post.pk, "Heard it on server A.") == 302
        after = fetch_many(a, path) + fetch_many(b, path)
        home = fetch_many(a) + fetch_many(b)

    assert all("Heard it on server A." in body for _, body in after)
    assert all("1 Response to" in body for _, body in after)
    # Only the post's own pages were retired: the rest of the cache stayed warm.
    assert PageCacheStamp.objects.get().generation == generation
    assert any(state == "hit" for state, _ in home)
