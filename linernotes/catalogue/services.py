"""The only code that writes the catalogue: artists, merges, releases, listings."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction

from linernotes.core import slugs
from linernotes.core.exceptions import LinerNotesError

from . import musicbrainz, names
from .events import catalogue_changed
from .models import (
    Artist,
    ArtistAlias,
    ArtistSlugRedirect,
    Credit,
    MergeSuggestion,
    Release,
    Track,
)
from .tracklist import ListingOptions, ParsedListing, parse_tracklist


class ListingInvalid(LinerNotesError):
    """A track listing cannot be saved as it is; ``problems`` says why, line by line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class CreditName:
    name: str
    join_phrase: str = ""


def unique_slug(text: str, model: type, exclude_pk: int | None = None) -> str:
    """A readable slug not yet used by ``model``."""
    return slugs.unique_slug(
        text, model, exclude_pk=exclude_pk, fallback=model.__name__.lower()
    )


@transaction.atomic
def resolve_artist(
    *, name: str, sort_name: str = "", musicbrainz_id: str = ""
) -> Artist:
    """The artist this name means, created if new.

    A name matches leniently (case, accents, "The", "&"/"and") and through
    confirmed aliases. A new artist whose name nearly matches an existing one
    ("Vinnie DiCola" beside "Vince DiCola") is created, and a merge is suggested
    to the writer rather than decided here.
    """
    name = name.strip()
    if musicbrainz_id and (
        known := Artist.objects.filter(musicbrainz_id=musicbrainz_id).first()
    ):
        return known
    if existing := Artist.objects.named(name).first():
        if musicbrainz_id and not existing.musicbrainz_id:
            existing.musicbrainz_id = musicbrainz_id
            existing.save()
        return existing
    artist = Artist(
        name=name, sort_name=sort_name, musicbrainz_id=musicbrainz_id or None
    )
    artist.slug = unique_slug(name, Artist)
    artist.save()
    suggest_merges(artist=artist)
    return artist


def suggest_merges(*, artist: Artist) -> list[MergeSuggestion]:
    """Record a pending suggestion for each existing artist this one nearly matches."""
    others = {
        a.name: a for a in Artist.objects.exclude(pk=artist.pk).only("pk", "name")
    }
    rejected = set(
        MergeSuggestion.objects.filter(
            status=MergeSuggestion.Status.REJECTED, duplicate_name=artist.name
        ).values_list("artist_id", flat=True)
    )
    suggestions = []
    for match in names.near_misses(artist.name, others):
        target = others[match.name]
        if target.pk in rejected:
            continue
        suggestion, _ = MergeSuggestion.objects.get_or_create(
            artist=target,
            duplicate_name=artist.name,
            defaults={"duplicate": artist, "reason": f"spelled like “{target.name}”"},
        )
        suggestions.append(suggestion)
    return suggestions


@transaction.atomic
def confirm_merge(*, suggestion: MergeSuggestion) -> Artist:
    """Fold the duplicate into the artist; its name becomes an alias."""
    artist, duplicate = suggestion.artist, suggestion.duplicate
    if duplicate is not None and duplicate.pk != artist.pk:
        Credit.objects.filter(artist=duplicate).update(artist=artist)
        ArtistAlias.objects.filter(artist=duplicate).update(artist=artist)
        if not artist.musicbrainz_id and duplicate.musicbrainz_id:
            artist.musicbrainz_id, duplicate.musicbrainz_id = (
                duplicate.musicbrainz_id,
                None,
            )
            duplicate.save()
            artist.save()
        MergeSuggestion.objects.filter(artist=duplicate).update(artist=artist)
        ArtistSlugRedirect.objects.filter(artist=duplicate).update(artist=artist)
        ArtistSlugRedirect.objects.update_or_create(
            old_slug=duplicate.slug, defaults={"artist": artist}
        )
        duplicate.delete()
    add_alias(artist=artist, name=suggestion.duplicate_name)
    suggestion.duplicate = None
    suggestion.status = MergeSuggestion.Status.CONFIRMED
    suggestion.save()
    catalogue_changed(artist_ids=[artist.pk])
    return artist


def reject_merge(*, suggestion: MergeSuggestion) -> None:
    """Remember that these are different artists, so the pair is not offered again."""
    suggestion.status = MergeSuggestion.Status.REJECTED
    suggestion.save()


