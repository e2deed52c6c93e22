"""Folding in each web process, for a blog without a shared cache.

On the local-memory cache a process's counts live in that process alone, where
the worker (another process) cannot reach them. So the first counted view starts
a daemon thread in the process that folds its own counts every
``LINERNOTES_STATS_LOCAL_FOLD_SECONDS``, off the request path, and once more at
exit. With Redis the worker folds and no thread is started.
"""

import atexit
import logging
import os
import threading

from django.conf import settings
from django.core.cache.backends.locmem import LocMemCache
from django.db import close_old_connections, connection

from .counting import send_waiting_views, stats_cache

logger = logging.getLogger(__name__)
_started_in: int | None = None  # the process id that has decided whether it folds
_folding_in: int | None = None  # the process id whose thread runs
_lock = threading.Lock()
_stop = threading.Event()


def per_process() -> bool:
    return isinstance(stats_cache(), LocMemCache)


def ensure_folding() -> None:
    """Start this process's folding thread if its counts need one."""
    global _started_in, _folding_in
    pid = os.getpid()
    if _started_in == pid:  # the usual case: one comparison per counted view
        return
    seconds = settings.LINERNOTES_STATS_LOCAL_FOLD_SECONDS
    if seconds <= 0 or not per_process():
        _started_in = pid  # nothing to start; do not ask again
        return
    with _lock:
        if _started_in == pid:
            return
        # A forked worker inherits its parent's flag but not its threads: the
        # process id tells them apart.
        _stop.clear()
        thread = threading.Thread(
            target=_fold_every, args=(seconds,), name="stats-fold", daemon=True
        )
        thread.start()
        atexit.register(_fold_once)
        _started_in = _folding_in = pid


def stop_folding() -> None:
    """Stop this process's folding thread after its current fold (tests)."""
    global _started_in, _folding_in
    _stop.set()
    atexit.unregister(_fold_once)
    _started_in = _folding_in = None


def flush_at_exit() -> None:
    """Hand on everything this process counted, before it ends without Python's
    clean-up (gunicorn's ``worker_exit`` ends workers with ``os._exit``, so the
    atexit hooks above never run there): the views waiting to be sent and, when
    this process folds its own counts, one last fold. On a shared cache the
    worker folds: a web process only sends (every stopping web process folding
    at once cost each a burst of memory, the server's peak PSS)."""
    if _folding_in == os.getpid() and not _stop.is_set():
        _stop.set()  # the thread's next wait ends; this is the last fold
        _fold_once()
        return
    try:
        send_waiting_views()
    except Exception:  # noqa: BLE001 - a stopping worker must still stop
        logger.exception("Sending this process's waiting views failed")


def _fold_every(seconds: float) -> None:
    while not _stop.wait(seconds):
        _fold_once()


def _fold_once() -> None:
    from .services import fold_views

    try:
        send_waiting_views()  # this process's own, so they are folded too
        close_old_connections()
        fold_views()
    except Exception:  # noqa: BLE001 - the thread must outlive one bad fold
        logger.exception("Folding this process's reading counts failed")
    finally:
        connection.close()
