"""What the parser tells the writer about a reading it is unsure of.

The wording of the listing-wide warnings and the shapes that make a single
track suspicious (an artist that opens like a position, separators inside a
track), kept apart from the line-by-line reading in ``parse``.
"""

import re

from .model import ARTIST_TITLE, TITLE_ARTIST

_ORDER_LABELS = {
    ARTIST_TITLE: "read as Artist - Title",
    TITLE_ARTIST: "read as Title - Artist",
}

# A credit that opens like a position or a label: "Side A #1: Artist", "Bonus: X".
_POSITION_LIKE = re.compile(
    r"^(?:\d{1,3}[.):]|[A-H]\d{1,2}[.):]|(?:track|side|cd|disc|bonus)\b\s*[\w#]*\s*[:.#-])",
    re.I,
)
# How many of each separator inside one track make it look like several tracks:
# one bullet, pipe or star; two slashes or semicolons (medleys have one).
_INSIDE_SEPARATORS = {" • ": 1, " | ": 1, " * ": 1, " / ": 2, "; ": 2}

_GUESSED = (
    "Nothing certain showed which side holds the artists (no name repeats, none is "
    "in the catalogue, no 'by'), so {order} was assumed, from how the names look "
    "or as most listings are written."
)
