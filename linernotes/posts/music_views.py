"""Pages that join the music catalogue with the posts about it: artists, releases
and years. They live in posts because the catalogue never imports posts."""

from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from linernotes.catalogue.models import Artist, Credit, Release, Track

from .models import Post
from .selectors import posts_about_artist, release_with_listing


@require_GET
def artist_index(request: HttpRequest) -> HttpResponse:
    artists = Artist.objects.annotate(
        release_count=Count("credits__release", distinct=True)
        + Count("credits__track__release", distinct=True)
    ).order_by("sort_name", "name")
    years = (
        Release.objects.exclude(year=None)
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )
    return render(
        request, "posts/artist_list.html", {"artists": artists, "years": list(years)}
    )


@require_GET
def artist_detail(request: HttpRequest, slug: str) -> HttpResponse:
    artist = get_object_or_404(Artist.objects.prefetch_related("aliases"), slug=slug)
    releases = (
        Release.objects.filter(
            Q(credits__artist=artist) | Q(tracks__credits__artist=artist)
        )
        .distinct()
        .order_by("year", "title")
    )
    tracks = (
        Track.objects.filter(credits__artist=artist)
        .select_related("release")
        .order_by("release__year", "release__title", "disc", "sort_order")
        .distinct()
    )
    context = {
        "artist": artist,
        "releases": releases,
        "tracks": tracks,
        "posts": posts_about_artist(artist),
    }
    return render(request, "posts/artist_detail.html", context)


@require_GET
def release_detail(request: HttpRequest, slug: str) -> HttpResponse:
    release = get_object_or_404(release_with_listing(), slug=slug)
    reviews = Post.objects.cards().filter(reviews__release=release).distinct()
    return render(
        request, "posts/release_detail.html", {"release": release, "posts": reviews}
    )


@require_GET
def year_detail(request: HttpRequest, year: int) -> HttpResponse:
    releases = list(
        Release.objects.for_year(year)
        .prefetch_related(
            Prefetch("credits", queryset=Credit.objects.select_related("artist"))
        )
        .order_by("title")
    )
    if not releases:
        raise Http404("No releases from that year yet.")
    reviews = Post.objects.cards().filter(reviews__release__year=year).distinct()
    return render(
        request,
        "posts/music_year.html",
        {"year": year, "releases": releases, "posts": reviews},
    )
