"""Lines that head a part of the listing, known by what the other lines say.

A line alone ("Sida A", "SET 1", "N.º Título Duração") has no separator and no
number in front, so one line at a time it could be a title, a lone artist
heading the titles under it, or a heading. Read against the whole listing the
reading is clear:

- a word followed by a letter or a number, where the same word comes back
  with another letter or number ("Sida A" … "Sida B", "SET 1" … "SET 2"), is
  a section marker in whatever language the page is in: a side when the
  marks are letters A–H, a heading otherwise;
- a line made only of column names ("No.", "Title", "Duração", "Länge") with
  two or more of them names the columns of the rows under it.

Neither is ever a performer, so neither may head titles as their artist
(docs/tracklist-format.md, "Section markers" and "Column names").
"""

import re
from collections import defaultdict
from dataclasses import replace

from .headers import DATE
from .model import Reason

# One word (letters only) and a mark: a letter A–H, a number or a Roman one.
# A subtitle may follow after a dash or a colon ("Hour 2—On This Day…"),
# except after the words that number a track ("Track 1: Artist - Title").
_MARKER = re.compile(
    r"^(?!(?:track|tracks|song|title|titel|no|nr|cd|disc|disk|lp|side|vol)\b)"
    r"(?P<word>[^\W\d_]{2,20})\.?\s+(?P<mark>[A-Ha-h]|\d{1,2}|[IVX]{1,4})"
    r"(?:\s*:?$|\s*[-–—:]\s*\S.*$)",
    re.I,
)
# Column names of a listing's table, in the languages listings come in, by
# what the column holds: two kinds or more make a row of column names, so a
# song called "Title Track" (one kind twice) stays a title.
_COLUMNS = {
    "number": "no no. nr nr. n. n.º nº n° # pos pos. nummer numéro número",
    "title": "track title titel título titulo titre titolo tytuł название назва song",
    "length": "duration length time duur länge dauer duração duracao durée "
    "durata długość czas длительность тривалість время",
    "artist": "artist artiest interpret interpretation künstler performer исполнитель",
    "writers": "writer writers composer composers lyrics music musik muziek "
    "musique autor autores auteur auteurs author authors",
}
_COLUMN_KIND = {w: kind for kind, words in _COLUMNS.items() for w in words.split()}
_ROW_OPENERS = {w.rstrip(".:s|") for w in _COLUMN_KIND} | {""}
_LONGEST_ROW = 80
_LONGEST_MARKER = 80
_MARKS = "ABCDEFGHIVXabcdefghivx"
# What every "track list" heading holds, checked before the pattern.
_LIST_WORDS = ("list", "List", "LIST", "리스트", "リスト", "лист", "Liste")
_DASHED = re.compile(r"\s[-–—]\s|\s[-–—]$")
_SEPARATORS = re.compile(r"[|\t/,;]+|\s[-–—]\s")


# A credit line under a track, as Discogs prints them: "Composed By – X",
# "Written-By – X", "Producer – X". "By" is required after the words that
# are also titles ("Music – Madonna" is a track).
_CREDIT_LINE = re.compile(
    r"^(?:(?:written|composed|produced|co-produced|arranged|lyrics|music|words|"
    r"mixed|recorded|remixed|mastered|engineered|conducted|orchestrated|"
    r"performed)[\s-]by|producer|arranger|composer|lyricist|engineer|"
    r"(?:backing\s+)?vocals|featuring)\s*[-–—]\s+\S",
    re.I,
)

# "CNR – 539.001": a label and its catalogue number, digits broken by dots,
# dashes or slashes ("Prince – 1999" has no break and stays a track).
_LABEL_AND_NUMBER = re.compile(
    r"^[^\d\s][^\d]{0,40}\s[-–—]\s+[A-Z]{0,5}[\s-]?\d+(?:[\s./-]\d+)+$"
)


