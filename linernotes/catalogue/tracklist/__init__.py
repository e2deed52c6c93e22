"""Turn a pasted track listing into tracks, and say why any other line is not one.

Writers paste listings from sleeves, Discogs, Wikipedia and their own notes, so
``parse_tracklist`` accepts many shapes (docs/tracklist-format.md lists them) and
never drops a line silently: every non-blank line becomes a Track or an
UnparsedLine with a reason code. It takes plain strings and names, so catalogue
services can pass in the artists they already know. ``render_tracklist`` writes
tracks back out in a chosen shape; the property tests parse what it writes.

Decisions that depend on the whole listing (is it numbered, which way round are
artist and title, do bare hyphens separate them) are taken once, from the
evidence of every line, before any line is read as a track.

A package rather than one module because the parser outgrew one file (past
800 lines; STYLE.md §6). Callers import from here, as before; the modules are
its layout: ``model`` holds the limits, orders, errors, codes, options and
results, ``prepare`` makes pasted HTML, Markdown and one-line listings into
plain lines, ``lines`` reads and classifies lines, ``order`` finds separators
and decides the order, ``records`` finds titles and artists on two lines,
``artists`` splits credits, ``parse`` assembles the listing (headings, writer
credits, warnings) and ``render`` writes one back out.
"""

from .artists import split_artists
from .lines import decode_listing
from .model import (
    ARTIST_TITLE,
    MAX_BYTES,
    MAX_CHARS,
    MAX_LINE_LENGTH,
    MAX_LINES,
    NO_ORDER,
    ORDERS,
    TITLE_ARTIST,
    Alternative,
    ListingOptions,
    ListingWarning,
    Option,
    ParsedListing,
    Reason,
    Track,
    TrackArtist,
    TracklistError,
    TracklistNotText,
    TracklistTooLarge,
    UnparsedLine,
    WarningCode,
)
from .parse import parse_tracklist
from .render import DEFAULT_STYLE, RenderStyle, format_duration, render_tracklist

__all__ = [
    "ARTIST_TITLE",
    "DEFAULT_STYLE",
    "MAX_BYTES",
    "MAX_CHARS",
    "MAX_LINES",
    "MAX_LINE_LENGTH",
    "NO_ORDER",
    "ORDERS",
    "TITLE_ARTIST",
    "Alternative",
    "ListingOptions",
    "ListingWarning",
    "Option",
    "ParsedListing",
    "Reason",
    "RenderStyle",
    "Track",
    "TrackArtist",
    "TracklistError",
    "TracklistNotText",
    "TracklistTooLarge",
    "UnparsedLine",
    "WarningCode",
    "decode_listing",
    "format_duration",
    "parse_tracklist",
    "render_tracklist",
    "split_artists",
]
