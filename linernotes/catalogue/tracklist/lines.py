"""Reading a listing's lines: decoding, headings, positions and durations.

Each line is first classified by its shape alone: blank, a side or disc
heading, or content. Content lines then lose their position, taken only in the
listing's own numbering style, and their duration.
"""

import re
from collections import Counter
from dataclasses import dataclass, replace

from .headers import ARTIST_LABELS, DATE, date_venue_artist, field_artist
from .model import (
    MAX_BYTES,
    MAX_CHARS,
    MAX_LINE_LENGTH,
    MAX_LINES,
    Reason,
    TracklistNotText,
    TracklistTooLarge,
)
from .writers import without_abbreviated_credit

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_BULLET = re.compile(r"^(?:[•·‣◦▪●○■□➤►▶・]\s*|[-–—*+>]\s+)")
_MARKUP = re.compile(r"^#+\s*|^\*\*(.*)\*\*$|^__(.*)__$")
_COUNT = r"\d{1,2}|one|two|three|four|five|six|seven|eight|i{1,3}|iv|vi{0,3}"
_SUBTITLE = r"(?:\s*[:.\-–—(].*)?$"
_SIDE_HEADING = re.compile(
    rf"^(?:side\s*(?P<side>[a-h]|{_COUNT})\b{_SUBTITLE}|(?P<letter>[a-h])[\s-]side$)",
    re.I,
)
_DISC_HEADING = re.compile(
    rf"^(?:disc|disk|cd|lp|record|vinyl|dvd(?:[-\s]?video)?|blu-?ray|cassette|tape"
    rf"|k7|mc)\s*(?P<disc>{_COUNT})\b(?!\s*[-–.:/]\s*\d)"
    rf"{_SUBTITLE}",
    re.I,
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
    r"^(?:\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|notes?\s*:.*|(?:\S+\s+){3,}"
    r"(?!(?:feat|etc|jr|sr|st|co|vs|ft|no|op|pt|mr|dr|ms|mt)\.)[a-z]{2,}\.)$",
    re.I,
)
_LONGEST_TRACK_WORDS = 24
# The writer's remark after a track, as reviews and countdowns write them:
# "Title – Artist: Every time I hear this song, ..." (a remark after a colon
# on the last side) and "Title – Let's get this one out of the way. ..." (a
# sentence after a dash). A remark has six or more words; a sentence eight or
# more and a full stop, question or exclamation mark in it. Found by walking
# the dashes, not by one pattern, so a line of dashes costs no backtracking.
_SPACED_DASH = re.compile(r"\s[-–—]\s")
# A sentence ends after a word ("again."), not after an initial ("Ю.").
# Abbreviations in credits ("feat.", "Bros.", "Vol.") end no sentence.
_SENTENCE_END = re.compile(
    r"(?<!\w)(?!(?:feat|featuring|bros|vol|inc|ltd|etc|mrs|orch|arr|prod)\.)"
    r"[^\W\d_]{3,}[.!?](?:\s|$)",
    re.I,
)
_IN_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_REMARK_WORDS, _SENTENCE_WORDS, _LONGEST_KEPT, _MOST_DASHES = 6, 8, 120, 6
_MOST_BORDERS = 4
# A range of hours or years alone on a line ("7 - 8", "10pm – 11pm", "1979-1983"):
# a radio show's hour or a period heading the tracks under it.
_HOUR = r"\d{1,4}(?::\d\d)?\s*(?:[ap]\.?m\.?|h)?"
_RANGE = re.compile(rf"^{_HOUR}\s*[-–—]\s*{_HOUR}$", re.I)
# "(1984)" after a track: the year it came out, neither title nor artist.
# A full stop may close it: "Lean on Me – Red Box (1985).".
_YEAR_AT_END = re.compile(
    r"\s*[(\[](?:(?:19|20)\d\d|from\s[^()\[\]]+)[)\]]\s*\.?\s*$", re.I
)
# A web or mail address: a link or a contact line, not a track.
_ADDRESS = re.compile(r"https?://|\bwww\.\S|[\w.+-]+@[\w-]+\.\w")
# Markup alone on a line: "<ol>", "</p>".
_TAGS = re.compile(r"^(?:<[^<>]*>\s*)+$")
# A line of rules or table borders ("-----", "|---|---|", "|||").
_RULE = re.compile(r"^[|:\-=+_~*#.\s]+$")
# A table's or list's column heading: "Song Title - Group", "Artist / Title".
_TITLE_WORD = r"(?:song\s+|track\s+)?(?:titles?|songs?|tracks?|names?)"
_ARTIST_WORD = r"(?:artists?|groups?|bands?|performers?|singers?|performed\s+by)"
_COLUMN_HEADING = re.compile(
    rf"^(?:(?:no\.?|\#|pos\.?)\s*[-–—/|\t:.]?\s*)?(?:(?P<ta>{_TITLE_WORD}\s*[-–—/|\t:,]\s*"
    rf"{_ARTIST_WORD})|(?P<at>{_ARTIST_WORD}\s*[-–—/|\t:,]\s*{_TITLE_WORD}))\b",
    re.I,
)
_POSITION = re.compile(
    r"""(?:(?P<disc>\d{1,2})[-.](?P<disc_track>\d{1,3})
          |(?P<vinyl>[A-H]\d{1,2})
          |(?P<number>\d{1,3}))
        (?:\s?(?P<punct>[.):])(?:-(?=[^\W\d])|-\s)?(?!\d)\s*
          |(?P<dash>\s+[-–—])(?:\s+|$)|\s+|$
          |(?P<glued>(?=[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af])))""",
    re.X,
)
# A time of day or cue time before a track: "0:00 - Artist - Title", "[12:14]".
_CUE_TIME = re.compile(r"^\[?\d{1,2}:\d\d(?::\d\d)?\]?(?:\s*[-–—]\s*|\s+)(?=\S)")
# Positions written with a word or sign: "Side A #1:", "CD1-04", "Track 3:", "#7".
_LABELLED_POSITION = re.compile(
    r"""(?:side\s*(?P<side>[A-H]|\d)\s*[#,.:\-–]?\s*\#?\s*(?P<side_track>\d{1,2})
          |(?:cd|disc|disk)\s*(?P<cd>\d{1,2})\s*(?:[-–.:/]|\s)\s*(?:track\s*)?
           (?P<cd_track>\d{1,3})
          |track\s*(?:no\.?\s*)?\#?\s*(?P<track>\d{1,3})
          |\#\s?(?P<hash>\d{1,3}))
        (?:\s*[.):\-–—]\s*|\s+|$)""",
    re.X | re.I,
)
# Words before a track that are not part of it: "Bonus: Artist – Title", "= ".
_LEAD_IN = re.compile(
    r"^(?:=+\s*|(?:bonus|hidden|secret)(?:\s+track)?\s*:\s*|\(bonus\)\s*)(?=\S)", re.I
)
# A second number after the first: "1. 1. Title" (the page's list and the text's).
_SECOND_NUMBER = re.compile(r"^\d{1,3}[.)]\s+(?=\S)")
_CLOCK = r"(?:(?P<h>\d{1,2}):(?P<hm>[0-5]\d)|(?P<m>\d{1,3})):(?P<s>[0-5]\d)"
_PRIMES = r"(?P<pm>\d{1,3})\s*['′’]\s*(?P<ps>[0-5]?\d)\s*(?:\"|″|''|”)?"
_UNITS = r"(?P<um>\d{1,3})\s*m(?:in)?\.?\s*(?P<us>[0-5]?\d)\s*s(?:ec)?\.?"
_TIME = rf"(?:{_CLOCK}|{_PRIMES}|{_UNITS})(?:\s*min\.?)?"
_BRACKETED_DURATION = re.compile(rf"\s*[(\[{{]\s*{_TIME}\s*[)\]}}]\s*$")
# '"Title" (5:02) (söz: X, müzik: Y)': a duration in brackets with one more
# bracket after it, a credit or a remark, is still the track's duration.
_DURATION_BEFORE_BRACKET = re.compile(
    rf"\s*[(\[]\s*{_TIME}\s*[)\]](?=\s*[(\[][^()\[\]]*[^\d\s:()\[\]][^()\[\]]*[)\]]\s*$)"
)
_BARE_DURATION = re.compile(rf"(?:^|\s*[-–—]?\s+|(?<=\S)\s*[-–—]\s*){_TIME}\s*$")
# A footnote mark after a title ("Title*", "Title †"), and a footnote line.
_MARK = re.compile(r"\s*(?:[*†‡§¹²³]+|\(\*+\))\s*$")
_FOOTNOTE = re.compile(
    r"^(?:[†‡§¹²³]+|\*+(?=\S)|\(\*+\)|\*+\s+(?=(?:bonus|indicates|denotes|not\b|"
    r"only\s+(?:on|available)|available|previously|exclusive|unreleased|"
    r"originally|appears|track|tracks)\b))",
    re.I,
)
# "*January – Pilot": a mark glued before a track that has a dash in it marks
# the track (the footnote says what), it does not make the line a footnote.
_MARKED_TRACK = re.compile(
    r"^[*†‡§]+(?=[^\W\d_])(?!(?:bonus|indicates|denotes|not|only|available|"
    r"previously|exclusive|unreleased|originally|appears|tracks?)\b).*?\S\s+[-–—]\s+\S",
    re.I,
)
_LEADING_MARK = re.compile(r"^[*†‡§]+(?=[^\W\d_])")
_HEADER_FIELD = re.compile(
    rf"^(?:{ARTIST_LABELS}|album|title|release|released?|release\s+date|"
    r"year|date|genre|genres|style|format|country|producer|produced\s+by|recorded|"
    r"length|runtime|duration|total(?:\s+(?:time|length|running\s+time|playing\s+time))?|"
    r"upc|ean|barcode|source|lineage|taper|venue|location|rating|tracks)"
    r"(?:\s*[:#=：]\s*|\s+(?=(?:in\s+)?(?:19|20)\d\d\b))\S",
    re.I,
)
_DATE = DATE
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
    """One input line as first seen: blank, a heading fixed by its shape, or content.

    ``piece`` is non-zero for one of several tracks typed on one line.
    """

    line_no: int
    raw: str
    text: str
    reason: Reason | None = None
    context: str | int | None = None
    piece: int = 0
    # Opened with a list bullet ("- ", "• "): in a bulleted listing, the tracks.
    bullet: bool = False


