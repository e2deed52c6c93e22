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


def test_incr_counts_an_existing_key_in_one_round_trip_and_refuses_a_missing_one():
    cache = caches["default"]
    cache.add("counter", 1, 30)
    cache.incr("counter", 0)  # Redis learns the script (EVAL) on first use
    client = cache._cache.get_client(write=True)
    sent = []
    original = client.execute_command

    def counting(*args, **kwargs):
        sent.append(args[0])
        return original(*args, **kwargs)

    client.execute_command = counting
    try:
        assert cache.incr("counter") == 2
        assert cache.incr("counter", 5) == 7
        with pytest.raises(ValueError, match="not found"):
            cache.incr("never-set")
    finally:
        del client.execute_command

    assert cache.get("counter") == 7
    assert cache.get("never-set") is None
    assert sent == ["EVALSHA"] * 3
