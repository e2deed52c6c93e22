"""Moving counted views from the cache into the database: the fold.

Request side (``counting``): each view increments ``stats:views:<day>:<page>``.
Fold side (here, from the worker every few minutes): read every counter that may
hold views, *take* each amount out of the cache with an atomic decrement, and
only then add it to ``DailyViews``. So:

- a view counted while the fold runs is never lost: the decrement removes only
  the amount read, and what arrived after the read stays for the next fold;
- two folds at once (a worker and `linernotes housekeeping`, or two workers) never
  count a view twice: a decrement that takes the counter below zero means
  another fold took that part, so the shortfall is put back and not counted;
- a fold that crashes after taking and before its transaction commits loses
  what it took, at most one fold interval's views; nothing is ever counted twice.

Counters live ``LINERNOTES_STATS_KEEP_DAYS`` days in the cache, so a worker
stopped for longer loses the oldest days (decision 0040).
"""

import logging
import zoneinfo
from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.core.cache import BaseCache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from linernotes.core.site import site_settings
from linernotes.posts.models import Post

from .counting import HOME, stats_cache, view_key
from .models import DailyViews

logger = logging.getLogger(__name__)
_BATCH = 1000  # keys per get_many: one MGET each on Redis


def fold_views(*, cache: BaseCache | None = None, today: date | None = None) -> int:
    """Move every counted view into the database; returns how many were moved.

    Candidates are the home page and every published post (a draft a writer
    previewed is not reading), on each day counters may still exist.
    """
    cache = cache or stats_cache()
    # The blog's calendar, as the requests that counted used: the worker's own
    # time zone may be a day ahead or behind.
    today = today or timezone.localdate(
        timezone=zoneinfo.ZoneInfo(site_settings().time_zone)
    )
    days = [
        today - timedelta(days=n) for n in range(settings.LINERNOTES_STATS_KEEP_DAYS)
    ]
    pages: dict[str, int | None] = {HOME: None}
    pages.update(Post.objects.published().values_list("slug", "pk"))
    owner = {
        view_key(day, slug): (day, pk) for day in days for slug, pk in pages.items()
    }
    taken: dict[tuple[date, int | None], int] = {}
    for batch in _batches(list(owner), _BATCH):
        for key, amount in cache.get_many(batch).items():
            got = _take(cache, key, amount)
            if got:
                taken[owner[key]] = taken.get(owner[key], 0) + got
    _add_views(taken)
    total = sum(taken.values())
    if total:
        logger.info("Folded %d views into %d page-days", total, len(taken))
    return total


def _take(cache: BaseCache, key: str, amount: object) -> int:
    """Take ``amount`` views out of a counter; returns how many this fold owns."""
    if not isinstance(amount, int) or amount <= 0:
        return 0
    try:
        left = cache.decr(key, amount)
    except ValueError:  # expired since it was read: those views are gone
        return 0
    if left < 0:
        # Another fold took part of what we read. Put back the shortfall so the
        # counter is whole again, and own only what was really there.
        try:
            cache.incr(key, -left)
        except ValueError:  # expired meanwhile: nothing left to make whole
            pass
        amount += left
    return max(amount, 0)


def _add_views(taken: dict[tuple[date, int | None], int]) -> None:
    """Add taken views to their rows, in one transaction: all or none."""
    with transaction.atomic():
        for (day, post_id), views in sorted(taken.items(), key=_row_order):
            rows = DailyViews.objects.filter(day=day, post_id=post_id)
            if rows.update(views=F("views") + views):
                continue
            try:
                with transaction.atomic():
                    DailyViews.objects.create(day=day, post_id=post_id, views=views)
            except IntegrityError:  # another fold created it just now
                rows.update(views=F("views") + views)


def _row_order(item: tuple[tuple[date, int | None], int]) -> tuple[date, int]:
    (day, post_id), _ = item
    return day, post_id or 0


def _batches(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
