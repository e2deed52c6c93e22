"""A title's translation in brackets, told apart by its writing system.

Listings for readers of another language add the title in their own script:
"炎と森のカーニバル (불꽃과 숲의 카니발)", "Yesterday (Вчера)". The bracket is
a translation or a reading, not part of the name; a version in brackets
("四季 (Instrumental)", "(後藤Version)") is, and keeps its place. The test is
the letters: a closing bracket whose letters share no writing system with the
letters before it, and which names no version, is dropped from the title.
"""

import re
import unicodedata
from functools import lru_cache

_CLOSING_BRACKET = re.compile(r"\s*[(\[（]([^()\[\]（）]+)[)\]）]\s*$")
_VERSION_WORDS = re.compile(
    r"\b(?:remix|mix|edit|version|live|feat|ft|featuring|demo|acoustic|remaster(?:ed)?|"
    r"instrumental|reprise|mono|stereo|karaoke|inst|ver|off vocal|video|mv|pv|"
    r"clip|tv size|short|extended|bonus|unplugged|session)\b",
    re.I,
)
# Kanji and kana are written together in one Japanese title, and Chinese
# uses the same characters: one system for this purpose.
_SYSTEMS = (
    ("LATIN", "latin"),
    ("CYRILLIC", "cyrillic"),
    ("GREEK", "greek"),
    ("HANGUL", "hangul"),
    ("CJK", "cjk"),
    ("HIRAGANA", "cjk"),
    ("KATAKANA", "cjk"),
    ("HEBREW", "hebrew"),
    ("ARABIC", "arabic"),
    ("THAI", "thai"),
    ("DEVANAGARI", "devanagari"),
)


@lru_cache(maxsize=4096)
def _system(char: str) -> str:
    name = unicodedata.name(char, "")
    for prefix, system in _SYSTEMS:
        if name.startswith(prefix):
            return system
    return "other"


def systems(text: str) -> frozenset[str]:
    """The writing systems of a text's letters (digits and marks aside)."""
    return frozenset(_system(c) for c in text if c.isalpha())


def without_translation(title: str) -> str:
    """The title without a closing bracket written in another script only."""
    match = _CLOSING_BRACKET.search(title)
    if not match or _VERSION_WORDS.search(match.group(1)):
        return title
    before, inside = systems(title[: match.start()]), systems(match.group(1))
    if before and inside and not before & inside:
        return title[: match.start()].rstrip()
    return title