def _scan(line_no: int, raw: str, piece: int = 0) -> _Line:
    stripped = raw.strip()
    bold = stripped.startswith("**") and stripped.endswith("**")
    if _MARKED_TRACK.match(stripped):
        stripped = _LEADING_MARK.sub("", stripped)
    elif _FOOTNOTE.match(stripped) and not bold and not _position(stripped):
        return _Line(line_no, raw, stripped, Reason.FOOTNOTE, piece=piece)
    text = _BULLET.sub("", stripped, count=1).strip()
    if (stripped and not text) or _RULE.match(stripped) or _TAGS.match(stripped):
        return _Line(line_no, raw, stripped, Reason.NOTE, piece=piece)
    if len(text) > MAX_LINE_LENGTH:
        return _Line(line_no, raw, text, Reason.TOO_LONG, piece=piece)
    bare = _MARKUP.sub(lambda m: m.group(1) or m.group(2) or "", text).strip()
    if side := _SIDE_HEADING.match(bare):
        label = (side["side"] or side["letter"]).upper()
        return _Line(line_no, raw, text, Reason.SIDE_HEADING, label, piece)
    if disc := _DISC_HEADING.match(bare):
        count = _count(disc["disc"])
        return _Line(line_no, raw, text, Reason.DISC_HEADING, count, piece)
    return _Line(line_no, raw, text, piece=piece, bullet=text != stripped)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.casefold()]


