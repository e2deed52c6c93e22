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
"""

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from linernotes.core.exceptions import LinerNotesError

from .names import normalise

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


class WarningCode(StrEnum):
    """Something a writer should check in tracks that did parse."""

    DUPLICATE_POSITION = "duplicate-position"
    ORDER_GUESSED = "order-guessed"
    NO_ARTIST = "no-artist"


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
    """

    title: str
    artists: tuple[TrackArtist, ...] = ()
    position: str = ""
    disc: int | None = None
    duration_seconds: int | None = None
    line_no: int = 0

    def to_json_dict(self) -> dict:
        return {
            "line_no": self.line_no,
            "disc": self.disc,
            "position": self.position,
            "title": self.title,
            "artists": [{"name": a.name, "join": a.join} for a in self.artists],
            "duration_seconds": self.duration_seconds,
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
    """About one track (``line_no``) or the whole listing (None)."""

    code: WarningCode
    message: str
    line_no: int | None = None

    def to_json_dict(self) -> dict:
        return {
            "code": str(self.code),
            "line_no": self.line_no,
            "message": self.message,
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


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_BULLET = re.compile(r"^(?:[•·‣◦▪●○■□➤►▶]\s*|[-–—*+>]\s+)")
_MARKUP = re.compile(r"^#+\s*|^\*\*(.*)\*\*$|^__(.*)__$")
_COUNT = r"\d{1,2}|one|two|three|four|five|six|seven|eight|i{1,3}|iv|vi{0,3}"
_SUBTITLE = r"(?:\s*[:.\-–—(].*)?$"
_SIDE_HEADING = re.compile(
    rf"^(?:side\s*(?P<side>[a-h]|{_COUNT})\b{_SUBTITLE}|(?P<letter>[a-h])[\s-]side$)",
    re.I,
)
_DISC_HEADING = re.compile(
    rf"^(?:disc|disk|cd|lp|record|vinyl)\s*(?P<disc>{_COUNT})\b{_SUBTITLE}", re.I
)
_HEADING = re.compile(
    r"^(?:#+(?:\s.*)?|\*\*.+\*\*|__.+__|.*:|(?:track\s*list(?:ing)?|tracks?|songs?|bonus"
    r"(?:\s+tracks?)?|credits|personnel|notes)\s*)$",
    re.I,
)
_LABEL = re.compile(
    r"[℗©]|\([pc]\)\s*(?:19|20)\d\d"
    r"|^(?:label|cat(?:alog(?:ue)?)?\.?(?:\s*(?:no|number|\#)\.?)?)\s*[:\#]",
    re.I,
)
_CATALOGUE_NUMBER = re.compile(r"\b[A-Z]{2,6}[-\s]?\d(?:[-\s]?\d){2,}\s*$")
# A note: wholly in brackets, "Note: …", or a sentence ending in a lower-case word.
_SENTENCE = re.compile(
    r"^(?:\([^()]*\)|\[[^\[\]]*\]|notes?\s*:.*|(?:\S+\s+){3,}(?!feat\.|etc\.)[a-z]{3,}\.)$",
    re.I,
)
_LONGEST_TRACK_WORDS = 24
_POSITION = re.compile(
    r"""(?:(?P<disc>\d{1,2})[-.](?P<disc_track>\d{1,3})
          |(?P<vinyl>[A-H]\d{1,2})
          |(?P<number>\d{1,3}))
        (?:(?P<punct>[.):])\s*|(?P<dash>\s+[-–—])(?:\s+|$)|\s+|$)""",
    re.X,
)
_TIME = r"(?:(?P<h>\d{1,2}):(?P<hm>[0-5]\d)|(?P<m>\d{1,3})):(?P<s>[0-5]\d)"
_BRACKETED_DURATION = re.compile(rf"\s*[(\[]\s*{_TIME}\s*[)\]]\s*$")
_BARE_DURATION = re.compile(rf"(?:^|\s*[-–—]?\s+){_TIME}\s*$")
_QUOTED = re.compile(r'"[^"]*"|“[^”"]*”|„[^“”"]*[“”]|«[^»]*»')
_QUOTE_PAIRS = {'"': '"', "“": "”", "„": "“", "«": "»", "‘": "’", "'": "'"}
_SPACED_SEPARATOR = re.compile(r"(?:^|\s+)(?:--?|[–—])(?:\s+|$)|\s*\t\s*")
_TIGHT_SEPARATOR = re.compile(r"\s*[–—]\s*")
_BY_SEPARATOR = re.compile(r"\s+by\s+", re.I)
_HYPHEN_SEPARATOR = re.compile(r"\s*-\s*")
# "x" ("Artist x Artist") is not a join: too many names and titles contain it.
_JOIN = re.compile(
    r"(\s*,\s*|\s+(?:and|&|feat\.?|ft\.?|featuring|with|vs\.?|versus)\s+)", re.I
)
# "Kool & the Gang", "Mumford & Sons", "Bill Haley & His Comets": one act.
_KEEP_TOGETHER = frozenset(
    {"the", "his", "her", "their", "sons", "co", "co.", "friends"}
)
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_NUMBER_WORDS |= {"seven": 7, "eight": 8, "i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5}
_NUMBER_WORDS |= {"vi": 6, "vii": 7, "viii": 8}


def decode_listing(data: bytes) -> str:
    """Bytes from a file or stdin as text, or TracklistNotText saying why not."""
    if len(data) > MAX_BYTES:
        raise TracklistTooLarge(f"The listing is over {MAX_BYTES:,} bytes.")
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    if b"\x00" in data and not utf16:
        raise TracklistNotText("The input contains NUL bytes: it is not a text file.")
    try:
        return data.decode("utf-16" if utf16 else "utf-8-sig")
    except UnicodeDecodeError as error:
        raise TracklistNotText(
            f"The input is not UTF-8 text (undecodable byte at offset {error.start})."
        ) from error


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


def _read_lines(text: str) -> list[str]:
    if len(text) > MAX_CHARS:
        raise TracklistTooLarge(f"The listing is over {MAX_CHARS:,} characters.")
    if _CONTROL.search(text):
        raise TracklistNotText("The input contains control characters: it is binary.")
    lines = _LINE_BREAK.split(text.removeprefix("\ufeff"))
    if lines and not lines[-1].strip():
        lines.pop()
    if len(lines) > MAX_LINES:
        raise TracklistTooLarge(
            f"The listing has {len(lines):,} lines; the most accepted is {MAX_LINES:,}."
        )
    return lines


@dataclass(frozen=True)
class _Line:
    """One input line as first seen: blank, a heading fixed by its shape, or content."""

    line_no: int
    raw: str
    text: str
    reason: Reason | None = None
    context: str | int | None = None


def _scan(line_no: int, raw: str) -> _Line:
    text = _BULLET.sub("", raw.strip(), count=1).strip()
    if raw.strip() and not text:
        return _Line(line_no, raw, raw.strip(), Reason.NOTE)
    if len(text) > MAX_LINE_LENGTH:
        return _Line(line_no, raw, text, Reason.TOO_LONG)
    bare = _MARKUP.sub(lambda m: m.group(1) or m.group(2) or "", text).strip()
    if side := _SIDE_HEADING.match(bare):
        label = (side["side"] or side["letter"]).upper()
        return _Line(line_no, raw, text, Reason.SIDE_HEADING, label)
    if disc := _DISC_HEADING.match(bare):
        return _Line(line_no, raw, text, Reason.DISC_HEADING, _count(disc["disc"]))
    return _Line(line_no, raw, text)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.casefold()]


@dataclass(frozen=True)
class _Position:
    value: str
    disc: int | None
    style: str
    rest: str

    @property
    def strong(self) -> bool:
        """Punctuation ("1.", "A1)") or a disc ("1-01") cannot start a title."""
        return self.style[-1] in ".):" or self.style.startswith("disc")

    @property
    def side(self) -> str:
        return self.value[0] if self.value[0].isalpha() else ""


def _position(text: str) -> _Position | None:
    match = _POSITION.match(text)
    if not match:
        return None
    kind = "disc" if match["disc"] else "vinyl" if match["vinyl"] else "number"
    mark = match["punct"] or ("-" if match["dash"] else " ")
    value = match["disc_track"] or match["vinyl"] or match["number"]
    disc = int(match["disc"]) if match["disc"] else None
    return _Position(value, disc, kind + mark, text[match.end() :])


@dataclass(frozen=True)
class _Body:
    """A content line's text once its position, if any, and duration are taken off."""

    line: _Line
    position: _Position | None
    text: str
    duration: int | None
    reason: Reason | None


def _bodies(lines: list[_Line]) -> list[_Body | _Line]:
    """Content lines as bodies; blank lines and fixed headings stay as they are.

    A position is taken only in the listing's own numbering style. Punctuated
    numbers ("1.", "A1)") always count; a bare "12 " or "A1 " counts only when
    at least half the content lines start that way, not all with the same value
    under one heading, so "12 Bar Blues" or the band A1 in an unnumbered
    listing stay whole.
    """
    candidates = []
    heading = 0
    for line in lines:
        if line.reason in (Reason.SIDE_HEADING, Reason.DISC_HEADING):
            heading = line.line_no
        elif line.text and not line.reason:
            candidates.append((line, _position(line.text), heading))
    accepted = _accepted_styles(candidates)
    bodies = {line.line_no: _body(line, p, accepted) for line, p, _ in candidates}
    return [bodies.get(line.line_no, line) for line in lines]


def _accepted_styles(
    candidates: list[tuple[_Line, _Position | None, int]],
) -> set[str]:
    styles = Counter(position.style for _, position, _ in candidates if position)
    values: dict[str, set[tuple[int, str]]] = {}
    for _, position, heading in candidates:
        if position:
            values.setdefault(position.style, set()).add((heading, position.value))
    return {
        style
        for style, count in styles.items()
        if count * 2 >= len(candidates) and (count == 1 or len(values[style]) > 1)
    }


def _body(line: _Line, position: _Position | None, styles: set[str]) -> _Body:
    if position and not (position.strong or position.style in styles):
        position = None
    duration, text = _take_duration(position.rest if position else line.text)
    text = text.strip()
    reason = None if position else _stray_reason(text)
    return _Body(line, position, text, duration, reason)


def _stray_reason(text: str) -> Reason | None:
    """What an unnumbered line is when its shape alone shows it is not a track."""
    if _LABEL.search(text) or _CATALOGUE_NUMBER.search(text):
        return Reason.LABEL_LINE
    if _HEADING.match(text):
        return Reason.HEADING
    if _SENTENCE.match(text) or len(text.split()) > _LONGEST_TRACK_WORDS:
        return Reason.NOTE
    return None


def _take_duration(text: str) -> tuple[int | None, str]:
    match = _BRACKETED_DURATION.search(text) or _BARE_DURATION.search(text)
    if not match:
        return None, text
    hours, minutes = int(match["h"] or 0), int(match["hm"] or match["m"])
    return (hours * 60 + minutes) * 60 + int(match["s"]), text[: match.start()]


@dataclass(frozen=True)
class _Split:
    """Where a line divides: at its first and at its last separator."""

    by: bool
    first: tuple[str, str]
    last: tuple[str, str]

    def sides(self, order: str) -> tuple[str, str]:
        """(title, artists) for the listing's order; "by" is always title-artist."""
        if self.by or order == TITLE_ARTIST:
            return self.last
        return self.first[1], self.first[0]


def _splits(bodies: list[_Body | _Line]) -> list[_Split | None]:
    """Each line's split, using "by" and bare hyphens only where the listing does.

    Spaced dashes, tabs and en or em dashes always separate. " by " separates
    when at least half the content lines have it and no dash; a bare hyphen
    ("Title-Artist") likewise, so "Jay-Z" in a spaced listing stays whole.
    """
    texts = [b.text if isinstance(b, _Body) and not b.reason else "" for b in bodies]
    dashless = [t for t in texts if t and not _dash_separators(t)]
    content = sum(1 for b in bodies if isinstance(b, _Body))
    by = sum(1 for t in dashless if _outside_quotes(_BY_SEPARATOR, t)) * 2 > content
    hyphen = (
        sum(1 for t in dashless if _outside_quotes(_HYPHEN_SEPARATOR, t)) * 2 > content
    )
    return [_split(text, by=by, hyphen=hyphen) for text in texts]


def _dash_separators(text: str) -> list[re.Match]:
    return _outside_quotes(_SPACED_SEPARATOR, text) or _outside_quotes(
        _TIGHT_SEPARATOR, text
    )


def _outside_quotes(pattern: re.Pattern, text: str) -> list[re.Match]:
    """Matches not inside a quoted title: "Rock - Paper" - Artist splits once."""
    quoted = [m.span() for m in _QUOTED.finditer(text)]
    return [
        m
        for m in pattern.finditer(text)
        if not any(start < m.end() and m.start() < end for start, end in quoted)
    ]


def _split(text: str, *, by: bool, hyphen: bool) -> _Split | None:
    found = _dash_separators(text)
    is_by = not found and by and bool(_outside_quotes(_BY_SEPARATOR, text))
    if is_by:
        found = _outside_quotes(_BY_SEPARATOR, text)
    elif not found and hyphen:
        found = _outside_quotes(_HYPHEN_SEPARATOR, text)
    if not found:
        return None
    first, last = found[0], found[-1]
    return _Split(
        is_by,
        (text[: first.start()].strip(), text[first.end() :].strip()),
        (text[: last.start()].strip(), text[last.end() :].strip()),
    )


def _decide_order(
    splits: list[_Split], known: frozenset[str], forced: str | None
) -> tuple[str, bool]:
    """The listing's order and whether it was a guess.

    Artists repeat across tracks and titles rarely do, so each hypothesis scores
    one point per line whose would-be artist repeats on that side, or two if the
    catalogue knows it; every "Title by Artist" line scores two for
    title-artist. Artists, not titles, take the extra separators ("Artist -
    Title - Live"), so artist-title reads the first split and title-artist the
    last. A tie goes to artist-title, the most common convention.
    """
    if not splits:
        return NO_ORDER, False
    if forced:
        return forced, False
    dashed = [split for split in splits if not split.by]
    first = _evidence([split.first[0] for split in dashed], known)
    last = _evidence([split.last[1] for split in dashed], known)
    last += 2 * (len(splits) - len(dashed))
    return (ARTIST_TITLE if first >= last else TITLE_ARTIST), first == last


def _evidence(credits: list[str], known: frozenset[str]) -> int:
    lines = [{normalise(a.name) for a in _split_artists(c, known)} for c in credits]
    counts = Counter(name for names in lines for name in names if name)
    return sum(
        2 if names & known else 1 if any(counts[n] > 1 for n in names if n) else 0
        for names in lines
    )


def split_artists(
    credit: str, known_artists: Iterable[str] = ()
) -> tuple[TrackArtist, ...]:
    """Artists in a credit ("Kenny Loggins and Gladys Knight"), with their joins.

    Known names are never split ("Earth, Wind & Fire"), nor is "& the Gang".
    """
    return _split_artists(credit, frozenset(map(normalise, known_artists)))


def _split_artists(credit: str, known: frozenset[str]) -> tuple[TrackArtist, ...]:
    parts = _JOIN.split(credit.strip())
    names, joins = parts[0::2], parts[1::2]
    if not credit.strip():
        return ()
    if any(not name.strip() for name in names):
        return (TrackArtist(credit.strip()),)
    return tuple(
        TrackArtist(
            _joined(names, joins, start, end), joins[end] if end < len(joins) else ""
        )
        for start, end in _acts(names, joins, known)
    )


def _joined(names: list[str], joins: list[str], start: int, end: int) -> str:
    pieces = [names[start]]
    for index in range(start, end):
        pieces += [joins[index], names[index + 1]]
    return "".join(pieces)


def _acts(
    names: list[str], joins: list[str], known: frozenset[str]
) -> list[tuple[int, int]]:
    """Group the parts between joins into acts, as (first part, last part).

    As many parts as possible fall in catalogue names ("Earth, Wind & Fire"),
    then as few acts as possible; the rest are one act each, or one with a
    following "& the Gang". Worked back from the last part, so a long known
    name cannot swallow the start of the next one.
    """
    best: list[tuple[int, int, list[tuple[int, int]]]] = [(0, 0, [])]
    for start in range(len(names) - 1, -1, -1):
        options = []
        for end in _act_ends(names, joins, start, known):
            covered, count, rest = best[len(names) - 1 - end]
            gain = end - start + 1 if _is_known(names, joins, start, end, known) else 0
            options.append((covered + gain, count - 1, [(start, end), *rest]))
        best.append(max(options, key=lambda option: option[:2]))
    return best[-1][2]


def _act_ends(
    names: list[str], joins: list[str], start: int, known: frozenset[str]
) -> set[int]:
    ends = {
        end
        for end in range(start, len(names))
        if _is_known(names, joins, start, end, known)
    }
    end = start
    while end + 1 < len(names) and _continues(names, joins, end, known):
        end += 1
    return ends | {end}


def _is_known(
    names: list[str], joins: list[str], start: int, end: int, known: frozenset[str]
) -> bool:
    return normalise(_joined(names, joins, start, end)) in known


def _continues(
    names: list[str], joins: list[str], index: int, known: frozenset[str]
) -> bool:
    """Whether "& the Gang" after ``names[index]`` is part of the same act.

    Only "and", "&" and a comma bind this way ("Tyler, The Creator"); after
    "with" or "feat." the next name is another act ("feat. The Emotions").
    """
    following = names[index + 1]
    binds = joins[index].strip().casefold() in {"and", "&", ","}
    unknown = not {normalise(names[index]), normalise(following)} & known
    return binds and unknown and following.split()[0].casefold() in _KEEP_TOGETHER


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


@dataclass(frozen=True)
class RenderStyle:
    """A listing shape for ``render_tracklist``.

    numbering: none, dot ("1. "), paren ("1) "), space ("01 "), dash ("1 - "),
    disc-dash ("1-01 ") or disc-dot ("2.05 "); separator: " - ", " – ", " — ",
    "–", "—", "-", "\\t" or " by " (title-artist only); duration: none, paren,
    bracket, bare or dash; headings: none, sides (a new side whenever the
    numbering restarts) or discs (from each track's disc).
    """

    numbering: str = "dot"
    separator: str = " - "
    duration: str = "paren"
    bullet: str = ""
    headings: str = "none"
    blank_lines: bool = False


DEFAULT_STYLE = RenderStyle()
_NUMBERING = {
    "none": "",
    "dot": "{position}. ",
    "paren": "{position}) ",
    "space": "{position} ",
    "dash": "{position} - ",
    "disc-dash": "{disc}-{position} ",
    "disc-dot": "{disc}.{position} ",
}
_DURATION_FORMATS = {
    "none": "",
    "paren": " ({})",
    "bracket": " [{}]",
    "bare": " {}",
    "dash": " - {}",
}


def format_duration(seconds: int) -> str:
    """3:52, or 1:02:03 from an hour up."""
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes}:{seconds:02}"


def render_tracklist(
    tracks: Sequence[Track],
    *,
    order: str = ARTIST_TITLE,
    style: RenderStyle = DEFAULT_STYLE,
) -> str:
    """A listing ``parse_tracklist`` reads back as the same tracks.

    Titles are quoted only where the shape would otherwise be ambiguous: a
    title containing a dash in a listing separated by something weaker, or a
    title that would open an unnumbered line looking like a position.
    """
    if style.separator.strip() == "by" and order != TITLE_ARTIST:
        raise ValueError("'Title by Artist' is title-artist by definition.")
    lines: list[str] = []
    for index, track in enumerate(tracks):
        heading = _heading(tracks, index, style)
        if heading:
            lines += ["", heading] if style.blank_lines and lines else [heading]
        elif style.blank_lines and lines:
            lines.append("")
        lines.append(_render_line(track, order, style))
    return "\n".join(lines) + "\n"


def _heading(tracks: Sequence[Track], index: int, style: RenderStyle) -> str:
    track, previous = tracks[index], tracks[index - 1] if index else None
    if style.headings == "discs" and (previous is None or previous.disc != track.disc):
        return f"Disc {track.disc}"
    if style.headings == "sides":
        sides = sum(1 for i in range(1, index + 1) if _restarts(tracks, i))
        if previous is None or _restarts(tracks, index):
            return f"Side {'ABCDEFGH'[sides]}"
    return ""


def _restarts(tracks: Sequence[Track], index: int) -> bool:
    return int(tracks[index].position) <= int(tracks[index - 1].position)


def _render_line(track: Track, order: str, style: RenderStyle) -> str:
    credit = "".join(artist.name + artist.join for artist in track.artists)
    number = _NUMBERING[style.numbering].format(
        position=track.position, disc=track.disc
    )
    leads = not number and (order == TITLE_ARTIST or not credit)
    title = _quoted_if_needed(track.title, style.separator, bool(credit), leads)
    if not credit:
        body = title
    elif order == ARTIST_TITLE:
        body = credit + style.separator + title
    else:
        body = title + style.separator + credit
    duration = ""
    if track.duration_seconds is not None:
        duration = _DURATION_FORMATS[style.duration].format(
            format_duration(track.duration_seconds)
        )
    return style.bullet + number + body + duration


def _quoted_if_needed(title: str, separator: str, credited: bool, leads: bool) -> str:
    spaced = bool(_SPACED_SEPARATOR.search(title))
    tight = spaced or bool(_TIGHT_SEPARATOR.search(title))
    if not credited:
        ambiguous = tight or "-" in title or bool(_BY_SEPARATOR.search(title))
    elif separator in ("–", "—"):
        ambiguous = spaced
    elif separator == "-":
        ambiguous = tight or bool(_BY_SEPARATOR.search(title))
    elif separator.strip() == "by":
        ambiguous = tight
    else:
        ambiguous = False
    if leads and _POSITION.match(title):
        ambiguous = True
    return f'"{title}"' if ambiguous else title
