"""Writing posts: render, slug, status, redirects, reviews and mentions."""

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from linernotes.catalogue.models import Artist, ArtistAlias, Release, Track
from linernotes.core.markup import link_first_mentions, plain_text, render_markdown
from linernotes.core.slugs import unique_slug

from ..models import Category, Post, Review, Series, SlugRedirect, Tag, summarise
from .counts import refresh_post_extras
from .uploads import make_cover_thumbnails


def make_slug(text: str, *, model: type, exclude_pk: int | None = None) -> str:
    """A readable slug unique for ``model``; a post's never reuses a redirected one."""

    def redirected(base: str) -> Iterable[str]:
        if model is not Post:
            return ()
        return (
            SlugRedirect.objects.exclude(post_id=exclude_pk)
            .filter(old_slug__startswith=base)
            .values_list("old_slug", flat=True)
        )

    return unique_slug(text, model, exclude_pk=exclude_pk, reserved=redirected)


@transaction.atomic
def save_post(
    *,
    post: Post,
    tags: Iterable[Tag] | None = None,
    categories: Iterable[Category] | None = None,
) -> Post:
    """Render, slug and save a post; a changed slug leaves a redirect from the old one.

    ``post`` may be new or changed in memory (as the admin hands it over).
    Scheduling needs no job: a post whose time is in the future is simply not
    yet returned by ``Post.objects.published()``.
    """
    previous_slug = (
        Post.objects.filter(pk=post.pk).values_list("slug", flat=True).first()
        if post.pk
        else None
    )
    post.slug = post.slug or make_slug(post.title, model=Post, exclude_pk=post.pk)
    _settle_status(post)
    post.save()
    link_mentions(post=post)
    if previous_slug and previous_slug != post.slug:
        _redirect_old_slug(post=post, old_slug=previous_slug)
    SlugRedirect.objects.filter(old_slug=post.slug).delete()
    if tags is not None:
        post.tags.set(tags)
    if categories is not None:
        post.categories.set(categories)
    if post.cover and not post.cover_thumbnails.get("source") == post.cover.name:
        make_cover_thumbnails(post=post)
    return post


def link_mentions(*, post: Post) -> None:
    """Render the body, linking the first mention of each known artist, and of each
    track of a reviewed release when it is quoted (“War”), to its page.

    Tracks must be quoted because their titles are often plain words; artists
    are matched anywhere as whole words. Records which artists the post mentions.
    """
    html, linked = link_first_mentions(
        render_markdown(post.body), _mention_targets(post)
    )
    post.body_html, post.body_text = html, plain_text(html)
    post.summary_text = summarise(post.excerpt, post.body_text)
    Post.objects.filter(pk=post.pk).update(
        body_html=post.body_html,
        body_text=post.body_text,
        summary_text=post.summary_text,
    )
    artist_ids = {pk for name, pk in _artist_names().items() if name in linked}
    post.mentioned_artists.set(artist_ids)


def _artist_names() -> dict[str, int]:
    names = dict(Artist.objects.values_list("name", "pk"))
    names.update(ArtistAlias.objects.values_list("name", "artist_id"))
    return names


def _mention_targets(post: Post) -> dict[str, str]:
    slugs = dict(Artist.objects.values_list("pk", "slug"))
    targets = {
        name: reverse("posts:artist", kwargs={"slug": slugs[pk]})
        for name, pk in _artist_names().items()
    }
    tracks = Track.objects.filter(release__reviews__post=post).select_related("release")
    for track in tracks:
        url = f"{track.release.get_absolute_url()}#track-{track.pk}"
        targets.setdefault(f"“{track.title}”", url)
    return targets


def _settle_status(post: Post) -> None:
    """Give published and scheduled posts a time, and name each for what it is."""
    now = timezone.now()
    if post.status in (
        Post.Status.PUBLISHED,
        Post.Status.SCHEDULED,
        Post.Status.PRIVATE,
    ):
        post.published_at = post.published_at or now
    if post.status == Post.Status.PUBLISHED and post.published_at > now:
        post.status = Post.Status.SCHEDULED
    elif post.status == Post.Status.SCHEDULED and post.published_at <= now:
        post.status = Post.Status.PUBLISHED


def _redirect_old_slug(*, post: Post, old_slug: str) -> None:
    SlugRedirect.objects.update_or_create(old_slug=old_slug, defaults={"post": post})


@transaction.atomic
def create_post(
    *,
    title: str,
    author,
    body: str = "",
    status: str = Post.Status.DRAFT,
    published_at: datetime | None = None,
    series: Series | None = None,
    series_position: int | None = None,
    tags: Iterable[Tag] = (),
    categories: Iterable[Category] = (),
    **fields,
) -> Post:
    """Create a post from plain values; used by the demo loader and importers."""
    if series is not None and series_position is None:
        series_position = next_series_position(series=series)
    post = Post(
        title=title,
        author=author,
        body=body,
        status=status,
        published_at=published_at,
        series=series,
        series_position=series_position,
        **fields,
    )
    return save_post(post=post, tags=list(tags), categories=list(categories))


def publish_post(*, post: Post, at: datetime | None = None) -> Post:
    """Publish now, or schedule for ``at`` when that is in the future."""
    post.status = Post.Status.PUBLISHED
    post.published_at = at or timezone.now()
    return save_post(post=post)


def submit_post_for_review(*, post: Post) -> Post:
    """Hand a draft to an editor: pending review, not public."""
    post.status = Post.Status.PENDING
    return save_post(post=post)


def next_series_position(*, series: Series) -> int:
    """The position after the series' last part."""
    highest = series.posts.aggregate(Max("series_position"))["series_position__max"]
    return (highest or 0) + 1


@transaction.atomic
def review_release(
    *, post: Post, release: Release, standout_titles: Iterable[str] = ()
) -> Review:
    """Attach a release to a post as reviewed, marking standout tracks by title."""
    review, _ = Review.objects.get_or_create(
        post=post, release=release, defaults={"position": post.reviews.count()}
    )
    wanted = {title.casefold() for title in standout_titles}
    review.standout_tracks.set(
        [t for t in release.tracks.all() if t.title.casefold() in wanted]
    )
    link_mentions(post=post)
    refresh_post_extras(post=post)
    return review
