"""Writers' credits after a title: who wrote a song, not who plays it.

"(music by …, lyrics by …)", "(Lennon/McCartney)", "(Ю. Чичков — С. Гребенников
и Н. Добронравов)", "(trad.)": a credit like this belongs to a title, never to a
performer, so it is kept out of both and, where a line's order is in doubt,
the side carrying it is the title (``order._decide_order``).
"""

import re

# The song's original performer: "cover di X", "cover by X", "originally by X".
COVER_CREDIT = (
    r"(?:cover\s+(?:di|by|of|van|von|de|da|av|från)|originally\s+(?:performed\s+)?by)\s"
)
_WRITER_WORDS = re.compile(
    r"^(?:(?:written|composed|arranged|arr\.|w/m|m/w|instr\.?"
    r"|prod\.?|produced|муз\.?|сл\.?|trad\.?|traditional)(?!\w)"
    # The song's original performer: "(cover di X)", "(originally by X)".
    rf"|{COVER_CREDIT}"
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
    r"\b(?:live|remix|remiks|remixes|mix|version|edit|demo|part|pt|mono|stereo|remaster(?:ed)?|"
    r"instrumental|acoustic|reprise|take|single|album|radio|extended|original|"
    r"feat|ft|featuring|with|vs|intro|outro|interlude|medley|bonus|session|"
    r"dub|club|vocal|version|cover(?!\s+\S)|theme|suite|act|scene|op|no|"
    # A guest, in the languages listings come in: "(med X)", "(con X)".
    r"med|con|avec|mit|met|com|participa\w*)\b",
    re.I,
)
_QUOTED = re.compile(r'"[^"]+"|“[^”"]+”|„[^“”"]+[“”"]|«[^»]+»|\'.+\'|‘.+’')
# The last bracket on the line; a stray opening bracket before it ("Title ( (…)")
# is a typo that goes with it.
_TRAILING_GROUP = re.compile(
    r"\s*(?:[(\[]\s*)?(?:[(\[]([^()\[\]]+)[)\]]|\{([^{}]+)\})\s*$"
)


# "Title – Cover di X": the original performer after a dash (order._GUEST_AFTER
# keeps that dash from splitting the line).
_DASHED_COVER = re.compile(rf"\s+[-–—]\s+({COVER_CREDIT}\s*\S.*)$", re.I)

# "Artist, muz. X, sł. Y, CD Album": after a comma, a lower-case abbreviation
# with its full stop ("muz.", "sł.", "arr.", "tł. pol.") opens the credits, as
# Polish and other radio playlists print them; everything after is credits.
_ABBREVIATED_CREDIT = re.compile(
    r",\s+((?=[a-zа-яёßà-öø-ÿąćęłńóśźż])\w{1,4}\.(?:\s+(?:i|and|&|и)\s+\w{1,4}\.)?"
    r"\s+\S.*)$"
)


def without_abbreviated_credit(text: str) -> str:
    """The text up to an abbreviated credit after a comma (see above)."""
    return (
        text[: match.start()] if (match := _ABBREVIATED_CREDIT.search(text)) else text
    )


_CLOSERS = (")", "]", "}")


def _trailing_group(text: str) -> re.Match | None:
    """The last bracket closing the text; a cheap look at the end first, as
    most titles close with none and an end-anchored search is slow."""
    return _TRAILING_GROUP.search(text) if text.rstrip().endswith(_CLOSERS) else None


def _take_writers(text: str) -> tuple[str, str]:
    """A title or credit without a writers' credit in brackets at its end.

    Words that name writing, a traditional song, one name written with
    initials, or capitalised names joined by slashes, commas, "and" or a dash,
    with no word of a version ("Live", "Remix").
    """
    if cover := _DASHED_COVER.search(text):
        return text[: cover.start()].rstrip(), cover[1].strip()
    if credit := _ABBREVIATED_CREDIT.search(text):
        return text[: credit.start()].rstrip(), credit[1].strip()
    match = _trailing_group(text)
    if not match or match.start() == 0:
        return text, ""
    inner = (match[1] or match[2]).strip()
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
    """Whether the text ends in a writers' credit in brackets (so it is a
    title). Credits after a comma follow the performer, and say nothing."""
    if _ABBREVIATED_CREDIT.search(text):
        return False
    return bool(_take_writers(text)[1])


# A bracket that only marks the track as a bonus ("[bonus track]",
# "[бонус-трек]") or holds nothing ("()", a page's empty link) says nothing
# of the title.
_EMPTY_OR_BONUS = re.compile(
    r"\s*[(\[]\s*(?:(?:bonus|бонус)(?:[\s-]*(?:track|трек))?)?\s*[)\]]\s*$", re.I
)
_DIGITS = re.compile(r"\d")
_ACT_YEAR = re.compile(r"(?<=\S)\s*[/,]\s*(?:19|20)\d\d年?$")


def without_bonus_mark(text: str) -> str:
    """A title without a closing "[bonus track]" or an empty bracket."""
    return _EMPTY_OR_BONUS.sub("", text) if _EMPTY_OR_BONUS.search(text) else text


def _plain_bracket(text: str) -> str:
    """The last bracket closing a title, when it names no version and no year."""
    match = _trailing_group(text)
    if not match or match.start() == 0:
        return ""
    inner = (match[1] or match[2]).strip()
    # "(THE BLUE HEARTS / 1989年)": the original act and its year.
    if _NOT_WRITERS.search(inner) or (
        _DIGITS.search(inner) and not _ACT_YEAR.search(inner)
    ):
        return ""
    return inner


def brackets_are_credits(titles: list[str]) -> bool:
    """Whether the brackets closing this listing's titles credit someone.

    One title at a time, "Cast In Steel (Waaktaar-Savoy)" cannot be told from
    "Lean on Me (Ah-Li-Ayo)". A listing can: when half its titles or more
    (three at least) close with a bracket naming no version and no year, the
    brackets are its way of crediting writers or the original act; a subtitle
    is the odd title out.
    """
    plain = sum(1 for title in titles if _plain_bracket(title))
    return plain >= 3 and plain * 2 >= len(titles)


def take_credit_bracket(text: str) -> tuple[str, str]:
    """A title without the credit in its closing bracket (see above)."""
    inner = _plain_bracket(text)
    if not inner:
        return text, ""
    return text[: _trailing_group(text).start()].rstrip(), inner  # type: ignore[union-attr]


def unquoted_before_bracket(text: str) -> str:
    """'"Tic-tac" (med Castrinho)' as the title 'Tic-tac (med Castrinho)'.

    A bracket kept after a title in quotes (a guest, a version) is part of the
    title; the quotes around the rest are not.
    """
    match = _trailing_group(text)
    if not match or not _QUOTED.fullmatch(head := text[: match.start()].strip()):
        return text
    return f"{head[1:-1].strip()} {text[match.start() :].strip()}"


# "Another Land (_Mark of the Mole_, Torso, 1981, USA); 1.30": the release a
# radio playlist names after each track (album, label, year, country), and
# what follows it. Two commas and a year, no word of a version ("(Live at
# Wembley, London, 1986)" stays).
_RELEASE_DETAILS = re.compile(
    r"\s*\((?=[^()]*,[^()]*,)(?=[^()]*\b(?:19|20)\d\d\b)[^()]*\).*$"
)


def without_release_details(text: str) -> str:
    """The track without the release details in brackets after it."""
    if "," not in text or not (match := _RELEASE_DETAILS.search(text)):
        return text
    if match.start() == 0 or _NOT_WRITERS.search(match[0]):
        return text
    return text[: match.start()].rstrip()
