"""The only code that writes posts, series, pages and attachments.

The admin, the demo loader and (later) the WordPress importer all come through
here, so rendering, slugs, redirects and thumbnails happen the same way for each.
"""

import mimetypes
import zoneinfo
from collections.abc import Iterable
from datetime import datetime
from io import BytesIO
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.db.models import Count, F, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce, TruncMonth
from django.urls import reverse
from django.utils import timezone
from PIL import Image, UnidentifiedImageError

from linernotes.catalogue.models import Artist, ArtistAlias, Release, Track
from linernotes.core import pagecache
from linernotes.core.exceptions import UploadRejected
from linernotes.core.markup import link_first_mentions, plain_text, render_markdown
from linernotes.core.slugs import unique_slug

from .models import (
    Attachment,
    Category,
    MonthArchive,
    Page,
    Post,
    Review,
    Series,
    SlugRedirect,
    Tag,
    summarise,
)


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
def get_or_create_series(*, title: str, description: str = "") -> Series:
    """The series with this title, created if new; a description given replaces it."""
    series = Series.objects.filter(title=title).first()
    if series is None:
        series = Series(title=title, slug=make_slug(title, model=Series))
    series.description = description or series.description
    return save_series(series=series)


def save_series(*, series: Series) -> Series:
    """Render the description and save."""
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


def save_page(*, page: Page) -> Page:
    """Render and save a static page."""
    page.slug = page.slug or make_slug(page.title, model=Page, exclude_pk=page.pk)
    page.body_html = render_markdown(page.body)
    page.save()
    return page


def make_cover_thumbnails(*, post: Post) -> None:
    """Write a JPEG thumbnail per configured width beside the cover image."""
    thumbnails: dict = {"source": post.cover.name}
    storage = post.cover.storage
    with post.cover.open("rb") as source, Image.open(source) as original:
        image = original.convert("RGB")
    stem = PurePosixPath(post.cover.name).with_suffix("")
    for width in settings.LINERNOTES_THUMBNAIL_WIDTHS:
        if image.width <= width:
            continue
        height = round(image.height * width / image.width)
        buffer = BytesIO()
        image.resize((width, height), Image.Resampling.LANCZOS).save(
            buffer, "JPEG", quality=82
        )
        name = storage.save(f"{stem}-{width}w.jpg", ContentFile(buffer.getvalue()))
        thumbnails[str(width)] = {"name": name, "width": width, "height": height}
    thumbnails["width"], thumbnails["height"] = image.width, image.height
    post.cover_thumbnails = thumbnails
    Post.objects.filter(pk=post.pk).update(cover_thumbnails=thumbnails)


def check_attachment_upload(upload: UploadedFile) -> None:
    """Refuse files over the size limit or of a type the blog does not accept."""
    limit = settings.LINERNOTES_ATTACHMENT_MAX_BYTES
    allowed = {
        ext.lower().lstrip(".") for ext in settings.LINERNOTES_ATTACHMENT_EXTENSIONS
    }
    extension = PurePosixPath(upload.name or "").suffix.lower().lstrip(".")
    if upload.size is not None and upload.size > limit:
        raise UploadRejected(
            f"“{upload.name}” is {_megabytes(upload.size)}; the largest file this blog "
            f"accepts is {_megabytes(limit)}."
        )
    if extension not in allowed:
        raise UploadRejected(
            f"“{upload.name}” is not a file type this blog accepts. Accepted: "
            f"{', '.join(sorted(allowed))}."
        )


def check_image_upload(upload: UploadedFile) -> None:
    """Refuse oversized images and files Pillow cannot read as an image."""
    limit = settings.LINERNOTES_IMAGE_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise UploadRejected(
            f"“{upload.name}” is {_megabytes(upload.size)}; images may be at most "
            f"{_megabytes(limit)}."
        )
    try:
        with Image.open(upload) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise UploadRejected(
            f"“{upload.name}” is not an image this blog can read."
        ) from error
    finally:
        upload.seek(0)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


@transaction.atomic
def attach_file(*, post: Post, upload: UploadedFile, title: str = "") -> Attachment:
    """Check and store a downloadable file for a post."""
    check_attachment_upload(upload)
    attachment = Attachment(post=post, title=title or upload.name, file=upload)
    return save_attachment(attachment=attachment)


def save_attachment(*, attachment: Attachment) -> Attachment:
    """Record the size and type of the stored file, then save."""
    attachment.size = attachment.file.size
    attachment.content_type = (
        mimetypes.guess_type(attachment.file.name)[0] or "application/octet-stream"
    )
    attachment.save()
    return attachment


def record_download(*, attachment: Attachment) -> None:
    """Count one download; an UPDATE with F() so simultaneous downloads all count."""
    Attachment.objects.filter(pk=attachment.pk).update(
        download_count=F("download_count") + 1
    )


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
    return review


def refresh_counts() -> None:
    """Recount the published posts of every tag, category, series and month.

    Counts are data kept beside the posts (as WordPress keeps term counts), so
    the sidebar costs four small reads instead of aggregates over every post.
    Runs after each committed change and when a scheduled post comes due; then
    retires cached pages, since they show the counts.
    """
    published = Post.objects.published()
    with transaction.atomic():
        for model, relation in (
            (Tag, "tags"),
            (Category, "categories"),
            (Series, "series"),
        ):
            count = (
                published.filter(**{relation: OuterRef("pk")})
                .values(relation)
                .annotate(n=Count("pk"))
                .values("n")
            )
            model.objects.update(post_count=Coalesce(Subquery(count), 0))
        latest = published.filter(series=OuterRef("pk")).order_by("-published_at")
        Series.objects.update(
            latest_post_at=Subquery(latest.values("published_at")[:1])
        )
        _refresh_months(published)
    _refresh_statistics()
    pagecache.invalidate()


def _refresh_statistics() -> None:
    """Let SQLite's planner know the tables' sizes (PostgreSQL's autovacuum does).

    Without statistics SQLite may sort the whole blog to find the front page's
    ten posts instead of walking the (sticky, published_at) index; ANALYZE takes
    a few milliseconds for ten thousand posts.
    """
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _refresh_months(published) -> None:
    zone = zoneinfo.ZoneInfo(pagecache.current_site_settings().time_zone)
    months = (
        published.annotate(month=TruncMonth("published_at", tzinfo=zone))
        .values("month")
        .annotate(n=Count("pk"))
    )
    rows = [
        MonthArchive(year=m["month"].year, month=m["month"].month, post_count=m["n"])
        for m in months
    ]
    MonthArchive.objects.all().delete()
    MonthArchive.objects.bulk_create(rows)
