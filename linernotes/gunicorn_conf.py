"""gunicorn settings that ``linernotes serve`` passes with ``--config``.

The application is loaded once, in the master, before the workers fork
(``preload_app``), so Django, the libraries and our code sit in memory pages the
workers share instead of each worker importing its own copy; ``gc.freeze()``
just before each fork moves those objects out of the collector's sight, so a
collection in a worker does not touch (and so copy) the shared pages. With 4
workers this is the difference between ~270 MB and ~200 MB of PSS in the
benchmark (bench/README.md).

``when_ready`` then does in the master what every worker would otherwise do
for itself on its first requests, each copy private to that worker: it imports
the cache's client library (redis-py: about 60 modules, imported lazily on the
first cache call), the template tag libraries, compiles Django's email and
web-address patterns (a comment form's first check), and loads the spam text
model (its vocabulary and weights, ~9 MB a process) that every comment is
scored with. Four workers paid four copies of each; now they share one (peak PSS 288
MB → see bench/analysis.md). The master's database and cache connections are
closed again before any worker forks, so no worker inherits a socket. A worker
still loads its own copy of a model trained after it started.

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
    """Import every view module (and what the first requests would import) in
    the master, while it is still the only process, so the workers inherit them
    rather than importing on their first request."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - the import is the point
    warm_master(server.log)


def warm_master(log) -> None:
    """Load what each worker would otherwise load for itself (module docstring).

    Nothing here is needed to serve: a step that fails is logged and the workers
    do it themselves, as before.
    """
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache
    from django.db import connections
    from django.template import engines

    try:
        engines.all()  # a Django engine imports every tag library it is given
        _compile_validator_patterns()
        if any(isinstance(caches[alias], RedisCache) for alias in caches):
            import redis  # noqa: F401 - the cache backend imports it on first use
    except Exception:  # noqa: BLE001 - a warm-up must never stop the server
        log.exception("Preloading templates or the cache client failed")
    try:
        from linernotes.spam.model import ModelError, current_model

        try:
            current_model()
        except ModelError as error:  # none trained yet: each worker logs it later
            log.info("No spam text model to preload: %s", error)
    except Exception as error:  # noqa: BLE001 - e.g. a database not migrated yet
        log.warning(
            "Preloading the spam text model failed (%s); each worker loads its own",
            error,
        )
    finally:
        connections.close_all()
        caches.close_all()
        for alias in caches.settings:  # each worker makes its own client
            try:
                del caches[alias]
            except AttributeError:  # never made here
                pass


def _compile_validator_patterns() -> None:
    """Django compiles its email and web-address patterns on first use; their
    Unicode ranges take 40 ms to half a second (on a loaded machine) to
    compile, which each worker paid on its first guest comment. Compiled here,
    the workers share them."""
    from django.core.validators import EmailValidator, URLValidator

    for pattern in (
        EmailValidator.user_regex,
        EmailValidator.domain_regex,
        EmailValidator.literal_regex,
        URLValidator.regex,
    ):
        pattern.match("")


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
