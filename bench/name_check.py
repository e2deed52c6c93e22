"""Processor time of the catalogue's name check (``catalogue.names``), in-process.

    .venv/bin/python bench/name_check.py [--rounds 3] [--old]

The editor asks the name check as the writer pauses typing, so one call must
stay well under a second. Four cases, each a 5,000-word text:

- *artists*: a catalogue of real-looking names (first name + surname, with or
  without an initial, "The Adjective Nouns", "Nouns of Surname"), 470 and
  5,000 of them, and a review naming one every seventh word, a tenth misspelt;
- *syllables*: made-up names built from 20 syllables, so nearly every name
  shares a word's first letters with many others, in the same kind of review;
- *syllables, all capitals*: the worst case, where every word of the text is a
  capitalised made-up word and so a possible name.

Each figure is the median of ``--rounds`` calls' CPU time (``time.process_time``)
on a cold ``normalise`` cache. ``--old`` also times the exhaustive comparison
kept as the test oracle, once a case (a minute or more for the all-capitals
cases), and checks that it finds as many mentions. The machine is shared:
compare figures from one run.
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from linernotes.catalogue import names  # noqa: E402
from linernotes.catalogue.tests.test_names_fast import (  # noqa: E402
    slow_near_mentions,
)

FIRST = (
    "John Mary Kenny Gladys Vince James Robert Alice David Sarah Peter Laura Mike "
    "Nina Paul Rosa Tom Ella Sam Ruth Ben Carla Leo Ida Max Joan Otis Etta Ray Nora "
    "Bruce Patti Stevie Aretha Marvin Dusty Carole Neil Joni Elvis"
).split()
LAST = (
    "Cafferty Loggins Knight DiCola Brown Tepper Harris Walker Turner Fisher Marsh "
    "Keller Doyle Hayes Lennon Reed Fuller Grant Banks Moore Price Wells Shaw Frost "
    "Lowe Mercer Dunn Hale Stone Wolfe Palmer Cole Baxter Quinn Rhodes Springfield "
    "Franklin Gaye Mitchell Young King Costello Nicks Smith Jackson Wonder"
).split()
ADJECTIVES = (
    "Burning Silver Velvet Electric Broken Golden Midnight Crimson Hollow Lonely "
    "Wild Neon Static Paper Iron Quiet Restless Scarlet Frozen Blue"
).split()
NOUNS = (
    "Hearts Rivers Machines Ghosts Wolves Lions Saints Engines Horses Kings Echoes "
    "Signals Shadows Mirrors Tigers Rebels Strangers Angels Dreamers Sparks"
).split()
SYLLABLES = "ka lo mi ren ta ri sa vo nel dor ba li ven tu ro mar es an ki zo".split()
FILLER = (
    "the record sounds big and the drums hit hard across every side while a "
    "bass line rolls under it"
).split()


def artists(count: int, rng: random.Random) -> list[str]:
    made: set[str] = set()
    while len(made) < count:
        kind = rng.random()
        if kind < 0.3:
            made.add(f"{rng.choice(FIRST)} {rng.choice(LAST)}")
        elif kind < 0.5:  # "Ben E. King": enough names for a large catalogue
            initial = rng.choice("ABCDEFGHJKLMNPRSTW")
            made.add(f"{rng.choice(FIRST)} {initial}. {rng.choice(LAST)}")
        elif kind < 0.8:
            made.add(f"The {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}")
        else:
            made.add(f"{rng.choice(NOUNS)} of {rng.choice(LAST)}")
    return sorted(made)


def made_up_word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title()


def made_up_names(count: int, rng: random.Random) -> list[str]:
    made: set[str] = set()
    while len(made) < count:
        made.add(" ".join(made_up_word(rng) for _ in range(rng.randint(1, 3))))
    return sorted(made)


def misspell(name: str, rng: random.Random) -> str:
    chars = list(name)
    at = rng.randrange(1, len(chars))
    edit = rng.random()
    if edit < 0.4:
        chars[at] = rng.choice("aeiou")
    elif edit < 0.7:
        del chars[at]
    else:
        chars.insert(at, rng.choice("aeiou"))
    return "".join(chars)


def review(words: int, known: list[str], rng: random.Random) -> str:
    pieces: list[str] = []
    while len(pieces) < words:
        pieces += rng.sample(FILLER, 6)
        name = rng.choice(known)
        pieces.append(misspell(name, rng) if rng.random() < 0.1 else name)
        if rng.random() < 0.3:
            pieces[-1] += "."
    return " ".join(pieces)


def capitals(words: int, rng: random.Random) -> str:
    return " ".join(made_up_word(rng) for _ in range(words))


def cpu(call, rounds: int) -> tuple[float, int]:
    times, found = [], 0
    for _ in range(rounds):
        names.normalise.cache_clear()
        start = time.process_time()
        found = len(call())
        times.append(time.process_time() - start)
    return statistics.median(times), found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--words", type=int, default=5_000)
    parser.add_argument("--old", action="store_true", help="also time the oracle")
    args = parser.parse_args()
    rng = random.Random(1985)
    cases = []
    for count in (470, 5_000):
        known = artists(count, rng)
        cases.append(
            (f"artists, {count:,} names", known, review(args.words, known, rng))
        )
    for count in (470, 5_000):
        known = made_up_names(count, rng)
        cases.append(
            (f"syllables, {count:,} names", known, review(args.words, known, rng))
        )
        label = f"syllables, all capitals, {count:,} names"
        cases.append((label, known, capitals(args.words, rng)))
    print(f"{'case':42} {'words':>6} {'new ms':>8} {'found':>6} {'old ms':>9}")
    for label, known, text in cases:
        new, found = cpu(lambda: names.find_near_mentions(text, known), args.rounds)  # noqa: B023
        old = ""
        if args.old:
            ms, old_found = cpu(lambda: slow_near_mentions(text, known), 1)  # noqa: B023
            assert old_found == found, (label, old_found, found)
            old = f"{ms * 1000:9.0f}"
        words = len(text.split())
        print(f"{label:42} {words:6} {new * 1000:8.0f} {found:6} {old}")


if __name__ == "__main__":
    main()
