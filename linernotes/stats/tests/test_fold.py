"""The fold moves counted views from the cache into the database exactly once,
whatever runs at the same time: app servers counting on the same Redis, another
fold, or a fold that dies halfway."""

import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.cache import caches
from django.utils import timezone

from linernotes.stats import local, services
from linernotes.stats.counting import HOME, count_view, stats_cache, view_key
from linernotes.stats.models import DailyViews
from linernotes.stats.services import fold_views

pytestmark = pytest.mark.django_db


def app_server():
    """A new cache client on the same store: another app server's connection
    to the one Redis (on the local-memory cache, the same process's store)."""
    return caches.create_connection(settings.LINERNOTES_STATS_CACHE)


def stored_views(post=None) -> int:
    return sum(DailyViews.objects.filter(post=post).values_list("views", flat=True))


def test_folding_twice_adds_nothing_the_second_time(make_post):
    post = make_post()
    for _ in range(5):
        count_view(post.slug)

    assert fold_views() == 5
    assert fold_views() == 0

    assert stored_views(post) == 5
    assert DailyViews.objects.count() == 1


def test_later_views_are_added_to_the_same_day_row(make_post):
    post = make_post()
    count_view(post.slug)
    fold_views()
    count_view(post.slug)
    count_view(post.slug)
    fold_views()
    assert list(DailyViews.objects.values_list("views", flat=True)) == [3]


def test_views_on_earlier_days_still_waiting_are_folded_into_their_own_day(make_post):
    post = make_post()
    today = timezone.localdate()
    yesterday = today - timedelta(days=1)
    count_view(post.slug, day=yesterday)
    count_view(post.slug, day=today)
    count_view(post.slug, day=today)

    fold_views(today=today)

    assert dict(DailyViews.objects.values_list("day", "views")) == {
        yesterday: 1,
        today: 2,
    }


def test_a_draft_previewed_by_its_writer_is_not_folded_as_reading(make_post):
    draft = make_post(status="draft")
    count_view(draft.slug)
    assert fold_views() == 0
    assert not DailyViews.objects.exists()


def test_two_app_servers_counting_while_two_folds_run_lose_and_double_nothing(
    make_post,
):
    """Tried: two clients increment the same counters from threads while the
    test folds repeatedly through a third; every view ends up in the database
    once."""
    posts = [make_post(), make_post()]
    servers = [app_server(), app_server()]
    per_thread = 300

    def read(server, slug):
        for _ in range(per_thread):
            count_view(slug, cache=server)

    threads = [
        threading.Thread(target=read, args=(server, post.slug))
        for server in servers
        for post in posts
    ]
    for thread in threads:
        thread.start()
    folder = app_server()
    folded = 0
    while any(thread.is_alive() for thread in threads):
        folded += fold_views(cache=folder)
    for thread in threads:
        thread.join()
    folded += fold_views(cache=servers[0])

    assert folded == 4 * per_thread
    assert [stored_views(post) for post in posts] == [2 * per_thread, 2 * per_thread]
    assert stats_cache().get(view_key(timezone.localdate(), posts[0].slug)) == 0


class FoldsAgainInTheMiddle:
    """A cache client that lets a second fold, through another client, run
    between this fold's reading of the counters and its taking them: the worst
    moment for two folds to meet."""

    def __init__(self, cache, other):
        self.cache, self.other, self.done = cache, other, False

    def get_many(self, keys):
        found = self.cache.get_many(keys)
        if not self.done and found:
            self.done = True
            fold_views(cache=self.other)
        return found

    def __getattr__(self, name):
        return getattr(self.cache, name)


def test_two_folds_at_the_same_moment_count_each_view_once(make_post):
    post = make_post()
    for _ in range(7):
        count_view(post.slug)
    count_view(HOME)

    fold_views(cache=FoldsAgainInTheMiddle(app_server(), app_server()))

    assert stored_views(post) == 7
    assert stored_views(None) == 1
    assert fold_views() == 0
    assert stats_cache().get(view_key(timezone.localdate(), post.slug)) == 0