def add_alias(*, artist: Artist, name: str) -> ArtistAlias | None:
    """Make ``name`` resolve to ``artist`` everywhere (nothing if it already does)."""
    if names.normalise(name) == artist.name_key:
        return None
    alias, _ = ArtistAlias.objects.update_or_create(
        name_key=names.normalise(name), defaults={"artist": artist, "name": name}
    )
    return alias


def known_artist_names() -> list[str]:
    """Every name the catalogue knows an artist by: names and aliases.

    The parser uses them to find which side of a line holds the artist and
    to keep a known name whole, so every caller reads a listing alike.
    """
    artists = Artist.objects.values_list("name", flat=True)
    aliases = ArtistAlias.objects.values_list("name", flat=True)
    return [*artists, *aliases]


def read_listing(
    *, text: str, options: ListingOptions | None = None, with_catalogue: bool = True
) -> ParsedListing:
    """The one reading of a pasted listing: the admin's preview, its save and
    the ``tracklist`` command all call this, so they agree.

    ``options`` are the writer's choices (order, lines read as headings or as
    tracks); raises TracklistError for text that is not a listing at all.
    """
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
def create_release(
    *,
    title: str,
    kind: str = Release.Kind.ALBUM,
    year: int | None = None,
    label: str = "",
    film: str = "",
    artists: Sequence[CreditName] = (),
    catalogue_number: str = "",
    musicbrainz_id: str | None = None,
) -> Release:
    """A release with its own credit line ("Various Artists" may be left empty)."""
    release = Release(
        title=title,
        kind=kind,
        year=year,
        label=label,
        film=film,
        catalogue_number=catalogue_number,
        musicbrainz_id=musicbrainz_id,
    )
    release.slug = unique_slug(f"{title} {year or ''}".strip(), Release)
    release.save()
    _credit(release=release, credits=artists)
    return release


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


@dataclass(frozen=True)
class TrackRow:
    """One track as a listing or MusicBrainz gives it, before it is stored."""

    disc: int
    position: str
    title: str
    duration_seconds: int | None = None
    musicbrainz_id: str | None = None
    writers: str = ""


def _same_recording(track: Track, row: TrackRow) -> bool:
    return (
        bool(row.musicbrainz_id)
        and str(track.musicbrainz_id).casefold() == str(row.musicbrainz_id).casefold()
    )


def _same_title_and_place(track: Track, row: TrackRow) -> bool:
    return _same_title(track, row) and _same_place(track, row)


def _same_title(track: Track, row: TrackRow) -> bool:
    return track.title.strip().casefold() == row.title.strip().casefold()


def _same_place(track: Track, row: TrackRow) -> bool:
    return (track.disc, track.position) == (row.disc, row.position)


_MATCHES = (_same_recording, _same_title_and_place, _same_title, _same_place)


def _update_tracks(*, release: Release, rows: Sequence[TrackRow]) -> list[Track]:
    """Store ``rows`` as the release's tracks, keeping each existing row that one
    matches, so its id (in posts' ``#track-<id>`` links) and the reviews'
    standout marks survive; returns the tracks in ``rows`` order, their credits
    cleared for the caller to write.

    A row keeps the track with the same recording, else the same title (a
    track moved by an insertion above it), else the same disc and position (a
    fixed typo); tracks no row kept are deleted. Kept tracks that move step
    aside first, as two may swap places under the one-track-per-position rule.
    """
    unmatched = {track.pk: track for track in release.tracks.all()}
    kept: list[Track | None] = [None] * len(rows)
    for matches in _MATCHES:
        for index, row in enumerate(rows):
            if kept[index] is not None:
                continue
            pk = next((pk for pk, t in unmatched.items() if matches(t, row)), None)
            if pk is not None:
                kept[index] = unmatched.pop(pk)
    Track.objects.filter(pk__in=list(unmatched)).delete()
    moving = [
        track
        for track, row in zip(kept, rows, strict=True)
        if track is not None and not _same_place(track, row)
    ]
    for number, track in enumerate(moving):
        track.position = f"~{number}"
    Track.objects.bulk_update(moving, ["position"])
    tracks = []
    for index, (track, row) in enumerate(zip(kept, rows, strict=True), start=1):
        track = track or Track(release=release)
        track.disc, track.position, track.sort_order = row.disc, row.position, index
        track.title, track.duration_seconds = row.title, row.duration_seconds
        track.writers = row.writers
        track.musicbrainz_id = row.musicbrainz_id or track.musicbrainz_id
        tracks.append(track)
    stored = [track for track in tracks if track.pk]
    Track.objects.bulk_update(
        stored,
        ["disc", "position", "sort_order", "title", "duration_seconds",
         "writers", "musicbrainz_id"],
    )  # fmt: skip
    Credit.objects.filter(track__in=stored).delete()
    for track in tracks:
        if not track.pk:
            track.save()
    return tracks


