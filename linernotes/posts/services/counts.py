"""Counts kept beside the posts, so reading pages needs no aggregates."""

import zoneinfo

from django.db import connection, transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce, TruncMonth

from linernotes.core import pagecache
from linernotes.core.site import site_settings

from ..models import Attachment, Category, MonthArchive, Post, Review, Series, Tag


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
    zone = zoneinfo.ZoneInfo(site_settings().time_zone)
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


def refresh_post_extras(*, post: Post) -> None:
    """Store how many attachments and reviews the post has.

    Most posts have neither, and the post page loads each only when its count
    says there is something to load: two queries fewer on a typical page. Call
    after every write that adds or removes one (``save_attachment``,
    ``review_release``, the admin's inlines), so a count is never 0 while rows
    exist; a count too high only costs a query that finds nothing.
    """
    post.attachment_count = Attachment.objects.filter(post=post).count()
    post.review_count = Review.objects.filter(post=post).count()
    Post.objects.filter(pk=post.pk).update(
        attachment_count=post.attachment_count, review_count=post.review_count
    )
