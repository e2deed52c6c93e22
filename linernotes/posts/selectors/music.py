"""Reads joining the music catalogue with posts: releases, artists, names."""

from django.db.models import Prefetch, Q

from linernotes.catalogue.models import Artist, Credit, Release, Track
from linernotes.catalogue.names import find_near_mentions

from ..models import Post


def release_with_listing():
    """Releases with their credits and their tracks' credits. Four queries."""
    credits = Credit.objects.select_related("artist").order_by("position")
    return Release.objects.prefetch_related(
        Prefetch("credits", queryset=credits),
        Prefetch(
            "tracks",
            queryset=Track.objects.order_by("disc", "sort_order").prefetch_related(
                Prefetch("credits", queryset=credits)
            ),
        ),
    )


def posts_about_artist(artist: Artist):
    """Published posts that review the artist's releases or mention the artist."""
    reviewed = Q(reviews__release__credits__artist=artist) | Q(
        reviews__release__tracks__credits__artist=artist
    )
    return (
        Post.objects.cards().filter(reviewed | Q(mentioned_artists=artist)).distinct()
    )


def name_warnings(post: Post) -> list:
    """Names in the body that nearly match an artist or track of a reviewed release
    ("Hearts of Fire" against "Hearts on Fire"), each with the suggested spelling.

    Only reported to the writer; the text is never changed here.
    """
    releases = Release.objects.filter(reviews__post=post)
    artists = Artist.objects.filter(
        Q(credits__release__in=releases) | Q(credits__track__release__in=releases)
    ).values_list("name", flat=True)
    tracks = Track.objects.filter(release__in=releases).values_list("title", flat=True)
    known = set(artists) | set(tracks)
    return find_near_mentions(post.body_text, known) if known else []
