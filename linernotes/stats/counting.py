"""Counting a view on the request: one cache increment, nothing else.

A counted view is a successful (200) GET of a post page or of the home page by
something that says it is a browser and is not fetching ahead. Nothing about
the reader is looked at beyond the request's own headers, and nothing is kept
but a number per page and day: no cookie is read or set, no address is stored.

The count goes to the cache named by ``LINERNOTES_STATS_CACHE``: on Redis one
atomic INCRBY that every app server shares; on the local-memory cache a
per-process counter. ``services.fold_views`` later moves the counts into the
database. Counting never makes a database query, so a page served from the
page cache costs one Redis round trip more and no write (decision 0040).

One network (an IPv4 /24, an IPv6 /48) adds at most
``LINERNOTES_STATS_VIEWS_PER_NETWORK`` views of one page a day: a script
reloading a post from one place cannot make it the most read. The count per
network lives in the default cache only, under a keyed hash of the network
(``core.ratelimit``), and expires after a day. The address itself stays in this
process's memory only until its views are sent, and is hashed there.
"""

import atexit
import logging
import threading
import time
import zoneinfo
from datetime import date, datetime
from functools import lru_cache

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.core.cache import cache as default_cache
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, ResolverMatch, resolve
from django.utils import timezone

from linernotes.core import ratelimit
from linernotes.core.readers import is_reader

logger = logging.getLogger(__name__)

HOME = ""  # the key's page part for the home page; a post's is its slug
KEY_PREFIX = "stats:views"
CAP_PREFIX = "stats:network"  # views one network added to one page today
_CAP_SECONDS = 86400  # a network's count is kept no longer than a day


def stats_cache() -> BaseCache:
    return caches[settings.LINERNOTES_STATS_CACHE]


def view_key(day: date, page: str) -> str:
    """The counter of one page (a post's slug, or ``HOME``) on one day."""
    return f"{KEY_PREFIX}:{day.isoformat()}:{page}"


@lru_cache(maxsize=2048)
def _page_of(urlconf: str, path: str) -> str | None:
    """The counted page an address is (a post's slug, ``HOME``) or None, by
    Django's URL patterns: remembered per address, since resolving one costs
    more than serving a page from the cache."""
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return None
    return _page_of_match(match, home_ok=True)


def _page_of_match(match: ResolverMatch, *, home_ok: bool) -> str | None:
    if match.namespace != "posts":
        return None
    if match.url_name == "detail":
        return match.kwargs.get("slug")
    if match.url_name == "home" and home_ok:
        return HOME
    return None


def counted_page(request: HttpRequest, response: HttpResponse) -> str | None:
    """The page this response counts as a view of (a post's slug or ``HOME``),
    or None when it is not a reader's view.

    The cheap checks come first; the address is resolved (Django's URL patterns,
    no query) only for a successful GET from a browser.
    """
    if request.method != "GET" or response.status_code != 200:
        return None
    if not is_reader(request):
        return None
    # The home page counts as itself only, not its later pages (?page=2).
    home_ok = not request.META.get("QUERY_STRING")
    match = getattr(request, "resolver_match", None)
    if match is not None:  # the view ran: its match is at hand
        return _page_of_match(match, home_ok=home_ok)
    # Served from the page cache, so no view ran.
    # The request's own URLconf, as Django's handler would use (reading
    # get_urlconf() costs a context-local look-up: more than the rest here).
    urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
    page = _page_of(urlconf, request.path_info)
    return None if page == HOME and not home_ok else page


def today_for(request: HttpRequest) -> date:
    """The blog's calendar day now: the site settings the request loaded name
    the time zone (cheaper than Django's context-local active zone)."""
    site = getattr(request, "site_settings", None)
    if site is None:
        return timezone.localdate()
    return datetime.now(zoneinfo.ZoneInfo(site.time_zone)).date()


