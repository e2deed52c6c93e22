"""``parse_tracklist``: a listing read line by line into tracks and reasons.

The whole-listing decisions come first (``lines``, ``order``); the assembler
then reads each line in turn, keeping disc and side context.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from .artists import _split_artists, normalise, without_remark
from .fields import labelled_records
from .headers import credit_tracks_above
from .lines import _bodies, _Body, _Line, _Position, _read_lines, _scan
from .model import (
    ARTIST_TITLE,
    NO_ORDER,
    ORDERS,
    TITLE_ARTIST,
    Alternative,
    ListingWarning,
    Option,
    ParsedListing,
    Reason,
    Track,
    TrackArtist,
    UnparsedLine,
    WarningCode,
)
from .order import _decide_order, _Split, _splits
from .prepare import prepare
from .prose import discussed_tracks, prose_as_notes
from .quotes import _unquote
from .readings import heading_over_titles, names_nobody, rated_side
from .records import _record_split, _records, speaks
from .scripts import without_translation
from .sections import mark_sections
from .wording import _GUESSED, _INSIDE_SEPARATORS, _ORDER_LABELS, _POSITION_LIKE
from .wraps import (
    continues_numbering,
    counts_up,
    drop_closing_stops,
    join_wrapped,
    open_brackets,
    wrapped_titles,
)
from .writers import (
    _take_writers,
    brackets_are_credits,
    take_credit_bracket,
    unquoted_before_bracket,
    without_bonus_mark,
    without_release_details,
)

# "Coração - solon: Simony & Jairzinho": a lower-case word and a colon before
# the performers name their part (solo, vocals), not a performer.
_ROLE = re.compile(r"^[a-zà-ÿ]{2,12}:\s+(?=\S)")
_VARIOUS = re.compile(
    r"^(?:various(?:\s+artists?)?|va|v\.a\.|v/a)\s*(?:[-–—:]|$)", re.I
)
# " from Album" closing a title, when most lines close so (the last " from ").
_FROM_ALBUM = re.compile(r"\s+from\s+(?!.*\sfrom\s)\S.*$", re.I)
# A column heading naming performers, in the languages of the listings we read.
_PERFORMER_COLUMN = re.compile(
    r"artist|performer|band|group|singer|vocal|interpr|künstler|исполнител|"
    r"아티스트|가수|アーティスト|歌手|演唱",
    re.I,
)


def parse_tracklist(
    text: str,
    *,
    order: str | None = None,
    known_artists: Iterable[str] = (),
    as_headings: Iterable[int] = (),
    as_tracks: Iterable[int] = (),
    whole_lines: Iterable[int] = (),
) -> ParsedListing:
    """Tracks, the lines that are not tracks with a reason each, and warnings.

    ``order`` forces artist-title or title-artist; otherwise the evidence
    decides (docs/tracklist-format.md). ``known_artists`` are names already in
    the catalogue, in any spelling ``names.normalise`` reconciles. The other
    options are the alternatives warnings offer, by line number: read these
    lines as headings, as tracks of their own, or whole (not as several
    tracks). Blank lines are not content and are not reported. Raises
    TracklistError for input that is not a listing at all: binary data, or
    over MAX_LINES lines or MAX_CHARS characters.
    """
    if order is not None and order not in ORDERS:
        raise ValueError(f"order must be one of {ORDERS}, not {order!r}")
    known = frozenset(filter(None, map(normalise, known_artists)))
    options = _Options(frozenset(as_headings), frozenset(as_tracks))
    prepared = prepare(_read_lines(text), whole=frozenset(whole_lines))
    if not options.as_tracks and (records := labelled_records(prepared, known)):
        return records
    sources, prose = discussed_tracks(prepared)
    lines = mark_sections([_scan(s.line_no, s.text, s.piece) for s in sources])
    bodies = prose_as_notes(_bodies(lines), prose)
    held = open_brackets(bodies)
    join_wrapped(bodies, held)
    splits = _splits(bodies)
    records = _records(bodies, splits, known, options.as_tracks)
    for first, second in records.items():
        splits[first] = _record_split(bodies[first], bodies[second])  # type: ignore[arg-type]
    wraps = wrapped_titles(bodies, splits, records)
    join_wrapped(bodies, wraps)
    wraps |= held
    drop_closing_stops(bodies, set(records) | set(records.values()))
    said = [b.says_order for b in bodies if isinstance(b, _Body) and b.says_order]
    order = order or (said[0] if said else None)
    over = heading_over_titles(bodies, splits, options.as_tracks)
    voting = [s for i, s in enumerate(splits) if s and i != over]
    chosen, guessed = _decide_order(voting, known, order)
    assembler = _Assembler(chosen, known, bodies, splits, options, over)
    return assembler.listing(guessed, records, wraps)


@dataclass(frozen=True)
class _Options:
    as_headings: frozenset[int]
    as_tracks: frozenset[int]


class _Assembler:
    """Reads each line in turn, keeping disc, side and artist context."""

    def __init__(
        self,
        order: str,
        known: frozenset[str],
        bodies: list[_Body | _Line],
        splits: list[_Split | None],
        options: _Options,
        over: int | None = None,
    ) -> None:
        self.order, self.known, self.options = order, known, options
        # The one "Artist – Album" line over a list of bare titles.
        self.over_titles = over
        self.bodies, self.splits = bodies, splits
        content = [b for b in bodies if isinstance(b, _Body) and b.text]
        self.numbered = sum(1 for b in content if b.position) * 2 >= max(
            len(content), 1
        ) or counts_up(content)
        # With three or more bulleted lines, the bullets mark the tracks: an
        # unbulleted line between them is commentary ("- Title" then a note).
        self.bulleted = sum(1 for b in content if b.line.bullet) >= 3
        # A table whose heading row names no performer column has no artists:
        # its cells after the title are writers, lengths or remarks.
        headings = [
            b.line.text
            for b in content
            if b.reason == Reason.HEADING and "\t" in b.line.text
        ]
        self.artistless_table = bool(headings) and not any(
            _PERFORMER_COLUMN.search(h) for h in headings
        )
        # "Artist – Title from Album": on most lines, the album, not the title.
        sides = [split.sides(order)[0] for split in splits if split]
        self.album_tails = len(sides) >= 3 and (
            sum(1 for side in sides if _FROM_ALBUM.search(side)) * 2 > len(sides)
        )
        self.rated = rated_side([split.sides(order) for split in splits if split])
        # "Title (Writer)" on most lines: the brackets credit someone.
        self.bracket_credits = brackets_are_credits(
            [
                split.sides(order)[0] if split else body.text
                for body, split in zip(bodies, splits, strict=True)
                if isinstance(body, _Body) and body.text and not body.reason
            ]
        )
        self.artists = known | {
            normalise(artist.name)
            for split in splits
            if split
            for artist in _split_artists(split.sides(order)[1], known)
        }
        self.disc: int | None = None
        self.side = ""
        self.heading_artist = ""
        self.release_artist = ""
        self.headers: list[tuple[int, str]] = []
        self.seen: dict[tuple, int] = {}
        self.tracks: list[Track] = []
        self.unparsed: list[UnparsedLine] = []
        self.warnings: list[ListingWarning] = []
        self.pieces = {line.line_no for line in self._lines() if line.piece}
        self.candidates = self._lone_candidates()

    def listing(
        self, guessed: bool, records: dict[int, int], wraps: dict[int, int]
    ) -> ParsedListing:
        joined = {**records, **wraps}
        consumed = set(joined.values())
        for index, (body, split) in enumerate(
            zip(self.bodies, self.splits, strict=True)
        ):
            if index in consumed:
                continue
            if isinstance(body, _Line):
                self._context(body)
            else:
                more = (
                    (_line_no(self.bodies[joined[index]]),) if index in joined else ()
                )
                self._content(index, body, split, more)
        self._number_lines()
        self.tracks = credit_tracks_above(
            self.tracks, self.headers, lambda name: _split_artists(name, self.known)
        )
        self._listing_warnings(guessed, records)
        return ParsedListing(
            self.order,
            tuple(self.tracks),
            tuple(self.unparsed),
            tuple(sorted(self.warnings, key=lambda w: (w.line_no or 0, w.code))),
        )

    def _number_lines(self) -> None:
        """A number line whose track was not read is reported, never lost."""
        read = {n for t in self.tracks for n in (t.line_no, *t.more_lines)}
        lost = [
            body.number_line
            for body in self.bodies
            if isinstance(body, _Body)
            and body.number_line
            and body.number_line.line_no not in read
        ]
        for line in lost:
            self._skip(line, Reason.NOTE)
        if lost:
            self.unparsed.sort(key=lambda u: u.line_no)

    def _listing_warnings(self, guessed: bool, records: dict[int, int]) -> None:
        if guessed:
            other = TITLE_ARTIST if self.order == ARTIST_TITLE else ARTIST_TITLE
            lines = tuple(sorted({t.line_no for t in self.tracks if t.artists}))
            self._warn(
                WarningCode.ORDER_GUESSED,
                _GUESSED.format(
                    order=_ORDER_LABELS[self.order].removeprefix("read as ")
                ),
                lines=lines,
                alternative=Alternative(_ORDER_LABELS[other], Option.ORDER, other),
            )
        if records:
            firsts = tuple(self.bodies[i].line.line_no for i in records)  # type: ignore[union-attr]
            seconds = tuple(self.bodies[i].line.line_no for i in records.values())  # type: ignore[union-attr]
            self._warn(
                WarningCode.TWO_LINE_RECORDS,
                "Each track was read from two lines, a title and an artist.",
                firsts[0],
                tuple(sorted(firsts + seconds)),
                Alternative("read each line as a track", Option.AS_TRACKS, firsts),
            )
        pieces = sorted(self.pieces)
        if pieces:
            self._warn(
                WarningCode.ONE_LINE_LISTING,
                "Several tracks were read from one line.",
                pieces[0],
                tuple(pieces),
                Alternative("keep each line whole", Option.WHOLE_LINES, tuple(pieces)),
            )

    def _lines(self) -> list[_Line]:
        return [b.line if isinstance(b, _Body) else b for b in self.bodies]

    def _context(self, line: _Line) -> None:
        if line.reason == Reason.DISC_HEADING and isinstance(line.context, int):
            self.disc, self.side = line.context, ""
        elif line.reason == Reason.SIDE_HEADING:
            self.side = str(line.context)
        if line.reason:
            self._skip(line, line.reason)

    def _content(
        self, index: int, body: _Body, split: _Split | None, more: tuple[int, ...]
    ) -> None:
        line_no = body.line.line_no
        if body.artist and not _VARIOUS.match(body.artist):
            self.release_artist = body.artist
            self.headers.append((line_no, body.artist))
        if not body.text and body.duration is not None and not body.position:
            return self._lone_duration(body)
        if split and not more and self._release_heading(index, body, split):
            return None
        if self.artistless_table and body.position and "\t" in body.line.text:
            cells = [c.strip() for c in body.text.split("\t") if c.strip()]
            if cells:
                return self._track(body, cells[0], (), more, ", ".join(cells[1:]))
        if split:
            title, credit = split.sides(self.order)
            if not title or not credit:
                empty = Reason.EMPTY_TITLE if not title else Reason.EMPTY_ARTIST
                return self._skip(body.line, empty)
            if self.rated is not None:  # a mark out of ten, not a credit
                title, credit = (title, "") if self.rated == 1 else (credit, "")
            credit = _ROLE.sub("", credit)
            artists = _split_artists(_unquote(without_remark(credit)), self.known)
            if names_nobody(credit):
                artists = ()
            return self._track(
                body, title, artists, more, split.other_cells(self.order)
            )
        if line_no in self.options.as_headings or self._artist_heading(index, body):
            return self._head_artists(body)
        if index in self.candidates and self.numbered:
            return self._lone_heading(body)
        if (
            body.position
            or self._title_only(index, body)
            or line_no in self.options.as_tracks
        ):
            if not _unquote(body.text):
                return self._skip(body.line, Reason.EMPTY_TITLE)
            return self._track(body, body.text, (), more)
        self._skip(body.line, self._stray(body))

    def _lone_duration(self, body: _Body) -> None:
        """A time on a line of its own belongs to the track above it."""
        last = self.tracks[-1] if self.tracks else None
        if last is None or last.duration_seconds is not None:
            return self._skip(body.line, Reason.NOTE)
        more = (*last.more_lines, body.line.line_no)
        self.tracks[-1] = replace(last, duration_seconds=body.duration, more_lines=more)
        return None

    def _release_heading(self, index: int, body: _Body, split: _Split) -> bool:
        """ "Artist - Album" above numbered tracks, or "Various Artists - Album"."""
        line_no = body.line.line_no
        if line_no in self.options.as_tracks or body.position:
            return False
        various = _VARIOUS.match(body.text)
        forced = line_no in self.options.as_headings
        over = index == self.over_titles
        if not (various or forced or over or self._above_numbered(index)):
            return False
        if "\t" in body.text and not forced:  # a table's column headings
            self._skip(body.line, Reason.HEADING)
            return True
        self.unparsed.append(
            UnparsedLine(line_no, body.line.raw, Reason.RELEASE_HEADING)
        )
        if not various and split.kind != "record":
            self.release_artist = split.first[0]
        if not forced and not various:
            self._warn(
                WarningCode.HEADING_OR_TRACK,
                "Read as the release's heading (artist and album), not a track.",
                line_no,
                alternative=Alternative(
                    "read as a track", Option.AS_TRACKS, (line_no,)
                ),
            )
        return True

    def _above_numbered(self, index: int) -> bool:
        """Unnumbered, before every track, in a listing whose tracks are numbered."""
        if not self.numbered or self.tracks:
            return False
        after = [
            b
            for b in self.bodies[index + 1 :]
            if isinstance(b, _Body) and b.text and not b.reason
        ]
        # A format or "Tracklist" line may lie between (a Discogs page).
        numbered = sum(1 for b in after if b.position)
        return numbered >= 2 and numbered * 4 >= len(after) * 3

    def _artist_heading(self, index: int, body: _Body) -> bool:
        """A lone name heading the artistless titles under it.

        Only when something shows it: the catalogue knows the name; or
        several such lines each head numbered titles while they have no
        number; or, in a plain list of titles, several blocks between blank
        lines each open with one.
        """
        if index not in self.candidates:
            return False
        known = normalise(body.text) in self.known
        return known or len(self.candidates) >= 2

    def _lone_candidates(self) -> set[int]:
        """Lines that could head the titles under them, by layout alone."""
        found = set()
        for index, body in enumerate(self.bodies):
            if not isinstance(body, _Body) or body.position or body.reason:
                continue
            if self.splits[index] is not None or not body.text:
                continue
            if body.line.line_no in self.options.as_tracks:
                continue
            under = self._next_content(index)
            if under is None or self.splits[under] is not None:
                continue
            if _unquote(body.text) != body.text or speaks(body.text):
                continue  # a title in quotes or a sentence: never a name
            if continues_numbering(self.bodies, index, under, body.text):
                continue  # a note about the track above, not a heading
            numbered = self.numbered and bool(self.bodies[under].position)  # type: ignore[union-attr]
            if numbered or self._opens_block(index):
                found.add(index)
        return found

    def _opens_block(self, index: int) -> bool:
        """First of three or more unnumbered lines after a blank line (or the
        start), in a listing of titles only."""
        if self.numbered or self.order != NO_ORDER:
            return False
        before = self.bodies[index - 1] if index else None
        if before is not None and (isinstance(before, _Body) or before.text):
            return False  # only a blank line opens a block, not a side heading
        block = 0
        for body in self.bodies[index:]:
            if not isinstance(body, _Body) or body.reason:
                break
            block += 1
        return block >= 3

    def _lone_heading(self, body: _Body) -> None:
        """One line above numbered titles, with nothing else to say whether it
        names their artist: a heading, and the writer may say otherwise."""
        line_no = body.line.line_no
        self.unparsed.append(UnparsedLine(line_no, body.line.raw, Reason.HEADING))
        self._warn(
            WarningCode.HEADING_OR_TRACK,
            "Read as a heading; it may name the artist of the titles under it.",
            line_no,
            alternative=Alternative(
                "read as the artist of the titles under it",
                Option.AS_HEADINGS,
                (line_no,),
            ),
        )

    def _next_content(self, index: int) -> int | None:
        for later in range(index + 1, len(self.bodies)):
            body = self.bodies[later]
            if isinstance(body, _Body) and body.text and not body.reason:
                return later
        return None

    def _head_artists(self, body: _Body) -> None:
        self.heading_artist = body.text
        line_no = body.line.line_no
        self.unparsed.append(
            UnparsedLine(line_no, body.line.raw, Reason.ARTIST_HEADING)
        )
        if (
            normalise(body.text) not in self.known
            and line_no not in self.options.as_headings
        ):
            self._warn(
                WarningCode.HEADING_OR_TRACK,
                "Read as the artist of the titles under it, not a track.",
                line_no,
                alternative=Alternative(
                    "read as a track", Option.AS_TRACKS, (line_no,)
                ),
            )

    def _title_only(self, index: int, body: _Body) -> bool:
        """Unnumbered, unsplit lines are tracks only in a plain list of titles."""
        return (
            self.order == NO_ORDER
            and not self.numbered
            and not (self.bulleted and not body.line.bullet)
            # Tracks read from one-line listings: a line of its own is prose.
            and not (self.pieces and not body.line.piece)
            # Titles come under their release's heading, not above it.
            and not (self.over_titles is not None and index < self.over_titles)
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

    def _track(
        self,
        body: _Body,
        title: str,
        artists: tuple[TrackArtist, ...],
        more: tuple[int, ...] = (),
        writers: str = "",
    ) -> None:
        if self.album_tails:
            title = _FROM_ALBUM.sub("", title)
        title = without_release_details(without_bonus_mark(_unquote(title)))
        title, found = _take_writers(title)
        if not found and self.bracket_credits:
            title, found = take_credit_bracket(title)
        title = unquoted_before_bracket(without_translation(title))
        if not found and artists:
            credit, found = _take_writers(_credit_text(artists))
            if found:
                artists = _split_artists(credit, self.known)
        fallback = self.heading_artist or self.release_artist
        if not artists and fallback:
            artists = _split_artists(fallback, self.known)
        position = body.position
        disc = position.disc if position and position.disc is not None else self.disc
        if body.number_line:
            more = tuple(sorted({*more, body.number_line.line_no}))
        track = Track(
            title=_unquote(title),
            artists=artists,
            position=position.value if position else "",
            disc=disc,
            duration_seconds=body.duration,
            line_no=body.line.line_no,
            writers=", ".join(filter(None, [found, writers])),
            more_lines=more,
        )
        self.tracks.append(track)
        if position:
            self._check_position(track, position)
        self._track_warnings(track)

    def _track_warnings(self, track: Track) -> None:
        line_no = track.line_no
        if not track.artists and self.order != NO_ORDER:
            self._warn(WarningCode.NO_ARTIST, "This track has no artist.", line_no)
        credit = _credit_text(track.artists)
        if _POSITION_LIKE.match(credit):
            self._warn(
                WarningCode.POSITION_IN_ARTIST,
                f"The artist {credit!r} starts like a track number or label.",
                line_no,
            )
        if line_no in self.pieces:
            return
        text = f"{credit} {track.title}"
        if any(text.count(sep) >= n for sep, n in _INSIDE_SEPARATORS.items()):
            self._warn(
                WarningCode.SEPARATORS_INSIDE,
                "This track holds separators: it may be several tracks on one line.",
                line_no,
            )

    def _check_position(self, track: Track, position: _Position) -> None:
        side = position.side or ("" if position.disc else self.side)
        number = int(position.value.lstrip("ABCDEFGH") or 0)
        key = (track.disc, side, number)
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
        self,
        code: WarningCode,
        message: str,
        line_no: int | None = None,
        lines: tuple[int, ...] = (),
        alternative: Alternative | None = None,
    ) -> None:
        self.warnings.append(ListingWarning(code, message, line_no, lines, alternative))


def _line_no(item: _Body | _Line) -> int:
    return item.line.line_no if isinstance(item, _Body) else item.line_no


def _credit_text(artists: tuple[TrackArtist, ...]) -> str:
    return "".join(artist.name + artist.join for artist in artists)
