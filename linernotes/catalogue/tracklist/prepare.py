"""Pasted text made into plain listing lines before any line is read.

Listings arrive as HTML from a shop page (``<ol><li>``, ``<br>``, ``<p>``), as
Markdown (links, bold, tables), with non-breaking spaces, or squeezed onto one
line (" / ", " • ", "; " between tracks). Each kind becomes plain lines here,
each still carrying the number of the line the writer typed, so a warning
points at their editor's line.
"""

import html
import re
from dataclasses import dataclass

_HTML = re.compile(
    r"</?(?:li|br|p|ol|ul|div|tr|td|th|table|span|b|strong|i|em)\b[^<>]*>", re.I
)
_HTML_BREAK = re.compile(r"<br\s*/?>|</?(?:li|p|ol|ul|div|tr|table)\b[^>]*>", re.I)
_HTML_CELL = re.compile(r"</?t[dh]\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]{0,300}>")
# Spaces a browser or word processor pastes that are not the ASCII space.
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff]")
# A wiki's edit link copied with a heading: "Side one[edit]",
# "[bewerken | brontekst bewerken]Nr. | Titel".
_EDIT_LINK = re.compile(
    r"\[\s*(?:edit|bewerken|modifier|editar|bearbeiten|modifica|redigera|edytuj)"
    r"(?:\s*\|[^\[\]]*)?\]",
    re.I,
)
_MD_LINK = re.compile(r"\[([^\[\]]+)\]\([^()\s]+\)")
_MD_INNER_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
# "| 1 | Title |" or "1. | Title |": a table row, its cells become columns.
_MD_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$|^[^|]*\S\s*\|.*\|\s*$")
_RULE_ROW = re.compile(r"^[\s|:\-=+]*$")
# Separators between tracks written on one line, strongest first.
_ONE_LINE = (" • ", " · ", " | ", " / ", " * ", "; ", " ; ", " -- ")
# A piece shaped like a track: numbered, with a dash or "by", or opening with
# a title in quotes ("'Suzanne' (a remark); 'Lucinda'; …").
_TRACK_SHAPE = re.compile(
    r"^\s*(?:\d{1,3}[.):]?\s|[A-H]\d{1,2}\b)|\s[-–—]\s|\S[–—]\S|\sby\s"
    r"|^\s*['‘\"“„«].*?\w.*?['’\"”“»](?:\s|$|[.,;])",
    re.I,
)
# The full stop closing a sentence of titles, after the last one's quote.
_CLOSING_STOP = re.compile(r"(?<=['’\"”»)\]}])\.$")
_QUOTE_MARK = re.compile(r"[«»“”„\"]")
_TITLE_JOIN = re.compile(r"^\s*[,،;、]?\s*(?:\w{1,4})?\s*[,،;、.]?\s*$")
_INLINE_NUMBER = re.compile(r"(?:^|\s)(\d{1,2})[.)]\s")


@dataclass(frozen=True)
class SourceLine:
    """A line to read: its text, and the line of the pasted text it came from.

    ``piece`` counts the lines one typed line was split into (0 when whole).
    """

    line_no: int
    text: str
    piece: int = 0


def prepare(
    lines: list[str], *, whole: frozenset[int] = frozenset()
) -> list[SourceLine]:
    """Plain lines in typed order; ``whole`` names lines never split in pieces."""
    out: list[SourceLine] = []
    for line_no, raw in enumerate(lines, 1):
        for text in _unmark(raw):
            pieces = [] if line_no in whole else _one_line_tracks(text)
            if len(pieces) > 1:
                out += [SourceLine(line_no, p, i) for i, p in enumerate(pieces, 1)]
            else:
                out.append(SourceLine(line_no, text))
    return out


