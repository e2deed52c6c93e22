"""Whole-listing readings that one line cannot settle alone.

"Lloyd Cole & the Commotions - Rattlesnakes (1984)" read by itself is a
track; read with the ten titles under it, none with a separator, it is the
release's heading, and reading it as a track would make every title under it
a stray note (a listing with artists has no bare titles). So the listing is
read both ways and the reading that makes sense of more lines wins: one
dashed line over three or more bare titles, with nothing else split, heads
them (docs/tracklist-format.md, "Release heading over bare titles").
"""

import re

from .lines import _Body, _Line
from .order import _Split

_FIELD = re.compile(r":(?:\s|$)")
_LEAST_TITLES = 3
_MOST_LINES_BEFORE = 2


def heading_over_titles(
    bodies: list[_Body | _Line],
    splits: list[_Split | None],
    as_tracks: frozenset[int],
) -> int | None:
    """The index of the one dashed line over a list of bare titles, or None."""
    content = [
        i
        for i, b in enumerate(bodies)
        if isinstance(b, _Body) and b.text and not b.reason
    ]
    split = [i for i in content if splits[i] is not None]
    if len(split) != 1:
        return None
    index = split[0]
    body = bodies[index]
    if (
        not isinstance(body, _Body)
        or body.position
        or splits[index].kind != "dash"  # type: ignore[union-attr]
        or body.line.line_no in as_tracks
        or body.line.piece
    ):
        return None
    before = sum(1 for i in content if i < index)
    # A "Field: value" line is a header's, not a title: it does not count.
    after = sum(
        1
        for i in content
        if i > index and not _FIELD.search(bodies[i].text)  # type: ignore[union-attr]
    )
    if before > _MOST_LINES_BEFORE or after < _LEAST_TITLES:
        return None
    return index


# "Crying In The Rain - 8", "Bad Boys - 6": a review's marks out of ten.
_RATING = re.compile(r"^(?:10|\d(?:[.,]5)?)(?:\s*/\s*10)?$")
_LEAST_RATED = 2
# A credit that says no one knows who plays: no artist at all.
_NOBODY = re.compile(
    r"^(?:unknown(?:\s+artists?)?|\?+|n/?a|unbekannt|desconocido|inconnu|"
    r"sconosciuto|nieznany|неизвестен|неизвестный(?:\s+исполнитель)?)$",
    re.I,
)


def rated_side(pairs: list[tuple[str, str]]) -> int | None:
    """Which side of the split lines (0 or 1) holds a mark out of ten on every
    line, two lines at least: that side is the writer's rating, not a name or
    a title (a band called 311 has three digits)."""
    if len(pairs) < _LEAST_RATED:
        return None
    for side in (1, 0):
        if all(_RATING.match(pair[side].strip()) for pair in pairs):
            return side
    return None


def names_nobody(credit: str) -> bool:
    """Whether a credit only says the performer is unknown ("Unknown", "?")."""
    return bool(_NOBODY.match(credit.strip()))
