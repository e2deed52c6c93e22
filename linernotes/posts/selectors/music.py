"""Reads joining the music catalogue with posts: releases, artists, names.

The catalogue is shared reference data, but what a writer is about to review
must not show before the review does. So a release or an artist is listed when
a readable post refers to it, or when no post refers to it at all (entered in
the catalogue for its own sake); one that only drafts, scheduled, private or
locked posts refer to is left out of every music page (decision 0019).
"""

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce

from linernotes.catalogue.models import Artist, Credit, Release, Track
from linernotes.catalogue.names import find_near_mentions

from ..access import readable_q
from ..models import Post, Review


def _hidden_from(readable_ref: Q, hidden_ref: Q) -> Q:
    """Referred to by a post readers may not read, and by no post they may."""
    return hidden_ref & ~readable_ref


def listed_releases():
    """Releases a music page may show (see the module's docstring)."""
    readable = Review.objects.filter(readable_q("post__")).values("release_id")
    unreadable = Review.objects.exclude(readable_q("post__")).values("release_id")
    return Release.objects.exclude(
        _hidden_from(Q(pk__in=readable), Q(pk__in=unreadable))
    )


def _artists_referred_to_by(posts) -> Q:
    """Artists credited on a release (or its tracks) these posts review, or named
    in their bodies."""
    releases = Review.objects.filter(post__in=posts).values("release_id")
    credited = Credit.objects.filter(
        Q(release_id__in=releases) | Q(track__release_id__in=releases)
    ).values("artist_id")
    mentioned = Post.mentioned_artists.through.objects.filter(post__in=posts)
    return Q(pk__in=credited) | Q(pk__in=mentioned.values("artist_id"))


def listed_artists():
    """Artists a music page may show (see the module's docstring)."""
    readable = _artists_referred_to_by(Post.objects.filter(readable_q()))
    unreadable = _artists_referred_to_by(Post.objects.exclude(readable_q()))
    return Artist.objects.exclude(_hidden_from(readable, unreadable))


def with_release_counts(artists):
    """``artists`` annotated with ``release_count``: the listed releases they are
    credited on, for the whole release or a track, each release counted once.

    Counted from the artist's own credits (an indexed look-up per artist), not
    by testing every release against every artist.
    """
    release = Coalesce("release_id", "track__release_id")
    credited = (
        Credit.objects.filter(artist=OuterRef("pk"))
        .annotate(credited_release=release)
        .filter(credited_release__in=listed_releases().values("pk"))
        .order_by()
        .values("artist")
        .annotate(n=Count("credited_release", distinct=True))
        .values("n")
    )
    return artists.annotate(release_count=Coalesce(Subquery(credited), 0))


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
    """Public posts that review the artist's releases or mention the artist (the
    music pages keep the readable ones; the artist's feed lists them all)."""
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
