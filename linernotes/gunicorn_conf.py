"""gunicorn settings that ``linernotes serve`` passes with ``--config``.

The application is loaded once, in the master, before the workers fork
(``preload_app``), so Django, the libraries and our code sit in memory pages the
workers share instead of each worker importing its own copy; ``gc.freeze()``
just before each fork moves those objects out of the collector's sight, so a
collection in a worker does not touch (and so copy) the shared pages. With 4
workers this is the difference between ~270 MB and ~200 MB of PSS in the
benchmark (bench/README.md). The master opens no database connection while
loading: Django connects on a worker's first query.

A worker leaves without Python's final clean-up (``worker_exit``): that
clean-up releases every shared object one by one, writing to (and so copying)
the very pages ``gc.freeze()`` kept shared, and each stopping worker briefly
grew by tens of megabytes (peak PSS 285 MB at a restart, 207 MB while serving).
Since no atexit hook runs there, ``worker_exit`` does what they would have done
for the reading counts first (``stats.local.flush_at_exit``): a clean stop loses
no counted view (decision 0040).
"""

import gc
import os
import sys

preload_app = True


def when_ready(server) -> None:
    """Import every view module in the master, while it is still the only process,
    so the workers inherit them rather than importing on their first request."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - the import is the point


def pre_fork(server, worker) -> None:
    gc.freeze()


def worker_exit(server, worker) -> None:
    """End a stopping worker at once, after handing on its reading counts and
    closing what others would notice."""
    if os.getpid() != worker.pid:
        return  # gunicorn also calls this in the master for a worker already gone
    from django.db import connections

    from linernotes.stats.local import flush_at_exit

    leaving = sys.exc_info()[1]
    code = leaving.code if isinstance(leaving, SystemExit) else 1 if leaving else 0
    flush_at_exit()
    connections.close_all()  # the database sees a goodbye, not a dropped socket
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code if isinstance(code, int) else 1)
