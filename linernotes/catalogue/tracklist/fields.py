"""Listings written as labelled records: each track a block of named fields.

A radio station's play log (``Mein Dorf`` / ``Länge: 03:26`` /
``Interpretation: Rudi Carrell`` / ``Komposition: …`` / ``Label: …``) and a
video page's "Music in this video" box (``Song`` / ``Ending Point`` /
``Artist`` / ``Conrad Van Orton`` / ``Album`` / …) name what each line is.
Read line by line, every field looks like a header or a note and no track
comes out; read as records, the labels say which line is the title, which
the performer and which the length. So when a listing holds two records or
more with a performer field each, and fields make up half its lines, it is
read this way (docs/tracklist-format.md, "Labelled records"). Fields that
name anything else (the album, the label, the composer) are reported as
``label-line``; a line that is neither a field nor a record's title is a
``heading`` or a ``note``.
"""

import re
from dataclasses import dataclass

from .artists import _split_artists, without_remark
from .lines import _take_duration
from .model import (
    TITLE_ARTIST,
    Alternative,
    ListingWarning,
    Option,
    ParsedListing,
    Reason,
    Track,
    UnparsedLine,
    WarningCode,
)
from .prepare import SourceLine
from .quotes import _unquote

# Field labels by what they name, in the languages play logs come in.
_TITLE = r"song|title|titel|titre|título|titolo|track|canción|brano|utwór|песня"
_ARTIST = (
    r"artists?|interpretation|interpret(?:en)?|interprète|intérprete|performers?|"
    r"künstler(?:in)?|artiest|artista|wykonawca|исполнитель|sänger(?:in)?|vocals?"
)
_LENGTH = r"länge|length|duration|dauer|duur|durée|duración|durata|laufzeit|time"
_OTHER = (
    r"album|plattentitel|label|komposition|composer|composed\s+by|text|lyrics|"
    r"writers?|musik|music|best\.?-?nr\.?|cat(?:alog(?:ue)?)?\.?\s*(?:no|#)\.?|"
    r"year|jahr|licensed\s+to\s+youtube\s+by|writers?\s+by|producer|genre"
)
_KINDS = {"title": _TITLE, "artist": _ARTIST, "length": _LENGTH, "other": _OTHER}
_INLINE = {
    kind: re.compile(rf"^(?:{words})\s*[:：]\s*(?P<value>\S.*)$", re.I)
    for kind, words in _KINDS.items()
}
_ALONE = {
    kind: re.compile(rf"^(?:{words})\s*[:：]?$", re.I) for kind, words in _KINDS.items()
}
_ANY_ARTIST = re.compile(rf"^\s*(?:{_ARTIST})\s*[:：]?", re.I | re.M)
_LEAST_RECORDS = 2


@dataclass
class _Field:
    kind: str
    value: str
    line_nos: tuple[int, ...]
    texts: tuple[str, ...]


@dataclass
class _Record:
    title: str
    title_lines: tuple[int, ...]
    fields: list[_Field]


def labelled_records(
    sources: list[SourceLine], known: frozenset[str]
) -> ParsedListing | None:
    """The listing read as labelled records, or None when it is not one."""
    text = "\n".join(s.text for s in sources)
    if len(_ANY_ARTIST.findall(text)) < _LEAST_RECORDS:
        return None  # most listings: no performer fields at all, cheaply
    items = _fields(sources)
    fields = [item for item in items if isinstance(item, _Field)]
    if sum(1 for f in fields if f.kind == "artist") < _LEAST_RECORDS:
        return None
    covered = sum(len(f.line_nos) for f in fields)
    if covered * 2 < sum(1 for s in sources if s.text.strip()):
        return None
    records, strays = _records(items)
    if sum(1 for r in records if any(f.kind == "artist" for f in r.fields)) < 2:
        return None
    # A play log holds records and a heading or two; plain lines outnumbering
    # the records are tracks under header blocks ("ARTIST: X" over "1. Title").
    if len(strays) >= len(records):
        return None
    tracks = [_track(record, known) for record in records]
    # A field naming something else is reported, its value's line too.
    unparsed = [
        UnparsedLine(n, text, Reason.LABEL_LINE)
        for r in records
        for f in r.fields
        if f.kind == "other"
        for n, text in zip(f.line_nos, f.texts, strict=True)
    ] + strays
    lines = tuple(n for r in records for n in r.title_lines)
    warning = ListingWarning(
        WarningCode.TWO_LINE_RECORDS,
        "Each track was read from a block of labelled lines (title, artist, length).",
        lines[0],
        lines,
        Alternative("read each line as a track", Option.AS_TRACKS, lines),
    )
    return ParsedListing(
        TITLE_ARTIST,
        tuple(tracks),
        tuple(sorted(unparsed, key=lambda u: u.line_no)),
        (warning,),
    )


def _fields(sources: list[SourceLine]) -> list["_Field | SourceLine"]:
    """Each line as a field (a label and its value, on one line or two) or as
    itself."""
    lines = [s for s in sources if s.text.strip()]
    out: list[_Field | SourceLine] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        text = line.text.strip()
        found = None
        for kind in _KINDS:
            if match := _INLINE[kind].match(text):
                found = _Field(kind, match["value"].strip(), (line.line_no,), (text,))
                break
            if _ALONE[kind].match(text) and index + 1 < len(lines):
                value = lines[index + 1]
                found = _Field(
                    kind,
                    value.text.strip(),
                    (line.line_no, value.line_no),
                    (text, value.text),
                )
                index += 1
                break
        out.append(found or line)
        index += 1
    return out


def _records(
    items: list["_Field | SourceLine"],
) -> tuple[list[_Record], list[UnparsedLine]]:
    """Records open at a title field, or at a plain line with fields under it."""
    records: list[_Record] = []
    strays: list[UnparsedLine] = []
    for index, item in enumerate(items):
        if isinstance(item, _Field):
            if item.kind == "title":
                records.append(_Record(item.value, item.line_nos, []))
            elif records:
                records[-1].fields.append(item)
            else:
                strays += [
                    UnparsedLine(n, text, Reason.HEADER)
                    for n, text in zip(item.line_nos, item.texts, strict=True)
                ]
            continue
        after = items[index + 1] if index + 1 < len(items) else None
        if isinstance(after, _Field) and after.kind != "title":
            records.append(_Record(item.text.strip(), (item.line_no,), []))
        else:
            reason = Reason.HEADING if not records else Reason.NOTE
            strays.append(UnparsedLine(item.line_no, item.text, reason))
    return records, strays


def _track(record: _Record, known: frozenset[str]) -> Track:
    artist = next((f for f in record.fields if f.kind == "artist"), None)
    length = next((f for f in record.fields if f.kind == "length"), None)
    duration = _take_duration(length.value)[0] if length else None
    used = [f for f in record.fields if f.kind in ("artist", "length")]
    more = sorted({n for f in used for n in f.line_nos} | set(record.title_lines[:-1]))
    return Track(
        title=_unquote(record.title),
        artists=_split_artists(without_remark(artist.value), known) if artist else (),
        line_no=record.title_lines[-1],
        duration_seconds=duration,
        more_lines=tuple(more),
    )
