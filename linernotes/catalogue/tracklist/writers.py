"""Writers' credits after a title: who wrote a song, not who plays it.

"(music by …, lyrics by …)", "(Lennon/McCartney)", "(Ю. Чичков — С. Гребенников
и Н. Добронравов)", "(trad.)": a credit like this belongs to a title, never to a
performer, so it is kept out of both and, where a line's order is in doubt,
the side carrying it is the title (``order._decide_order``).
"""

import re

_WRITER_WORDS = re.compile(
    r"^(?:(?:written|composed|arranged|arr\.|w/m|m/w|instr\.?"
    r"|prod\.?|produced|муз\.?|сл\.?|trad\.?|traditional)(?!\w)"
    # "Music" alone is not enough: "(Music Video)" is a version of the track.
    r"|(?:music|lyrics|words|text)\s*(?:by\b|:|&|and\b|/|,))"
    # A traditional song in the listing's language: "(русская нар. песня)".
    r"|^\w+\s+(?:нар\.|народная)\s+песня$",
    re.I,
)
# Capital letters of the Latin, Greek and Cyrillic alphabets.
_UPPER = "A-Z\u00c0-\u00de\u0100-\u024f\u0391-\u03a9\u0400-\u042f"
_CAPITALISED = rf"[{_UPPER}][\w.'’\-]*"
_NAME = rf"{_CAPITALISED}(?:\s+(?:{_CAPITALISED}|de|van|von|da|di|del|la|le))*"
# Names may be joined by slashes, commas, "and"/"&"/"и", or by a dash between
# the composer and the lyricist ("music — words", as Soviet labels print it).
_JOIN = r"(?:\s*[/,]\s*(?:and\s+|и\s+)?|\s+(?:and|&|и)\s+|\s*[–—]\s*|\s+-\s+)"
_NAME_LIST = re.compile(rf"^{_NAME}(?:{_JOIN}{_NAME})+$")
# One name written with initials ("E. Doga", "J.R. Smith") is a writer too.
_INITIALLED = re.compile(rf"^(?:[{_UPPER}]\.\s*){{1,2}}{_CAPITALISED}$")
_NOT_WRITERS = re.compile(
    r"\b(?:live|remix|mix|version|edit|demo|part|pt|mono|stereo|remaster(?:ed)?|"
    r"instrumental|acoustic|reprise|take|single|album|radio|extended|original|"
    r"feat|ft|featuring|with|vs|intro|outro|interlude|medley|bonus|session|"
    r"dub|club|vocal|version|cover|theme|suite|act|scene|op|no)\b",
    re.I,
)
_QUOTED = re.compile(r'"[^"]+"|“[^”"]+”|„[^“”"]+[“”"]|«[^»]+»')
# The last bracket on the line; a stray opening bracket before it ("Title ( (…)")
# is a typo that goes with it.
_TRAILING_GROUP = re.compile(r"\s*(?:[(\[]\s*)?[(\[]([^()\[\]]+)[)\]]\s*$")


def _take_writers(text: str) -> tuple[str, str]:
    """A title or credit without a writers' credit in brackets at its end.

    Words that name writing, a traditional song, one name written with
    initials, or capitalised names joined by slashes, commas, "and" or a dash,
    with no word of a version ("Live", "Remix").
    """
    match = _TRAILING_GROUP.search(text)
    if not match or match.start() == 0:
        return text, ""
    inner = match[1].strip()
    head = text[: match.start()].strip()
    # After a title in quotes, a bracket is outside the title: a credit
    # ('"Title" (Ray)', as encyclopedias print them), unless it names a version.
    if _QUOTED.fullmatch(head) and not _NOT_WRITERS.search(inner):
        return head, inner
    writing = _WRITER_WORDS.match(inner)
    names = (
        _NAME_LIST.match(inner) or _INITIALLED.match(inner)
    ) and not _NOT_WRITERS.search(inner)
    if not (writing or names):
        return text, ""
    return text[: match.start()].rstrip(), inner


def has_writers(text: str) -> bool:
    """Whether the text ends in a writers' credit (so it is a title)."""
    return bool(_take_writers(text)[1])
