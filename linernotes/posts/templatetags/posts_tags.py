"""Template tags for blog pages: the menu, the sidebar and a post's JSON-LD."""

from django import template
from django.http import HttpRequest

from linernotes.core.site import site_settings

from .. import selectors
from ..models import Post

register = template.Library()


@register.inclusion_tag("posts/_menu.html", takes_context=True)
def site_menu(context: template.Context) -> dict:
    return {"pages": _browse_index(context).pages}


@register.inclusion_tag("posts/_sidebar.html", takes_context=True)
def sidebar(context: template.Context) -> dict:
    """The stored counts (services.refresh_counts), read with the menu in one go."""
    index = _browse_index(context)
    return {
        "series_list": index.series,
        "categories": index.categories,
        "tags": index.tags,
        "months": index.months,
    }


def _browse_index(context: template.Context) -> selectors.BrowseIndex:
    """One read per page for the menu and the sidebar together."""
    request = context.get("request")
    index = getattr(request, "_linernotes_browse_index", None)
    if index is None:
        index = selectors.browse_index()
        if request is not None:
            request._linernotes_browse_index = index
    return index


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
        "publisher": {"@type": "Organization", "name": site_settings().title},
        "description": post.summary,
        "keywords": [tag.name for tag in context["terms"].tags],
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


@register.filter
def cover_srcset(post: Post) -> str:
    """Every stored rendition of the cover as ``srcset``: the thumbnails
    ``make_cover_thumbnails`` wrote and the original, so the browser picks the
    smallest that fills the space (no rendition is made here)."""
    from django.core.files.storage import default_storage

    if not post.cover:
        return ""
    sizes = sorted(
        (int(k), v["name"]) for k, v in post.cover_thumbnails.items() if k.isdigit()
    )
    candidates = [f"{default_storage.url(name)} {size}w" for size, name in sizes]
    width = post.cover_thumbnails.get("width")
    if width:
        candidates.append(f"{post.cover.url} {int(width)}w")
    return ", ".join(candidates)


@register.filter
def cover_is_wide(post: Post) -> bool:
    """A cover at least half as wide again as it is tall is a picture to show
    wide; anything squarer is a sleeve, shown whole."""
    width = post.cover_thumbnails.get("width") or 0
    height = post.cover_thumbnails.get("height") or 0
    return bool(height) and width >= 1.5 * height


@register.filter
def sleeve(obj) -> str:
    """One of six colour classes for a cover-less item, steady per object."""
    return f"sleeve-{(getattr(obj, 'pk', 0) or 0) % 6}"
