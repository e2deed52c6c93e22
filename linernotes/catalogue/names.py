"""When two spellings name the same artist, release or track.

Names match regardless of case, accents, a leading "The", punctuation and "&"
versus "and" (``normalise``). Near misses ("Vinnie DiCola" for "Vince DiCola")
are only ever offered: the writer confirms or rejects a merge, so these
functions rank suggestions and never merge anything. They take plain strings,
so the catalogue can pass names and aliases from any source.
"""

import difflib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

NEAR_MISS_THRESHOLD = 0.8
"""Similarity (difflib's ratio of normalised names) from which a name is offered."""

SPELLING = "spelling"
ONE_WORD = "one-word"
WORD_ORDER = "word-order"

# Hyphens, dashes, slashes and underscores separate words ("Jay-Z" is "Jay Z");
# any other punctuation is dropped ("R.E.M." is "REM").
_WORD_BREAK = re.compile(r"[-\u2010-\u2015/_]+")
_PUNCTUATION = re.compile(r"[^\w\s]+")
_WORD = re.compile(r"\w+(?:['’.\-]\w+)*")
_POSSESSIVE = ("'s", "’s")
# A mention never runs across these: "…on Fire. Hearts…" is two sentences. A full
# stop after a single letter is an initial ("Ben E. King"), not a boundary.
_BOUNDARY = re.compile(r"[!?;:()\[\]\"“”\n]|(?<=\w\w)\.")


@dataclass(frozen=True)
class Match:
    """A candidate offered as possibly the same name, never merged without asking."""

    name: str
    score: float
    reason: str


@dataclass(frozen=True)
class Mention:
    """Words in prose that nearly, but not exactly, spell a known name."""

    text: str
    start: int
    end: int
    suggestion: str
    score: float


def normalise(name: str) -> str:
    """The form two spellings of one name share; idempotent.

    A name made only of punctuation ("!!!") keeps its punctuation, so it still
    matches itself and nothing else.
    """
    folded = " ".join(_fold(name).split())
    text = _PUNCTUATION.sub("", _WORD_BREAK.sub(" ", folded.replace("&", " and ")))
    text = " ".join(text.split())
    while text.startswith("the "):
        text = text[4:]
    return text or folded


def _fold(text: str) -> str:
    """Casefold and drop accents; folding twice so the result is stable."""
    for _ in range(2):
        decomposed = unicodedata.normalize("NFKD", text.casefold())
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return text


def same_name(a: str, b: str) -> bool:
    """Whether two spellings name the same thing (empty names match nothing)."""
    first = normalise(a)
    return bool(first) and first == normalise(b)


def near_misses(
    name: str, candidates: Iterable[str], *, threshold: float = NEAR_MISS_THRESHOLD
) -> list[Match]:
    """Candidates close to ``name`` but not the same, best first.

    A candidate normalising exactly to ``name`` is the same name, not a near
    miss, so it is never returned. Candidates with equal normal forms are
    offered once, under their first spelling.
    """
    target = normalise(name)
    matches = []
    for candidate, other in _distinct(candidates):
        reason = _near_reason(target, other, threshold)
        if reason:
            matches.append(Match(candidate, _score(target, other), reason))
    return sorted(matches, key=lambda match: (-match.score, match.name))


def _distinct(names: Iterable[str]) -> Iterator[tuple[str, str]]:
    seen: set[str] = set()
    for name in names:
        normal = normalise(name)
        if normal and normal not in seen:
            seen.add(normal)
            yield name, normal


def _score(a: str, b: str) -> float:
    return round(difflib.SequenceMatcher(None, a, b).ratio(), 3)


def _near_reason(a: str, b: str, threshold: float) -> str | None:
    """Why normalised ``b`` might be ``a`` misspelt, or None if it is not."""
    if not a or not b or a == b:
        return None
    if sorted(a.split()) == sorted(b.split()):
        return WORD_ORDER
    matcher = difflib.SequenceMatcher(None, a, b)
    if matcher.real_quick_ratio() >= threshold and matcher.ratio() >= threshold:
        return SPELLING
    return ONE_WORD if _one_word_apart(a.split(), b.split()) else None


def _one_word_apart(a: list[str], b: list[str]) -> bool:
    """Same words but one, and that one starts the same ("Vinnie"/"Vince").

    Short names are left to the spelling ratio: "Survivor" and "Toto" share no
    word, and a one-word name has no other words to vouch for it.
    """
    if len(a) != len(b) or len(a) < 2:
        return False
    differing = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(differing) != 1:
        return False
    x, y = differing[0]
    return len(_common_prefix(x, y)) >= min(3, len(x), len(y))


