"""When two spellings name the same artist, release or track.

Names match regardless of case, accents, a leading "The", punctuation and "&"
versus "and" (``normalise``). Near misses ("Vinnie DiCola" for "Vince DiCola")
are only ever offered: the writer confirms or rejects a merge, so these
functions rank suggestions and never merge anything. They take plain strings,
so the catalogue can pass names and aliases from any source.
"""

import bisect
import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import Indel

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


@functools.lru_cache(maxsize=1 << 16)
def normalise(name: str) -> str:
    """The form two spellings of one name share; idempotent.

    A name made only of punctuation ("!!!") keeps its punctuation, so it still
    matches itself and nothing else. Remembered for the last 65,536 strings: a
    name check normalises every run of a few words in the text, and a review
    repeats its names and phrases.
    """
    folded = " ".join(_fold(name).split())
    text = _PUNCTUATION.sub("", _WORD_BREAK.sub(" ", folded.replace("&", " and ")))
    text = " ".join(text.split())
    while text.startswith("the "):
        text = text[4:]
    return text or folded


def _fold(text: str) -> str:
    """Casefold and drop accents; folding twice so the result is stable."""
    if text.isascii():  # nothing to decompose: the common case, kept quick
        return text.casefold()
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
    target = _Target(normalise(name), threshold)
    matches = []
    for candidate, other in _distinct(candidates):
        if found := target.compare(other):
            matches.append(Match(candidate, *found))
    return sorted(matches, key=lambda match: (-match.score, match.name))


def _distinct(names: Iterable[str]) -> Iterator[tuple[str, str]]:
    seen: set[str] = set()
    for name in names:
        normal = normalise(name)
        if normal and normal not in seen:
            seen.add(normal)
            yield name, normal


