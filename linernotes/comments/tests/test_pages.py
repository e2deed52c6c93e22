"""Long conversations: bounded pages, a fixed query count, and permalinks that land."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from linernotes.comments import selectors
from linernotes.comments.tests.factories import make_conversation

pytestmark = pytest.mark.django_db
COMMENT_ITEM = re.compile(r'<li class="comment depth-')


@pytest.fixture(autouse=True)
def _uncached(settings):
    """Every request runs the view: the page cache would hide the queries."""
    settings.LINERNOTES_PAGE_CACHE_SECONDS = 0


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_post_page_costs_a_bounded_number_of_queries_with_0_or_5000_comments(
    client, make_post, django_assert_num_queries
):
    """A conversation longer than a page costs one grouped count more (to lay out
    its pages) than a short one, and nothing more however long it grows."""
    post = make_post(title="Busy one")
    url = post.get_absolute_url()
    client.get(url)  # settings and stamp rows exist from here on
    quiet = queries_for(client, url)
    make_conversation(post=post, threads=1, replies=4)
    few = queries_for(client, url)
    make_conversation(post=post, threads=999, replies=4)

    with django_assert_num_queries(few + 1):
        response = client.get(url)

    assert quiet == few
    assert len(COMMENT_ITEM.findall(response.content.decode())) == 50
    assertContains(response, "5000 Responses to “Busy one”")
    assertContains(response, "?cpage=2#comments")


def test_a_later_page_costs_the_same_queries_as_the_first(
    client, make_post, django_assert_max_num_queries
):
    post = make_post()
    make_conversation(post=post, threads=500, replies=9)
    first = queries_for(client, post.get_absolute_url())

    with django_assert_max_num_queries(first):
        response = client.get(post.get_absolute_url() + "?cpage=77")

    assertContains(response, "Page 77 of 100")
    assertContains(response, "Older comments")


def test_threads_are_kept_whole_when_they_fit(client, make_post, settings):
    settings.LINERNOTES_COMMENTS_PER_PAGE = 10
    post = make_post()
    comments = make_conversation(post=post, threads=3, replies=3)  # 4 + 4 + 4

    first = client.get(post.get_absolute_url()).content.decode()
    second = client.get(post.get_absolute_url() + "?cpage=2").content.decode()

    assert len(COMMENT_ITEM.findall(first)) == 8  # a third thread would not fit
    assert len(COMMENT_ITEM.findall(second)) == 4
    assert f'id="comment-{comments[8].pk}"' in second
    assert "Page 2 of 2" in second


def test_a_thread_longer_than_a_page_continues_with_its_context(
    client, make_post, settings
):
    settings.LINERNOTES_COMMENTS_PER_PAGE = 10
    post = make_post()
    root, *replies = make_conversation(post=post, threads=1, replies=14)

    second = client.get(post.get_absolute_url() + "?cpage=2")

    assertContains(second, "Continued from the previous page")
    assertContains(second, f'id="comment-{root.pk}"')  # the context
    assertContains(second, f'id="comment-{replies[-1].pk}"')
    assertNotContains(second, f'id="comment-{replies[0].pk}"')


@pytest.mark.parametrize("bad", ["0", "3", "-1", "two", "1e3"])
def test_a_page_past_the_end_or_not_a_number_is_a_404(client, make_post, bad):
    post = make_post()
    make_conversation(post=post, threads=2)

    response = client.get(post.get_absolute_url() + f"?cpage={bad}")

    assert response.status_code == 404


def test_a_permalink_lands_on_the_page_that_shows_the_comment(
    client, make_post, settings
):
    settings.LINERNOTES_COMMENTS_PER_PAGE = 10
    post = make_post()
    comments = make_conversation(post=post, threads=6, replies=3)  # 24 comments
    target = comments[-1]

    response = client.get(reverse("comments:permalink", args=[target.pk]))
    page = client.get(response["Location"])

    assert response.status_code == 302
    assert response["Location"].endswith(f"?cpage=3#comment-{target.pk}")
    assertContains(page, f'id="comment-{target.pk}"')


def test_a_permalink_to_the_first_page_has_no_page_number(
    client, make_comment, make_post
):
    comment = make_comment(post=make_post())

    response = client.get(comment.get_absolute_url())

    assert response["Location"] == (
        f"{comment.post.get_absolute_url()}#comment-{comment.pk}"
    )


def test_a_permalink_to_a_held_comment_is_a_404(client, make_post, make_comment):
    held = make_comment(post=make_post(), approved=False)

    assert client.get(held.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    ("sizes", "expected"),
    [
        ([], [("", 0, 0)]),
        ([("a", 3), ("b", 3), ("c", 4)], [("a", 0, 10)]),
        ([("a", 6), ("b", 6)], [("a", 0, 6), ("b", 0, 6)]),
        (
            [("a", 2), ("b", 23), ("c", 1)],
            [("a", 0, 2), ("b", 0, 10), ("b", 10, 10), ("b", 20, 4)],
        ),
    ],
)
def test_the_layout_packs_whole_threads_and_splits_only_long_ones(sizes, expected):
    starts = selectors.layout(sizes, per_page=10)

    assert [(s.root, s.offset, s.size) for s in starts] == expected


def test_an_app_above_adds_a_footer_to_every_comment(client, make_post, monkeypatch):
    from django.utils.html import format_html

    from linernotes.comments import extensions
    from linernotes.core.registry import Registry

    monkeypatch.setattr(extensions, "footers", Registry("footers"))
    extensions.register_comment_footer(
        lambda comment: format_html(
            '<p class="test-footer">{} likes</p>', comment.like_count
        )
    )
    post = make_post()
    make_conversation(post=post, threads=2)

    response = client.get(post.get_absolute_url())

    assert response.content.decode().count('class="test-footer">0 likes<') == 2