def count_view(
    page: str,
    *,
    day: date | None = None,
    cache: BaseCache | None = None,
    reader: str = "",
) -> None:
    """Add one view of ``page`` today, by the client at address ``reader``
    (``ratelimit.client_ip``; "" counts without the per-network cap).

    With ``LINERNOTES_STATS_BUFFER_SECONDS`` above 0 (and no ``cache`` named),
    views wait in this process and go out as one increment per page at most
    that often: a busy process makes one round trip a second per page read
    instead of one per view. What waits is sent with the next view after the
    interval, or at exit; a process killed hard loses it.
    """
    key = (view_key(day or timezone.localdate(), page), reader)
    seconds = settings.LINERNOTES_STATS_BUFFER_SECONDS
    if cache is not None or seconds <= 0:
        _send({key: 1}, cache or stats_cache())
        return
    now = time.monotonic()
    global _last_sent
    with _buffer_lock:
        _buffer[key] = _buffer.get(key, 0) + 1
        if now - _last_sent < seconds:
            return
        waiting = dict(_buffer)
        _buffer.clear()
        _last_sent = now
    _send(waiting, stats_cache())


def send_waiting_views() -> None:
    """Send every view this process holds (at exit, and for tests)."""
    with _buffer_lock:
        waiting = dict(_buffer)
        _buffer.clear()
    if waiting:
        _send(waiting, stats_cache())


def network_key(address: str) -> str:
    """The keyed hash a client's network is counted under ("" for none)."""
    return ratelimit.keyed_address(ratelimit.truncated_ip(address), "reading")[:32]


def _send(views: dict[tuple[str, str], int], cache: BaseCache) -> None:
    """Add counts to their counters, each network's up to its daily cap. A
    cache that fails loses those views, never the page: counting is not worth
    an error page."""
    by_network: dict[tuple[str, str], int] = {}
    hashed: dict[str, str] = {}  # each address hashed once per send
    for (key, address), amount in views.items():
        if address and address not in hashed:
            hashed[address] = network_key(address)
        group = (key, hashed[address] if address else "")
        by_network[group] = by_network.get(group, 0) + amount
    totals: dict[str, int] = {}
    for (key, network), amount in by_network.items():
        try:
            allowed = _under_cap(key, network, amount)
        except Exception:  # noqa: BLE001 - a cache outage must not break reading
            logger.warning("Could not check a network's views (%s)", key, exc_info=True)
            allowed = amount
        if allowed:
            totals[key] = totals.get(key, 0) + allowed
    for key, amount in totals.items():
        try:
            _increment(cache, key, amount, settings.LINERNOTES_STATS_KEEP_DAYS * 86400)
        except Exception:  # noqa: BLE001 - a cache outage must not break reading
            logger.warning("Could not count %d views (%s)", amount, key, exc_info=True)


def _under_cap(key: str, network: str, amount: int) -> int:
    """How many of ``amount`` views of one page by one network today still
    count: the network's running count is raised by all of them, in the
    default cache, and whatever goes past the cap is dropped."""
    cap = settings.LINERNOTES_STATS_VIEWS_PER_NETWORK
    if cap <= 0 or not network:
        return amount
    cap_key = f"{CAP_PREFIX}{key[len(KEY_PREFIX) :]}:{network}"
    seen = _increment(default_cache, cap_key, amount, _CAP_SECONDS)
    return max(0, min(amount, cap - (seen - amount)))


def _increment(cache: BaseCache, key: str, amount: int, timeout: int) -> int:
    try:
        return cache.incr(key, amount)
    except ValueError:  # the day's first view of this page
        # add() loses nothing to a concurrent first view: only one of two adds
        # creates the key, and both then increment it.
        cache.add(key, 0, timeout=timeout)
        return cache.incr(key, amount)


_buffer: dict[tuple[str, str], int] = {}  # (counter, address): views
_buffer_lock = threading.Lock()
_last_sent = 0.0
atexit.register(send_waiting_views)
