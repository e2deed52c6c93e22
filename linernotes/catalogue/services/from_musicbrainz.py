"""Releases from MusicBrainz: the id in a pasted address, and a release
made or refreshed from its data, with tracks and credits."""

import re
import uuid
from collections.abc import Iterable

from django.db import transaction

from .. import musicbrainz
from ..events import catalogue_changed
from ..models import (
    Credit,
    Release,
)
from .artists import resolve_artist, unique_slug
from .releases import TrackRow, _update_tracks


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
