"""Where a line divides into title and artists, and which side is which.

Both are decided once, from every line: " by " and bare hyphens separate only
where most lines use them, and the order goes to the side whose names repeat
or are in the catalogue.
"""

import re
from collections import Counter
from dataclasses import dataclass

from ..names import normalise
from .artists import _split_artists
from .lines import _Body, _Line
from .model import ARTIST_TITLE, NO_ORDER, TITLE_ARTIST

_QUOTED = re.compile(r'"[^"]*"|“[^”"]*”|„[^“”"]*[“”]|«[^»]*»')
_SPACED_SEPARATOR = re.compile(r"(?:^|\s+)(?:--?|[–—])(?:\s+|$)|\s*\t\s*")
_TIGHT_SEPARATOR = re.compile(r"\s*[–—]\s*")
_BY_SEPARATOR = re.compile(r"\s+by\s+", re.I)
_HYPHEN_SEPARATOR = re.compile(r"\s*-\s*")


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
