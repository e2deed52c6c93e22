"""Django's Redis cache, reusing one client per connection pool.

Django builds a new ``redis.Redis`` object for every cache call; on a page-cache
hit that was a third of the Redis time (bench/README.md). The client is
thread-safe and holds no connection of its own, so one per pool is enough.
``incr`` takes one round trip instead of Django's two (EXISTS, then INCRBY):
every rate-limited request (a comment, a like) counts with it.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

# INCRBY only a key that exists: Django's incr promises ValueError for a missing
# key (the rate limit relies on it to start a window with add()).
_INCR_IF_EXISTS = """
if redis.call('EXISTS', KEYS[1]) == 1 then
  return redis.call('INCRBY', KEYS[1], ARGV[1])
end
return false
"""


class _ReusingClient(RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[bool, object] = {}
        self._incr_script = None

    def get_client(self, key=None, *, write: bool = False):
        client = self._clients.get(write)
        if client is None:
            client = self._clients[write] = super().get_client(key, write=write)
        return client

    def incr(self, key, delta):
        client = self.get_client(key, write=True)
        if self._incr_script is None:
            self._incr_script = client.register_script(_INCR_IF_EXISTS)
        value = self._incr_script(keys=[key], args=[delta], client=client)
        if value is None:
            raise ValueError(f"Key '{key}' not found.")
        return value


class ReusingRedisCache(RedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = _ReusingClient
