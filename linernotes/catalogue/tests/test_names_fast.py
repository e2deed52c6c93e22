"""The quick name check finds exactly what comparing every aligned run with every
name finds: the slow way is kept here, as the oracle, and nowhere else."""

from hypothesis import given, settings
from hypothesis import strategies as st

from linernotes.catalogue import names
from linernotes.catalogue.names import Mention, choose_mentions, find_near_mentions


class _SlowScanner(names._Scanner):
    """The name check as it was: every aligned (run, name) pair goes through
    ``_Target.compare``, with no prefilter and no memory of runs seen."""

    def near(self, index):
        for first, last, normal in self._pairs(index):
            run = self._run(first, last)
            if run and (found := index.targets[normal].compare(run)):
                start, end = self.words[first][0], self.words[last - 1][1]
                text = self.text[start:end]
                yield Mention(text, start, end, index.spellings[normal], found[0])

    def _pairs(self, index):
        # Each indexed name under the first three letters of its word at
        # ``offset``: the index keeps them grouped by shape, the oracle by name.
        by_prefix = {}
        for (prefix, offset, _size), normals in index.groups.items():
            for normal in normals:
                by_prefix.setdefault(prefix, []).append((normal, offset))
        found = set()
        for position, words in enumerate(self.normals):
            if self.covered[position] or not words:
                continue
            for normal, offset in by_prefix.get(words[0][:3], ()):
                size = len(normal.split())
                for first in range(position - offset - 1, position - offset + 2):
                    for last in range(first + max(1, size - 1), first + size + 2):
                        if self._usable(first, last):
                            found.add((first, last, normal))
        return found


def slow_near_mentions(text, catalogue, threshold=names.NEAR_MISS_THRESHOLD):
    scanner = _SlowScanner(text)
    index = names._NameIndex(catalogue, threshold)
    scanner.cover(index)
    return choose_mentions(scanner.near(index))


# Few syllables, so names share prefixes, lengths and words as real catalogues do
# at scale, and near misses are common.
SYLLABLES = ["ka", "lo", "mi", "ren", "ta", "ri", "vo", "né", "dor"]
word = st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=3).map("".join)
name = st.tuples(
    st.sampled_from(["", "The ", ""]),
    st.lists(word.map(str.capitalize), min_size=1, max_size=4),
    st.sampled_from(["", "", "&", " and ", "-"]),
).map(lambda t: t[0] + " ".join(t[1]) + (f" {t[2]} Co" if t[2].strip() else t[2]))
catalogue = st.lists(name, min_size=1, max_size=25)


@st.composite
def review(draw, catalogue):
    """Prose that names catalogue entries, misspells some, and wanders off."""
    pieces = []
    for _ in range(draw(st.integers(1, 40))):
        kind = draw(st.sampled_from(["name", "typo", "word", "filler", "stop"]))
        if kind == "name":
            pieces.append(draw(st.sampled_from(catalogue)))
        elif kind == "typo":
            chars = list(draw(st.sampled_from(catalogue)))
            at = draw(st.integers(0, len(chars) - 1))
            edit = draw(st.sampled_from(["drop", "swap", "add"]))
            if edit == "drop" and len(chars) > 1:
                del chars[at]
            elif edit == "swap":
                chars[at] = draw(st.sampled_from("aeiourn"))
            else:
                chars.insert(at, draw(st.sampled_from("aeiourn")))
            pieces.append("".join(chars))
        elif kind == "word":
            pieces.append(draw(word).capitalize() + draw(st.sampled_from(["", "'s"])))
        elif kind == "filler":
            pieces.append(draw(st.sampled_from(["the", "and", "on side two", "it"])))
        else:
            pieces.append(draw(st.sampled_from([".", "!", ",", ";", "\n"])))
    return " ".join(pieces)


@st.composite
def checked_text(draw):
    known = draw(catalogue)
    return draw(review(known)), known


@settings(max_examples=300, deadline=None)
@given(checked_text(), st.sampled_from([0.5, 0.8, 0.8, 0.9]))
def test_the_quick_name_check_finds_what_the_slow_one_finds(case, threshold):
    text, known = case

    assert find_near_mentions(text, known, threshold=threshold) == (
        slow_near_mentions(text, known, threshold)
    )


def test_the_oracle_itself_finds_near_misses():
    """Guards the property above against an oracle that finds nothing."""
    text = "Karen Lomi played, then Karen Lomy and Tavo Ri."
    known = ["Karen Lomi", "Tavo Rin"]

    found = slow_near_mentions(text, known)

    assert [(m.text, m.suggestion) for m in found] == [
        ("Karen Lomy", "Karen Lomi"),
        ("Tavo Ri", "Tavo Rin"),
    ]
    assert find_near_mentions(text, known) == found


def test_thousands_of_similar_names_against_a_long_text_still_match_the_oracle():
    known = [
        f"{a.capitalize()}{b} {c.capitalize()}{d}"
        for a in SYLLABLES
        for b in SYLLABLES[:4]
        for c in SYLLABLES[3:]
        for d in SYLLABLES[:3]
    ]
    misspelt = [n.replace("o", "u", 1) for n in known[::97]]
    text = ". ".join(
        f"Then {mis} and {right} on side two"
        for mis, right in zip(misspelt, known[::89], strict=False)
    )

    found = find_near_mentions(text, known)

    assert len(known) > 500
    assert found == slow_near_mentions(text, known)
    assert {m.text for m in found} >= {m for m in misspelt if m not in known}
