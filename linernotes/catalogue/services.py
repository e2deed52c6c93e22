"""The only code that writes the catalogue: artists, merges, releases, listings."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction

from linernotes.core import slugs
from linernotes.core.exceptions import LinerNotesError

from . import musicbrainz, names
from .models import Artist, ArtistAlias, Credit, MergeSuggestion, Release, Track
from .tracklist import ParsedListing, parse_tracklist


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
        duplicate.delete()
    add_alias(artist=artist, name=suggestion.duplicate_name)
    suggestion.duplicate = None
    suggestion.status = MergeSuggestion.Status.CONFIRMED
    suggestion.save()
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
    *, release: Release, text: str, order: str | None = None
) -> list[Track]:
    """Replace the release's tracks with those parsed from ``text``, or change nothing.

    The whole listing is checked first; a problem raises ListingInvalid and no
    track is written, so a release never holds half a listing.
    """
    known = Artist.objects.values_list("name", flat=True)
    listing = parse_tracklist(text, order=order, known_artists=known)
    check_listing(listing)
    release.tracks.all().delete()
    tracks = []
    for index, parsed in enumerate(listing.tracks, start=1):
        track = Track.objects.create(
            release=release,
            disc=parsed.disc or 1,
            sort_order=index,
            position=parsed.position or str(index),
            title=parsed.title,
            duration_seconds=parsed.duration_seconds,
        )
        credits = [CreditName(a.name, a.join) for a in parsed.artists]
        _credit(track=track, credits=credits)
        tracks.append(track)
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
    release.tracks.all().delete()
    _import_credits(data.credits, release=release)
    for index, item in enumerate(data.tracks, start=1):
        track = Track.objects.create(
            release=release,
            disc=item.disc,
            position=item.position or str(index),
            sort_order=index,
            title=item.title,
            duration_seconds=item.duration_seconds,
            musicbrainz_id=item.recording_mbid or None,
        )
        _import_credits(item.credits, track=track)
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


def save_release(*, release: Release) -> Release:
    """Save a release edited in the admin, giving a new one its slug."""
    release.slug = release.slug or unique_slug(
        f"{release.title} {release.year or ''}".strip(), Release, exclude_pk=release.pk
    )
    release.save()
    return release


def save_artist(*, artist: Artist) -> Artist:
    """Save an artist edited in the admin, giving a new one its slug."""
    artist.slug = artist.slug or unique_slug(artist.name, Artist, exclude_pk=artist.pk)
    artist.save()
    return artist