def _common_prefix(a: str, b: str) -> str:
    size = 0
    while size < min(len(a), len(b)) and a[size] == b[size]:
        size += 1
    return a[:size]


def find_near_mentions(
    text: str, names: Iterable[str], *, threshold: float = NEAR_MISS_THRESHOLD
) -> list[Mention]:
    """Places in ``text`` that nearly spell one of ``names``, in text order.

    For a writer's name check: "Hearts of Fire" in a review when the catalogue
    has "Hearts on Fire". Only runs of words starting with a capital (names are
    capitalised in prose) and one word shorter to one longer than the name are
    compared, and a run must share a word, or a word's first three letters, with
    the name; that keeps a 5,000-word review against hundreds of names quick.
    Exact mentions ("Survivor's" included) are correct, so nothing overlapping
    one is reported.
    """
    scanner = _Scanner(text, threshold)
    exact, near = scanner.scan(_NameIndex(names))
    chosen: list[Mention] = []
    for mention in sorted(near, key=lambda m: (-m.score, m.start, m.end)):
        if not any(_overlap(mention, other) for other in [*exact, *chosen]):
            chosen.append(mention)
    return sorted(chosen, key=lambda m: (m.start, m.end))


def _overlap(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


@dataclass(frozen=True)
class _Name:
    spelling: str
    normal: str
    size: int


class _NameIndex:
    """Known names keyed by the first three letters of each of their words."""

    def __init__(self, names: Iterable[str]) -> None:
        self.entries: dict[str, list[tuple[_Name, int]]] = {}
        for spelling, normal in _distinct(names):
            words = normal.split()
            name = _Name(spelling, normal, len(words))
            for index, word in enumerate(words):
                if len(word) >= 3 or all(len(w) < 3 for w in words):
                    self.entries.setdefault(_key(word), []).append((name, index))

    def lookup(self, word: str) -> list[tuple[_Name, int]]:
        return self.entries.get(_key(word), [])


def _key(word: str) -> str:
    return word[:3]


class _Scanner:
    """Runs of words in one text, normalised once each, compared to names."""

    def __init__(self, text: str, threshold: float) -> None:
        self.text = text
        self.threshold = threshold
        self.words = [_trim_possessive(m) for m in _WORD.finditer(text)]
        self.normals = [normalise(text[start:end]) for start, end in self.words]
        self.breaks = [
            bool(_BOUNDARY.search(text[self.words[i][1] : self.words[i + 1][0]]))
            for i in range(len(self.words) - 1)
        ]
        self.runs: dict[tuple[int, int], str | None] = {}

    def scan(self, index: _NameIndex) -> tuple[list[Mention], list[Mention]]:
        exact: list[Mention] = []
        near: list[Mention] = []
        for start, end, name in self._candidates(index):
            normal = self._run(start, end)
            if normal == name.normal:
                exact.append(self._mention(start, end, name, 1.0))
            elif normal and _near_reason(name.normal, normal, self.threshold):
                near.append(
                    self._mention(start, end, name, _score(name.normal, normal))
                )
        return exact, near

    def _candidates(self, index: _NameIndex) -> set[tuple[int, int, _Name]]:
        """Runs (first word, last word + 1) aligned on a word shared with a name."""
        found = set()
        for position, normal in enumerate(self.normals):
            for name, offset in index.lookup(normal.split()[0] if normal else ""):
                for first in range(position - offset - 1, position - offset + 2):
                    for size in range(max(1, name.size - 1), name.size + 2):
                        if 0 <= first and first + size <= len(self.words):
                            found.add((first, first + size, name))
        return found

    def _run(self, first: int, last: int) -> str | None:
        """The normalised words first..last-1, or None if the run cannot be a name."""
        if (first, last) not in self.runs:
            start, end = self.words[first][0], self.words[last - 1][1]
            usable = not self.text[start].islower() and not any(
                self.breaks[first : last - 1]
            )
            self.runs[first, last] = normalise(self.text[start:end]) if usable else None
        return self.runs[first, last]

    def _mention(self, first: int, last: int, name: _Name, score: float) -> Mention:
        start, end = self.words[first][0], self.words[last - 1][1]
        return Mention(self.text[start:end], start, end, name.spelling, score)


def _trim_possessive(match: re.Match) -> tuple[int, int]:
    """The word's span without a possessive "'s": "Survivor's" mentions Survivor."""
    start, end = match.span()
    if match.group().endswith(_POSSESSIVE) and end - start > 2:
        end -= 2
    return start, end
