"""Reading counted per day: how many times each post (and the home page) was read.

One row per day and page, written only by the fold (``services.fold_views``),
never by a reader's request. Nothing about the reader is kept: no address, no
cookie, no browser, only the number.
"""

from django.db import models
from django.db.models import Q

from linernotes.posts.models import Post


class DailyViews(models.Model):
    """Views of one post on one day (in the blog's time zone); ``post`` empty
    means the home page."""

    day = models.DateField()
    post = models.ForeignKey(
        Post, null=True, blank=True, related_name="+", on_delete=models.CASCADE
    )
    views = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "daily views"
        verbose_name_plural = "daily views"
        constraints = [
            models.UniqueConstraint(
                fields=["day", "post"],
                condition=Q(post__isnull=False),
                name="stats_dailyviews_one_row_per_post_day",
            ),
            models.UniqueConstraint(
                fields=["day"],
                condition=Q(post__isnull=True),
                name="stats_dailyviews_one_home_row_per_day",
            ),
        ]
        indexes = [models.Index(fields=["day"], name="stats_dailyviews_day")]

    def __str__(self) -> str:
        return f"{self.day}: {self.views} views"
