"""The conversation's written-out reads (page layout, page comments) read exactly
what the ``shown_on`` querysets they stand in for would read."""

import random

import pytest
from django.db.models import Count
from django.db.models.functions import Substr

from linernotes.comments import selectors
from linernotes.comments.models import Comment
from linernotes.comments.tests.factories import make_conversation

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_post(make_post):
    """Threads of many sizes, some comments removed (placeholders, shown), held
    or spam (not shown), and another post's thread beside it."""
    post = make_post(title="Busy")
    other = make_post(title="Other")
    make_conversation(post=other, threads=5, replies=3)
    rng = random.Random(7)  # noqa: S311 - a repeatable mix, not a secret
    for replies in (0, 3, 60, 1, 0, 12, 49, 50, 0, 2, 130, 4):
        made = make_conversation(post=post, threads=1, replies=replies)
        assert made
    comments = list(Comment.objects.filter(post=post).order_by("pk"))
    for comment in rng.sample(comments, 40):
        comment.status = rng.choice(
            [Comment.Status.REMOVED, Comment.Status.PENDING, Comment.Status.SPAM]
        )
    Comment.objects.bulk_update(comments, ["status"])
    return post


def test_the_page_layout_groups_the_shown_comments_by_thread(busy_post):
    expected = list(
        Comment.objects.shown_on(busy_post)
        .annotate(root=Substr("thread_path", 1, selectors.ROOT_WIDTH))
        .values_list("root")
        .annotate(size=Count("pk"))
        .order_by("root")
    )

    starts = selectors.page_starts(busy_post, 50)

    assert starts == selectors.layout(expected, 50)
    assert sum(start.size for start in starts) == (
        Comment.objects.shown_on(busy_post).count()
    )
    assert len(starts) > 3


@pytest.mark.parametrize("per_page", [1, 7, 50])
def test_every_page_shows_the_comments_the_queryset_would(busy_post, per_page):
    shown = Comment.objects.shown_on(busy_post).only(*selectors.SHOWN_FIELDS)

    for start in selectors.page_starts(busy_post, per_page):
        page = selectors._read(
            busy_post, start.size, root=start.root, offset=start.offset
        )
        expected = shown.filter(thread_path__gte=start.root)[
            start.offset : start.offset + start.size
        ]
        assert [c.pk for c in page] == [c.pk for c in expected]
        assert [c.created_at for c in page] == [c.created_at for c in expected]
        assert {c.status for c in page} <= {"approved", "removed"}


def test_the_pages_together_show_every_shown_comment_once_in_thread_order(
    busy_post, settings
):
    settings.LINERNOTES_COMMENTS_PER_PAGE = 7
    pages = []
    number = 1
    while page := selectors.thread_page(busy_post, number):
        pages.append(page)
        number += 1

    read = [c.pk for page in pages for c in page.comments]
    assert read == list(
        Comment.objects.shown_on(busy_post).values_list("pk", flat=True)
    )
    assert pages[0].page_count == len(pages) > 1
