"""Where a line divides into title and artists, and which side is which.

Both are decided once, from every line: " by " and bare hyphens separate only
where most lines use them, and the order goes to the side whose names repeat
or are in the catalogue.
"""

import re
from collections import Counter
from dataclasses import dataclass

from .artists import _split_artists, normalise
from .lines import _Body, _Line
from .model import ARTIST_TITLE, NO_ORDER, TITLE_ARTIST
from .words import decided, word_vote
from .writers import COVER_CREDIT, has_writers

_QUOTED = re.compile(r'"[^"]*"|“[^”"]*”|„[^“”"]*[“”"]|«[^»]*»|「[^」]*」|『[^』]*』')
# "Artist- Title" and "Artist -Title" (a dash glued to one side) separate too.
_SPACED_SEPARATOR = re.compile(
    r"(?:^|\s+)(?:--?|[–—])(?:\s+|$)|\s*\t\s*|(?<=\w)-\s+(?=\S)|(?<=\S)\s+-(?=\w)"
)
# A dash inside brackets is not a separator: "Title (Music - Words) - Artist".
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
# Words that mark a title's version: the side holding them is the title.
_VERSION = re.compile(
    r"[(\[][^()\[\]]*\b(?:remix|mix|edit|version|live|feat\.?|ft\.?|featuring|demo|"
    r"acoustic|remaster(?:ed)?|instrumental|reprise|mono|stereo)\b",
    re.I,
)
_TIGHT_SEPARATOR = re.compile(r"\s*[–—]\s*")
_BY_SEPARATOR = re.compile(r"\s+by\s+", re.I)
_HYPHEN_SEPARATOR = re.compile(r"\s*-\s*")
_SLASH_SEPARATOR = re.compile(r"\s+/\s+")
# "inxs/don't change": a slash between two words, when most lines have one.
_BARE_SLASH_SEPARATOR = re.compile(r"(?<=\S)/(?=\S)")
_COLON_SEPARATOR = re.compile(r"(?<=\D):\s+")
_COMMA_SEPARATOR = re.compile(r",\s+")
# 'ARTIST "Title"': nothing between the name and the title but the quotes
# that close the line (a fanzine's or a compilation's way).
_QUOTED_TITLE_SEPARATOR = re.compile(r"(?<=\S)\s+(?=[\"“«„][^\"“”«»„]+[\"”»“]$)")
# "Title – con Guest", "Title - with Guest": a dash then a lower-case word
# for "with" brings a guest into the title; it does not open the artist's
# side. Lower case only: "U2 - With or Without You" is a title.
# A dash then the song's original performer ("Boom Boom – Cover di John Lee
# Hooker") is a remark on the title too, in either case.
_GUEST_AFTER = re.compile(rf"(?:con|with|avec|mit)\s+\S|(?i:{COVER_CREDIT})")


@dataclass(frozen=True)
class _Split:
    """Where a line divides: at its first and at its last separator.

    ``kind`` is the separator's kind ("dash", "by", "slash", "colon", "record"
    for a title and an artist on two lines); ``columns`` holds a table row's
    cells when it had three or more.
    """

    by: bool
    first: tuple[str, str]
    last: tuple[str, str]
    kind: str = "dash"
    columns: tuple[str, ...] = ()

    def sides(self, order: str) -> tuple[str, str]:
        """(title, artists) for the listing's order; "by" is always title-artist."""
        if self.by or order == TITLE_ARTIST:
            return (self.columns[0], self.columns[-1]) if self.columns else self.last
        return self.first[1], self.first[0]

    def other_cells(self, order: str) -> str:
        """Table cells that are neither title nor artist (a writers column)."""
        if not self.columns:
            return ""
        middle = self.columns[1:-1] if order == TITLE_ARTIST else self.columns[2:]
        return ", ".join(middle)


def _splits(bodies: list[_Body | _Line]) -> list[_Split | None]:
    """Each line's split, using weak separators only where the listing does.

    Spaced dashes, tabs and en or em dashes always separate. " by ", " / ",
    ": " and a bare hyphen ("Title-Artist") separate when more than half the
    content lines have one and no dash, so "Stand by Me" in a list of titles
    or "Jay-Z" in a spaced listing stays whole.
    """
    texts = [b.text if isinstance(b, _Body) and not b.reason else "" for b in bodies]
    dashless = [t for t in texts if t and not _dash_separators(t)]
    content = sum(1 for b in bodies if isinstance(b, _Body))
    numbered = [b for b in bodies if isinstance(b, _Body) and b.position]
    if len(numbered) >= 3:
        # Numbered lines are the tracks: commentary between them does not vote.
        dashless = [
            b.text for b in numbered if not b.reason and not _dash_separators(b.text)
        ]
        content = len(numbered)

    def most(pattern: re.Pattern) -> bool:
        return sum(1 for t in dashless if _outside_quotes(pattern, t)) * 2 > content

    weak = {
        "by": most(_BY_SEPARATOR),
        "slash": most(_SLASH_SEPARATOR),
        "bare-slash": most(_BARE_SLASH_SEPARATOR),
        "colon": most(_COLON_SEPARATOR),
        "hyphen": most(_HYPHEN_SEPARATOR),
        "comma": most(_COMMA_SEPARATOR),
        "quoted": most(_QUOTED_TITLE_SEPARATOR),
    }
    return [_split(text, weak) for text in texts]


def _dash_separators(text: str) -> list[re.Match]:
    return _outside_quotes(_SPACED_SEPARATOR, text) or _outside_quotes(
        _TIGHT_SEPARATOR, text
    )


