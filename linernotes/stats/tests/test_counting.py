"""A reader's view is counted on the request with one cache increment, for pages
the page cache serves too, and only views by readers count."""

import time

import pytest
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


def test_a_page_served_from_the_page_cache_is_counted_with_no_database_write(
    reader, make_post
):
    post = make_post(title="Rocky IV")
    url = post.get_absolute_url()
    first = reader.get(url)
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"

    with CaptureQueriesContext(connection) as queries:
        second = reader.get(url)

    assert second["X-Page-Cache"] == "hit"
    assert counted(post.slug) == 2
    # The only statement is the page-cache stamp every request reads; counting
    # added none, and certainly no write.
    statements = [q["sql"] for q in queries.captured_queries]
    assert len(statements) == 1, statements
    assert statements[0].lstrip().upper().startswith("SELECT")
    assert "pagecachestamp" in statements[0].lower()
    assert not DailyViews.objects.exists()


def test_the_cached_hit_makes_exactly_the_queries_it_made_before_counting(
    reader, make_post, django_assert_num_queries, settings
):
    """Tried with the counting middleware taken out: the hit's query count is
    the same, so counting costs the request no query at all."""
    url = make_post().get_absolute_url()
    reader.get(url)
    with django_assert_num_queries(1):
        assert reader.get(url)["X-Page-Cache"] == "hit"
    settings.MIDDLEWARE = [
        m for m in settings.MIDDLEWARE if not m.startswith("linernotes.stats.")
    ]
    with django_assert_num_queries(1):
        assert reader.get(url)["X-Page-Cache"] == "hit"


def test_the_home_page_counts_for_the_whole_site_and_its_later_pages_do_not(
    reader, make_post
):
    make_post()
    reader.get("/")
    reader.get("/")
    reader.get("/?page=2")
    assert counted(HOME) == 2


@pytest.mark.parametrize(
    ("headers", "why"),
    [
        ({"HTTP_USER_AGENT": "Googlebot/2.1 (+http://www.google.com/bot.html)"}, "bot"),
        ({"HTTP_USER_AGENT": "Mozilla/5.0 (compatible; bingbot/2.0)"}, "bot"),
        ({"HTTP_USER_AGENT": "curl/8.5.0"}, "tool"),
        ({"HTTP_USER_AGENT": "python-requests/2.32"}, "tool"),
        ({"HTTP_USER_AGENT": "Mozilla/5.0 HeadlessChrome/131.0"}, "headless"),
        ({"HTTP_USER_AGENT": ""}, "no user agent"),
        ({"HTTP_SEC_PURPOSE": "prefetch"}, "prefetch"),
        ({"HTTP_SEC_PURPOSE": "prefetch;prerender"}, "prerender"),
        ({"HTTP_PURPOSE": "prefetch"}, "old prefetch header"),
        ({"HTTP_X_MOZ": "prefetch"}, "Firefox prefetch"),
    ],
)
def test_robots_tools_and_prefetches_are_not_counted(reader, make_post, headers, why):
    post = make_post()
    url = post.get_absolute_url()
    assert reader.get(url, **headers).status_code == 200  # a miss, then stored
    assert reader.get(url, **headers).status_code == 200  # served from the cache
    assert counted(post.slug) == 0, why


def test_head_requests_are_not_counted(reader, make_post):
    post = make_post()
    url = post.get_absolute_url()
    reader.get(url)  # stored in the page cache, counted once
    assert reader.head(url).status_code == 200
    assert reader.head(url)["X-Page-Cache"] == "hit"
    assert counted(post.slug) == 1


def test_only_successful_views_of_post_pages_count(reader, make_post, make_tag):
    post = make_post(title="Counted")
    tag = make_tag(name="synth")
    reader.get(tag.get_absolute_url())
    reader.get("/feed/")
    reader.get("/2001/01/no-such-post/")  # 404
    reader.get(post.get_absolute_url().rstrip("/"))  # redirect to the slash
    reader.post(post.get_absolute_url(), {"password": "x"})
    assert counted(post.slug) == 0
    assert counted("no-such-post") == 0
    assert counted(tag.slug) == 0


def test_a_signed_in_reader_is_counted_too(client, make_post, make_user):
    """No cookie is needed to count, and having one does not stop counting."""
    post = make_post()
    client.force_login(make_user())
    client.get(post.get_absolute_url(), HTTP_USER_AGENT="Mozilla/5.0 (Reader)")
    assert counted(post.slug) == 1


def test_counting_sets_no_cookie_and_reads_none(reader, make_post):
    response = reader.get(make_post().get_absolute_url())
    assert response.cookies == {}
    assert "Cookie" not in response.get("Vary", "")


def test_views_reach_the_database_only_through_the_fold(reader, make_post):
    post = make_post()
    for _ in range(3):
        reader.get(post.get_absolute_url())
    reader.get("/")
    assert not DailyViews.objects.exists()

    assert fold_views() == 4

    rows = {(r.post_id, r.views) for r in DailyViews.objects.all()}
    assert rows == {(post.pk, 3), (None, 1)}
    assert DailyViews.objects.get(post=post).day == timezone.localdate()


def test_a_busy_process_sends_its_views_together_once_a_second(
    reader, make_post, settings, monkeypatch
):
    """Tried with a one-minute interval: views wait in the process, then go out
    together with the next view after the interval, none lost or doubled."""
    settings.LINERNOTES_STATS_BUFFER_SECONDS = 60
    monkeypatch.setattr(counting, "_last_sent", time.monotonic())
    post = make_post()
    url = post.get_absolute_url()
    for _ in range(3):
        reader.get(url)
    reader.get("/")
    assert counted(post.slug) == 0

    monkeypatch.setattr(counting, "_last_sent", time.monotonic() - 61)
    reader.get(url)

    assert counted(post.slug) == 4
    assert counted(HOME) == 1
    reader.get(url)  # the interval starts again
    assert counted(post.slug) == 4
    counting.send_waiting_views()  # as at exit
    assert counted(post.slug) == 5