@dataclass(frozen=True)
class _Position:
    value: str
    disc: int | None
    style: str
    rest: str
    side: str = ""

    @property
    def strong(self) -> bool:
        """Punctuation ("1.", "A1)"), a disc ("1-01") or a word ("Track 3")
        cannot start a title."""
        return self.style[-1] in ".):" or self.style.startswith(("disc", "labelled"))


def _position(text: str) -> _Position | None:
    text = _LEAD_IN.sub("", text)
    found = _labelled_position(text) or _plain_position(text)
    if found and (second := _SECOND_NUMBER.match(found.rest)):
        rest = found.rest[second.end() :]
        found = _Position(found.value, found.disc, found.style, rest, found.side)
    if found:
        rest = _LEAD_IN.sub("", found.rest)
        found = _Position(found.value, found.disc, found.style, rest, found.side)
    return found


def _plain_position(text: str) -> _Position | None:
    match = _POSITION.match(text)
    if not match:
        return None
    kind = "disc" if match["disc"] else "vinyl" if match["vinyl"] else "number"
    glued = "glued" if match["glued"] is not None else " "
    mark = match["punct"] or ("-" if match["dash"] else glued)
    value = match["disc_track"] or match["vinyl"] or match["number"]
    disc = int(match["disc"]) if match["disc"] else None
    side = value[0] if value[0].isalpha() else ""
    return _Position(value, disc, kind + mark, text[match.end() :], side)


