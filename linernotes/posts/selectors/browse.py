"""The menu and the sidebar: pages, series, categories, tags and months."""

import calendar
from dataclasses import dataclass
from typing import NamedTuple

from django.db import connection

from linernotes.core.routing import reverse_cached


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
# row number, "pos"). Built from constants only.
_BROWSE_PARTS = [
    "SELECT * FROM (SELECT 0 AS kind, "
    "ROW_NUMBER() OVER (ORDER BY menu_order, title) AS pos, slug, title AS label, "
    "0 AS n, 0 AS y, 0 AS m FROM posts_page "
    "WHERE is_published AND show_in_menu) AS pages",
    "SELECT * FROM (SELECT 1, ROW_NUMBER() OVER (ORDER BY latest_post_at DESC), "
    "slug, title, post_count, 0, 0 FROM posts_series WHERE post_count > 0 "
    "ORDER BY latest_post_at DESC LIMIT 8) AS series",
    "SELECT * FROM (SELECT 2, ROW_NUMBER() OVER (ORDER BY name), slug, name, "
    "post_count, 0, 0 FROM posts_category WHERE post_count > 0) AS categories",
    "SELECT * FROM (SELECT 3, ROW_NUMBER() OVER (ORDER BY post_count DESC, name), "
    "slug, name, post_count, 0, 0 FROM posts_tag WHERE post_count > 0 "
    "ORDER BY post_count DESC, name LIMIT 25) AS tags",
    "SELECT * FROM (SELECT 4, ROW_NUMBER() OVER (ORDER BY year DESC, month DESC), "
    "'', '', post_count, year, month FROM posts_montharchive "
    "ORDER BY year DESC, month DESC LIMIT 12) AS months",
]


_BROWSE_SQL = " UNION ALL ".join(_BROWSE_PARTS) + " ORDER BY 1, 2"


def browse_index() -> BrowseIndex:
    """The menu's pages and the sidebar's series, categories, tags and months.

    One hand-written statement instead of five ORM queries, for the reason
    ``post_navigation`` gives: on an uncached page, building the queries cost
    more than running them. The counts are the stored ones
    (``services.refresh_counts``).
    """
    with connection.cursor() as cursor:
        cursor.execute(_BROWSE_SQL)
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