# "Freddie Mercury – vocals, acoustic piano": a player and what they play,
# from a "Personnel" list under the tracks.
_INSTRUMENT = (
    r"(?:lead\s+|backing\s+|additional\s+|acoustic\s+|electric\s+|bass\s+|"
    r"rhythm\s+|slide\s+)*(?:vocals?|guitars?|bass|drums|percussion|piano|"
    r"keyboards?|synthesi[sz]ers?|organ|saxophone|trumpet|violin|cello|"
    r"harmonica|programming|strings|horns|flute|banjo|mandolin|harmony)"
)
_PERSONNEL = re.compile(
    rf"^[^\d\-–—]{{2,40}}\s[-–—]\s+{_INSTRUMENT}(?:\s*(?:,|and|&)\s*{_INSTRUMENT})*$",
    re.I,
)
# A heading that says it: "Tracklist for 'The Tortured Poets Department'",
# "'…' Tracklist", "2 트랙 리스트" (a wiki's numbered section).
_TRACKLIST_WORD = re.compile(
    r"\btrack\s*list(?:ing)?\b|트랙\s*리스트|トラックリスト|трек-?лист|titelliste",
    re.I,
)


def section_reason(text: str) -> Reason | None:
    """HEADING for a row of column names of two kinds or more, nothing else;
    NOTE for a credit line ("Composed By – X"); LABEL_LINE for a label and
    its catalogue number ("CNR – 539.001")."""
    dashed = _DASHED.search(text)
    if dashed:  # credit, personnel and label lines all have a spaced dash
        if _CREDIT_LINE.match(text) or _PERSONNEL.match(text):
            return Reason.NOTE
        if _LABEL_AND_NUMBER.match(text) and not DATE.search(text):
            return Reason.LABEL_LINE
    elif (
        len(text) < _LONGEST_ROW
        and any(word in text for word in _LIST_WORDS)
        and _TRACKLIST_WORD.search(text)
    ):
        return Reason.HEADING
    first = text.split(None, 1)[0].casefold() if text.strip() else ""
    if len(text) > _LONGEST_ROW or first.rstrip(".:s|") not in _ROW_OPENERS:
        return None  # most lines: not a row of column names, cheaply
    words = [w for w in _SEPARATORS.sub(" ", text).casefold().split() if w]
    if len(words) < 2 or any(ch.isdigit() for ch in text):
        return None
    kinds = [_COLUMN_KIND.get(w, _COLUMN_KIND.get(w.rstrip(".:s"))) for w in words]
    if None not in kinds and len(set(kinds)) >= 2:
        return Reason.HEADING
    return None


def repeated_markers(texts: dict[int, str]) -> dict[int, tuple[Reason, str]]:
    """Lines that are one word and a mark, the word used with two marks or more.

    ``texts`` maps an index to a line's text; the answer maps the indexes of
    section markers to their reason and, for a side, its letter.
    """
    found: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for index, text in texts.items():
        if len(text) > _LONGEST_MARKER:
            continue
        parts = text.split(None, 2)
        if len(parts) < 2 or not (parts[1][:1].isdigit() or parts[1][:1] in _MARKS):
            continue  # most lines: no mark as their second word, cheaply
        if match := _MARKER.match(text.strip()):
            found[match["word"].casefold()].append((index, match["mark"].upper()))
    marked: dict[int, tuple[Reason, str]] = {}
    for items in found.values():
        marks = {mark for _, mark in items}
        if len(items) < 2 or len(marks) < len(items):
            continue
        sides = all(len(m) == 1 and m in "ABCDEFGH" for m in marks)
        reason = Reason.SIDE_HEADING if sides else Reason.HEADING
        for index, mark in items:
            marked[index] = (reason, mark if sides else "")
    return marked


def mark_sections(lines: list) -> list:
    """The scanned lines, with section markers and column names as headings."""
    content = {
        i: line.text for i, line in enumerate(lines) if line.text and not line.reason
    }
    out = list(lines)
    for index, (reason, mark) in repeated_markers(content).items():
        out[index] = replace(lines[index], reason=reason, context=mark or None)
    for index, text in content.items():
        if out[index].reason is None and (reason := section_reason(text)):
            out[index] = replace(lines[index], reason=reason)
    return out