def _labelled_position(text: str) -> _Position | None:
    match = _LABELLED_POSITION.match(text)
    if not match:
        return None
    rest = text[match.end() :]
    if match["side"]:
        side = match["side"].upper()
        value = (
            f"{side}{match['side_track']}" if side.isalpha() else match["side_track"]
        )
        return _Position(value, None, "labelled", rest, side)
    if match["cd"]:
        return _Position(match["cd_track"], int(match["cd"]), "labelled", rest)
    return _Position(match["track"] or match["hash"], None, "labelled", rest)


@dataclass(frozen=True)
class _Body:
    """A content line's text once its position, if any, and duration are taken off."""

    line: _Line
    position: _Position | None
    text: str
    duration: int | None
    reason: Reason | None
    artist: str = ""
    says_order: str = ""
    # The line above that held only this track's number ("1." then the track).
    number_line: "_Line | None" = None


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
    for index, line in enumerate(lines):
        if line.reason in (Reason.SIDE_HEADING, Reason.DISC_HEADING):
            heading = line.line_no
        elif line.text and not line.reason:
            candidates.append((index, line, _position(line.text), heading))
    cued = sum(1 for _, line, _, _ in candidates if _CUE_TIME.match(line.text))
    after = sum(1 for _, _, p, _ in candidates if p and _CUE_TIME.match(p.rest))
    if candidates and after * 2 >= len(candidates):
        candidates = [
            (index, line, _uncued_position(p), heading)
            for index, line, p, heading in candidates
        ]
    elif candidates and cued * 2 >= len(candidates):
        candidates = [
            (index, _uncued(line), _position(_uncued(line).text), heading)
            for index, line, _, heading in candidates
        ]
    accepted = _accepted_styles([c[1:] for c in candidates])
    bodies = {index: _body(line, p, accepted) for index, line, p, _ in candidates}
    _table_headings(bodies)
    return _lone_positions(
        [bodies.get(index, line) for index, line in enumerate(lines)], accepted
    )


