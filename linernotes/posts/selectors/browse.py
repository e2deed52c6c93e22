"""The menu and the sidebar: pages, series, categories, tags and months."""

import calendar
import functools
from dataclasses import dataclass
from typing import NamedTuple

from django.db import connection
from django.db.models import Exists, OuterRef, QuerySet

from linernotes.core.db import column_list, table
from linernotes.core.routing import reverse_cached

from ..models import Category, MonthArchive, Page, Post, Series, Tag


def listed_series() -> QuerySet[Series]:
    """Series readers may know of: those with a public part. A series whose
    parts are all drafts or still to come is the writer's secret, like them."""
    public_part = Post.objects.published().filter(series=OuterRef("pk"))
    return Series.objects.filter(Exists(public_part))


class BrowseLink(NamedTuple):
    """One link of the menu or the sidebar, with its post count where shown."""

    url: str
    label: str
    count: int | None = None


@dataclass(frozen=True)
class BrowseIndex:
    """What every page's menu and sidebar list, from the stored counts."""

    pages: list[BrowseLink]
    series: list[BrowseLink]
    categories: list[BrowseLink]
    tags: list[BrowseLink]
    months: list[BrowseLink]


# The sidebar shows the 8 most recently active series, the 25 biggest tags and
# the 12 latest months. Each part keeps its own order and limit inside a
# sub-select; the outer ORDER BY keeps the parts apart and each part's order (its
# row number, "pos"). The counts are the stored ones, which count public posts
# only (``services.refresh_counts`` reads ``Post.objects.published()``), so no post
# condition is needed here. Built from the models' names only.
@functools.cache
def _browse_sql() -> str:
    """The menu and sidebar statement, built once per process."""

    def cols(model, *names: str) -> str:
        return column_list(model, names)

    page_order, page_title = cols(Page, "menu_order"), cols(Page, "title")
    count = "post_count"
    parts = [
        "SELECT * FROM (SELECT 0 AS kind, "  # noqa: S608 - our names
        f"ROW_NUMBER() OVER (ORDER BY {page_order}, {page_title}) AS pos, "
        f"{cols(Page, 'slug')}, {page_title} AS label, 0 AS n, 0 AS y, 0 AS m "
        f"FROM {table(Page)} WHERE {cols(Page, 'is_published')} "
        f"AND {cols(Page, 'show_in_menu')}) AS pages",
        f"SELECT * FROM (SELECT 1, ROW_NUMBER() OVER "  # noqa: S608 - our names
        f"(ORDER BY {cols(Series, 'latest_post_at')} DESC), "
        f"{cols(Series, 'slug', 'title', count)}, 0, 0 FROM {table(Series)} "
        f"WHERE {cols(Series, count)} > 0 "
        f"ORDER BY {cols(Series, 'latest_post_at')} DESC LIMIT 8) AS series",
        f"SELECT * FROM (SELECT 2, ROW_NUMBER() OVER "  # noqa: S608 - our names
        f"(ORDER BY {cols(Category, 'name')}), "
        f"{cols(Category, 'slug', 'name', count)}, 0, 0 FROM {table(Category)} "
        f"WHERE {cols(Category, count)} > 0) AS categories",
        f"SELECT * FROM (SELECT 3, ROW_NUMBER() OVER "  # noqa: S608 - our names
        f"(ORDER BY {cols(Tag, count)} DESC, {cols(Tag, 'name')}), "
        f"{cols(Tag, 'slug', 'name', count)}, 0, 0 FROM {table(Tag)} "
        f"WHERE {cols(Tag, count)} > 0 "
        f"ORDER BY {cols(Tag, count)} DESC, {cols(Tag, 'name')} LIMIT 25) AS tags",
        f"SELECT * FROM (SELECT 4, ROW_NUMBER() OVER "  # noqa: S608 - our names
        f"(ORDER BY {cols(MonthArchive, 'year')} DESC, "
        f"{cols(MonthArchive, 'month')} DESC), "
        f"'', '', {cols(MonthArchive, count, 'year', 'month')} "
        f"FROM {table(MonthArchive)} ORDER BY {cols(MonthArchive, 'year')} DESC, "
        f"{cols(MonthArchive, 'month')} DESC LIMIT 12) AS months",
    ]
    return " UNION ALL ".join(parts) + " ORDER BY 1, 2"


def browse_index() -> BrowseIndex:
    """The menu's pages and the sidebar's series, categories, tags and months.

    One hand-written statement instead of five ORM queries, for the reason
    ``post_navigation`` gives: on an uncached page, building the queries cost
    more than running them. The counts are the stored ones
    (``services.refresh_counts``).
    """
    with connection.cursor() as cursor:
        cursor.execute(_browse_sql())
        rows = cursor.fetchall()
    parts: dict[int, list[BrowseLink]] = {kind: [] for kind in range(5)}
    views = {0: "posts:page", 1: "posts:series_detail", 2: "posts:category"}
    views[3] = "posts:tag"
    for kind, _, slug, label, count, year, month in rows:
        if kind == 4:
            url = reverse_cached("posts:month", year=year, month=month)
            label = f"{calendar.month_name[month]} {year}"
        else:
            url = reverse_cached(views[kind], slug=slug)
        parts[kind].append(BrowseLink(url, label, count))
    return BrowseIndex(*(parts[kind] for kind in range(5)))
