"""A web server that stops cleanly hands on every view it counted.

gunicorn's workers end with ``os._exit`` (``linernotes/gunicorn_conf.py``), which
skips Python's atexit hooks; the views a worker still held (the one-second
buffer) and, without Redis, the counts only it kept must be handed on first.
This starts a real ``linernotes serve`` (two workers, DEBUG off), reads pages
with a browser's User-Agent, stops it with SIGTERM as a service manager does,
and looks in the database (and, with Redis, folds what the workers sent).
"""

import os
import signal
import subprocess
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from linernotes.stats.models import DailyViews
from linernotes.stats.services import fold_views
from linernotes.stats.tests.conftest import BROWSER
from tests.test_scale_out import start_server

pytestmark = pytest.mark.django_db(transaction=True)


def _serve(tmp_path: Path, *, redis_url: str) -> tuple[subprocess.Popen, str]:
    return start_server(
        tmp_path,
        REDIS_URL=redis_url,
        CACHE_KEY_PREFIX=settings.CACHES["default"].get("KEY_PREFIX", ""),
        SECRET_KEY="worker-stop-test-key-" + "x" * 40,
        # Neither the fold thread nor the buffer's interval may hand the views on
        # while serving: only the stop can.
        LINERNOTES_STATS_LOCAL_FOLD_SECONDS="3600",
        LINERNOTES_STATS_BUFFER_SECONDS="3600",
    )


def _read(url: str) -> None:
    request = urllib.request.Request(url, headers={"User-Agent": BROWSER})  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        assert response.status == 200
        response.read()


def _stored_views(post) -> int:
    return sum(DailyViews.objects.filter(post=post).values_list("views", flat=True))


@pytest.mark.parametrize("store", ["local memory", "redis"])
def test_views_counted_before_a_clean_stop_all_reach_the_database(
    store, tmp_path, make_post
):
    redis_url = os.environ.get("REDIS_URL", "") if store == "redis" else ""
    if store == "redis" and not redis_url:
        pytest.skip("needs REDIS_URL")
    posts = [make_post(title=f"Read before the stop {n}") for n in range(5)]
    server, base = _serve(tmp_path, redis_url=redis_url)
    try:
        for post in posts:  # 10 a page: under the per-network daily cap
            for _ in range(10):
                _read(base + post.get_absolute_url())
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    if redis_url:  # the workers sent their views; the task worker folds them
        fold_views()

    assert [_stored_views(post) for post in posts] == [10] * 5
