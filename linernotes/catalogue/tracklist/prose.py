"""Track-by-track prose: a review that numbers and quotes each title it discusses.

``… tra nostalgia e realtà. 2. “Le Tue Scuse” – Un brano diretto che …``: the
page runs the review's paragraphs together, so each track's number and quoted
title sit inside a line of prose, followed by a dash and the sentence about
it. When two or more lines hold that shape and their numbers count up from
the first, each such line stands for its track alone (``2. “Le Tue Scuse”``);
the prose around is left as it is, to be reported as notes
(docs/tracklist-format.md, "Track-by-track prose").
"""

import re
from dataclasses import replace

from .lines import _Body, _Line
from .model import Reason
from .prepare import SourceLine

# A number and a quoted title (its closing mark may be missing, as typed)
# after words on the same line, then a spaced dash and the sentence about
# it (which the page may wrap onto the next line). A line that opens with
# its number is an ordinary numbered track ('1. "Would?" - Alice in
# Chains'), not prose.
_DISCUSSED = re.compile(
    r"(?<=\S)\s+(?P<n>\d{1,2})\.\s+(?P<open>[“\"«„])"
    r"(?P<title>[^“”\"«»„\n]{1,120}?)[”\"»“]?\s+[–—-]\s+"
    r"(?=[^\W\d_])"
)

# Prose before the number has words; a list bullet ("• 1. …") has none.
_WORDS = re.compile(r"[^\W\d_]")


def discussed_tracks(
    sources: list[SourceLine],
) -> tuple[list[SourceLine], frozenset[int]]:
    """The lines, with each discussed track's line cut to its number and
    title, and the line numbers of the prose between and after them (up to
    the next blank line), which are notes, never titles."""
    found: dict[int, re.Match] = {}
    for index, source in enumerate(sources):
        matches = [
            m
            for m in _DISCUSSED.finditer(source.text)
            if _WORDS.search(source.text, 0, m.start())
        ]
        if len(matches) == 1:
            found[index] = matches[0]
    numbers = [int(m["n"]) for m in found.values()]
    if len(numbers) < 2 or numbers != list(
        range(numbers[0], numbers[0] + len(numbers))
    ):
        return sources, frozenset()
    out = list(sources)
    for index, match in found.items():
        title = match["title"].strip()
        out[index] = replace(sources[index], text=f"{match['n']}. “{title}”")
    prose = set()
    first, last = min(found), max(found)
    for index in range(first + 1, len(sources)):
        if not sources[index].text.strip():
            if index > last:
                break
            continue
        if index not in found:
            prose.add(sources[index].line_no)
    return out, frozenset(prose)


def prose_as_notes(
    bodies: list[_Body | _Line], prose: frozenset[int]
) -> list[_Body | _Line]:
    """The prose lines around discussed tracks, reported as notes."""
    return [
        replace(b, reason=Reason.NOTE)
        if isinstance(b, _Body) and b.line.line_no in prose and not b.reason
        else b
        for b in bodies
    ]
