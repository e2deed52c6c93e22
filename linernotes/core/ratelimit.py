"""Per-client rate limits kept in Django's cache, shared by every endpoint.

A limit is written like ``"30/m"``: at most 30 hits a minute (``s``, ``m``,
``h`` and ``d`` are understood). Counting happens in fixed windows in the
default cache, so with ``REDIS_URL`` set all processes and servers share one
count; with the local-memory cache each process counts on its own, which still
stops a single client hammering one worker.

Who the client is is decided here too, once for every endpoint: ``client_ip``
(the peer, or behind a trusted proxy the address it forwarded),
``client_network`` (the /24 or /48 a limit cannot be dodged within, and all of
an address a comment keeps), ``client_key`` (what every per-client limit
counts: that network) and ``keyed_address`` (a full address a short look-up
may compare but no one can read back). Decision 0037.

Usage at the edge (a view), before any work is done::

    try:
        ratelimit.enforce("likes", ratelimit.client_key(request),
                          settings.LINERNOTES_LIKE_RATE)
    except RateLimited:
        return HttpResponse(status=429)
"""

import functools
import ipaddress
import time
from collections.abc import Sequence
from ipaddress import IPv4Network, IPv6Network

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

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
    """The reader's address: the peer's, or the one a trusted proxy forwarded.

    Only when the peer (``REMOTE_ADDR``) is one of ``LINERNOTES_TRUSTED_PROXIES``
    is ``X-Forwarded-For`` read, from the right: each proxy appends the address
    it was talking to, so the right-most address that is not a trusted proxy
    is the first one no proxy of ours vouches for. Anything left of it was
    written by the client and is ignored; so is the header of a peer that is
    not a trusted proxy (anyone could send one). gunicorn leaves
    ``REMOTE_ADDR`` as the socket's peer whatever its ``FORWARDED_ALLOW_IPS``
    (which only covers the scheme header), so this is the one place the
    forwarded address is read.

    An empty peer is what gunicorn gives for a unix socket, where the only
    thing that can connect is a process on this machine: the proxy. It is
    trusted like one only when the setting says ``unix``; otherwise, and when
    there is no address at all, the client is "unknown" (every such reader
    then shares one limit, which fails closed rather than trusting a header).
    """
    peer = request.META.get("REMOTE_ADDR") or ""
    entries = tuple(settings.LINERNOTES_TRUSTED_PROXIES)
    proxies = _trusted_proxies(entries)
    if peer:
        if not proxies or not _is_proxy(_parse(peer), proxies):
            return peer
    elif not _trusts_unix_socket(entries):
        return "unknown"
    client = peer
    hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for hop in reversed(hops):
        address = _parse(hop)
        if address is None:
            break  # garbage a client wrote: the last good hop is all we know
        client = str(address)
        if not _is_proxy(address, proxies):
            break
    return client or "unknown"


def client_key(request: HttpRequest) -> str:
    """What a per-client rate limit counts: the client's network (IPv4 /24,
    IPv6 /48), so a reader given a whole IPv6 /64 cannot dodge a limit by
    changing the last part of their address. Everyone behind one NAT'd IPv4
    /24 shares the count, which is why the documented rates are per network,
    not per person. "unknown" when there is no address."""
    address = client_ip(request)
    network = client_network(address)
    return str(network) if network is not None else address


def _trusts_unix_socket(entries: tuple[str, ...]) -> bool:
    return any(entry.strip().lower() == UNIX_SOCKET for entry in entries)


