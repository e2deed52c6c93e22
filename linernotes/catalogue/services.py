"""The only code that writes the catalogue: artists, merges, releases, listings."""

import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

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
from .tracklist import ListingOptions, ParsedListing, parse_tracklist, split_artists


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
def import_release(
    *, data: musicbrainz.ReleaseData, into: Release | None = None
) -> Release:
    """Create or refresh a release from MusicBrainz data, with tracks and credits.

    The release already holding this MusicBrainz id is refreshed; else ``into``
    (the release the writer is editing) is filled, else a new one is made.
    """
    release = (
        Release.objects.filter(musicbrainz_id=data.mbid).first() or into or Release()
    )
    release.musicbrainz_id = data.mbid
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


def release_from_musicbrainz(*, mbid: str, into: Release | None = None) -> Release:
    """Fetch a release from MusicBrainz and save it; on any failure nothing is saved."""
    return import_release(data=musicbrainz.fetch_release(mbid), into=into)


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


# --- The writer's desk: the track table, a pasted listing, MusicBrainz ---------


class DurationInvalid(LinerNotesError):
    """A length typed into the track table that is not m:ss (or h:mm:ss)."""


class TracksInvalid(LinerNotesError):
    """The edited track table cannot be saved whole; ``problems`` says why."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def read_duration(text: str) -> int | None:
    """Seconds from a length as sleeves print it ("3:52", "1:02:10"); None for "".

    Writers type lengths, never seconds, so the table takes them in the shape it
    shows them; "3:75" and "abc" are refused with the shape expected rather than
    guessed at.
    """
    text = text.strip()
    if not text:
        return None
    parts = text.split(":")
    if not 2 <= len(parts) <= 3 or not all(p.isascii() and p.isdigit() for p in parts):
        raise DurationInvalid(
            f"“{text}” is not a length: write minutes:seconds, as 3:52."
        )
    numbers = [int(part) for part in parts]
    if any(number > 59 for number in numbers[1:]) or any(
        len(p) != 2 for p in parts[1:]
    ):
        raise DurationInvalid(
            f"“{text}” is not a length: seconds (and minutes after hours) run "
            "from 00 to 59, as in 3:52."
        )
    seconds = 0
    for number in numbers:
        seconds = seconds * 60 + number
    return seconds


def credit_line(credits: Iterable[Credit]) -> str:
    """A credit line as written: each name followed by its join phrase
    (``Credit.__str__``)."""
    return "".join(map(str, credits)).strip()


@dataclass(frozen=True)
class TrackEdit:
    """One row of the release's track table as the writer left it.

    ``track_id`` is None for a new row; ``artists`` is the credit line as typed
    ("Kenny Loggins and Gladys Knight"); ``order`` places the row (ties keep
    the table's order).
    """

    track_id: int | None
    disc: int
    position: str
    title: str
    duration_seconds: int | None = None
    artists: str = ""
    order: int | None = None


def check_track_edits(edits: Sequence[TrackEdit]) -> None:
    """Refuse a table with one position twice on a disc, naming both rows."""
    problems, seen = [], {}
    for edit in edits:
        key = (edit.disc, edit.position.strip())
        if key in seen:
            problems.append(
                f"“{edit.title}” and “{seen[key]}” both have position "
                f"{edit.position} on disc {edit.disc}."
            )
        seen.setdefault(key, edit.title)
    if problems:
        raise TracksInvalid(problems)


@transaction.atomic
def edit_tracks(
    *, release: Release, edits: Sequence[TrackEdit], delete: Iterable[int] = ()
) -> list[Track]:
    """Make the release's tracks the edited table: rows changed in place (ids,
    standout marks and ``#track-<id>`` links kept), new rows added, deleted rows
    removed, every row numbered in the order given.

    A credit line is written again only when its text changed, so a credit under
    another name ("J. A. Hummel") survives an edit of the title. Two rows on one
    disc with one position raise TracksInvalid and nothing is written.
    """
    check_track_edits(edits)
    rows = sorted(
        enumerate(edits),
        key=lambda item: (item[1].order is None, item[1].order or 0, item[0]),
    )
    existing = {
        track.pk: track for track in release.tracks.prefetch_related("credits__artist")
    }
    Track.objects.filter(pk__in=[pk for pk in delete if pk in existing]).delete()
    for pk in delete:
        existing.pop(pk, None)
    moving = [
        existing[edit.track_id]
        for _, edit in rows
        if edit.track_id in existing
        and (existing[edit.track_id].disc, existing[edit.track_id].position)
        != (edit.disc, edit.position.strip())
    ]
    for number, track in enumerate(moving):
        track.position = f"~{number}"
    Track.objects.bulk_update(moving, ["position"])
    known = known_artist_names()
    tracks = []
    for sort_order, (_, edit) in enumerate(rows, start=1):
        track = existing.get(edit.track_id) or Track(release=release)
        old_line = credit_line(track.credits.all()) if track.pk else ""
        track.disc, track.position = edit.disc, edit.position.strip()
        track.title, track.duration_seconds = edit.title.strip(), edit.duration_seconds
        track.sort_order = sort_order
        track.save()
        if edit.artists.strip() != old_line:
            Credit.objects.filter(track=track).delete()
            credits = split_artists(edit.artists, known) if edit.artists.strip() else ()
            _credit(track=track, credits=[CreditName(a.name, a.join) for a in credits])
        tracks.append(track)
    catalogue_changed(release_ids=[release.pk])
    return tracks


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


def musicbrainz_release_id(address: str) -> str:
    """The release id in a MusicBrainz address (or the bare id) a writer pasted.

    Raises MusicBrainzError saying what was expected, before any request.
    """
    match = _MUSICBRAINZ_ADDRESS.search(address.strip())
    if match is None:
        raise musicbrainz.MusicBrainzError(
            "Paste a MusicBrainz release address, as "
            "https://musicbrainz.org/release/833d4c3a-2635-4b7a-83c4-4e560588f23a."
        )
    return str(uuid.UUID(match.group("mbid")))


_MUSICBRAINZ_ADDRESS = re.compile(
    r"^(?:(?:https?://)?(?:[\w-]+\.)*musicbrainz\.org/release/)?"
    r"(?P<mbid>[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12})(?:[/?#].*)?$",
    re.IGNORECASE,
)
