"""Writing what posts are arranged in: series, tags, categories, static pages."""

from django.db import transaction

from linernotes.core.markup import render_markdown
from linernotes.core.text import strip_control_characters

from ..models import Category, Page, PageSlugRedirect, Post, Series, Tag
from .posts import make_slug


@transaction.atomic
def get_or_create_series(*, title: str, description: str = "") -> Series:
    """The series with this title, created if new; a description given replaces it."""
    series = Series.objects.filter(title=title).first()
    if series is None:
        series = Series(title=title, slug=make_slug(title, model=Series))
    series.description = description or series.description
    return save_series(series=series)


def save_series(*, series: Series) -> Series:
    """Render the description and save, without characters XML cannot carry
    (the series feeds print both)."""
    series.title = strip_control_characters(series.title)
    series.description = strip_control_characters(series.description)
    series.slug = series.slug or make_slug(
        series.title, model=Series, exclude_pk=series.pk
    )
    series.description_html = render_markdown(series.description)
    series.save()
    return series


@transaction.atomic
def reorder_series(*, series: Series, posts: list[Post]) -> None:
    """Number the given posts 1..n in this order within the series."""
    for position, post in enumerate(posts, start=1):
        Post.objects.filter(pk=post.pk, series=series).update(series_position=position)


def get_or_create_tag(*, name: str) -> Tag:
    """The tag with this name in any case, created if new."""
    tag = Tag.objects.filter(name__iexact=name).first()
    return tag or Tag.objects.create(name=name, slug=make_slug(name, model=Tag))


def get_or_create_category(*, name: str, parent: Category | None = None) -> Category:
    """The category with this name under ``parent``, created if new."""
    category = Category.objects.filter(name__iexact=name, parent=parent).first()
    return category or Category.objects.create(
        name=name, parent=parent, slug=make_slug(name, model=Category)
    )


@transaction.atomic
def save_page(*, page: Page) -> Page:
    """Render and save a static page; a changed slug leaves a 301 from the old one.

    Text loses the characters XML cannot carry (the sitemap lists the page).
    """
    page.title = strip_control_characters(page.title)
    page.body = strip_control_characters(page.body)
    previous_slug = (
        Page.objects.filter(pk=page.pk).values_list("slug", flat=True).first()
        if page.pk
        else None
    )
    page.slug = page.slug or make_slug(page.title, model=Page, exclude_pk=page.pk)
    page.body_html = render_markdown(page.body)
    page.save()
    if previous_slug and previous_slug != page.slug:
        PageSlugRedirect.objects.update_or_create(
            old_slug=previous_slug, defaults={"page": page}
        )
    PageSlugRedirect.objects.filter(old_slug=page.slug).delete()
    return page
