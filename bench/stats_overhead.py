"""What counting a view adds to a page served from the page cache, in-process.

    [REDIS_URL=redis://127.0.0.1:6379/9] .venv/bin/python bench/stats_overhead.py \
        [-n 2000] [--rounds 5] [--addresses 1]

Migrates a throwaway SQLite database in a temporary data folder, writes one post,
stores its page in the page cache, then requests it ``-n`` times per round
through Django's whole handler (the test ``Client``, which closes each response as
a server does, so the increment runs), alternately with and without
``linernotes.stats.middleware.ReadingCountMiddleware``. It prints the process's
CPU time and the wall time per request for both, best round of each: CPU time
counts only this process, so the difference holds up on a machine others are
loading, where wrk's requests per second do not. With REDIS_URL the page cache
and the counters are in Redis (each view one round trip more); without it, in
local memory. Finally it checks that every counted request was counted once.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

DATA = tempfile.mkdtemp(prefix="linernotes-stats-bench-")
os.environ.update(
    LINERNOTES_DATA_DIR=DATA,
    SECRET_KEY="bench-only-secret-key",
    ALLOWED_HOSTS="blog.example.org",
    DJANGO_SETTINGS_MODULE="linernotes.settings.base",
    CACHE_KEY_PREFIX=f"stats-bench-{os.getpid()}",
    LINERNOTES_STATS_LOCAL_FOLD_SECONDS="0",
    # The per-network cap is checked (and its count kept) but never reached, so
    # every request is still a counted view.
    LINERNOTES_STATS_VIEWS_PER_NETWORK="1000000000",
)
os.environ.pop("DEBUG", None)
os.environ.pop("DATABASE_URL", None)
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from linernotes.posts import services  # noqa: E402
from linernotes.stats.counting import send_waiting_views, stats_cache, view_key  # noqa: E402
from linernotes.users.models import User  # noqa: E402

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36"
COUNTER = "linernotes.stats.middleware.ReadingCountMiddleware"


def run(url: str, n: int, counting: bool, addresses: int) -> tuple[float, float]:
    middleware = [m for m in settings.MIDDLEWARE if counting or m != COUNTER]
    with override_settings(MIDDLEWARE=middleware):
        client = Client(HTTP_HOST="blog.example.org", HTTP_USER_AGENT=BROWSER)
        assert client.get(url)["X-Page-Cache"] == "hit"
        peers = [f"198.{i // 256 % 256}.{i % 256}.7" for i in range(addresses)]
        cpu, wall = time.process_time(), time.perf_counter()
        for i in range(n):
            client.get(url, REMOTE_ADDR=peers[i % addresses])
        return (
            (time.process_time() - cpu) / n * 1e6,
            (time.perf_counter() - wall) / n * 1e6,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--addresses",
        type=int,
        default=1,
        help="readers' networks to spread the requests over (each is hashed "
        "once per buffered send)",
    )
    args = parser.parse_args()
    # Templates name static files; no collectstatic here, so no manifest.
    override_settings(
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {
                "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
            },
        }
    ).enable()
    call_command("migrate", verbosity=0)
    author = User.objects.create_user(username="writer", password="x")
    post = services.create_post(
        title="Satellite", author=author, body="Words " * 300, status="published"
    )
    url = post.get_absolute_url()
    Client(HTTP_HOST="blog.example.org").get(url)  # stored in the page cache
    key = view_key(timezone.localdate(), post.slug)
    before = stats_cache().get(key, 0)
    best = {True: (1e9, 1e9), False: (1e9, 1e9)}
    for _ in range(args.rounds):
        for counting in (False, True):
            cpu, wall = run(url, args.n, counting, args.addresses)
            best[counting] = (min(best[counting][0], cpu), min(best[counting][1], wall))
    send_waiting_views()  # what the last second left in this process
    counted = stats_cache().get(key, 0) - before
    cache = (
        "Redis"
        if settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
        else "local memory"
    )
    print(
        f"cache: {cache}; {args.rounds} rounds of {args.n} cached-page requests"
        f" each way, from {args.addresses} networks"
    )
    for counting, label in ((False, "without counting"), (True, "with counting")):
        cpu, wall = best[counting]
        print(f"{label:18} CPU {cpu:7.1f} µs/request   wall {wall:7.1f} µs/request")
    print(
        f"counting adds      CPU {best[True][0] - best[False][0]:7.1f} µs/request   "
        f"wall {best[True][1] - best[False][1]:7.1f} µs/request"
    )
    expected = args.rounds * (args.n + 1)
    print(f"views counted: {counted} of {expected} counted requests")
    if counted != expected:
        sys.exit("some views were lost or counted twice")
    stats_cache().clear() if cache == "local memory" else stats_cache().delete(key)


if __name__ == "__main__":
    main()
