"""The catalogue in the writer's desk.

The release page's track table (credit lines, m:ss lengths, drag to reorder),
pasting a listing with a line-by-line preview and new artists confirmed before
anything is made, filling a release from a MusicBrainz address, the name check
the post editor calls while the writer types, and merges to confirm. Every
write goes through ``services``.

One module per concern: ``artists`` (artists and the merges to confirm),
``listing_forms`` (a pasted listing and the release form that reads one),
``tracks`` (the release's track table), ``releases`` (``ReleaseAdmin``) and
``release_pages`` (its pages beside the change form: paste, MusicBrainz, the
parser's preview and the name check).
"""

from .artists import ArtistAdmin, ArtistAliasInline, MergeSuggestionAdmin
from .listing_forms import (
    NEW_ARTIST,
    ORDER_CHOICES,
    PasteListingForm,
    ReleaseForm,
    listing_options,
)
from .release_pages import NAME_CHECK_MAX_CHARS
from .releases import ReleaseAdmin
from .tracks import LengthField, TrackAdmin, TrackForm, TrackFormSet, TrackInline

__all__ = [
    "NAME_CHECK_MAX_CHARS",
    "NEW_ARTIST",
    "ORDER_CHOICES",
    "ArtistAdmin",
    "ArtistAliasInline",
    "LengthField",
    "MergeSuggestionAdmin",
    "PasteListingForm",
    "ReleaseAdmin",
    "ReleaseForm",
    "TrackAdmin",
    "TrackForm",
    "TrackFormSet",
    "TrackInline",
    "listing_options",
]
