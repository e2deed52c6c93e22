"""Header lines that name the release's artist, in the languages listings use.

A listing often names its artist once, above or below the titles, instead of
on every line: a labelled field (``Artist: X``, ``Author : X``,
``Исполнитель: X``, ``■アーティスト:X``) or a taper's first line
(``Band - 2013-03-27 - Venue``). Such a line is never a track; it is still
reported (``header``, ``date-line``), and the name it gives goes to every
track that names no artist of its own (docs/tracklist-format.md, "Header
block" and "Artist, date and venue").
"""

import re
from collections.abc import Callable
from dataclasses import replace

from .model import Track, TrackArtist
from .words import MOST_NAME_WORDS

# The label of a field that names the performer, as the pages we read write
# it: English, German, Dutch, French, Spanish, Italian, Portuguese, Polish,
# Finnish, Swedish, Turkish, Russian, Ukrainian, Japanese, Korean, Chinese.
# "Author" is how some blogs label the band; "Composer" or "Writer" never is
# a performer, so they are not here.
ARTIST_LABELS = (
    r"artists?|author|performers?|performed\s+by|band|group|interpret(?:e|en)?|"
    r"interprète|int[ée]rprete|artist[ae]|künstler(?:in)?|artiest|esittäjä|"
    r"wykonawca|wykonawcy|sanatçı|исполнител[ьи]|артист|группа|виконавець|гурт|"
    r"アーティスト|歌手|아티스트|가수|艺人|藝人|演唱者?|歌手名"
)
_FIELD_COLON = r"\s*[:：=]\s*"
ARTIST_FIELD = re.compile(rf"^(?:{ARTIST_LABELS}){_FIELD_COLON}(?P<name>\S.*)$", re.I)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATE = re.compile(
    rf"\b(?:\d{{1,2}}[./-]\d{{1,2}}[./-](?:19|20)?\d\d|(?:19|20)\d\d[./-]\d\d?[./-]\d\d?"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?:19|20)\d\d)\b",
    re.I,
)
# "BoDeans - 1989-12-31 - Park West, Chicago": a name with no digit, a dash,
# a full date, a dash and the place. A date line without the name first
# ("Show 194 - 8/23/09", "2013-03-27 - Melbourne") names no artist.
_DATE_VENUE = re.compile(
    rf"^(?P<name>[^\W\d](?:[^\d\-–—]|-(?=\S)){{0,60}}?)\s+[-–—]\s+(?:{DATE.pattern})"
    rf"\s+[-–—]\s+\S",
    re.I,
)
# What a date line may open with that names no one: "Setlist - 2013-03-27 - …".
_SHOW_WORDS = re.compile(
    r"^(?:set\s*list|track\s*list(?:ing)?|playlist|show|concert|live|gig|tour|"
    r"broadcast|recording|recorded|bootleg|tape|radio)\b",
    re.I,
)


def field_artist(text: str) -> str:
    """The name an ``Artist: X`` field gives, in any of the labels above."""
    field = ARTIST_FIELD.match(text)
    return field["name"].strip() if field else ""


def date_venue_artist(text: str) -> str:
    """The artist a taper's ``Artist - date - venue`` line opens with."""
    match = _DATE_VENUE.match(text)
    if not match:
        return ""
    name = match["name"].strip()
    if _SHOW_WORDS.match(name) or len(name.split()) > MOST_NAME_WORDS:
        return ""
    return name


def credit_tracks_above(
    tracks: list[Track],
    headers: list[tuple[int, str]],
    credit: Callable[[str], tuple[TrackArtist, ...]],
) -> list[Track]:
    """Give the artist of a header written under the titles to the titles.

    A shop or a forum post may name the artist after the listing (a block of
    ``■アーティスト:…`` fields below it). The tracks above the first such
    header take its name when none of them names an artist of its own; in a
    listing whose tracks above are credited, the header is only reported.
    """
    if not headers:
        return tracks
    first_line, name = headers[0]
    above = [t for t in tracks if t.line_no < first_line]
    if not above or any(t.artists for t in above):
        return tracks
    artists = credit(name)
    return [
        replace(t, artists=artists) if t.line_no < first_line else t for t in tracks
    ]