def _credit(
    *,
    credits: Iterable[CreditName],
    release: Release | None = None,
    track: Track | None = None,
) -> None:
    for position, credit in enumerate(credits):
        artist = resolve_artist(name=credit.name)
        Credit.objects.create(
            release=release,
            track=track,
            artist=artist,
            position=position,
            credited_as=credit.name if credit.name != artist.name else "",
            join_phrase=credit.join_phrase,
        )


@transaction.atomic
def import_release(*, data: musicbrainz.ReleaseData) -> Release:
    """Create or refresh a release from MusicBrainz data, with tracks and credits."""
    release = Release.objects.filter(musicbrainz_id=data.mbid).first() or Release(
        musicbrainz_id=data.mbid
    )
    release.title, release.year, release.kind = data.title, data.year, data.kind
    release.label, release.catalogue_number = data.label, data.catalogue_number
    release.slug = release.slug or unique_slug(
        f"{data.title} {data.year or ''}", Release
    )
    release.save()
    release.credits.all().delete()
    _import_credits(data.credits, release=release)
    rows = [
        TrackRow(
            disc=item.disc,
            position=item.position or str(index),
            title=item.title,
            duration_seconds=item.duration_seconds,
            musicbrainz_id=item.recording_mbid or None,
        )
        for index, item in enumerate(data.tracks, start=1)
    ]
    tracks = _update_tracks(release=release, rows=rows)
    for track, item in zip(tracks, data.tracks, strict=True):
        _import_credits(item.credits, track=track)
    catalogue_changed(release_ids=[release.pk])
    return release


def _import_credits(credits: Iterable[musicbrainz.CreditData], **owner) -> None:
    for position, credit in enumerate(credits):
        artist = resolve_artist(
            name=credit.artist_name,
            sort_name=credit.artist_sort_name,
            musicbrainz_id=credit.artist_mbid,
        )
        Credit.objects.create(
            artist=artist,
            position=position,
            credited_as=credit.credited_as,
            join_phrase=credit.join_phrase,
            **owner,
        )


def release_from_musicbrainz(*, mbid: str) -> Release:
    """Fetch a release from MusicBrainz and save it; on any failure nothing is saved."""
    return import_release(data=musicbrainz.fetch_release(mbid))


@transaction.atomic
def save_release(*, release: Release) -> Release:
    """Save a release edited in the admin, giving a new one its slug; posts that
    review an existing one hear of it (their links name its slug)."""
    existing = release.pk is not None
    release.slug = release.slug or unique_slug(
        f"{release.title} {release.year or ''}".strip(), Release, exclude_pk=release.pk
    )
    release.save()
    if existing:
        catalogue_changed(release_ids=[release.pk])
    return release


@transaction.atomic
def save_artist(*, artist: Artist) -> Artist:
    """Save an artist edited in the admin, giving a new one its slug.

    A changed slug leaves the old one as an ``ArtistSlugRedirect``: posts'
    stored links and readers' bookmarks name it. Posts that mention an
    existing artist hear of the change, to link its new name and address.
    """
    stored_slug = (
        Artist.objects.filter(pk=artist.pk).values_list("slug", flat=True).first()
        if artist.pk
        else None
    )
    artist.slug = artist.slug or unique_slug(artist.name, Artist, exclude_pk=artist.pk)
    artist.save()
    ArtistSlugRedirect.objects.filter(old_slug=artist.slug).delete()
    if stored_slug and stored_slug != artist.slug:
        ArtistSlugRedirect.objects.update_or_create(
            old_slug=stored_slug, defaults={"artist": artist}
        )
    if stored_slug is not None:
        catalogue_changed(artist_ids=[artist.pk])
    return artist
