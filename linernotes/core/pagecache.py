"""Whole-page caching for anonymous readers that stays right across processes.

Every cached page's key carries the current *generation*, a random number kept
in one database row (PageCacheStamp) that every worker process and every app
server reads. A content change replaces it, so all processes stop using older
pages at once, whether the cache is per-process local memory or a shared Redis. The row
also holds the next moment a scheduled item goes public; once that passes, the
first request to notice bumps the generation, and no page is ever cached past it.

A change that touches one page only (a comment approved under a post) bumps the
*version* of that page's path instead (PageScopeStamp), read in the same
statement as the generation, so the rest of the cache stays warm.
See docs/decisions/0004-page-cache.md.
"""

import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import (
    IntegrityError,
    InterfaceError,
    OperationalError,
    connection,
    transaction,
)
from django.http import HttpRequest
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from .db import table
from .models import PageCacheStamp, PageScopeStamp, SiteSettings
from .registry import DEFAULT_ORDER, Registry

DueTimeSource = Callable[[], datetime | None]
due_time_sources: Registry[DueTimeSource] = Registry("due time sources")
due_callbacks: Registry[Callable[[], None]] = Registry("callbacks when a time is due")
_settings_memo: tuple[int, SiteSettings] | None = None


@dataclass(frozen=True)
class Stamp:
    generation: int
    next_due_at: datetime | None
    scope_version: int = 0  # the requested path's version; 0 when it has none

    def seconds_until_due(self) -> float | None:
        if self.next_due_at is None:
            return None
        return (self.next_due_at - timezone.now()).total_seconds()


def register_due_time_source(
    source: DueTimeSource, *, order: int = DEFAULT_ORDER
) -> None:
    """Let an app say when its next scheduled item goes public (or None)."""
    due_time_sources.register(source, order=order)


def register_due_callback(
    callback: Callable[[], None], *, order: int = DEFAULT_ORDER
) -> None:
    """Run ``callback`` once when a scheduled time passes (in the request that
    notices it), so data derived from what is public can catch up with no job;
    callbacks run in ``order``."""
    due_callbacks.register(callback, order=order)


def new_generation() -> int:
    # Random rather than counting up: a database restored from a backup, or a
    # test database rebuilt, can never meet pages a shared cache kept for a
    # generation number it reuses.
    return secrets.randbits(62)


def next_due_time() -> datetime | None:
    times = [due for source in due_time_sources if (due := source()) is not None]
    return min(times, default=None)


def read_stamp(scope: str = "") -> Stamp:
    """The current stamp (with ``scope``'s version), moving the generation on if a
    scheduled time has passed."""
    row = _stamp_row(scope)
    if row is None:
        _create_stamp()
        row = _stamp_row(scope)
    stamp = Stamp(*row)
    if stamp.next_due_at is not None and stamp.next_due_at <= timezone.now():
        # Derived data catches up first, so no process can cache a page built
        # from stale data under the new generation. Callbacks are idempotent:
        # two processes noticing at once both run them, harmlessly.
        for callback in due_callbacks:
            callback()
        # Only one process wins the conditional update; the others re-read its result.
        PageCacheStamp.objects.filter(pk=1, generation=stamp.generation).update(
            generation=new_generation(), next_due_at=next_due_time()
        )
        return Stamp(*_stamp_row(scope))
    return stamp


def _stamp_row(scope: str) -> tuple | None:
    """The stamp row and the scope's version in one plain statement: it is read on
    every request, and the ORM's query building cost more than the query
    (bench/README.md).

    Being a request's first query, it also stands in for Django's connection
    health check (``CONN_HEALTH_CHECKS``), which would cost a ``SELECT 1`` round
    trip of its own: a persistent connection the database dropped (a restart)
    fails this read instead, and the read is simply made again on a new one.
    """
    sql = (
        f"SELECT generation, next_due_at, "  # noqa: S608 - model table names
        f"(SELECT version FROM {table(PageScopeStamp)} WHERE scope = %s) "
        f"FROM {table(PageCacheStamp)} WHERE id = 1"
    )
    row = _read_as_health_check(sql, [scope])
    if row is None:
        return None
    due = row[1]
    if isinstance(due, str):  # SQLite may hand back text
        due = parse_datetime(due)
    if due is not None and timezone.is_naive(due):  # SQLite stores UTC, unmarked
        due = timezone.make_aware(due, connection.timezone)
    return row[0], due, row[2] or 0


def _read_as_health_check(sql: str, params: list) -> tuple | None:
    """Run a read that stands in for Django's health check when one is due: on a
    connection the database dropped it fails, and is made again on a new one."""
    check_pending = (
        connection.connection is not None
        and connection.health_check_enabled
        and not connection.health_check_done
        and not connection.in_atomic_block
    )
    if not check_pending:
        return _fetch_one(sql, params)
    connection.health_check_done = True  # this read is the check
    try:
        return _fetch_one(sql, params)
    except (OperationalError, InterfaceError):
        connection.close()
        return _fetch_one(sql, params)


def _fetch_one(sql: str, params: list) -> tuple | None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def _create_stamp() -> Stamp:
    try:
        with transaction.atomic():
            row = PageCacheStamp.objects.create(
                pk=1, generation=new_generation(), next_due_at=next_due_time()
            )
    except IntegrityError:
        row = PageCacheStamp.objects.get(pk=1)
    return Stamp(row.generation, row.next_due_at)


def invalidate() -> None:
    """Retire every cached page in every process; call after content changes."""
    updated = PageCacheStamp.objects.filter(pk=1).update(
        generation=new_generation(), next_due_at=next_due_time()
    )
    if not updated:
        _create_stamp()


def invalidate_on_commit() -> None:
    transaction.on_commit(invalidate)


def invalidate_paths(paths: Iterable[str]) -> None:
    """Retire the cached copies of these URL paths (every query string of each)
    in every process, leaving the rest of the cache alone.

    Call inside the transaction that makes the change: the new versions commit
    with it, or not at all. Paths are written in sorted order so two
    transactions bumping overlapping sets never wait on each other in a cycle.
    """
    rows = [
        PageScopeStamp(scope=path, version=new_generation())
        for path in sorted(set(paths))
    ]
    PageScopeStamp.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["scope"], update_fields=["version"]
    )


def stamp_for(request: HttpRequest) -> Stamp:
    """The stamp for this request's path, read from the database once per request."""
    stamp = getattr(request, "_linernotes_stamp", None)
    if stamp is None:
        stamp = read_stamp(request.path)
        request._linernotes_stamp = stamp
    return stamp


def site_settings(stamp: Stamp) -> SiteSettings:
    """SiteSettings, kept in process memory while the generation is unchanged.

    Saving SiteSettings bumps the generation, so no process keeps stale values.
    """
    global _settings_memo
    memo = _settings_memo
    if memo is None or memo[0] != stamp.generation:
        memo = (stamp.generation, SiteSettings.load())
        _settings_memo = memo
    return memo[1]


def loaded_site_settings() -> SiteSettings | None:
    """The settings this process last loaded for a request, if any; read them
    through ``core.site``."""
    memo = _settings_memo
    return memo[1] if memo is not None else None