def _unmark(raw: str) -> list[str]:
    """One typed line as plain lines: HTML split at its breaks, Markdown undone."""
    text = _INVISIBLE.sub("", _SPACES.sub(" ", raw))
    if "[" in text:
        text = _EDIT_LINK.sub("", text)
    if _HTML.search(text):
        text = _HTML_CELL.sub("\t", text)
        parts = [html.unescape(_TAG.sub("", p)) for p in _HTML_BREAK.split(text)]
        parts = [p.strip(" \t") for p in parts]
        # A line of markup alone ("<ol>") is still a line the writer typed.
        return [p for p in parts if p.strip()] or [raw.strip()]
    if _MD_TABLE_ROW.match(text) and not _RULE_ROW.match(text):
        cells = [c.strip() for c in text.strip().strip("|").split("|")]
        text = "\t".join(cells)
    text = _MD_LINK.sub(r"\1", text)
    if not re.fullmatch(r"\s*(\*\*|__).*\1\s*", text):
        text = _MD_INNER_BOLD.sub(r"\2", text)
    return [text]


def _one_line_tracks(text: str) -> list[str]:
    """A line holding several tracks, in pieces; [] when it holds one.

    It takes two or more of one separator, and most pieces shaped like a track
    (numbered, or with a dash or "by"), so "Rock / Paper / Scissors" alone, a
    title with slashes, stays whole.
    """
    numbered = _numbered_run(text) or _quoted_run(text) or _timed_run(text)
    if numbered:
        return numbered
    for separator in _ONE_LINE:
        pieces = [p.strip() for p in text.split(separator)]
        if len(pieces) < 3 or not all(pieces):
            continue
        shaped = sum(1 for p in pieces if _TRACK_SHAPE.search(p))
        if shaped * 4 >= len(pieces) * 3:
            return [_CLOSING_STOP.sub("", p) for p in pieces]
    return []


def _quoted_run(text: str) -> list[str]:
    """Three or more titles in quotes joined by "and", commas or "و" in a sentence.

    'The album holds «A», «B» and «C».': each quoted title is a track, and the
    words around them are the sentence, not a title. Quotes may be mismatched
    (»B» for «B»), as pasted text often has them; what lies between two titles
    must be a comma or one short word, so '"Rock" - "Paper" - "Scissors"'
    stays one line.
    """
    parts = _QUOTE_MARK.split(text)
    titles, between = parts[1::2], parts[2:-1:2]
    if len(parts) % 2 == 0 or len(titles) < 3:
        return []
    if not all(t.strip() for t in titles) or not all(
        _TITLE_JOIN.match(b) for b in between
    ):
        return []
    if len(parts[-1].split()) > 3:
        return []
    return [t.strip() for t in titles]


def _numbered_run(text: str) -> list[str]:
    """ "1. A - B 2. C - D 3. E - F": numbers counting up from 1 inside one line.

    Text before "1." ("Tracklist: 1. …") becomes a piece of its own, to be
    read (and reported) like any heading.
    """
    starts, expected = [], 1
    for match in _INLINE_NUMBER.finditer(text):
        if int(match[1]) == expected:
            starts.append(match.start(1))
            expected += 1
    if len(starts) < 3:
        return []
    ends = [*starts[1:], len(text)]
    pieces = [text[start:end] for start, end in zip(starts, ends, strict=True)]
    if text[: starts[0]].strip():
        pieces.insert(0, text[: starts[0]])
    return [piece.strip().rstrip(" ,;/|•·*").strip() for piece in pieces]


# A length closing a track inside a one-line listing: "Preface (1:16), …",
# "Deutschland, 5:23 Radio, 4:37 …". What follows is the next track.
_INLINE_LENGTH = re.compile(
    r"(?:[(\[]\d{1,2}:[0-5]\d[)\]]|(?<=[\s,])\d{1,2}:[0-5]\d)"
    r"(?:\s*[,;]\s*(?=\S)|\s+(?=\S)|[\s,;.…]*$)"
)
_LEAST_TIMED = 3


def _timed_run(text: str) -> list[str]:
    """Three or more tracks, each closed by its length, on one line.

    The line is cut after each length; a length is at the end of a track, so
    the piece after the last one is its own (often an ellipsis or nothing).
    """
    if text.count(":") < _LEAST_TIMED:
        return []
    cuts = [match.end() for match in _INLINE_LENGTH.finditer(text)]
    if len(cuts) < _LEAST_TIMED:
        return []
    starts = [0, *cuts]
    pieces = [text[a:b] for a, b in zip(starts, [*cuts, len(text)], strict=True)]
    pieces = [p.strip().rstrip(",;").strip() for p in pieces]
    return [p for p in pieces if p]
