"""The Redis cache backend keeps one client and still behaves as a cache."""

import os

import pytest
from django.core.cache import caches

pytestmark = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (make test's Redis pass)"
)


def test_the_redis_cache_reuses_its_client_across_calls():
    cache = caches["default"]

    cache.set("reuse-check", "a", 30)
    first = cache._cache.get_client(write=True)
    assert cache.get("reuse-check") == "a"

    assert cache._cache.get_client(write=True) is first
    assert cache._cache.get_client() is cache._cache.get_client()


def test_the_redis_cache_stores_reads_and_deletes():
    cache = caches["default"]
    cache.set_many({"k1": 1, "k2": [2, 3]}, 30)

    assert cache.get_many(["k1", "k2", "missing"]) == {"k1": 1, "k2": [2, 3]}
    cache.delete("k1")
    assert cache.get("k1") is None
