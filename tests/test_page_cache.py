"""The page cache: anonymous readers get stored pages, and none is ever stale."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from linernotes.core import pagecache
from linernotes.core.models import PageCacheStamp, SiteSettings
from linernotes.posts.services import save_post

pytestmark = pytest.mark.django_db


def test_an_anonymous_reader_gets_the_stored_page_the_second_time(client, make_post):
    make_post(title="Cached record")

    first = client.get("/")
    second = client.get("/")

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_a_stored_page_carries_no_cookie_and_a_csp_header(client, make_post):
    make_post()
    client.get("/")

    response = client.get("/")

    assert response["X-Page-Cache"] == "hit"
    assert not response.cookies
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_changing_a_post_retires_stored_pages(
    client, make_post, django_capture_on_commit_callbacks
):
    post = make_post(title="Old title")
    client.get("/")
    post.title = "New title"

    with django_capture_on_commit_callbacks(execute=True):
        save_post(post=post)
    response = client.get("/")

    assert response["X-Page-Cache"] == "miss"
    assert b"New title" in response.content


@pytest.mark.django_db(transaction=True)
def test_a_committed_change_retires_stored_pages_by_itself(client, make_post):
    post = make_post(title="Before the edit")
    client.get("/")
    before = PageCacheStamp.objects.get().generation
    post.title = "After the edit"

    save_post(post=post)

    assert PageCacheStamp.objects.get().generation != before
    assert b"After the edit" in client.get("/").content


def test_a_signed_in_reader_bypasses_the_cache(client, make_post, make_user):
    make_post()
    client.force_login(make_user())

    client.get("/")
    response = client.get("/")

    assert "X-Page-Cache" not in response


def test_a_response_that_sets_a_cookie_is_not_stored(client, make_post):
    post = make_post(password="sesame")

    client.get(post.get_absolute_url())
    response = client.get(post.get_absolute_url())

    assert response.get("X-Page-Cache") != "hit"


def test_site_settings_changes_show_at_once(
    client, make_post, django_capture_on_commit_callbacks
):
    make_post()
    client.get("/")
    settings = SiteSettings.load()
    settings.title = "Renamed blog"

    with django_capture_on_commit_callbacks(execute=True):
        settings.save()

    assert b"Renamed blog" in client.get("/").content


def test_a_page_is_never_stored_past_the_next_due_time(client, make_scheduled_post):
    make_scheduled_post(title="Later", days_ahead=1 / 86400 * 30)  # due in 30 seconds
    pagecache.invalidate()

    stamp = pagecache.read_stamp()

    assert stamp.next_due_at is not None
    assert 0 < stamp.seconds_until_due() <= 30


def test_a_scheduled_post_shows_the_moment_it_is_due(
    client, make_post, make_scheduled_post
):
    make_post(title="Already out", days_ago=1)
    make_scheduled_post(title="Coming right up", days_ahead=1.5 / 86400)
    pagecache.invalidate()
    assert b"Coming right up" not in client.get("/").content
    assert client.get("/")["X-Page-Cache"] == "hit"

    time.sleep(1.6)
    response = client.get("/")

    assert b"Coming right up" in response.content


def test_a_passed_due_time_moves_the_generation_on_once():
    PageCacheStamp.objects.update_or_create(
        pk=1,
        defaults={
            "generation": 7,
            "next_due_at": timezone.now() - timedelta(seconds=1),
        },
    )

    first = pagecache.read_stamp()
    second = pagecache.read_stamp()

    assert first.generation != 7
    assert second.generation == first.generation


def test_admin_pages_are_never_cached(admin_client):
    admin_client.get("/admin/")
    response = admin_client.get("/admin/")

    assert "X-Page-Cache" not in response


def test_cached_pages_name_no_reader_even_when_one_is_signed_in(
    client, make_post, make_writer
):
    make_post(title="Shared page")
    client.force_login(make_writer(display_name="Mara Quill"))

    html = client.get("/").content.decode()

    assert "Mara Quill" not in html
    assert "csrfmiddlewaretoken" not in html


# --- Per-page versions: a comment retires its post's pages, not the whole cache.


def approve(comment):
    from linernotes.comments import services
    from linernotes.comments.models import Comment

    return services.moderate_comment(comment=comment, status=Comment.Status.APPROVED)


def test_a_cache_hit_still_costs_one_query(
    client, make_post, django_assert_num_queries
):
    post = make_post()
    client.get(post.get_absolute_url())

    with django_assert_num_queries(1):
        response = client.get(post.get_absolute_url())

    assert response["X-Page-Cache"] == "hit"


def test_approving_a_comment_retires_only_its_posts_pages(
    client, make_post, make_comment, django_capture_on_commit_callbacks
):
    post = make_post(title="Commented")
    other = make_post(title="Left alone")
    held = make_comment(post=post, body="Worth the wait.", approved=False)
    for url in ("/", other.get_absolute_url(), post.get_absolute_url()):
        client.get(url)
    generation = PageCacheStamp.objects.get().generation

    with django_capture_on_commit_callbacks(execute=True):
        approve(held)

    assert PageCacheStamp.objects.get().generation == generation
    assert client.get("/")["X-Page-Cache"] == "hit"
    assert client.get(other.get_absolute_url())["X-Page-Cache"] == "hit"
    fresh = client.get(post.get_absolute_url())
    assert fresh["X-Page-Cache"] == "miss"
    assert b"Worth the wait." in fresh.content


def test_a_held_comment_changes_nothing_cached(client, make_post, make_comment):
    post = make_post()
    client.get(post.get_absolute_url() + "?cpage=1")

    make_comment(post=post, body="Waiting in the queue.", approved=False)
    response = client.get(post.get_absolute_url() + "?cpage=1")

    assert response["X-Page-Cache"] == "hit"
    assert b"Waiting in the queue." not in response.content


def test_every_page_of_a_posts_comments_is_retired_together(
    client, make_post, make_comment
):
    post = make_post()
    paged = post.get_absolute_url() + "?cpage=1"
    client.get(paged)

    make_comment(post=post, body="Straight in.")

    assert client.get(paged)["X-Page-Cache"] == "miss"


@pytest.mark.django_db(transaction=True)
def test_a_scope_version_commits_with_the_change_or_not_at_all(make_post):
    from django.db import transaction

    post = make_post()
    path = post.get_absolute_url()
    before = pagecache.read_stamp(path).scope_version

    with pytest.raises(RuntimeError), transaction.atomic():
        pagecache.invalidate_paths([path])
        raise RuntimeError("rolled back")  # tried: a change that fails half-way

    assert pagecache.read_stamp(path).scope_version == before
    pagecache.invalidate_paths([path])
    assert pagecache.read_stamp(path).scope_version != before