def _outside_quotes(pattern: re.Pattern, text: str) -> list[re.Match]:
    """Matches not inside a quoted title: "Rock - Paper" - Artist splits once."""
    found = list(pattern.finditer(text))
    if not found:  # most tries: no such separator, so no quotes to look for
        return found
    quoted = [m.span() for m in _QUOTED.finditer(text)]
    quoted += [m.span() for m in _BRACKETED.finditer(text)]
    return [
        m
        for m in found
        if not any(start < m.end() and m.start() < end for start, end in quoted)
    ]


_WEAK = (
    ("by", _BY_SEPARATOR),
    ("slash", _SLASH_SEPARATOR),
    ("colon", _COLON_SEPARATOR),
    ("hyphen", _HYPHEN_SEPARATOR),
    ("bare-slash", _BARE_SLASH_SEPARATOR),
    ("comma", _COMMA_SEPARATOR),
    ("quoted", _QUOTED_TITLE_SEPARATOR),
)


def _in_range(text: str, match: re.Match) -> bool:
    """A dash glued between two numbers that count up ("1983—1984") joins a
    range; "Ça 1999–1999" (an act and a song both called 1999) is split."""
    start, end = match.span()
    if match[0] not in "–—":
        return False
    before = _NUMBER_BEFORE.search(text, 0, start)
    after = _NUMBER_AFTER.match(text, end)
    return bool(before and after) and int(before[0]) < int(after[0])  # type: ignore[index]


# Numbers standing alone, not part of a name ("Aaa A1–1999" is no range).
_NUMBER_BEFORE = re.compile(r"(?<![^\W\d_])\d{1,6}$")
_NUMBER_AFTER = re.compile(r"\d{1,6}(?![^\W\d_])")


def _split(text: str, weak: dict[str, bool]) -> _Split | None:
    if not text:
        return None
    cells = [cell.strip() for cell in text.split("\t") if cell.strip()]
    if len(cells) >= 3:
        first, last = (cells[0], cells[1]), (cells[-2], cells[-1])
        return _Split(False, first, last, "columns", tuple(cells))
    found, kind = [m for m in _dash_separators(text) if not _in_range(text, m)], "dash"
    found = [m for m in found if not _GUEST_AFTER.match(text, m.end())]
    for name, pattern in _WEAK:
        if found:
            break
        if weak[name]:
            found, kind = _outside_quotes(pattern, text), name
    if not found:
        return None
    first, last = found[0], found[-1]
    return _Split(
        kind == "by",
        (text[: first.start()].strip(), text[first.end() :].strip()),
        (text[: last.start()].strip(), text[last.end() :].strip()),
        kind,
    )


def _decide_order(
    splits: list[_Split], known: frozenset[str], forced: str | None
) -> tuple[str, bool]:
    """The listing's order and whether it was a guess.

    Artists repeat across tracks and titles rarely do, so each hypothesis scores
    one point per line whose would-be artist repeats on that side, or two if the
    catalogue knows it; every "Title by Artist" line scores two for
    title-artist, and every side ending in a writers' credit two for the order
    that makes it the title. Artists, not titles, take the extra separators ("Artist -
    Title - Live"), so artist-title reads the first split and title-artist the
    last. A tie goes to the side the words themselves favour (a first name, a
    band's plural, against a title's "I"/"you"/"don't"), when most lines agree;
    else to artist-title, the most common convention, except in listings of
    "Title / Artist" lines or two-line records, which put the title first far
    more often.
    """
    if not splits:
        return NO_ORDER, False
    if forced:
        return forced, False
    dashed = [split for split in splits if not split.by]
    first = _evidence([split.first[0] for split in dashed], known)
    last = _evidence([split.last[1] for split in dashed], known)
    last += 2 * (len(splits) - len(dashed))
    # A side in quotes is a title: "Burning Heart" – Survivor.
    first += 2 * sum(1 for split in dashed if _quoted(split.last[1]))
    last += 2 * sum(1 for split in dashed if _quoted(split.first[0]))
    first += sum(1 for split in dashed if _VERSION.search(split.last[1]))
    # Writers are credited after a title: "Title (Music – Words) – Artist".
    first += 2 * sum(1 for split in dashed if has_writers(split.last[1]))
    last += 2 * sum(1 for split in dashed if has_writers(split.first[0]))
    last += sum(1 for split in dashed if _VERSION.search(split.first[0]))
    if first == last:
        # Still a guess, but one the names and titles themselves suggest.
        vote = word_vote([(s.first[0], s.last[1]) for s in dashed])
        if decided(vote, len(dashed)):
            return (ARTIST_TITLE if vote > 0 else TITLE_ARTIST), True
        title_first = sum(1 for s in splits if s.kind in _TITLE_FIRST)
        tie = TITLE_ARTIST if title_first * 2 > len(splits) else ARTIST_TITLE
        return tie, True
    return (ARTIST_TITLE if first > last else TITLE_ARTIST), False


_TITLE_FIRST = ("slash", "record", "columns")


def _quoted(text: str) -> bool:
    match = _QUOTED.fullmatch(text.strip())
    return bool(match)


def _evidence(credits: list[str], known: frozenset[str]) -> int:
    lines = [{normalise(a.name) for a in _split_artists(c, known)} for c in credits]
    counts = Counter(name for names in lines for name in names if name)
    return sum(
        2 if names & known else 1 if any(counts[n] > 1 for n in names if n) else 0
        for names in lines
    )
