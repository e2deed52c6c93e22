"""Time one page in-process with every page cache off: ms, queries, profile.

    LINERNOTES_DATA_DIR=… [DATABASE_URL=…] .venv/bin/python bench/profile_page.py \
        --urls urls.json [--page post] [--path /2021/11/…/] [-n 200] [--profile 30]

Requests go through Django's whole WSGI handler and middleware (the test
``Client``), as gunicorn would send them, but without a server, so the figures
show the application's own cost and are comparable between two versions of the
code on the same machine. ``LINERNOTES_PAGE_CACHE_SECONDS`` is forced to 0 and
``DEBUG`` off before Django starts. The machine is shared, so compare before and
after within one sitting, and trust the query count more than the milliseconds.
"""

import argparse
import cProfile
import json
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

os.environ["LINERNOTES_PAGE_CACHE_SECONDS"] = "0"
os.environ.pop("DEBUG", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "linernotes.settings.base")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

HOST = "blog.example.org"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--urls", type=Path, help="the JSON bench/fill.py wrote")
    parser.add_argument("--page", default="post", help="which page of --urls")
    parser.add_argument("--path", help="a path instead of --urls/--page")
    parser.add_argument(
        "--comment",
        action="store_true",
        help="post a new guest comment each time (--urls' comment URL), as "
        "bench/comment.lua does",
    )
    parser.add_argument("-n", type=int, default=200, help="timed requests")
    parser.add_argument("--profile", type=int, default=0, help="cProfile top N")
    parser.add_argument("--queries", action="store_true", help="print the SQL")
    parser.add_argument(
        "--plain-static",
        action="store_true",
        help="static URLs without the manifest (when collectstatic lags the code)",
    )
    args = parser.parse_args()
    if args.plain_static:
        plain = "django.contrib.staticfiles.storage.StaticFilesStorage"
        storages = {**settings.STORAGES, "staticfiles": {"BACKEND": plain}}
        override_settings(STORAGES=storages).enable()
    path = args.path or json.loads(args.urls.read_text())[args.page]
    client = Client(HTTP_HOST=HOST, HTTP_X_FORWARDED_PROTO="https")

    counter = iter(range(10**9))
    origin = {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": f"https://{HOST}"}
    if args.comment:
        path = args.path or json.loads(args.urls.read_text())["comment"]

    def get() -> None:
        if args.comment:
            n = f"profile-{os.getpid()}-{next(counter)}"
            form = {
                "name": f"Profile reader {n}",
                "email": f"reader-{n}@example.org",
                "body": f"Comment {n}: the second side is where it opens up.",
                "key": n,
            }
            response = client.post(path, form, **origin)
            expected = 302
        else:
            response = client.get(path)
            expected = 200
        if response.status_code != expected:
            raise SystemExit(f"{path} answered {response.status_code}")

    for _ in range(20):  # warm: imports, compiled templates, memoised settings
        get()
    queries: list[str] = []

    def record(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        get()
    times, cpu = [], []
    for _ in range(args.n):
        start, start_cpu = time.perf_counter(), time.process_time()
        get()
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    times.sort()
    print(
        json.dumps(
            {
                "path": path,
                "vendor": connection.vendor,
                "requests": args.n,
                "queries": len(queries),
                "ms_median": round(statistics.median(times), 2),
                "ms_p10": round(times[len(times) // 10], 2),
                "ms_mean": round(statistics.fmean(times), 2),
                # CPU of this process only: steadier on a busy machine, but
                # without the database server's share on PostgreSQL.
                "cpu_ms_median": round(statistics.median(cpu), 2),
            }
        )
    )
    if args.queries:
        for sql in queries:
            print(sql[:300])
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.n):
            get()
        profiler.disable()
        stats = pstats.Stats(profiler).sort_stats("cumulative")
        stats.print_stats(args.profile)
        stats.sort_stats("tottime").print_stats(args.profile)


if __name__ == "__main__":
    main()