def test_a_fold_that_dies_before_writing_loses_only_what_it_took(
    make_post, monkeypatch
):
    """Tried: the database write fails after the counters were taken. Those
    views are lost (at most one fold's worth), the counters are not negative,
    and views counted afterwards fold normally: nothing is ever counted twice."""
    post = make_post()
    for _ in range(4):
        count_view(post.slug)

    def crash(taken):
        raise RuntimeError("worker killed")

    monkeypatch.setattr(services, "_add_views", crash)
    with pytest.raises(RuntimeError):
        fold_views()
    monkeypatch.undo()

    count_view(post.slug)
    assert fold_views() == 1
    assert stored_views(post) == 1


def test_a_counter_past_its_keeping_days_is_left_to_expire(make_post, settings):
    settings.LINERNOTES_STATS_KEEP_DAYS = 2
    post = make_post()
    today = timezone.localdate()
    count_view(post.slug, day=today - timedelta(days=5))
    assert fold_views(today=today) == 0


def test_a_cache_that_fails_loses_the_view_not_the_page(reader, make_post, monkeypatch):
    post = make_post()

    def broken(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(type(stats_cache()), "incr", broken)
    response = reader.get(post.get_absolute_url())
    assert response.status_code == 200


def test_without_redis_each_web_process_folds_its_own_counts(
    make_post, settings, monkeypatch
):
    """The local-memory cache is per process, out of the worker's reach: the
    first counted view starts a thread that folds this process's counts, from
    its own memory, off the request path. (The fold is recorded rather than run:
    a thread of the test process cannot open the test database on SQLite.)"""
    if not local.per_process():
        pytest.skip("the counters are in Redis: the worker folds them")
    settings.LINERNOTES_STATS_LOCAL_FOLD_SECONDS = 1
    folded = threading.Event()
    seen = []

    def fold_in_thread():
        seen.append((threading.current_thread().name, stats_cache().get(key)))
        folded.set()

    monkeypatch.setattr(services, "fold_views", fold_in_thread)
    monkeypatch.setattr(local, "_started_in", None)  # as in a new process
    monkeypatch.setattr(local, "close_old_connections", lambda: None)
    monkeypatch.setattr(local.connection, "close", lambda: None)
    post = make_post()
    key = view_key(timezone.localdate(), post.slug)
    count_view(post.slug)
    local.ensure_folding()
    local.ensure_folding()  # a second view starts no second thread
    try:
        assert folded.wait(10)
    finally:
        local.stop_folding()
    assert seen[0] == ("stats-fold", 1)
    assert [t.name for t in threading.enumerate()].count("stats-fold") <= 1


def test_a_stopping_web_process_on_redis_sends_its_views_and_leaves_the_fold(
    make_post, settings, monkeypatch
):
    """On a shared cache the worker folds. A stopping web process hands on the
    views it still holds and nothing more: every web process folding as it stops
    made each of them briefly much larger, all at once."""
    if local.per_process():
        pytest.skip("the counters are per process: the stopping process folds them")
    settings.LINERNOTES_STATS_BUFFER_SECONDS = 3600  # the views wait in the process
    folds = []
    monkeypatch.setattr(services, "fold_views", lambda: folds.append(1))
    monkeypatch.setattr(local, "_started_in", None)  # as in a new process
    monkeypatch.setattr(local, "_stop", threading.Event())
    post = make_post()
    count_view(post.slug)  # sent at once: the first view after a long interval
    count_view(post.slug)  # waits in this process
    local.ensure_folding()  # what a counted view does: no thread on Redis

    local.flush_at_exit()

    assert folds == []
    assert stats_cache().get(view_key(timezone.localdate(), post.slug)) == 2
    assert fold_views() == 2
