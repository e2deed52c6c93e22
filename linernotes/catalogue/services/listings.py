"""Pasted track listings: the one reading, the check before saving, and
saving one whole once the writer has decided every new artist."""

from collections.abc import Iterable, Sequence
from dataclasses import replace

from django.db import transaction

from linernotes.core.exceptions import LinerNotesError

from .. import names
from ..events import catalogue_changed
from ..models import (
    MergeSuggestion,
    Release,
    Track,
)
from ..tracklist import ListingOptions, ParsedListing, parse_tracklist, split_artists
from .artists import known_artist_names
from .releases import CreditName, TrackRow, _credit, _update_tracks, create_release


class ListingInvalid(LinerNotesError):
    """A track listing cannot be saved as it is; ``problems`` says why, line by line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def read_listing(
    *,
    text: str,
    options: ListingOptions | None = None,
    with_catalogue: bool = True,
    known: Sequence[str] | None = None,
) -> ParsedListing:
    """The one reading of a pasted listing: the admin's preview, its save and
    the ``tracklist`` command all call this, so they agree.

    ``options`` are the writer's choices (order, lines read as headings or as
    tracks); raises TracklistError for text that is not a listing at all.
    ``known`` is ``known_artist_names()`` when the caller has read it already
    (one read per request); otherwise it is read here.
    """
    if known is None:
        known = known_artist_names() if with_catalogue else []
    return parse_tracklist(
        text, known_artists=known, **(options or ListingOptions()).as_kwargs()
    )


def check_listing(listing: ParsedListing) -> None:
    """Refuse a listing that cannot be saved whole: no tracks, or a position twice."""
    problems = []
    if not listing.tracks:
        problems.append("No tracks were recognised in the listing.")
    seen: dict[tuple, int] = {}
    for track in listing.tracks:
        key = (track.disc or 1, track.position)
        if track.position and key in seen:
            problems.append(
                f"Line {track.line_no}: position {track.position} is already used "
                f"on line {seen[key]}."
            )
        seen.setdefault(key, track.line_no)
    if problems:
        raise ListingInvalid(problems)


@transaction.atomic
def set_tracks_from_listing(
    *,
    release: Release,
    text: str = "",
    order: str | None = None,
    listing: ParsedListing | None = None,
) -> list[Track]:
    """Make the release's tracks those parsed from ``text``, or change nothing.

    Pass ``listing`` instead to save a reading already shown and validated
    (the admin does), so what is saved is exactly what the writer saw.
    The whole listing is checked first; a problem raises ListingInvalid and no
    track is written, so a release never holds half a listing. Tracks are
    updated in place (``_update_tracks``), so a re-pasted listing that fixes a
    typo keeps a review's standout tracks and the ``#track-<id>`` links in posts.
    """
    if listing is None:
        listing = read_listing(text=text, options=ListingOptions(order=order))
    check_listing(listing)
    positions = _positions(listing)
    rows = [
        TrackRow(
            disc=parsed.disc or 1,
            position=position,
            title=parsed.title,
            duration_seconds=parsed.duration_seconds,
            writers=parsed.writers[: Track._meta.get_field("writers").max_length],
        )
        for position, parsed in zip(positions, listing.tracks, strict=True)
    ]
    tracks = _update_tracks(release=release, rows=rows)
    for track, parsed in zip(tracks, listing.tracks, strict=True):
        credits = [CreditName(a.name, a.join) for a in parsed.artists]
        _credit(track=track, credits=credits)
    catalogue_changed(release_ids=[release.pk])
    return tracks


def _positions(listing: ParsedListing) -> list[str]:
    """Each track's position; one the listing did not number gets its place in
    the listing, or the next number no other track on its disc uses."""
    used = {(t.disc or 1, t.position) for t in listing.tracks if t.position}
    positions = []
    for index, track in enumerate(listing.tracks, start=1):
        position, number = track.position, index
        while not position:
            if (track.disc or 1, str(number)) not in used:
                position = str(number)
                used.add((track.disc or 1, position))
            number += 1
        positions.append(position)
    return positions


def new_artist_names(
    names_: Iterable[str], *, known: Iterable[str] | None = None
) -> list[str]:
    """The names, in first-seen order, that no artist or alias answers to: saving
    them would create artists, which the writer confirms first. ``known`` is
    ``known_artist_names()`` if the caller has it already."""
    if known is None:
        known = known_artist_names()
    keys = {names.normalise(name) for name in known}
    found: dict[str, str] = {}
    for name in names_:
        key = names.normalise(name)
        if key and key not in keys and key not in found:
            found[key] = name.strip()
    return list(found.values())


def listing_artist_names(listing: ParsedListing) -> list[str]:
    """Every artist name the listing credits, repeats included."""
    return [artist.name for track in listing.tracks for artist in track.artists]


def spell_artists(listing: ParsedListing, spellings: dict[str, str]) -> ParsedListing:
    """The listing with each name in ``spellings`` written as the writer chose
    (a misspelling replaced by the catalogue's artist it meant)."""
    if not spellings:
        return listing
    tracks = tuple(
        replace(
            track,
            artists=tuple(
                replace(artist, name=spellings.get(artist.name, artist.name))
                for artist in track.artists
            ),
        )
        for track in listing.tracks
    )
    return replace(listing, tracks=tracks)


@transaction.atomic
def save_listing(
    *,
    listing: ParsedListing,
    spellings: dict[str, str],
    release: Release | None = None,
    title: str = "",
    artist: str = "",
    kind: str = Release.Kind.ALBUM,
    year: int | None = None,
    known: Sequence[str] | None = None,
) -> Release:
    """Give a release (the one named, or a new one) the tracks and credits of a
    pasted listing, once the writer has decided every new artist.

    ``spellings`` maps each name the catalogue does not know to the name to
    credit: itself (a new artist, confirmed) or an existing artist's (the merge
    the writer accepted). A new name left undecided raises ListingInvalid and
    nothing is written: artists are never created behind the writer's back.
    A name kept as new answers the merges its near spellings would suggest.
    ``known`` is ``known_artist_names()`` if the caller has read it already.
    """
    if known is None:
        known = known_artist_names()
    release_credits = split_artists(artist, known) if artist else ()
    names_ = [*listing_artist_names(listing), *(a.name for a in release_credits)]
    undecided = [
        name for name in new_artist_names(names_, known=known) if name not in spellings
    ]
    if undecided:
        raise ListingInvalid(
            [
                f"Confirm the new artist “{name}” or choose who it is."
                for name in undecided
            ]
        )
    listing = spell_artists(listing, spellings)
    check_listing(listing)
    if release is None:
        release = create_release(
            title=title,
            kind=kind,
            year=year,
            artists=[
                CreditName(spellings.get(a.name, a.name), a.join)
                for a in release_credits
            ],
        )
    set_tracks_from_listing(release=release, listing=listing)
    # A name the writer kept as a new artist, with near spellings offered, is
    # their answer to those merges: not asked again in the merge list.
    kept_apart = [name for name, chosen in spellings.items() if name == chosen]
    MergeSuggestion.objects.filter(
        duplicate_name__in=kept_apart, status=MergeSuggestion.Status.PENDING
    ).update(status=MergeSuggestion.Status.REJECTED)
    return release
