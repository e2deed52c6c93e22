"""Rate limits counted in the shared cache, per scope and per client."""

import time

import pytest
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache

from linernotes.core import ratelimit
from linernotes.core.exceptions import RateLimited


@pytest.mark.parametrize(
    ("rate", "parsed"),
    [("30/m", (30, 60)), ("5/s", (5, 1)), ("100/h", (100, 3600)), ("3/10m", (3, 600))],
)
def test_a_rate_reads_as_hits_per_seconds(rate, parsed):
    assert ratelimit.parse_rate(rate) == parsed


@pytest.mark.parametrize("rate", ["30", "30/", "30/w", "many/m", ""])
def test_a_malformed_rate_is_a_configuration_error_not_no_limit(rate):
    """Bad input tried: a missing period, an unknown unit, a word for a number."""
    with pytest.raises(ValueError):
        ratelimit.parse_rate(rate)


def test_hits_past_the_limit_are_refused():
    answers = [ratelimit.hit("test", "203.0.113.5", "3/m") for _ in range(5)]

    assert answers == [True, True, True, False, False]


def test_each_client_and_each_scope_has_its_own_count():
    for _ in range(2):
        ratelimit.hit("likes", "203.0.113.5", "2/m")

    assert ratelimit.hit("likes", "203.0.113.5", "2/m") is False
    assert ratelimit.hit("likes", "2001:db8::1", "2/m") is True
    assert ratelimit.hit("comments", "203.0.113.5", "2/m") is True


def test_a_new_window_starts_a_new_count(monkeypatch):
    clock = [1_000_000.0]
    monkeypatch.setattr(ratelimit.time, "time", lambda: clock[0])
    ratelimit.hit("test", "client", "1/m")
    assert ratelimit.hit("test", "client", "1/m") is False

    clock[0] += 60

    assert ratelimit.hit("test", "client", "1/m") is True


def test_only_the_first_time_in_a_span_is_first_until_the_span_has_passed():
    """A sliding span from the first time, not a fixed window: a repeat a
    moment later is never first, whatever the clock; once the span is over,
    the next time is first again."""
    assert ratelimit.first_in("retry", "203.0.113.5\0same words", 1) is True
    assert ratelimit.first_in("retry", "203.0.113.5\0same words", 1) is False
    assert ratelimit.first_in("retry", "203.0.113.5\0other words", 1) is True
    assert ratelimit.first_in("other", "203.0.113.5\0same words", 1) is True

    time.sleep(1.1)

    assert ratelimit.first_in("retry", "203.0.113.5\0same words", 1) is True


def test_any_text_can_be_a_client_even_lone_surrogates():
    """A form can carry a lone surrogate, which UTF-8 cannot encode: it is
    still a client of its own, not an error."""
    assert ratelimit.first_in("retry", "side \ud800 B", 30) is True
    assert ratelimit.first_in("retry", "side \ud800 B", 30) is False
    assert ratelimit.first_in("retry", "side \udfff B", 30) is True
    assert ratelimit.hit("test", "side \ud800 B", "1/m") is True
    assert ratelimit.hit("test", "side \ud800 B", "1/m") is False


def test_enforce_raises_rate_limited_with_a_message_for_people():
    ratelimit.enforce("test", "client", "1/m")

    with pytest.raises(RateLimited, match="Too many requests"):
        ratelimit.enforce("test", "client", "1/m")


def test_the_client_is_the_peer_address(rf):
    request = rf.get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="1.2.3.4")

    assert ratelimit.client_ip(request) == "198.51.100.7"


def test_several_counts_at_once_answer_each_in_order_and_share_hit_s_counts():
    """Input tried: a count already at its limit beside a fresh one."""
    ratelimit.hit("net", "203.0.113.0", "1/m")

    answers = ratelimit.hits([("net", "203.0.113.0", "1/m"), ("mail", "a@b.c", "2/m")])

    assert answers == [False, True]
    assert ratelimit.hit("mail", "a@b.c", "2/m") is True
    assert ratelimit.hit("mail", "a@b.c", "2/m") is False


def test_a_repeat_counts_nothing_until_its_span_is_over():
    """The same submission twice within its span is counted once; a different
    one (or the same after the span) counts again."""
    counts = [("net", "203.0.113.0", "2/m")]

    assert ratelimit.hits(counts, unless_repeat=("again", "same", 1)) == [True]
    assert ratelimit.hits(counts, unless_repeat=("again", "same", 1)) is None
    assert ratelimit.hits(counts, unless_repeat=("again", "other", 1)) == [True]
    time.sleep(1.1)
    assert ratelimit.hits(counts, unless_repeat=("again", "same", 1)) == [False]


def test_a_repeat_mark_with_nothing_to_count_still_marks():
    assert ratelimit.hits([], unless_repeat=("again", "empty", 30)) == []
    assert ratelimit.hits([], unless_repeat=("again", "empty", 30)) is None
    assert ratelimit.first_in("again", "empty", 30) is False


def test_a_counter_lives_its_window_and_reads_back_through_the_cache():
    """On Redis the counters are written by a script, not by the cache's own
    calls: they must still expire, and under_limit must read them."""
    ratelimit.hits([("window", "client", "2/10s")])

    assert ratelimit.under_limit("window", "client", "2/10s") is True
    ratelimit.hit("window", "client", "2/10s")
    assert ratelimit.under_limit("window", "client", "2/10s") is False
    key = ratelimit._key("window", "client", 10)
    assert cache.get(key) == 2
    backend = caches["default"]
    if isinstance(backend, RedisCache):  # the window and a second, then gone
        redis = backend._cache.get_client(write=True)
        assert 0 < redis.ttl(backend.make_and_validate_key(key)) <= 11
