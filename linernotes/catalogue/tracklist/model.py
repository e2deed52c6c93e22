"""What a parse promises: its limits, orders, errors, codes and results.

Every type a caller holds after ``parse_tracklist`` is defined here, so the
other modules of the package share one vocabulary and import nothing else.
"""

from dataclasses import dataclass
from enum import StrEnum

from linernotes.core.exceptions import LinerNotesError

MAX_LINES = 2_000
MAX_CHARS = 200_000
MAX_BYTES = 4 * MAX_CHARS
MAX_LINE_LENGTH = 300

ARTIST_TITLE = "artist-title"
TITLE_ARTIST = "title-artist"
NO_ORDER = "none"
ORDERS = (ARTIST_TITLE, TITLE_ARTIST)


class TracklistError(LinerNotesError):
    """A listing the parser cannot read at all (lines it can read are reported)."""


class TracklistTooLarge(TracklistError):
    """More lines or characters than any real listing has."""


class TracklistNotText(TracklistError):
    """Binary data, or bytes that are not UTF-8 (or UTF-16 with a BOM)."""


class Reason(StrEnum):
    """Why a non-blank line is not a track."""

    HEADING = "heading"
    SIDE_HEADING = "side-heading"
    DISC_HEADING = "disc-heading"
    ARTIST_ONLY = "artist-only"
    LABEL_LINE = "label-line"
    NOTE = "note"
    EMPTY_TITLE = "empty-title"
    EMPTY_ARTIST = "empty-artist"
    TOO_LONG = "too-long"
    HEADER = "header"
    FOOTNOTE = "footnote"
    DATE_LINE = "date-line"
    ARTIST_HEADING = "artist-heading"
    RELEASE_HEADING = "release-heading"


class WarningCode(StrEnum):
    """Something a writer should check in tracks that did parse."""

    DUPLICATE_POSITION = "duplicate-position"
    ORDER_GUESSED = "order-guessed"
    NO_ARTIST = "no-artist"
    TWO_LINE_RECORDS = "two-line-records"
    HEADING_OR_TRACK = "heading-or-track"
    ONE_LINE_LISTING = "one-line-listing"
    SEPARATORS_INSIDE = "separators-inside"
    POSITION_IN_ARTIST = "position-in-artist"


class Option(StrEnum):
    """A parse option a warning offers as its one-click alternative."""

    ORDER = "order"
    AS_HEADINGS = "as_headings"
    AS_TRACKS = "as_tracks"
    WHOLE_LINES = "whole_lines"


@dataclass(frozen=True)
class Alternative:
    """Another reading: parse again with ``option`` given ``value``.

    ``value`` is an order for ORDER, else the line numbers to add to the option.
    """

    label: str
    option: Option
    value: str | tuple[int, ...]

    def to_json_dict(self) -> dict:
        value = self.value if isinstance(self.value, str) else list(self.value)
        return {"label": self.label, "option": str(self.option), "value": value}


@dataclass(frozen=True)
class ListingOptions:
    """A writer's choices for one reading (the alternatives warnings offer).

    ``order`` forces artist-title or title-artist; the rest are line numbers
    to read as headings, as tracks of their own, or whole (not split into
    several tracks).
    """

    order: str | None = None
    as_headings: frozenset[int] = frozenset()
    as_tracks: frozenset[int] = frozenset()
    whole_lines: frozenset[int] = frozenset()

    @classmethod
    def from_json(cls, data: object, order: str | None = None) -> "ListingOptions":
        """Options as a preview sends them; anything malformed is ignored."""
        data = data if isinstance(data, dict) else {}

        def lines(key: str) -> frozenset[int]:
            values = data.get(key)
            if not isinstance(values, list):
                return frozenset()
            return frozenset(v for v in values if isinstance(v, int) and v > 0)

        chosen = order if order in ORDERS else data.get("order")
        return cls(
            chosen if chosen in ORDERS else None,
            lines("as_headings"),
            lines("as_tracks"),
            lines("whole_lines"),
        )

    def as_kwargs(self) -> dict:
        return {
            "order": self.order,
            "as_headings": self.as_headings,
            "as_tracks": self.as_tracks,
            "whole_lines": self.whole_lines,
        }

    def to_json_dict(self) -> dict:
        return {
            "order": self.order,
            "as_headings": sorted(self.as_headings),
            "as_tracks": sorted(self.as_tracks),
            "whole_lines": sorted(self.whole_lines),
        }


@dataclass(frozen=True)
class TrackArtist:
    """One credited artist and the phrase joining it to the next ("" if last)."""

    name: str
    join: str = ""


@dataclass(frozen=True)
class Track:
    """One track of a listing.

    ``position`` is as written without punctuation ("01", "A1"), "" when the
    line had none; ``disc`` comes from a "1-01" position or a disc heading, None
    when neither said; ``line_no`` counts from 1, blank lines included.
    ``writers`` is a composer or writer credit written after the title ("music
    by …", "Lennon/McCartney"), kept out of title and artists; ``more_lines``
    are other lines this track was read from (an artist line under its title,
    a duration on a line of its own).
    """

    title: str
    artists: tuple[TrackArtist, ...] = ()
    position: str = ""
    disc: int | None = None
    duration_seconds: int | None = None
    line_no: int = 0
    writers: str = ""
    more_lines: tuple[int, ...] = ()

    def to_json_dict(self) -> dict:
        return {
            "line_no": self.line_no,
            "disc": self.disc,
            "position": self.position,
            "title": self.title,
            "artists": [{"name": a.name, "join": a.join} for a in self.artists],
            "duration_seconds": self.duration_seconds,
            "writers": self.writers,
            "more_lines": list(self.more_lines),
        }


@dataclass(frozen=True)
class UnparsedLine:
    """A non-blank line that is not a track, exactly as written, and why."""

    line_no: int
    line: str
    reason: Reason

    def to_json_dict(self) -> dict:
        return {"line_no": self.line_no, "line": self.line, "reason": str(self.reason)}


@dataclass(frozen=True)
class ListingWarning:
    """About one track (``line_no``) or the whole listing (None).

    ``lines`` are every line the warning concerns, for a preview to mark;
    ``alternative`` is the other reading, when there is one to offer.
    """

    code: WarningCode
    message: str
    line_no: int | None = None
    lines: tuple[int, ...] = ()
    alternative: Alternative | None = None

    def to_json_dict(self) -> dict:
        return {
            "code": str(self.code),
            "line_no": self.line_no,
            "message": self.message,
            "lines": list(self.lines or ((self.line_no,) if self.line_no else ())),
            "alternative": self.alternative.to_json_dict()
            if self.alternative
            else None,
        }


@dataclass(frozen=True)
class ParsedListing:
    """``order`` is artist-title, title-artist, or none when no line had both."""

    order: str
    tracks: tuple[Track, ...]
    unparsed: tuple[UnparsedLine, ...]
    warnings: tuple[ListingWarning, ...] = ()

    def to_json_dict(self) -> dict:
        return {
            "order": self.order,
            "tracks": [track.to_json_dict() for track in self.tracks],
            "unparsed": [line.to_json_dict() for line in self.unparsed],
            "warnings": [warning.to_json_dict() for warning in self.warnings],
        }
