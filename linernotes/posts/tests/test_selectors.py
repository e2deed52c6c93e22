"""The hand-written statements in posts.selectors against their ORM equivalents.

Each statement takes its post condition from ``posts.access`` and its names
from ``core.db``; these tests run it on a realistic mix of posts (public,
locked, draft, pending, scheduled, private, in and out of a series, several at
one moment) and compare its answer with what the ORM says the same read is.
"""

from datetime import timedelta

import pytest
from django.db.models import Q
from django.utils import timezone

from linernotes.posts import selectors, services
from linernotes.posts.models import Category, MonthArchive, Page, Post, Series, Tag

pytestmark = pytest.mark.django_db


@pytest.fixture
def mix(make_post, make_scheduled_post, make_series, make_tag, make_category):
    """Twelve posts about vinyl: readable, locked and hidden ones interleaved in
    time and in one series, two of them at the same moment."""
    series = make_series(title="Vinyl year")
    tag, category = make_tag(name="vinyl"), make_category(name="Records")
    same_moment = timezone.now() - timedelta(days=5)
    terms = {"tags": [tag], "categories": [category]}
    specs = [
        {"days_ago": 9, "series": series, **terms},
        {"days_ago": 8, "status": Post.Status.DRAFT, "series": series},
        {"days_ago": 7, "password": "sesame", "series": series, **terms},
        {"days_ago": 6, "status": Post.Status.PRIVATE, "series": series, **terms},
        {"published_at": same_moment},
        {"published_at": same_moment, "series": series},
        {"days_ago": 4, "status": Post.Status.PENDING},
        {"days_ago": 3, "password": "sesame"},
        {"days_ago": 2, "status": Post.Status.SCHEDULED},  # scheduled and due
        {"days_ago": 1, **terms},
    ]
    posts = [
        make_post(title=f"Vinyl {n}", body=f"Vinyl notes {n}.", **spec)
        for n, spec in enumerate(specs)
    ]
    posts.append(make_scheduled_post(title="Vinyl later", series=series))
    posts.append(make_post(title="Vinyl draft", status=Post.Status.DRAFT))
    services.refresh_counts()
    return {"posts": posts, "series": series}


def test_public_post_finds_exactly_the_public_posts(mix):
    found = {
        post.pk
        for post in mix["posts"]
        if selectors.public_post(post.pk, ("title",)) is not None
    }

    assert found == set(Post.objects.published().values_list("pk", flat=True))
    assert len(found) == 7  # tried: the old statement ignored nothing else


def test_blog_neighbours_match_the_orm_for_every_public_post(mix):
    for post in Post.objects.published():
        earlier = Q(published_at__lt=post.published_at) | Q(
            published_at=post.published_at, pk__lt=post.pk
        )
        later = Q(published_at__gt=post.published_at) | Q(
            published_at=post.published_at, pk__gt=post.pk
        )
        public = Post.objects.published()
        previous = public.filter(earlier).order_by("-published_at", "-pk").first()
        following = public.filter(later).order_by("published_at", "pk").first()

        navigation = selectors.post_navigation(post)

        assert _pk(navigation.previous) == _pk(previous), post.title
        assert _pk(navigation.next) == _pk(following), post.title


def test_series_parts_match_the_orm(mix):
    series = mix["series"]
    expected = list(
        Post.objects.published().in_series(series).values_list("pk", flat=True)
    )

    place = selectors.post_navigation(Post.objects.get(pk=expected[0])).series_place

    assert place.total == len(expected) == 3
    assert [place.number, _pk(place.next)] == [1, expected[1]]


def test_search_finds_exactly_the_readable_matches(mix):
    readable = Post.objects.readable().filter(
        Q(title__icontains="vinyl") | Q(body_text__icontains="vinyl")
    )

    found = selectors.search_posts("vinyl")

    assert sorted(found) == sorted(readable.values_list("pk", flat=True))
    assert len(found) == 5  # the locked posts are left out, not only the hidden


def test_the_menu_and_sidebar_match_the_orm(mix, make_page):
    make_page(title="About", menu_order=2)
    make_page(title="Contact", menu_order=1)
    make_page(title="Hidden", is_published=False)
    make_page(title="Unlisted", show_in_menu=False)

    index = selectors.browse_index()

    pages = Page.objects.published().filter(show_in_menu=True)
    series = Series.objects.filter(post_count__gt=0).order_by("-latest_post_at")
    categories = Category.objects.filter(post_count__gt=0).order_by("name")
    tags = Tag.objects.filter(post_count__gt=0).order_by("-post_count", "name")
    months = MonthArchive.objects.order_by("-year", "-month")
    assert [link.label for link in index.pages] == [p.title for p in pages]
    assert [(x.label, x.count) for x in index.series] == [
        (s.title, s.post_count) for s in series[:8]
    ]
    assert [(x.label, x.count) for x in index.categories] == [
        (c.name, c.post_count) for c in categories
    ]
    assert [(x.label, x.count) for x in index.tags] == [
        (t.name, t.post_count) for t in tags[:25]
    ]
    assert [x.count for x in index.months] == [m.post_count for m in months[:12]]
    assert index.tags[0].count == 3  # public posts, locked included


def test_post_terms_match_the_orm(mix):
    post = mix["posts"][0]

    terms = selectors.post_terms(post)

    assert [t.name for t in terms.tags] == [t.name for t in post.tags.all()]
    assert [c.name for c in terms.categories] == [c.name for c in post.categories.all()]


def _pk(link) -> int | None:
    return None if link is None else link.pk
