"""Two-line records: a title on one line and its artist on the next.

Shop pages, streaming services and radio playlists lay a track out on two
lines, with or without a blank line between tracks. Such a listing has no
separator on any line, so it is found by its layout alone:

- blocks between blank lines (or headings) that hold two lines each;
- numbered lines each followed by one unnumbered line (the number opens a
  record);
- or, with neither and no blank line, every other line naming an artist
  the catalogue knows (a name repeating is not enough: titles repeat in
  plain lists too).

Which line is the artist is then decided like any other order.
"""

import re

from .artists import normalise
from .lines import _Body, _Line
from .order import _Split

# A line ending like a sentence: a word of two letters or more, then a full
# stop (not an initial, "Jr." aside, and not "...").
_SENTENCE_END = re.compile(r"[^\W\d_]{3,}[.。](?<!\.\.)$")


def _records(
    bodies: list[_Body | _Line],
    splits: list[_Split | None],
    known: frozenset[str],
    as_tracks: frozenset[int],
) -> dict[int, int]:
    """Index of each record's first line -> index of its second line."""
    content = [i for i, b in enumerate(bodies) if _candidate(b, as_tracks)]
    all_content = [i for i, b in enumerate(bodies) if _is_content(b)]
    if len(content) < 4 or any(splits[i] for i in all_content):
        return {}
    if len(content) * 4 < len(all_content) * 3:
        return {}
    return (
        _blocks_of_two(bodies, content)
        or _numbered_pairs(bodies, content)
        or _alternating(bodies, content, known)
    )


def _is_content(body: _Body | _Line) -> bool:
    return isinstance(body, _Body) and not body.reason and bool(body.text)


def _candidate(body: _Body | _Line, as_tracks: frozenset[int]) -> bool:
    return _is_content(body) and body.line.line_no not in as_tracks  # type: ignore[union-attr]


def _blocks_of_two(bodies: list[_Body | _Line], content: list[int]) -> dict[int, int]:
    blocks: list[list[int]] = [[]]
    wanted = set(content)
    blank_between = False
    for index, body in enumerate(bodies):
        if index in wanted:
            blocks[-1].append(index)
        elif not isinstance(body, _Body) or body.reason:
            blank_between |= bool(blocks[-1]) and _blank(body)
            if blocks[-1]:
                blocks.append([])
    blocks = [block for block in blocks if block]
    pairs = [block for block in blocks if len(block) == 2]
    if len(blocks) < 2 or len(pairs) * 5 < len(blocks) * 4:
        return {}
    # Only headings between the pairs ("Side A", two songs, "Side B", two
    # songs): a single's sides, not records. Records are set apart by blanks.
    if not blank_between:
        return {}
    if any(bodies[b].position for _, b in pairs):  # type: ignore[union-attr]
        return {}
    return dict(pairs)


def _blank(body: _Body | _Line) -> bool:
    return isinstance(body, _Line) and not body.text.strip()


def _numbered_pairs(bodies: list[_Body | _Line], content: list[int]) -> dict[int, int]:
    numbered = [bool(bodies[i].position) for i in content]  # type: ignore[union-attr]
    if len(content) % 2 or numbered[0::2] != [True] * (len(content) // 2):
        return {}
    if any(numbered[1::2]):
        return {}
    # A sentence under each title ("… 노래이다.", "… on tour.") is a note
    # about it, not the artist's line.
    if any(_SENTENCE_END.search(bodies[i].text) for i in content[1::2]):  # type: ignore[union-attr]
        return {}
    return dict(zip(content[0::2], content[1::2], strict=True))


def _alternating(
    bodies: list[_Body | _Line], content: list[int], known: frozenset[str]
) -> dict[int, int]:
    """Unnumbered lines in pairs, when one line of every pair names artists."""
    if len(content) % 2 or len(content) < 6:
        return {}
    if content[-1] - content[0] + 1 != len(content):  # blank lines or headings
        return {}
    if any(bodies[i].position for i in content):  # type: ignore[union-attr]
        return {}
    texts = [normalise(bodies[i].text) for i in content]  # type: ignore[union-attr]
    odd = sum(1 for name in texts[0::2] if name in known)
    even = sum(1 for name in texts[1::2] if name in known)
    if min(odd, even) or max(odd, even) * 2 < len(content) // 2:
        return {}
    return dict(zip(content[0::2], content[1::2], strict=True))


def _record_split(first: _Body, second: _Body) -> _Split:
    pair = (first.text, second.text)
    return _Split(False, pair, pair, "record")


# Longer than any performer's name the listings hold (a sentence about them).
_LONGEST_NAME = 60


def speaks(text: str) -> bool:
    """Whether a line reads as a sentence, not a name: it ends like one
    ("… シングルです。", "… on tour.", "… isn't it?") or runs past a name's length."""
    text = text.strip()
    return (
        len(text) > _LONGEST_NAME
        or bool(_SENTENCE_END.search(text))
        or text.endswith(("!", "?", "！", "？"))
    )
