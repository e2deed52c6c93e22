"""Name matching: one artist under many spellings; near misses offered, not merged."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linernotes.catalogue.names import (
    ONE_WORD,
    SPELLING,
    WORD_ORDER,
    find_near_mentions,
    near_misses,
    normalise,
    same_name,
)

ROCKY_IV_NAMES = [
    "Survivor",
    "John Cafferty",
    "Kenny Loggins",
    "Gladys Knight",
    "Vince DiCola",
    "James Brown",
    "Robert Tepper",
    "Go West",
    "Touch",
    "Burning Heart",
    "Hearts on Fire",
    "Double or Nothing",
    "Eye of the Tiger",
    "Living in America",
    "No Easy Way Out",
    "One Way Street",
    "The Sweetest Victory",
    "Training Montage",
]


@pytest.mark.parametrize(
    ("spelling", "normal"),
    [
        ("The Beatles", "beatles"),
        ("THE BEATLES", "beatles"),
        ("Beyoncé", "beyonce"),
        ("Motörhead", "motorhead"),
        ("Sigur Rós", "sigur ros"),
        ("Simon & Garfunkel", "simon and garfunkel"),
        ("Simon and Garfunkel", "simon and garfunkel"),
        ("R.E.M.", "rem"),
        ("Jay-Z", "jay z"),
        ("AC/DC", "ac dc"),
        ("Guns N' Roses", "guns n roses"),
        ("  Go   West  ", "go west"),
        ("Die Ärzte", "die arzte"),
        ("Straße", "strasse"),
        ("The The", "the"),
        ("Theatre of Tragedy", "theatre of tragedy"),
        ("!!!", "!!!"),
        ("", ""),
    ],
)
def test_normalise_ignores_case_accents_the_punctuation_and_ampersands(
    spelling, normal
):
    assert normalise(spelling) == normal


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Survivor", "survivor"),
        ("The Sweetest Victory", "Sweetest Victory"),
        ("Earth, Wind & Fire", "Earth Wind and Fire"),
        ("Beyoncé", "BEYONCE"),
        ("Vince DiCola", "vince dicola."),
    ],
)
def test_spellings_of_one_name_are_the_same_name(a, b):
    assert same_name(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Survivor", "Toto"),
        ("Vinnie DiCola", "Vince DiCola"),
        ("Hearts of Fire", "Hearts on Fire"),
        ("", ""),
        ("!!!", "???"),
    ],
)
def test_different_names_are_not_the_same_name(a, b):
    assert not same_name(a, b)


@given(st.text())
def test_normalise_is_idempotent(name):
    assert normalise(normalise(name)) == normalise(name)


@given(st.text(), st.text())
def test_same_name_is_symmetric(a, b):
    assert same_name(a, b) == same_name(b, a)


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=1).filter(str.strip))
def test_a_leading_the_never_changes_a_name(name):
    assert same_name(f"The {name}", name) or normalise(name).startswith("the")


def test_a_near_spelling_of_a_first_name_is_offered():
    matches = near_misses("Vinnie DiCola", ["Vince DiCola", "Survivor", "Touch"])

    assert [m.name for m in matches] == ["Vince DiCola"]
    assert matches[0].reason == SPELLING


def test_one_changed_word_is_offered_when_it_starts_the_same():
    matches = near_misses("Vincenzo DiCola", ["Vinnie DiCola"])

    assert [(m.name, m.reason) for m in matches] == [("Vinnie DiCola", ONE_WORD)]


def test_a_near_spelling_of_a_track_title_is_offered():
    assert [m.name for m in near_misses("Hearts of Fire", ROCKY_IV_NAMES)] == [
        "Hearts on Fire"
    ]


def test_unrelated_names_are_not_offered():
    assert near_misses("Survivor", ["Toto", "Touch", "Go West"]) == []


def test_the_same_name_in_another_spelling_is_not_a_near_miss():
    assert near_misses("Survivor", ["SURVIVOR", "The Survivor", "survivor."]) == []


def test_the_same_words_in_another_order_are_offered():
    matches = near_misses("Knight Gladys", ["Gladys Knight"])

    assert [(m.name, m.reason) for m in matches] == [("Gladys Knight", WORD_ORDER)]


def test_near_misses_come_best_first_and_once_per_name():
    matches = near_misses(
        "Survivr", ["Survivors", "Survivor", "survivor", "The Survivor"]
    )

    assert [m.name for m in matches] == ["Survivor", "Survivors"]
    assert matches[0].score > matches[1].score


def test_a_stricter_threshold_offers_fewer_spellings():
    assert near_misses("Survivr", ["Survivor"], threshold=0.95) == []


def test_a_misspelt_title_in_a_review_is_found_with_its_offset():
    text = "The best track is Hearts of Fire, not the ballad."

    mentions = find_near_mentions(text, ROCKY_IV_NAMES)

    assert [(m.text, m.suggestion) for m in mentions] == [
        ("Hearts of Fire", "Hearts on Fire")
    ]
    assert text[mentions[0].start : mentions[0].end] == "Hearts of Fire"


def test_a_misspelt_artist_in_a_review_is_found():
    text = "Vinnie DiCola's synthesisers carry the training montage."

    mentions = find_near_mentions(text, ROCKY_IV_NAMES)

    assert [(m.text, m.suggestion) for m in mentions] == [
        ("Vinnie DiCola", "Vince DiCola")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Hearts on Fire opens side A.",
        "Survivor's Burning Heart is the single.",
        "THE SWEETEST VICTORY closes it.",
        "Then the sweetest victory of all: silence.",
        "A survivor of the eighties, this record.",
    ],
)
def test_correct_names_and_lowercase_prose_are_not_flagged(text):
    assert find_near_mentions(text, ROCKY_IV_NAMES) == []


@pytest.mark.parametrize(
    "text",
    ["Broken Heart. Burnin down the house.", "Broken Heart! Burnin down the house."],
)
def test_a_mention_never_runs_across_a_sentence(text):
    assert find_near_mentions(text, ["Heart Burning"]) == []


def test_an_initial_is_not_the_end_of_a_sentence():
    mentions = find_near_mentions("Then Ben E. Kong sang it.", ["Ben E. King"])

    assert [(m.text, m.suggestion) for m in mentions] == [
        ("Ben E. Kong", "Ben E. King")
    ]


def test_each_place_in_the_text_suggests_one_name():
    text = "Hearts of Fire and Vinnie DiCola, then Eye of the Tigers."

    mentions = find_near_mentions(text, ROCKY_IV_NAMES)

    assert [m.suggestion for m in mentions] == [
        "Hearts on Fire",
        "Vince DiCola",
        "Eye of the Tiger",
    ]
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:], strict=False))


def _review(words: int, names: list[str], misspelt: list[str]) -> str:
    """Filler prose naming a catalogue name every seventh word, misspellings planted."""
    filler = "the record sounds big and the drums hit hard across every side".split()
    pieces: list[str] = []
    while len(pieces) < words:
        turn = len(pieces) // 7
        pieces += [*filler[turn % 6 : turn % 6 + 6], names[turn * 13 % len(names)]]
    for index, name in enumerate(misspelt, start=1):
        pieces.insert(index * 500, f"{name}.")
    return " ".join(pieces)


def test_a_long_review_is_checked_against_hundreds_of_names():
    names = ROCKY_IV_NAMES + [f"Artist Number{n} Band" for n in range(190)]
    misspelt = ["Hearts of Fire", "Vinnie DiCola", "Artist Numbr42 Band"]
    text = _review(5_000, names, misspelt)

    mentions = find_near_mentions(text, names)

    assert len(text.split()) > 5_000
    assert {m.text for m in mentions} == set(misspelt)
