"""Django's Redis cache, reusing one client per connection pool.

Django builds a new ``redis.Redis`` object for every cache call; on a page-cache
hit that was a third of the Redis time (bench/README.md). The client is
thread-safe and holds no connection of its own, so one per pool is enough.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class _ReusingClient(RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[bool, object] = {}

    def get_client(self, key=None, *, write: bool = False):
        client = self._clients.get(write)
        if client is None:
            client = self._clients[write] = super().get_client(key, write=write)
        return client


class ReusingRedisCache(RedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = _ReusingClient
