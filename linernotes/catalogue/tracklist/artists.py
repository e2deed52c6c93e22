"""Splitting a credit into artists and the phrases joining them.

"Kenny Loggins and Gladys Knight" is two artists; "Earth, Wind & Fire" (once
the catalogue knows it) and "Kool & the Gang" are one each.
"""

import re
from collections.abc import Iterable
from functools import lru_cache

from .. import names
from .model import TrackArtist

# Listings repeat names and catalogues are large; folding is the parser's cost.
normalise = lru_cache(maxsize=32_768)(names.normalise)

# "x" ("Artist x Artist") is not a join: too many names and titles contain it.
# ", and" (the serial comma) is one join. "и", "und", "et" are "and" in
# listings typed in Russian, German and French. "presents" ("Ian Pooley
# presents Bluelite") credits a DJ and the project they put out.
_JOIN = re.compile(
    r"(\s*,\s*(?:(?:and|&|и|und|et)\s+)?|\s+(?:and|&|и|und|et|feat\.?|ft\.?"
    r"|featuring|with|vs\.?|versus|presents|pres\.)\s+)",
    re.I,
)
# "Kool & the Gang", "Mumford & Sons", "Bill Haley & His Comets": one act.
_KEEP_TOGETHER = frozenset(
    {"the", "his", "her", "their", "sons", "co", "co.", "friends"}
)


# A bracket closing an artist side is about the act or the track, not part of
# its name: "(1982)", "(OC soundtrack)", "(her new album is awesome)". One that
# adds a performer ("(feat. X)", "(with X)", "(& X)") stays.
_REMARK = re.compile(
    r"\s*[(\[](?!\s*(?:feat\.?|ft\.?|featuring|with|&|and|x)\s)[^()\[\]]+[)\]]\s*$",
    re.I,
)


def without_remark(credit: str) -> str:
    """An artist side without a closing remark in brackets, when a name is left."""
    trimmed = _REMARK.sub("", credit)
    return trimmed if trimmed.strip() else credit


def split_artists(
    credit: str, known_artists: Iterable[str] = ()
) -> tuple[TrackArtist, ...]:
    """Artists in a credit ("Kenny Loggins and Gladys Knight"), with their joins.

    Known names are never split ("Earth, Wind & Fire"), nor is "& the Gang".
    """
    return _split_artists(credit, frozenset(map(normalise, known_artists)))


def _split_artists(credit: str, known: frozenset[str]) -> tuple[TrackArtist, ...]:
    parts = _JOIN.split(credit.strip())
    names, joins = parts[0::2], parts[1::2]
    if not credit.strip():
        return ()
    if any(not name.strip() for name in names):
        return (TrackArtist(credit.strip()),)
    return tuple(
        TrackArtist(
            _joined(names, joins, start, end), joins[end] if end < len(joins) else ""
        )
        for start, end in _acts(names, joins, known)
    )


def _joined(names: list[str], joins: list[str], start: int, end: int) -> str:
    pieces = [names[start]]
    for index in range(start, end):
        pieces += [joins[index], names[index + 1]]
    return "".join(pieces)


def _acts(
    names: list[str], joins: list[str], known: frozenset[str]
) -> list[tuple[int, int]]:
    """Group the parts between joins into acts, as (first part, last part).

    As many parts as possible fall in catalogue names ("Earth, Wind & Fire"),
    then as few acts as possible; the rest are one act each, or one with a
    following "& the Gang". Worked back from the last part, so a long known
    name cannot swallow the start of the next one.
    """
    best: list[tuple[int, int, list[tuple[int, int]]]] = [(0, 0, [])]
    for start in range(len(names) - 1, -1, -1):
        options = []
        for end in _act_ends(names, joins, start, known):
            covered, count, rest = best[len(names) - 1 - end]
            gain = end - start + 1 if _is_known(names, joins, start, end, known) else 0
            options.append((covered + gain, count - 1, [(start, end), *rest]))
        best.append(max(options, key=lambda option: option[:2]))
    return best[-1][2]


def _act_ends(
    names: list[str], joins: list[str], start: int, known: frozenset[str]
) -> set[int]:
    ends = {
        end
        for end in range(start, len(names))
        if _is_known(names, joins, start, end, known)
    }
    end = start
    while end + 1 < len(names) and _continues(names, joins, end, known):
        end += 1
    return ends | {end}


def _is_known(
    names: list[str], joins: list[str], start: int, end: int, known: frozenset[str]
) -> bool:
    return normalise(_joined(names, joins, start, end)) in known


def _continues(
    names: list[str], joins: list[str], index: int, known: frozenset[str]
) -> bool:
    """Whether "& the Gang" after ``names[index]`` is part of the same act.

    Only "and", "&" and a comma bind this way ("Tyler, The Creator"); after
    "with" or "feat." the next name is another act ("feat. The Emotions").
    """
    following = names[index + 1]
    binds = joins[index].strip().casefold() in {"and", "&", ","}
    unknown = not {normalise(names[index]), normalise(following)} & known
    return binds and unknown and following.split()[0].casefold() in _KEEP_TOGETHER
