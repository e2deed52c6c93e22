"""Whether a side of a line reads like a performer or like a song.

When nothing in a listing decides the order (no name repeats, none is in the
catalogue, no quotes, no "by"), a reader still knows that "People Get Ready -
The Persuasions" is title first: "The Persuasions" is what bands are called,
and a song title talks ("I", "you", "don't", a question). These cues are
weak one line at a time, so a listing's order goes to them only when most of
its lines agree (``word_vote``), and the reading still carries the
``order-guessed`` warning with the other order one click away.
"""

import re

MOST_NAME_WORDS = 6
"""More words than this on a line or a side and it is no performer's name."""

# First names common among performers, in the languages the blog's writers
# use most. A side that is a first name and one or two capitalised words
# ("Aretha Franklin", "Leo Sayer") is a person; titles rarely start so.
_GIVEN_NAMES = frozenset(
    """
    aaron adam adrian al alan albert alex alexander alice alicia amy andrea andrew
    andy angela ann anna anne annie antonio art arthur barbara barry ben benny
    bernard bert beth betty bill billy bob bobby bonnie brad brian britney bruce
    bruno bryan buddy carl carla carlos carly carol caroline charles charlie cher
    chris christina christine chuck cindy claire claude clara cliff colin craig
    cyndi dan daniel danny dave david dean debbie dennis diana diane dick don
    donna doris dolly doug duke dusty ed eddie edith edward elaine ella ellie
    elton elvis emma emmylou enrique eric erik etta eva frank frankie fred freddie
    gary gene george georges gerry gilbert gladys glen gloria gordon grace
    graham greg gwen hank harry heather helen henri henry herbie holly howard
    ian isaac jack jackie jackson jacques james jamie jan jane janet janis jason
    jay jean jeff jennifer jenny jerry jesse jessica jim jimi jimmy joan joe joel
    johann john johnny jon joni jorge jose josé joseph josh juan judy julia julian
    julie justin karen kate katy keith kelly ken kenny kevin kim kirsty kris
    kurt kylie lana laura lauren lee leo leon leonard lily linda lionel lisa liz
    lou louis lucy luis luke madeleine marc marco maria mariah marie mario mark
    martha martin marvin mary matt matthew maurice max melanie michael michel
    mick mike miles miriam molly nancy natalie neil nick nicky nina noel norah
    olivia oscar otis pat patti patrick patsy paul paula peggy pete peter phil
    randy ray richard rick ricky rita rob robbie robert robin rod roger ron
    rosa rosalía roy ruby rufus sam sandy sara sarah scott serge shania sheryl
    simon sinead sophie stan stephen steve stevie sting sue susan suzanne tammy
    taylor ted terry thomas tim tina toby todd tom tommy tony tracy van vera
    victor vince whitney will willie yves zach
    """.split()
)
# Last words that name a group of players.
_GROUP_WORDS = frozenset(
    """
    band orchestra orchestre orquesta orchester trio quartet quintet ensemble
    brothers sisters choir singers crew collective experience allstars
    """.split()
)
# Words a song's title speaks with and a performer's name almost never has:
# pronouns and contractions, in English, French, Spanish, German and Italian.
_TITLE_WORDS = frozenset(
    """
    i i'm i’m i've i’ve i'll i’ll i'd i’d you you're you’re your me my mine we
    us our it's it’s don't don’t can't can’t won't won’t ain't ain’t isn't isn’t
    je tu moi toi mon ma yo te mí contigo ich du mich dich mir dir mein io ti mio
    """.split()
)
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


# Remarks and versions in brackets say nothing about which side is which here.
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


def looks(side: str) -> int:
    """Positive for a performer's look, negative for a title's, 0 for neither."""
    side = _BRACKETED.sub(" ", side)
    words = _WORD.findall(side)
    if not words:
        return 0
    lowered = [w.casefold().rstrip(".") for w in words]
    score = 0
    capitalised = all(w[0].isupper() for w in words)
    if lowered[0] in _GIVEN_NAMES and 2 <= len(words) <= 3 and capitalised:
        score += 2
    if lowered[-1] in _GROUP_WORDS:
        score += 1
    if (
        lowered[0] == "the"
        and 2 <= len(words) <= 4
        and capitalised
        and lowered[-1].endswith("s")
    ):
        score += 1
    if any(w in _TITLE_WORDS for w in lowered):
        score -= 2
    if side.rstrip().endswith(("?", "!")):
        score -= 1
    return score


def word_vote(pairs: list[tuple[str, str]]) -> int:
    """Lines whose left side looks more like a performer, minus the others.

    ``pairs`` are (left, right) sides of each split line. A line counts only
    when its sides look different; the listing's order follows the vote only
    when it is clear (``decided``).
    """
    vote = 0
    for left, right in pairs:
        difference = looks(left) - looks(right)
        vote += (difference > 0) - (difference < 0)
    return vote


def decided(vote: int, lines: int) -> bool:
    """A clear vote: at least two lines, and a quarter of the split lines."""
    return abs(vote) >= 2 and abs(vote) * 4 >= lines
