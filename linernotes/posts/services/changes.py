"""What follows a change to what readers see: recounting and retiring pages.

Every post service ends by calling ``posts_changed`` (counts may move, so
``refresh_counts`` runs after commit and retires cached pages) or
``pages_changed`` (only cached pages go): once per service call. Inside
``batch()`` both are only noted, and done once when the batch ends: an
importer saving ten thousand posts recounts once, not ten thousand times, and
so do the admin's actions on many posts.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction

from linernotes.core import pagecache

from . import counts

_COUNTS = "counts"
_PAGES = "pages"

# The follow-ups noted by the batch in progress in this thread or task, if any.
_pending: ContextVar[set[str] | None] = ContextVar("posts_batch", default=None)


@contextmanager
def batch() -> Iterator[None]:
    """Defer recounting and page-cache invalidation to the end of a run of saves.

    The saves inside may commit one by one (an importer's transaction per
    item); counts and cached pages stay as they were until the block ends, then
    catch up once, after the enclosing transaction commits if there is one.
    They catch up even when the block raises: the items committed before the
    error are real. A batch inside a batch leaves the work to the outer one.
    """
    if _pending.get() is not None:
        yield
        return
    pending: set[str] = set()
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
        if _COUNTS in pending:
            posts_changed()
        elif _PAGES in pending:
            pages_changed()


def posts_changed() -> None:
    """Recount after commit (which also retires every cached page), or at the
    end of the batch."""
    pending = _pending.get()
    if pending is not None:
        pending.add(_COUNTS)
        return
    transaction.on_commit(counts.refresh_counts)


def pages_changed() -> None:
    """Retire every cached page after commit, or at the end of the batch; for
    changes that move no count."""
    pending = _pending.get()
    if pending is not None:
        pending.add(_PAGES)
        return
    transaction.on_commit(pagecache.invalidate)