class _Target:
    """One normalised name, compared with many others; difflib indexes it once."""

    def __init__(self, normal: str, threshold: float) -> None:
        self.normal, self.threshold = normal, threshold
        self.words = normal.split()
        self.matcher = difflib.SequenceMatcher(None, "", normal)

    def compare(self, other: str) -> tuple[float, str] | None:
        """(score, reason) if ``other`` might be this name misspelt, else None."""
        if not self.normal or not other or other == self.normal:
            return None
        self.matcher.set_seq1(other)
        if self.matcher.real_quick_ratio() < min(self.threshold, 0.5):
            return None
        score = round(self.matcher.ratio(), 3)
        if sorted(other.split()) == sorted(self.words):
            return score, WORD_ORDER
        if score >= self.threshold:
            return score, SPELLING
        if _one_word_apart(self.words, other.split()):
            return score, ONE_WORD
        return None


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
    has "Hearts on Fire". A suggestion is a run of words from one word shorter
    to one longer than the name, starting with a capital (names are capitalised
    in prose), sharing a word, or a word's first three letters, with the name,
    and overlapping no exact mention ("Survivor's" and "survivor" included).
    Where two suggestions overlap, the better score wins (then the earlier,
    the shorter, the alphabetically first suggestion), so a text always gets
    the same answer.

    The editor asks this as the writer pauses typing, so it must stay quick on
    a 5,000-word review against thousands of names: each run of words is
    compared only with the names that could pass ``_Target.compare`` (the same
    words in another order, one word changed, or an edit distance that allows
    the threshold, measured by RapidFuzz in C), and a run seen twice is
    compared once. The result is exactly what comparing every aligned run with
    every name would give (tests/test_names_fast.py holds that slow oracle).
    """
    scanner = _Scanner(text)
    index = _NameIndex(names, threshold)
    scanner.cover(index)
    return choose_mentions(scanner.near(index))


def choose_mentions(mentions: Iterable[Mention]) -> list[Mention]:
    """Best-scoring mentions first, dropping any that overlaps one kept, in text
    order; ties go to the earlier, then shorter, then alphabetically first."""
    # Kept mentions never overlap, so in start order their ends rise too, and
    # only the neighbours of a newcomer's place can overlap it.
    starts: list[int] = []
    chosen: list[Mention] = []
    ranked = sorted(mentions, key=lambda m: (-m.score, m.start, m.end, m.suggestion))
    for mention in ranked:
        place = bisect.bisect_left(starts, mention.start)
        if place < len(chosen) and chosen[place].start < mention.end:
            continue
        if place > 0 and chosen[place - 1].end > mention.start:
            continue
        starts.insert(place, mention.start)
        chosen.insert(place, mention)
    return chosen


# Words too common in prose to point at a name; a name made only of them is
# still indexed under all its words.
_COMMON_WORDS = frozenset(
    "the and for you with from not but all are was his her its our out one".split()
)
# difflib's ratio is rounded to three places before the threshold is applied,
# so the prefilter lets through anything that could round up to it.
_ROUNDING = 0.0005 + 1e-9


class _NameIndex:
    """Known names by normal form, by the first three letters of their words,
    and by what a near miss of them must share (for the quick prefilter)."""

    def __init__(self, names: Iterable[str], threshold: float) -> None:
        self.threshold = threshold
        self.spellings = {normal: name for name, normal in _distinct(names)}
        self.targets = {n: _Target(n, threshold) for n in self.spellings}
        self.longest = max((len(n.split()) for n in self.spellings), default=0)
        # (first three letters, offset of that word, words in the name) -> names
        self.groups: dict[tuple[str, int, int], list[str]] = {}
        self.shapes: dict[str, set[tuple[int, int]]] = {}
        self.by_words: dict[tuple[str, ...], list[str]] = {}
        self.by_others: dict[tuple[int, tuple[str, ...]], list[str]] = {}
        for normal in self.spellings:
            words = normal.split()
            rare = [w for w in words if len(w) >= 3 and w not in _COMMON_WORDS]
            for offset, word in enumerate(words):
                if word in rare or not rare:
                    group = (word[:3], offset, len(words))
                    self.groups.setdefault(group, []).append(normal)
                    self.shapes.setdefault(word[:3], set()).add(group[1:])
            self.by_words.setdefault(tuple(sorted(words)), []).append(normal)
            if len(words) >= 2:
                for i in range(len(words)):
                    others = (i, tuple(words[:i] + words[i + 1 :]))
                    self.by_others.setdefault(others, []).append(normal)

    def plausible(self, run: str, names: list[str]) -> set[str]:
        """Those of ``names`` that ``_Target.compare`` could accept for ``run``:
        a superset, never missing one (compare decides)."""
        words = run.split()
        found = set(self.by_words.get(tuple(sorted(words)), ()))
        if len(words) >= 2:
            for i in range(len(words)):
                found.update(self.by_others.get((i, (*words[:i], *words[i + 1 :])), ()))
        cutoff = max(0.0, self.threshold - _ROUNDING)
        # RapidFuzz's Indel similarity counts the longest common subsequence,
        # which is never shorter than the blocks difflib matches, so it is an
        # upper bound of difflib's ratio: below the cutoff, difflib is too.
        near = process.extract(
            run, names, scorer=Indel.normalized_similarity,
            score_cutoff=cutoff, limit=None,
        )  # fmt: skip
        found.update(choice for choice, _score, _i in near)
        return found.intersection(names)


class _Scanner:
    """The words of one text, each run of them normalised at most once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.words = [_trim_possessive(m) for m in _WORD.finditer(text)]
        self.normals = [normalise(text[a:b]).split() for a, b in self.words]
        # Searched in place, not in a slice, so "(?<=\w\w)" sees the word before.
        self.breaks = [
            bool(_BOUNDARY.search(text, self.words[i][1], self.words[i + 1][0]))
            for i in range(len(self.words) - 1)
        ]
        self.covered = [False] * len(self.words)
        self.runs: dict[tuple[int, int], str | None] = {}

    def cover(self, index: _NameIndex) -> None:
        """Mark the words of every exact mention: nothing overlapping them is wrong."""
        for first in range(len(self.words)):
            for last in range(
                first + 1, min(first + index.longest, len(self.words)) + 1
            ):
                if self._run(first, last) in index.spellings:
                    self.covered[first:last] = [True] * (last - first)

    def near(self, index: _NameIndex) -> Iterator[Mention]:
        """Mentions of every aligned run that compares as a near miss.

        A run of words is aligned with a name when a word of the name shares
        its first three letters with a text word at the same place, give or
        take one word, and the run is one word shorter to one longer than the
        name. The names aligned with one run come in groups (same three
        letters, place and length), so a run is matched against the union of
        its groups, and a run with the same groups is matched once.
        """
        seen: dict[tuple[str, tuple], list[tuple[str, float]]] = {}
        for (first, last), groups in self._spans(index).items():
            run = self._run(first, last)
            if not run:
                continue
            key = (run, tuple(sorted(groups)))
            if key not in seen:
                seen[key] = self._matches(index, run, groups)
            start, end = self.words[first][0], self.words[last - 1][1]
            for normal, score in seen[key]:
                suggestion = index.spellings[normal]
                yield Mention(self.text[start:end], start, end, suggestion, score)

    @staticmethod
    def _matches(index: _NameIndex, run: str, groups: set) -> list[tuple[str, float]]:
        names = sorted({n for group in groups for n in index.groups[group]})
        found = []
        for normal in sorted(index.plausible(run, names)):
            if result := index.targets[normal].compare(run):
                found.append((normal, result[0]))
        return found

    def _spans(self, index: _NameIndex) -> dict[tuple[int, int], set]:
        """Runs (first word, last word + 1) with the name groups aligned on them."""
        spans: dict[tuple[int, int], set] = {}
        for position, words in enumerate(self.normals):
            if self.covered[position] or not words:
                continue
            prefix = words[0][:3]
            for offset, size in index.shapes.get(prefix, ()):
                group = (prefix, offset, size)
                for first in range(position - offset - 1, position - offset + 2):
                    for last in range(first + max(1, size - 1), first + size + 2):
                        if self._usable(first, last):
                            spans.setdefault((first, last), set()).add(group)
        return spans

    def _usable(self, first: int, last: int) -> bool:
        if first < 0 or last > len(self.words) or first >= last:
            return False
        if self.text[self.words[first][0]].islower():
            return False
        return not any(self.covered[first:last])

    def _run(self, first: int, last: int) -> str | None:
        """The normalised words first..last-1, or None across a sentence break."""
        if (first, last) not in self.runs:
            start, end = self.words[first][0], self.words[last - 1][1]
            broken = any(self.breaks[first : last - 1])
            self.runs[first, last] = None if broken else normalise(self.text[start:end])
        return self.runs[first, last]


def _trim_possessive(match: re.Match) -> tuple[int, int]:
    """The word's span without a possessive "'s": "Survivor's" mentions Survivor."""
    start, end = match.span()
    if match.group().endswith(_POSSESSIVE) and end - start > 2:
        end -= 2
    return start, end
