"""How numbered items run on: wrapped titles, closing stops, notes between.

A fan page or a narrow column wraps a long title: ``1. Y, ¿ si fuera`` then
``ella ?`` then ``2. Ese último``. The second line is the rest of the title,
not a track, a heading or the artist of the titles under it. It is told from
a lone artist heading and from a two-line record by where it stands and how
it starts (docs/tracklist-format.md, "A title wrapped onto the next line"):

- it sits between two numbered tracks that count on (``n`` then ``n + 1``),
  with no blank line around it, so it opens no new group;
- it starts with a lower-case letter or a punctuation mark, as the middle of
  a sentence does and a name or a title does not;
- neither it nor the numbered line above has a separator in it;
- it is short (at most 40 characters): a longer line under a title is a
  note about it;
- fewer than half the numbered tracks have such a line under them: when all
  do, the lines are records or credits, not wraps.

A list whose items mostly end in a full stop (``3. Corazón partío.``) ends
each item so; the stop is not part of the title (``Si hay Dios...`` keeps its
dots).
"""

import re
from dataclasses import replace

from .lines import _Body, _Line
from .order import _Split
from .words import MOST_NAME_WORDS

_LONGEST_REST = 40
# How far above a line its track's number may be (a paragraph about a song).
_LONGEST_NOTE_BLOCK = 20
_NOT_A_NAME = re.compile(r"[:：]|\s/\s|[^\W\d_]{2}[.。]$")
_LONGEST_NAME = 40


def wrapped_titles(
    bodies: list[_Body | _Line], splits: list[_Split | None], records: dict[int, int]
) -> dict[int, int]:
    """Index of each wrapped track's line -> index of the line that ends it."""
    if records:
        return {}
    numbered = [i for i, b in enumerate(bodies) if isinstance(b, _Body) and b.position]
    found = {}
    for first, then in zip(numbered, numbered[1:], strict=False):
        if then != first + 2 or splits[first] or splits[first + 1]:
            continue
        middle, top, below = bodies[first + 1], bodies[first], bodies[then]
        if not isinstance(middle, _Body) or middle.position or middle.reason:
            continue
        if len(middle.text) > _LONGEST_REST:
            continue
        if not _counts_on(top, below) or not _opens_mid_sentence(middle.text):
            continue
        found[first] = first + 1
    return found if len(found) * 2 < len(numbered) else {}


def join_wrapped(bodies: list[_Body | _Line], wraps: dict[int, int]) -> None:
    """Each wrapped track's text with the rest of its title, in place.

    The rest's own line stays only as a line number (part of the track), so
    nothing later reads it as a heading or as an artist.
    """
    for first, second in wraps.items():
        top, rest = bodies[first], bodies[second]
        if not (isinstance(top, _Body) and isinstance(rest, _Body)):
            continue
        duration = top.duration if top.duration is not None else rest.duration
        bodies[first] = replace(
            top, text=f"{top.text} {rest.text}".strip(), duration=duration
        )
        bodies[second] = _Line(rest.line.line_no, rest.line.raw, "")


def drop_closing_stops(bodies: list[_Body | _Line], skip: set[int]) -> None:
    """Drop the full stop that closes most numbered items, in place."""
    items = [
        i
        for i, b in enumerate(bodies)
        if isinstance(b, _Body) and b.position and b.text and i not in skip
    ]
    closed = [i for i in items if _closed(bodies[i].text)]  # type: ignore[union-attr]
    if len(items) < 3 or len(closed) * 2 <= len(items):
        return
    for i in closed:
        body = bodies[i]
        if isinstance(body, _Body):
            bodies[i] = replace(body, text=body.text[:-1].rstrip())


def _closed(text: str) -> bool:
    """Ends in one full stop that closes the item, not an initial's or an
    abbreviation's ("R.E.M.", "Born in the U.S.A.", found by hypothesis)."""
    return text.endswith(".") and not text.endswith("..") and not _INITIAL.search(text)


_INITIAL = re.compile(r"(?:^|[\s.])\w\.$")


def _counts_on(top: _Body | _Line, below: _Body | _Line) -> bool:
    if not (isinstance(top, _Body) and isinstance(below, _Body)):
        return False
    if not (top.position and below.position):
        return False
    a, b = top.position.value, below.position.value
    return a.isdigit() and b.isdigit() and int(b) == int(a) + 1


def _opens_mid_sentence(text: str) -> bool:
    first = text[:1]
    return bool(first) and (
        first.islower() or not (first.isalnum() or first in "\"'“«„")
    )


def counts_up(content: list[_Body]) -> bool:
    """Three or more punctuated numbers counting 1, 2, 3… down the listing.

    Such a listing is numbered however many lines of notes, credits or
    description lie between its tracks: the lines without a number are
    about the tracks, not tracks (docs/tracklist-format.md, "Numbered tracks
    with notes between them").
    """
    numbers = [
        b.position.value
        for b in content
        if b.position and b.position.strong and b.position.disc is None
    ]
    if len(numbers) < 3 or not all(n.isdigit() for n in numbers):
        return False
    return [int(n) for n in numbers] == list(range(1, len(numbers) + 1))


def continues_numbering(
    bodies: list[_Body | _Line], index: int, under: int, text: str
) -> bool:
    """Whether a line that reads as no name sits where the numbering goes on
    (``n`` above it, ``n + 1`` under it): it belongs to the track above (a
    credit, a sentence about it), not a heading of the titles under it.

    A name there (``Mara`` between ``1.`` and ``2.``) may still head the
    titles under it; a line with a label's colon, credits split by `` / ``,
    a closing full stop, more than six words or forty characters is no name.
    """
    if (
        len(text.split()) <= MOST_NAME_WORDS
        and len(text) <= _LONGEST_NAME
        and not _NOT_A_NAME.search(text)
    ):
        return False
    window = bodies[max(0, index - _LONGEST_NOTE_BLOCK) : index]
    above = next(
        (b for b in reversed(window) if isinstance(b, _Body) and b.position), None
    )
    return above is not None and _counts_on(above, bodies[under])


def open_brackets(bodies: list[_Body | _Line]) -> dict[int, int]:
    """Index of each line that leaves a bracket open -> the line that closes it.

    ``Танец утят (французская нар. песня – рус. текст`` then ``Ю. Энтина) —
    Ансамбль …``: a bracket opened and not closed at the end of a line, and
    closed on the very next line (no blank line, no number of its own), makes
    the two lines one track; a narrow column or an editor wrapped it.
    """
    found = {}
    for index in range(len(bodies) - 1):
        top, rest = bodies[index], bodies[index + 1]
        if not (isinstance(top, _Body) and isinstance(rest, _Body)):
            continue
        if top.reason or rest.reason or rest.position or not rest.text:
            continue
        if index in found.values():
            continue
        if _depth(top.text) > 0 and _depth(rest.text) < 0:
            found[index] = index + 1
    return found


def _depth(text: str) -> int:
    return text.count("(") + text.count("[") - text.count(")") - text.count("]")
