"""The only code that writes the catalogue: artists, merges, releases, listings.

A package because one module had grown past 400 lines: ``artists`` (the artist
a name means, merges and aliases), ``releases`` (releases, their tracks and the
desk's track table), ``listings`` (reading, checking and saving a pasted
listing) and ``from_musicbrainz``. Every public name is re-exported here, so
callers keep importing ``linernotes.catalogue.services.<name>``.
"""

from .artists import (
    add_alias,
    confirm_merge,
    known_artist_names,
    reject_merge,
    resolve_artist,
    save_artist,
    suggest_merges,
    unique_slug,
)
from .from_musicbrainz import (
    import_release,
    musicbrainz_release_id,
    release_from_musicbrainz,
)
from .listings import (
    ListingInvalid,
    check_listing,
    listing_artist_names,
    new_artist_names,
    read_listing,
    save_listing,
    set_tracks_from_listing,
    spell_artists,
)
from .releases import (
    CreditName,
    DurationInvalid,
    TrackEdit,
    TrackRow,
    TracksInvalid,
    check_track_edits,
    create_release,
    credit_line,
    edit_tracks,
    read_duration,
    save_release,
)

__all__ = [
    "CreditName",
    "DurationInvalid",
    "ListingInvalid",
    "TrackEdit",
    "TrackRow",
    "TracksInvalid",
    "add_alias",
    "check_listing",
    "check_track_edits",
    "confirm_merge",
    "create_release",
    "credit_line",
    "edit_tracks",
    "import_release",
    "known_artist_names",
    "listing_artist_names",
    "musicbrainz_release_id",
    "new_artist_names",
    "read_duration",
    "read_listing",
    "reject_merge",
    "release_from_musicbrainz",
    "resolve_artist",
    "save_artist",
    "save_listing",
    "save_release",
    "set_tracks_from_listing",
    "spell_artists",
    "suggest_merges",
    "unique_slug",
]
