"""Releases and their tracks: a new release with its credit line, tracks
kept in place when a listing or MusicBrainz gives them again, and the track
table the writer edits in the desk."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction

from linernotes.core.exceptions import LinerNotesError

from ..events import catalogue_changed
from ..models import (
    Credit,
    Release,
    Track,
)
from ..tracklist import split_artists
from .artists import known_artist_names, resolve_artist, unique_slug


@dataclass(frozen=True)
class CreditName:
    name: str
    join_phrase: str = ""


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
