"""Pages that join the music catalogue with the posts about it: artists, releases
and years. They live in posts because the catalogue never imports posts.

Their post lists show readable posts only (``access.readable_q``): a music page
is about what the posts say. Their catalogue lists leave out what only unread-
able posts refer to (``selectors.listed_releases`` / ``listed_artists``).
"""

from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from linernotes.catalogue.models import (
    Artist,
    ArtistAlias,
    ArtistSlugRedirect,
    Credit,
    Release,
    Track,
)
from linernotes.core.middleware import carries_session, mark_private
from linernotes.core.slugs import base_slug

from .access import readable_q
from .models import Post
from .selectors import (
    listed_artists,
    listed_releases,
    posts_about_artist,
    release_with_listing,
    with_release_counts,
)


@require_GET
def artist_index(request: HttpRequest) -> HttpResponse:
    artists = with_release_counts(listed_artists()).order_by("sort_name", "name")
    years = (
        listed_releases()
        .exclude(year=None)
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )
    return render(
        request, "posts/artist_list.html", {"artists": artists, "years": list(years)}
    )


def _previewer(request: HttpRequest, model: str) -> bool:
    """Whether the reader may see a catalogue entry readers cannot (the desk's
    "View on site" for an artist only a draft reviews): the writers who may
    change it, on a private response only."""
    return carries_session(request) and request.user.has_perm(
        f"catalogue.change_{model}"
    )


@require_GET
def artist_detail(request: HttpRequest, slug: str) -> HttpResponse:
    artist = listed_artists().prefetch_related("aliases").filter(slug=slug).first()
    if artist is None and _previewer(request, "artist"):
        artist = Artist.objects.prefetch_related("aliases").filter(slug=slug).first()
        if artist is not None:
            return mark_private(_artist_page(request, artist, preview=True))
    if artist is None:
        return _alias_redirect(slug)
    return _artist_page(request, artist)


def _artist_page(
    request: HttpRequest, artist: Artist, preview: bool = False
) -> HttpResponse:
    shown = Release.objects.all() if preview else listed_releases()
    releases = (
        shown.filter(Q(credits__artist=artist) | Q(tracks__credits__artist=artist))
        .distinct()
        .order_by("year", "title")
    )
    tracks = (
        Track.objects.filter(credits__artist=artist, release__in=shown)
        .select_related("release")
        .order_by("release__year", "release__title", "disc", "sort_order")
        .distinct()
    )
    context = {
        "artist": artist,
        "releases": releases,
        "tracks": tracks,
        "posts": posts_about_artist(artist).filter(readable_q()),
        "preview": preview,
    }
    return render(request, "posts/artist_detail.html", context)


def _alias_redirect(slug: str) -> HttpResponse:
    """An artist's former slug (changed, or the artist merged away) and a
    confirmed alias's address answer 301 to the artist they now name; anything
    else is a 404.

    Aliases keep no slug, so the slug is compared with each alias name's own;
    this runs only for an address no artist has, and aliases are few.
    """
    moved = ArtistSlugRedirect.objects.filter(
        old_slug=slug, artist__in=listed_artists()
    ).values_list("artist__slug", flat=True)
    if artist_slug := moved.first():
        return redirect("posts:artist", slug=artist_slug, permanent=True)
    aliases = ArtistAlias.objects.filter(artist__in=listed_artists())
    for name, artist_slug in aliases.values_list("name", "artist__slug"):
        if base_slug(name, fallback="") == slug:
            return redirect("posts:artist", slug=artist_slug, permanent=True)
    raise Http404("No such artist.")


@require_GET
def release_detail(request: HttpRequest, slug: str) -> HttpResponse:
    preview = _previewer(request, "release")
    releases = release_with_listing()
    if not preview:
        releases = releases.filter(pk__in=listed_releases())
    release = get_object_or_404(releases, slug=slug)
    preview = preview and not listed_releases().filter(pk=release.pk).exists()
    reviews = _readable_cards().filter(reviews__release=release).distinct()
    context = {"release": release, "posts": reviews, "preview": preview}
    response = render(request, "posts/release_detail.html", context)
    return mark_private(response) if preview else response


@require_GET
def year_detail(request: HttpRequest, year: int) -> HttpResponse:
    releases = list(
        listed_releases()
        .for_year(year)
        .prefetch_related(
            Prefetch("credits", queryset=Credit.objects.select_related("artist"))
        )
        .order_by("title")
    )
    if not releases:
        raise Http404("No releases from that year yet.")
    reviews = _readable_cards().filter(reviews__release__year=year).distinct()
    return render(
        request,
        "posts/music_year.html",
        {"year": year, "releases": releases, "posts": reviews},
    )


def _readable_cards():
    return Post.objects.cards().filter(readable_q())
