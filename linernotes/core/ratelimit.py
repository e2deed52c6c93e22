"""Per-client rate limits kept in Django's cache, shared by every endpoint.

A limit is written like ``"30/m"``: at most 30 hits a minute (``s``, ``m``,
``h`` and ``d`` are understood). Counting happens in fixed windows in the
default cache, so with ``REDIS_URL`` set all processes and servers share one
count; with the local-memory cache each process counts on its own, which still
stops a single client hammering one worker.

Usage at the edge (a view), before any work is done::

    try:
        ratelimit.enforce("likes", ratelimit.client_ip(request),
                          settings.LINERNOTES_LIKE_RATE)
    except RateLimited:
        return HttpResponse(status=429)
"""

import time
from hashlib import sha256

from django.core.cache import cache
from django.http import HttpRequest

from .exceptions import RateLimited

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """``"30/m"`` → ``(30, 60)``: how many hits in how many seconds.

    ``"5/10m"`` (a count of periods) is accepted too. A malformed rate is a
    configuration error and raises ValueError, never a silent "no limit".
    """
    count, _, period = rate.strip().partition("/")
    unit = period[-1:].lower()
    if unit not in _PERIODS:
        raise ValueError(f"Unknown rate period in {rate!r}; use s, m, h or d.")
    multiplier = int(period[:-1] or 1)
    return int(count), multiplier * _PERIODS[unit]


def client_ip(request: HttpRequest) -> str:
    """The address the limit is kept for: the peer's, as the server saw it.

    Behind a reverse proxy this is the proxy's unless the server (gunicorn's
    ``FORWARDED_ALLOW_IPS``) rewrites it from the forwarded headers.
    """
    return request.META.get("REMOTE_ADDR") or "unknown"


def _key(scope: str, client: str, seconds: int) -> str:
    window = int(time.time() // seconds)
    # Hashed so an IPv6 address or any other client string makes a safe cache key.
    digest = sha256(client.encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{seconds}:{window}:{digest}"


def under_limit(scope: str, client: str, rate: str) -> bool:
    """Whether ``client`` may still hit ``scope`` in this window, without
    counting a hit: for limits that count only failures (wrong passwords)."""
    limit, seconds = parse_rate(rate)
    return (cache.get(_key(scope, client, seconds)) or 0) < limit


def hit(scope: str, client: str, rate: str) -> bool:
    """Count one hit for ``client`` under ``scope``; False once over the limit."""
    limit, seconds = parse_rate(rate)
    key = _key(scope, client, seconds)
    # incr() is atomic in Redis and under the local-memory cache's lock; a
    # window's first hit finds no counter and starts it with add(), which only
    # one process wins: the others count on with incr().
    try:
        count = cache.incr(key)
    except ValueError:
        count = 1
        if not cache.add(key, 1, timeout=seconds + 1):
            count = cache.incr(key)
    return count <= limit


def enforce(scope: str, client: str, rate: str) -> None:
    """Like ``hit``, but raise RateLimited when over the limit."""
    if not hit(scope, client, rate):
        raise RateLimited("Too many requests; please wait a moment and try again.")
