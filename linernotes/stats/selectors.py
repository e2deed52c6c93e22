"""The last weeks of reading, for the desk home: views, likes and comments per
day, and the most read posts.

Views come from ``DailyViews`` (what the fold has moved in so far, at most one
fold interval behind); likes and comments are counted from their own rows, so
the three line up on the same days of the blog's calendar.
"""

import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Sum
from django.db.models.functions import TruncDate

from linernotes.comments.models import Comment
from linernotes.core.models import SiteSettings
from linernotes.likes.models import Like
from linernotes.posts.models import Post

from .models import DailyViews

CHART_HEIGHT = 100  # the SVG's drawing height; bars are scaled to it
BAR_WIDTH = 10  # the SVG's units per day (a bar and its gap)


@dataclass(frozen=True)
class ReadingDay:
    day: date
    views: int
    likes: int
    comments: int
    bar_x: int  # where the day's bar is drawn in the chart
    bar_y: float
    bar_height: float


@dataclass(frozen=True)
class ReadPost:
    post: Post
    views: int
    likes: int
    comments: int


@dataclass(frozen=True)
class Reading:
    days: list[ReadingDay]
    first_day: date
    last_day: date
    top_posts: list[ReadPost]
    total_views: int
    most_views: int
    chart_width: int
    chart_height: int


def reading_summary(
    site: SiteSettings, *, days: int = 30, today: date | None = None, top: int = 10
) -> Reading:
    """The last ``days`` days up to ``today`` (the blog's calendar), oldest first."""
    zone = zoneinfo.ZoneInfo(site.time_zone)
    today = today or datetime.now(zone).date()
    first = today - timedelta(days=days - 1)
    since = datetime.combine(first, time.min, tzinfo=zone)

    views = dict(
        DailyViews.objects.filter(day__gte=first, day__lte=today)
        .values_list("day")
        .annotate(total=Sum("views"))
        .order_by()
    )
    likes = _per_day(Like.objects.filter(created_at__gte=since), zone)
    comments = _per_day(Comment.objects.approved().filter(created_at__gte=since), zone)
    most = max(views.values(), default=0)
    rows = []
    for n in range(days):
        day = first + timedelta(days=n)
        count = views.get(day, 0)
        height = round(CHART_HEIGHT * count / most, 1) if most else 0
        rows.append(
            ReadingDay(
                day=day,
                views=count,
                likes=likes.get(day, 0),
                comments=comments.get(day, 0),
                bar_x=n * BAR_WIDTH,
                bar_y=CHART_HEIGHT - height,
                bar_height=height,
            )
        )
    return Reading(
        days=rows,
        first_day=first,
        last_day=today,
        top_posts=_most_read(first, today, since, top),
        total_views=sum(views.values()),
        most_views=most,
        chart_width=days * BAR_WIDTH,
        chart_height=CHART_HEIGHT,
    )


def _per_day(queryset, zone: zoneinfo.ZoneInfo) -> dict[date, int]:
    return dict(
        queryset.annotate(day=TruncDate("created_at", tzinfo=zone))
        .values_list("day")
        .annotate(n=Count("pk"))
        .order_by()
    )


def _most_read(first: date, last: date, since: datetime, top: int) -> list[ReadPost]:
    ranked = list(
        DailyViews.objects.filter(day__gte=first, day__lte=last, post__isnull=False)
        .values_list("post")
        .annotate(total=Sum("views"))
        .order_by("-total", "post")[:top]
    )
    ids = [post_id for post_id, _ in ranked]
    posts = Post.objects.only("title", "slug", "published_at", "created_at").in_bulk(
        ids
    )
    likes = dict(
        Like.objects.filter(
            post_id__in=ids, comment__isnull=True, created_at__gte=since
        )
        .values_list("post")
        .annotate(n=Count("pk"))
        .order_by()
    )
    comments = dict(
        Comment.objects.approved()
        .filter(post_id__in=ids, created_at__gte=since)
        .values_list("post")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [
        ReadPost(posts[pk], views, likes.get(pk, 0), comments.get(pk, 0))
        for pk, views in ranked
        if pk in posts
    ]