def _table_headings(bodies: dict[int, "_Body"]) -> None:
    """A table's column-heading row ("No. | Title | Length") is a heading.

    In a table whose rows are numbered (two or more), a row with no number
    anywhere in it names the columns; it is not a track.
    """
    rows = {i: b for i, b in bodies.items() if "\t" in b.line.text and not b.reason}
    if sum(1 for b in rows.values() if b.position) < 2:
        return
    for index, body in rows.items():
        cells = [c for c in body.line.text.split("\t") if c.strip()]
        if not body.position and len(cells) >= 2 and not _DIGIT.search(body.line.text):
            bodies[index] = replace(body, reason=Reason.HEADING)


_DIGIT = re.compile(r"\d")
# The full stop closing a piece of a one-line listing ("1. A. 2. B."); an
# ellipsis ("Voyage...") is the title's own.
_PIECE_STOP = re.compile(r"(?<!\.)\.$")


def _lone_positions(
    items: list["_Body | _Line"], accepted: set[str]
) -> list["_Body | _Line"]:
    """A position alone on its line ("1." then the track) numbers the next line.

    Pages that render a numbered list put the number on a line of its own when
    copied; the number line is then part of the track, not a line to report.
    """
    for index in range(len(items) - 1):
        lone, target = items[index], _under(items, index)
        after = items[target]
        if not (
            isinstance(lone, _Body)
            and lone.position
            and (not lone.text or _RULE.match(lone.text))
            and lone.duration is None
            and isinstance(after, _Body)
            and not after.position
            and after.text
        ):
            continue
        p = lone.position
        moved = _Position(p.value, p.disc, p.style, after.line.text, p.side)
        body = _body(after.line, moved, accepted | {p.style})
        items[target] = replace(body, number_line=lone.line)
        items[index] = _Line(lone.line.line_no, lone.line.raw, "")
    return items


def _under(items: list["_Body | _Line"], index: int) -> int:
    """The line a lone number numbers: the next one, past a table's cell
    borders ("|" alone on a line, as a scraped table leaves them)."""
    target = index + 1
    while (
        target < len(items) - 1
        and target - index <= _MOST_BORDERS
        and isinstance(items[target], _Line)
        and not isinstance(items[target], _Body)
        and items[target].reason == Reason.NOTE
        and _RULE.match(items[target].text)
    ):
        target += 1
    return target


def _uncued(line: _Line) -> _Line:
    """The line without the cue time most of the listing's lines open with."""
    text = _CUE_TIME.sub("", line.text, count=1)
    return replace(line, text=text)


def _uncued_position(position: _Position | None) -> _Position | None:
    if position is None:
        return None
    rest = _CUE_TIME.sub("", position.rest, count=1)
    return _Position(position.value, position.disc, position.style, rest, position.side)


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
    } | {style for style in styles if _counts_on(candidates, style)}


def _counts_on(
    candidates: list[tuple[_Line, _Position | None, int]], style: str
) -> bool:
    """Bare numbers of one style counting 1, 2, 3… (three or more; a side may
    start again at 1) are positions however many other lines lie between:
    "01 - Title" over each artist line of a two-line record."""
    numbers = [
        int(p.value)
        for _, p, _ in candidates
        if p and p.style == style and p.value.isdigit() and p.disc is None
    ]
    if len(numbers) < 3 or numbers[0] != 1:
        return False
    return all(
        n in (before + 1, 1) for before, n in zip(numbers, numbers[1:], strict=False)
    )


