"""What a post page reads about its post: the post, its terms and extras."""

import functools
from dataclasses import dataclass
from typing import NamedTuple

from django.db import connection
from django.db.models import Prefetch, prefetch_related_objects

from linernotes.core.db import column_list, table
from linernotes.core.routing import reverse_cached

from ..access import public_sql
from ..models import Category, Post, PostQuerySet, Review, Tag
from .music import release_with_listing


def public_post(pk: int, fields: tuple[str, ...]) -> Post | None:
    """The public post ``pk`` with only ``fields`` loaded, or None.

    Public includes locked posts (``access.public_sql``): the caller still asks
    ``posts.access`` what this reader may do with it.

    For writes that need little of a post (a comment): a raw query
    costs a fifth of the ORM's for this wide model (bench/README.md), and
    reading another field later costs one query more, never a wrong answer.
    """
    public, params = public_sql()
    sql = (
        f"SELECT {column_list(Post, ('pk', *fields))} "  # noqa: S608 - our names
        f"FROM {table(Post)} WHERE {column_list(Post, ('pk',))} = %s AND {public}"
    )
    return next(iter(Post.objects.raw(sql, [pk, *params])), None)


def posts_in_category(category: Category):
    """Published posts in the category or any category below it."""
    ids, frontier = {category.pk}, [category.pk]
    while frontier:
        frontier = list(
            Category.objects.filter(parent_id__in=frontier)
            .exclude(pk__in=ids)
            .values_list("pk", flat=True)
        )
        ids.update(frontier)
    return Post.objects.cards().filter(categories__in=ids).distinct()


def post_for_reading(posts: PostQuerySet) -> PostQuerySet:
    """``posts`` with what every post page shows, in one query.

    The Markdown source and the search text are left out (the page shows the
    stored HTML and summary); tags and categories come from ``post_terms``, the
    attachments and reviews from ``load_post_extras``, only when the post has any.
    """
    return posts.select_related("author", "series").defer("body", "body_text")


def load_post_extras(post: Post) -> None:
    """Load the post's attachments and reviews (with each release's listing) if its
    stored counts say it has any: no query at all for a post with neither."""
    lookups = []
    if post.attachment_count:
        lookups.append("attachments")
    if post.review_count:
        reviews = Review.objects.prefetch_related(
            "standout_tracks", Prefetch("release", queryset=release_with_listing())
        )
        lookups.append(Prefetch("reviews", queryset=reviews))
    if lookups:
        prefetch_related_objects([post], *lookups)


class TermLink(NamedTuple):
    """A tag or category as a post page links it."""

    name: str
    url: str

    def get_absolute_url(self) -> str:
        return self.url


@dataclass(frozen=True)
class PostTerms:
    tags: list[TermLink]
    categories: list[TermLink]


@functools.cache
def _terms_sql() -> str:
    """The statement ``post_terms`` runs, from the models' names, built once."""
    tags, categories = Post.tags.through, Post.categories.through
    return (
        f"SELECT 0 AS kind, {column_list(Tag, ('name', 'slug'), 't')} "  # noqa: S608
        f"FROM {table(Tag)} t JOIN {table(tags)} pt "
        f"ON {column_list(tags, ('tag_id',), 'pt')} = {column_list(Tag, ('pk',), 't')} "
        f"WHERE {column_list(tags, ('post_id',), 'pt')} = %s "
        "UNION ALL "
        f"SELECT 1, {column_list(Category, ('name', 'slug'), 'c')} "
        f"FROM {table(Category)} c JOIN {table(categories)} pc "
        f"ON {column_list(categories, ('category_id',), 'pc')} "
        f"= {column_list(Category, ('pk',), 'c')} "
        f"WHERE {column_list(categories, ('post_id',), 'pc')} = %s "
        "ORDER BY 1, 2"
    )


def post_terms(post: Post) -> PostTerms:
    """The post's tags and categories, by name, in one hand-written statement
    (two prefetch queries cost a millisecond of ORM work on every post page)."""
    with connection.cursor() as cursor:
        cursor.execute(_terms_sql(), [post.pk, post.pk])
        rows = cursor.fetchall()
    views = ("posts:tag", "posts:category")
    found: tuple[list[TermLink], list[TermLink]] = ([], [])
    for kind, name, slug in rows:
        found[kind].append(TermLink(name, reverse_cached(views[kind], slug=slug)))
    return PostTerms(tags=found[0], categories=found[1])
