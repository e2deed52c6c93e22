"""One network adds at most ``LINERNOTES_STATS_VIEWS_PER_NETWORK`` views of one
page a day, counted in the cache only, under a keyed hash that expires in a day.

The reviewer's attack: 300 requests with a browser's User-Agent added 300 views
to one post. What stays possible, from many networks, is in decision 0040.
"""

import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from linernotes.stats import counting
from linernotes.stats.counting import HOME, stats_cache, view_key
from linernotes.stats.models import DailyViews
from linernotes.stats.services import fold_views

pytestmark = pytest.mark.django_db


def counted(page: str) -> int:
    return stats_cache().get(view_key(timezone.localdate(), page), 0)


@pytest.fixture
def cap(settings) -> int:
    settings.LINERNOTES_STATS_VIEWS_PER_NETWORK = 5
    return 5


def test_one_network_reloading_a_post_counts_up_to_the_cap(reader, make_post, cap):
    post = make_post()
    url = post.get_absolute_url()
    for n in range(40):  # page-cache hits after the first; a neighbour too
        reader.get(url, REMOTE_ADDR=f"203.0.113.{n % 3 + 1}")

    fold_views()
    assert DailyViews.objects.get(post=post).views == cap


def test_the_cap_is_per_network_and_per_page(reader, make_post, cap):
    post, other = make_post(), make_post()
    for _ in range(8):
        reader.get(post.get_absolute_url(), REMOTE_ADDR="203.0.113.7")
        reader.get(post.get_absolute_url(), REMOTE_ADDR="198.51.100.7")
        reader.get(post.get_absolute_url(), REMOTE_ADDR="2001:db8:1::7")
        reader.get(other.get_absolute_url(), REMOTE_ADDR="203.0.113.7")
        reader.get("/", REMOTE_ADDR="203.0.113.7")

    assert (counted(post.slug), counted(other.slug), counted(HOME)) == (15, 5, 5)


def test_views_past_the_cap_make_no_database_query(reader, make_post, cap):
    url = make_post().get_absolute_url()
    for _ in range(cap + 1):
        reader.get(url)

    with CaptureQueriesContext(connection) as queries:
        assert reader.get(url)["X-Page-Cache"] == "hit"

    assert [q["sql"] for q in queries] == [queries[0]["sql"]]  # the stamp only
    assert "pagecachestamp" in queries[0]["sql"].lower()


def test_buffered_views_keep_to_the_cap_when_sent_together(
    reader, make_post, cap, settings, monkeypatch
):
    """A minute's views from one network, sent as one batch: still the cap."""
    settings.LINERNOTES_STATS_BUFFER_SECONDS = 60
    monkeypatch.setattr(counting, "_last_sent", time.monotonic())
    post = make_post()
    for _ in range(12):
        reader.get(post.get_absolute_url(), REMOTE_ADDR="203.0.113.7")
    reader.get(post.get_absolute_url(), REMOTE_ADDR="198.51.100.7")
    assert counted(post.slug) == 0

    counting.send_waiting_views()

    assert counted(post.slug) == cap + 1


def test_the_network_is_kept_only_as_a_keyed_hash_for_a_day(reader, make_post, cap):
    post = make_post()
    reader.get(post.get_absolute_url(), REMOTE_ADDR="203.0.113.7")

    entries = [(k, left) for k, left in _cache_entries() if "stats:network" in k]
    assert len(entries) == 1
    key, seconds_left = entries[0]
    assert "203.0.113" not in key
    assert counting.network_key("203.0.113.99") in key  # the /24, not the address
    assert 86400 - 60 < seconds_left <= 86400


def test_no_cap_when_set_to_zero(reader, make_post, settings):
    settings.LINERNOTES_STATS_VIEWS_PER_NETWORK = 0
    post = make_post()
    for _ in range(30):
        reader.get(post.get_absolute_url())

    assert counted(post.slug) == 30
    assert not [k for k, _ in _cache_entries() if "stats:network" in k]


def _cache_entries() -> list[tuple[str, float]]:
    """(key, seconds until it expires) in the default cache, local or Redis."""
    now = time.time()
    expiry = getattr(cache, "_expire_info", None)
    if expiry is not None:
        return [(k, when - now) for k, when in expiry.items()]
    redis = cache._cache.get_client()
    return [(k.decode(), redis.ttl(k)) for k in redis.keys("*")]