# The LINERNOTES_TRUSTED_PROXIES entry that trusts a peer with no address: the
# proxy in front of gunicorn bound to a unix socket.
UNIX_SOCKET = "unix"


Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def _parse(text: str) -> Address | None:
    """An address as a header or the server gives it: surrounding spaces, an
    IPv6 address in brackets and a port are accepted; anything else is None."""
    text = text.strip()
    if text.startswith("["):
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:  # IPv4 with a port
        text = text.partition(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped  # a dual-stack socket's IPv4 peer
    return address


def _is_proxy(
    address: Address | None, proxies: tuple[IPv4Network | IPv6Network, ...]
) -> bool:
    return address is not None and any(address in network for network in proxies)


@functools.lru_cache(maxsize=4)
def _trusted_proxies(entries: tuple[str, ...]) -> tuple[IPv4Network | IPv6Network, ...]:
    try:
        return tuple(
            ipaddress.ip_network(e.strip(), strict=False)
            for e in entries
            if e.strip().lower() != UNIX_SOCKET
        )
    except ValueError as error:
        raise ImproperlyConfigured(
            f"LINERNOTES_TRUSTED_PROXIES: {error} (give addresses or networks, "
            "e.g. 127.0.0.1,10.0.0.0/8, or unix for a unix socket)"
        ) from error


def client_network(address: str | None) -> IPv4Network | IPv6Network | None:
    """The network an address is kept and counted as: IPv4 /24, IPv6 /48.

    The one truncation rule: rate limits count per network (changing the last
    part of an address does not dodge them) and a comment stores only this
    (a reader's exact address is not the blog's to keep). An IPv4-mapped IPv6
    address, as a dual-stack server sees IPv4 readers, is in its IPv4 /24, not
    in one /48 shared by every IPv4 reader. None for anything not an address.
    """
    parsed = _parse(address or "")
    if parsed is None:
        return None
    return ipaddress.ip_network((_network_address(parsed), _PREFIX[parsed.version]))


def truncated_ip(address: str | None) -> str | None:
    """``client_network`` as an address (203.0.113.7 → 203.0.113.0), the form
    a comment stores and the spam checks receive."""
    parsed = _parse(address or "")
    return None if parsed is None else str(_network_address(parsed))


_PREFIX = {4: 24, 6: 48}


def _network_address(address: Address) -> Address:
    """``address`` with all but its network's bits zeroed (integer masks: a
    tenth of the cost of building the network from text)."""
    bits = address.max_prefixlen
    mask = (1 << bits) - (1 << (bits - _PREFIX[address.version]))
    return type(address)(int(address) & mask)


def keyed_address(address: str | None, purpose: str) -> str:
    """A keyed hash (HMAC, key derived from SECRET_KEY) of a full address, for
    a look-up that must tell two neighbours in one network apart without
    keeping either's address; "" for no address. Unlike a plain hash, nobody
    without the key can try the four billion IPv4 addresses against it.
    ``purpose`` keeps one use's hashes from matching another's."""
    parsed = _parse(address or "")
    if parsed is None:
        return ""
    return salted_hmac(
        f"linernotes.client-address.{purpose}", str(parsed), algorithm="sha256"
    ).hexdigest()


def _key(scope: str, client: str, seconds: int) -> str:
    window = int(time.time() // seconds)
    return f"ratelimit:{scope}:{seconds}:{window}:{_digest(client)}"


def _digest(client: str) -> str:
    """Hashed so any client string makes a safe cache key, and keyed so the
    cache does not hold readers' addresses (or words) in a form anyone can
    reverse. Lone surrogates, which a form can carry, hash too
    (``surrogatepass``); every other string hashes as its UTF-8."""
    return salted_hmac(
        "linernotes.ratelimit",
        client.encode("utf-8", "surrogatepass"),
        algorithm="sha256",
    ).hexdigest()[:32]


def first_in(scope: str, client: str, seconds: int) -> bool:
    """Whether this is ``client``'s first time under ``scope`` in the last
    ``seconds``, marking it so: True once, then False until ``seconds`` after
    that first time (the mark expires; it is not a fixed window, so two
    repeats a moment apart never straddle a window's edge and both count as
    first). ``cache.add`` sets the mark only if absent, so of two processes
    racing, one alone is first. For telling a retry or a double click from a
    new request; ``client`` may be any string, stored only as a keyed hash."""
    return cache.add(_first_key(scope, client), 1, timeout=seconds)


def _first_key(scope: str, client: str) -> str:
    return f"ratelimit-first:{scope}:{_digest(client)}"


def under_limit(scope: str, client: str, rate: str) -> bool:
    """Whether ``client`` may still hit ``scope`` in this window, without
    counting a hit: for limits that count only failures (wrong passwords)."""
    limit, seconds = parse_rate(rate)
    return (cache.get(_key(scope, client, seconds)) or 0) < limit


def hit(scope: str, client: str, rate: str) -> bool:
    """Count one hit for ``client`` under ``scope``; False once over the limit."""
    return hits([(scope, client, rate)])[0]


Count = tuple[str, str, str]  # (scope, client, rate), as ``hit`` takes them


def hits(
    counts: Sequence[Count], *, unless_repeat: tuple[str, str, int] | None = None
) -> list[bool] | None:
    """``hit`` for each of ``counts`` at once: whether each is still within
    its limit, in order. With ``unless_repeat`` (``first_in``'s scope, client
    and seconds), nothing is counted, and None comes back, when that is not
    the first time: a repeat counts once.

    On Redis this is one round trip (a script), however many counts: a
    guest's comment counts four things, and at two round trips each (a new
    window's counter is missed, then added) the waiting for Redis cost more
    than every spam check together (bench/analysis.md, 2026-12-06). Any
    other cache counts one by one.
    """
    limits = [parse_rate(rate) for _, _, rate in counts]
    keys = [
        _key(scope, client, seconds)
        for (scope, client, _), (_, seconds) in zip(counts, limits, strict=True)
    ]
    # A counter lives its window and a second, so a late hit still finds it.
    lifetimes = [seconds + 1 for _, seconds in limits]
    backend = caches[DEFAULT_CACHE_ALIAS]
    if isinstance(backend, RedisCache):
        found = _redis_counts(backend, keys, lifetimes, unless_repeat)
    elif unless_repeat and not first_in(*unless_repeat):
        found = None
    else:
        found = [
            _incr(key, lifetime) for key, lifetime in zip(keys, lifetimes, strict=True)
        ]
    if found is None:
        return None
    return [n <= limit for n, (limit, _) in zip(found, limits, strict=True)]


def _incr(key: str, lifetime: int) -> int:
    # incr() is atomic under the local-memory cache's lock; a window's first
    # hit finds no counter and starts it with add(), which only one caller
    # wins: the others count on with incr().
    try:
        return cache.incr(key)
    except ValueError:
        if cache.add(key, 1, timeout=lifetime):
            return 1
        return cache.incr(key)


# The Redis form of ``hits``: KEYS are the repeat mark (when ARGV[1] is "1")
# and then the counters; ARGV[i + 1] is KEYS[i]'s lifetime in seconds. A
# counter INCR creates gets its lifetime at once, in the same atomic script,
# and holds a plain integer, as Django's Redis cache stores one, so the
# cache's ``get`` reads it back (``under_limit``).
_HITS_SCRIPT = """
local first = 1
if ARGV[1] == '1' then
  if not redis.call('SET', KEYS[1], 1, 'NX', 'EX', ARGV[2]) then
    return false
  end
  first = 2
end
local counts = {}
for i = first, #KEYS do
  local count = redis.call('INCR', KEYS[i])
  if count == 1 then
    redis.call('EXPIRE', KEYS[i], ARGV[i + 1])
  end
  counts[#counts + 1] = count
end
return counts
"""
_script = None  # registered once; each call names its client


def _redis_counts(
    backend: RedisCache,
    keys: list[str],
    lifetimes: list[int],
    unless_repeat: tuple[str, str, int] | None,
) -> list[int] | None:
    global _script
    client = backend._cache.get_client(write=True)
    if _script is None:
        _script = client.register_script(_HITS_SCRIPT)
    keys = [backend.make_and_validate_key(key) for key in keys]
    if unless_repeat:
        scope, who, seconds = unless_repeat
        keys.insert(0, backend.make_and_validate_key(_first_key(scope, who)))
        lifetimes = [seconds, *lifetimes]
    found = _script(
        keys=keys, args=[int(bool(unless_repeat)), *lifetimes], client=client
    )
    return None if found is None else [int(n) for n in found]


def enforce(scope: str, client: str, rate: str) -> None:
    """Like ``hit``, but raise RateLimited when over the limit."""
    if not hit(scope, client, rate):
        raise RateLimited("Too many requests; please wait a moment and try again.")