def _body(line: _Line, position: _Position | None, styles: set[str]) -> _Body:
    if position and not (position.strong or position.style in styles):
        position = None
    if not position and _DATE.search(line.text):
        artist = date_venue_artist(line.text)
        return _Body(line, None, line.text, None, Reason.DATE_LINE, artist)
    if not position and _is_range(line.text.strip()):
        return _Body(line, None, line.text, None, Reason.HEADING)
    if heading := _COLUMN_HEADING.match(line.text):
        says = "title-artist" if heading["ta"] else "artist-title"
        return _Body(line, None, line.text, None, Reason.HEADING, says_order=says)
    text = position.rest if position else _LEAD_IN.sub("", line.text)
    duration, text = _take_duration(_unmark(text))
    text = _YEAR_AT_END.sub("", _unmark(text)).strip().rstrip(";,").rstrip()
    text = _without_remark(text)
    if line.piece:
        text = _PIECE_STOP.sub("", text).rstrip()
    reason = None if position else _stray_reason(text)
    if reason == Reason.HEADING and duration is not None:
        reason = None  # "Song - 3:00": a heading word, but a heading has no length
    artist = ""
    if reason == Reason.HEADER:
        artist = field_artist(text)
    return _Body(line, position, text, duration, reason, artist)


def _is_range(text: str) -> bool:
    """ "7 - 8", "1979-1983", "22:00 - 0:00": a range goes somewhere between
    two of a kind, so "1999 - 1999" (a song called 1999 by an act called 1999)
    is not one, nor "1999 - 4:10" (the song 1999 and its length)."""
    if not _RANGE.match(text):
        return False
    ends = [end.strip().casefold() for end in re.split(r"[-–—]", text, maxsplit=1)]
    return ends[0] != ends[-1] and (":" in ends[0]) == (":" in ends[-1])


def _without_remark(text: str) -> str:
    """The track without the writer's remark after it (see _SPACED_DASH)."""
    bracketed = [m.span() for m in _IN_BRACKETS.finditer(text)]
    dashes = [
        d
        for d in _SPACED_DASH.finditer(text)
        if not any(start < d.start() < end for start, end in bracketed)
    ]
    # A track has a few dashes; a line of dozens is no track with a remark.
    if len(dashes) > _MOST_DASHES:
        return text
    for dash in dashes:
        colon = text.find(": ", dash.end())
        if colon < 0:
            break
        between = text[dash.end() : colon]
        if 0 < len(between.strip()) <= 60 and ":" not in between:
            if len(text[colon + 2 :].split()) >= _REMARK_WORDS:
                return text[:colon].rstrip()
    for dash in reversed(dashes):
        kept, rest = text[: dash.start()].strip(), text[dash.end() :]
        if (
            kept
            and len(kept) <= _LONGEST_KEPT
            and len(rest.split()) >= _SENTENCE_WORDS
            and _SENTENCE_END.search(without_abbreviated_credit(rest))
        ):
            return kept
    return text


def _unmark(text: str) -> str:
    """The text without a footnote mark at its end (a bold heading keeps its **)."""
    return text if text.startswith(("**", "__")) else _MARK.sub("", text)


def _stray_reason(text: str) -> Reason | None:
    """What an unnumbered line is when its shape alone shows it is not a track."""
    if _LABEL.search(text) or _CATALOGUE_NUMBER.search(text):
        return Reason.LABEL_LINE
    if _HEADER_FIELD.match(text):
        return Reason.HEADER
    if _HEADING.match(text):
        return Reason.HEADING
    if _SENTENCE.match(text) or len(text.split()) > _LONGEST_TRACK_WORDS:
        return Reason.NOTE
    if _ADDRESS.search(text):
        return Reason.NOTE
    return None


def _take_duration(text: str) -> tuple[int | None, str]:
    match = _BRACKETED_DURATION.search(text) or _BARE_DURATION.search(text)
    rest = text[: match.start()] if match else ""
    if not match and (match := _DURATION_BEFORE_BRACKET.search(text)):
        rest = text[: match.start()] + text[match.end() :]
    if not match:
        return None, text
    if match["pm"] is not None:
        minutes, seconds = int(match["pm"]), int(match["ps"])
    elif match["um"] is not None:
        minutes, seconds = int(match["um"]), int(match["us"])
    else:
        hours, minutes = int(match["h"] or 0), int(match["hm"] or match["m"])
        minutes, seconds = hours * 60 + minutes, int(match["s"])
    return minutes * 60 + seconds, rest
