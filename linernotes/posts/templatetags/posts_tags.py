"""Template tags for blog pages: the menu, the sidebar and a post's JSON-LD."""

import calendar
from typing import NamedTuple

from django import template
from django.db.models import QuerySet
from django.http import HttpRequest

from linernotes.core.pagecache import current_site_settings
from linernotes.core.routing import reverse_cached

from ..models import Category, MonthArchive, Page, Post, Series, Tag

register = template.Library()
SIDEBAR_SERIES = 8
SIDEBAR_MONTHS = 12


@register.inclusion_tag("posts/_menu.html")
def site_menu() -> dict:
    pages = Page.objects.published().filter(show_in_menu=True)
    return {"pages": _links(pages, "posts:page", "title")}


@register.inclusion_tag("posts/_sidebar.html")
def sidebar() -> dict:
    """Four small reads of stored counts (services.refresh_counts).

    Rows are read as values, not model instances: building ~60 instances would
    cost more than the four queries themselves.
    """
    series = Series.objects.filter(post_count__gt=0).order_by("-latest_post_at")
    months = MonthArchive.objects.values_list("year", "month", "post_count")
    return {
        "series_list": _links(series[:SIDEBAR_SERIES], "posts:series_detail", "title"),
        "categories": _links(
            Category.objects.filter(post_count__gt=0),
            "posts:category",
            "name",
            counted=True,
        ),
        "tags": _links(
            Tag.objects.filter(post_count__gt=0).order_by("-post_count", "name")[:25],
            "posts:tag",
            "name",
        ),
        "months": [
            SidebarLink(
                reverse_cached("posts:month", year=year, month=month),
                f"{calendar.month_name[month]} {year}",
                count,
            )
            for year, month, count in months[:SIDEBAR_MONTHS]
        ],
    }


class SidebarLink(NamedTuple):
    url: str
    label: str
    count: int | None = None


def _links(
    rows: QuerySet, viewname: str, label: str, *, counted: bool = False
) -> list[SidebarLink]:
    """Each row's link and name, and its post count when ``counted``."""
    fields = ["slug", label, "post_count"] if counted else ["slug", label]
    return [
        SidebarLink(reverse_cached(viewname, slug=slug), name, *count)
        for slug, name, *count in rows.values_list(*fields)
    ]


@register.simple_tag(takes_context=True)
def post_json_ld(context: dict, post: Post) -> dict:
    """schema.org BlogPosting for a post, with absolute URLs on this host."""
    request: HttpRequest = context["request"]
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": post.title,
        "url": request.build_absolute_uri(post.get_absolute_url()),
        "mainEntityOfPage": request.build_absolute_uri(post.get_absolute_url()),
        "datePublished": post.published_at.isoformat() if post.published_at else None,
        "dateModified": post.updated_at.isoformat(),
        "author": {
            "@type": "Person",
            "name": post.author.public_name,
            "url": request.build_absolute_uri(post.author.get_absolute_url()),
        },
        "publisher": {"@type": "Organization", "name": current_site_settings().title},
        "description": post.summary,
        "keywords": [tag.name for tag in post.tags.all()],
    }
    if post.series_id:
        data["isPartOf"] = {"@type": "CreativeWorkSeries", "name": post.series.title}
    if post.cover:
        data["image"] = request.build_absolute_uri(post.cover.url)
    return data


@register.filter
def thumbnail_url(post: Post, width: int) -> str:
    """The smallest cover thumbnail at least ``width`` wide, else the cover."""
    from django.core.files.storage import default_storage

    sizes = sorted(
        (int(k), v["name"]) for k, v in post.cover_thumbnails.items() if k.isdigit()
    )
    for size, name in sizes:
        if size >= int(width):
            return default_storage.url(name)
    return post.cover.url if post.cover else ""


def _iso_duration(seconds: int | None) -> str | None:
    if seconds is None:
        return None
    minutes, secs = divmod(seconds, 60)
    return f"PT{minutes}M{secs}S"


def _by_artist(credits) -> list[dict]:
    return [{"@type": "MusicGroup", "name": credit.name} for credit in credits]


@register.simple_tag(takes_context=True)
def release_json_ld(context: dict, release) -> dict:
    """schema.org MusicAlbum with a MusicRecording per track."""
    request: HttpRequest = context["request"]
    data = {
        "@context": "https://schema.org",
        "@type": "MusicAlbum",
        "name": release.title,
        "url": request.build_absolute_uri(release.get_absolute_url()),
        "byArtist": _by_artist(release.credits.all()),
        "numTracks": len(release.tracks.all()),
        "track": [
            {
                "@type": "MusicRecording",
                "position": index,
                "name": track.title,
                "duration": _iso_duration(track.duration_seconds),
                "byArtist": _by_artist(track.credits.all()),
            }
            for index, track in enumerate(release.tracks.all(), start=1)
        ],
    }
    if release.year:
        data["datePublished"] = str(release.year)
    if release.kind == "soundtrack":
        data["albumProductionType"] = "https://schema.org/SoundtrackAlbum"
    return data
