"""``parse_tracklist``: a listing read line by line into tracks and reasons.

The whole-listing decisions come first (``lines``, ``order``); the assembler
then reads each line in turn, keeping disc and side context.
"""

from collections.abc import Iterable

from ..names import normalise
from .artists import _split_artists
from .lines import _bodies, _Body, _Line, _Position, _read_lines, _scan
from .model import (
    NO_ORDER,
    ORDERS,
    ListingWarning,
    ParsedListing,
    Reason,
    Track,
    TrackArtist,
    UnparsedLine,
    WarningCode,
)
from .order import _decide_order, _Split, _splits

_QUOTE_PAIRS = {'"': '"', "“": "”", "„": "“", "«": "»", "‘": "’", "'": "'"}


def parse_tracklist(
    text: str, *, order: str | None = None, known_artists: Iterable[str] = ()
) -> ParsedListing:
    """Tracks, the lines that are not tracks with a reason each, and warnings.

    ``order`` forces artist-title or title-artist; otherwise the evidence
    decides (docs/tracklist-format.md). ``known_artists`` are names already in
    the catalogue, in any spelling ``names.normalise`` reconciles. Blank lines
    are not content and are not reported. Raises TracklistError for input that
    is not a listing at all: binary data, or over MAX_LINES lines or MAX_CHARS
    characters.
    """
    if order is not None and order not in ORDERS:
        raise ValueError(f"order must be one of {ORDERS}, not {order!r}")
    known = frozenset(filter(None, map(normalise, known_artists)))
    lines = [_scan(number, raw) for number, raw in enumerate(_read_lines(text), 1)]
    bodies = _bodies(lines)
    splits = _splits(bodies)
    chosen, guessed = _decide_order([s for s in splits if s], known, order)
    return _Assembler(chosen, known, bodies, splits).listing(guessed)


class _Assembler:
    """Reads each line in turn, keeping disc and side context, into a listing."""

    def __init__(
        self,
        order: str,
        known: frozenset[str],
        bodies: list[_Body | _Line],
        splits: list[_Split | None],
    ) -> None:
        self.order, self.known = order, known
        self.lines = list(zip(bodies, splits, strict=True))
        content = [b for b in bodies if isinstance(b, _Body)]
        self.numbered = sum(1 for b in content if b.position) * 2 >= max(
            len(content), 1
        )
        self.artists = known | {
            normalise(artist.name)
            for split in splits
            if split
            for artist in _split_artists(split.sides(order)[1], known)
        }
        self.disc: int | None = None
        self.side = ""
        self.seen: dict[tuple, int] = {}
        self.tracks: list[Track] = []
        self.unparsed: list[UnparsedLine] = []
        self.warnings: list[ListingWarning] = []

    def listing(self, guessed: bool) -> ParsedListing:
        for body, split in self.lines:
            if isinstance(body, _Line):
                self._context(body)
            else:
                self._content(body, split)
        if guessed:
            self._warn(WarningCode.ORDER_GUESSED, _GUESSED)
        return ParsedListing(
            self.order,
            tuple(self.tracks),
            tuple(self.unparsed),
            tuple(sorted(self.warnings, key=lambda w: (w.line_no or 0, w.code))),
        )

    def _context(self, line: _Line) -> None:
        if line.reason == Reason.DISC_HEADING and isinstance(line.context, int):
            self.disc, self.side = line.context, ""
        elif line.reason == Reason.SIDE_HEADING:
            self.side = str(line.context)
        if line.reason:
            self._skip(line, line.reason)

    def _content(self, body: _Body, split: _Split | None) -> None:
        if split:
            title, credit = split.sides(self.order)
            if not title or not credit:
                empty = Reason.EMPTY_TITLE if not title else Reason.EMPTY_ARTIST
                return self._skip(body.line, empty)
            artists = _split_artists(_unquote(credit), self.known)
            return self._track(body, title, artists)
        if body.position or self._title_only(body):
            if not _unquote(body.text):
                return self._skip(body.line, Reason.EMPTY_TITLE)
            return self._track(body, body.text, ())
        self._skip(body.line, self._stray(body))

    def _title_only(self, body: _Body) -> bool:
        """Unnumbered, unsplit lines are tracks only in a plain list of titles."""
        return (
            self.order == NO_ORDER
            and not self.numbered
            and not body.reason
            and normalise(body.text) not in self.artists
            and bool(body.text)
        )

    def _stray(self, body: _Body) -> Reason:
        if body.reason:
            return body.reason
        if body.text and normalise(body.text) in self.artists:
            return Reason.ARTIST_ONLY
        return Reason.NOTE

    def _track(self, body: _Body, title: str, artists: tuple[TrackArtist, ...]) -> None:
        position = body.position
        disc = position.disc if position and position.disc is not None else self.disc
        track = Track(
            title=_unquote(title),
            artists=artists,
            position=position.value if position else "",
            disc=disc,
            duration_seconds=body.duration,
            line_no=body.line.line_no,
        )
        self.tracks.append(track)
        if position:
            self._check_position(track, position)
        if not artists and self.order != NO_ORDER:
            self._warn(
                WarningCode.NO_ARTIST, "This track has no artist.", track.line_no
            )

    def _check_position(self, track: Track, position: _Position) -> None:
        side = position.side or ("" if position.disc else self.side)
        key = (track.disc, side, int(position.value.lstrip("ABCDEFGH")))
        if key in self.seen:
            message = (
                f"Position {track.position} is already used on line {self.seen[key]}."
            )
            self._warn(WarningCode.DUPLICATE_POSITION, message, track.line_no)
        else:
            self.seen[key] = track.line_no

    def _skip(self, line: _Line, reason: Reason) -> None:
        self.unparsed.append(UnparsedLine(line.line_no, line.raw, reason))

    def _warn(
        self, code: WarningCode, message: str, line_no: int | None = None
    ) -> None:
        self.warnings.append(ListingWarning(code, message, line_no))


_GUESSED = (
    "Nothing showed which side holds the artists (no name repeats, none is in the "
    "catalogue, no 'by'), so artist-title was assumed; force the other order if wrong."
)


def _unquote(text: str) -> str:
    """A title without the quotes around it: "Burning Heart" is Burning Heart."""
    text = text.strip()
    if len(text) >= 2 and _QUOTE_PAIRS.get(text[0]) == text[-1]:
        inner = text[1:-1]
        if text[0] not in inner and text[-1] not in inner:
            return inner.strip()
    return text
