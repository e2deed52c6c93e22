"""gunicorn settings that ``linernotes serve`` passes with ``--config``.

The application is loaded once, in the master, before the workers fork
(``preload_app``), so Django, the libraries and our code sit in memory pages the
workers share instead of each worker importing its own copy; ``gc.freeze()``
just before each fork moves those objects out of the collector's sight, so a
collection in a worker does not touch (and so copy) the shared pages. With 4
workers this is the difference between ~270 MB and ~200 MB of PSS in the
benchmark (bench/README.md). The master opens no database connection while
loading: Django connects on a worker's first query.
"""

import gc

preload_app = True


def when_ready(server) -> None:
    """Import every view module in the master, while it is still the only process,
    so the workers inherit them rather than importing on their first request."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - the import is the point


def pre_fork(server, worker) -> None:
    gc.freeze()
