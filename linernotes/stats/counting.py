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
"""

import logging
import re
from datetime import date

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone

logger = logging.getLogger(__name__)

HOME = ""  # the key's page part for the home page; a post's is its slug
KEY_PREFIX = "stats:views"

# Tools and robots that announce themselves. A request with no User-Agent at all
# is a script too: every browser sends one.
BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|archiver|scraper|preview|headless|lighthouse|"
    r"facebookexternalhit|embedly|pingdom|uptime|monitor|validator|feed|"
    r"curl|wget|httpie|python|httpx|aiohttp|okhttp|go-http|java/|libwww|perl|"
    r"ruby|php|node-fetch|axios|scrapy|postman|insomnia|wrk|ab/|siege|k6/",
    re.IGNORECASE,
)


def stats_cache() -> BaseCache:
    return caches[settings.LINERNOTES_STATS_CACHE]


def view_key(day: date, page: str) -> str:
    """The counter of one page (a post's slug, or ``HOME``) on one day."""
    return f"{KEY_PREFIX}:{day.isoformat()}:{page}"


def is_prefetch(request: HttpRequest) -> bool:
    """Speculative loads a browser makes before (or without) the reader opening
    the page: link prefetch and prerender (Sec-Purpose, or the older Purpose
    and X-Moz headers)."""
    meta = request.META
    for header in ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_PURPOSE", "HTTP_X_MOZ"):
        value = meta.get(header, "").lower()
        if "prefetch" in value or "prerender" in value or "preview" in value:
            return True
    return False


def is_bot(request: HttpRequest) -> bool:
    agent = request.META.get("HTTP_USER_AGENT", "")
    return not agent.strip() or BOT_PATTERN.search(agent) is not None


def counted_page(request: HttpRequest, response: HttpResponse) -> str | None:
    """The page this response counts as a view of (a post's slug or ``HOME``),
    or None when it is not a reader's view.

    The cheap checks come first; the address is resolved (Django's URL patterns,
    no query) only for a successful GET from a browser.
    """
    if request.method != "GET" or response.status_code != 200:
        return None
    if is_prefetch(request) or is_bot(request):
        return None
    match = getattr(request, "resolver_match", None)
    if match is None:  # served from the page cache: no view ran
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
    if match.namespace != "posts":
        return None
    if match.url_name == "detail":
        return match.kwargs.get("slug")
    if match.url_name == "home" and not request.GET:
        return HOME  # the front page itself, not its later pages
    return None


def count_view(
    page: str, *, day: date | None = None, cache: BaseCache | None = None
) -> None:
    """Add one view of ``page`` today. A cache that fails loses the view, never
    the page: counting is not worth an error page."""
    cache = cache or stats_cache()
    key = view_key(day or timezone.localdate(), page)
    try:
        try:
            cache.incr(key)
        except ValueError:  # the day's first view of this page
            # add() loses nothing to a concurrent first view: only one of two
            # adds creates the key, and both then increment it.
            cache.add(key, 0, timeout=settings.LINERNOTES_STATS_KEEP_DAYS * 86400)
            cache.incr(key)
    except Exception:  # noqa: BLE001 - a cache outage must not break reading
        logger.warning("Could not count a view of %r", page, exc_info=True)
