"""Generated pictures for readers without an uploaded avatar, made here.

No outside service is asked: the picture is a symmetric 5×5 pattern drawn from a
digest. The digest is an HMAC of the user's id under the site's secret, so the
picture's URL is stable for a reader but does not reveal or enumerate user ids,
and the SVG view needs no database query. The SVG holds only rectangles and
colours computed from hex digits: nothing a reader typed ever reaches it.
"""

import hashlib
import re

from django.utils.crypto import salted_hmac

DIGEST_PATTERN = re.compile(r"^[0-9a-f]{20}$")
GRID = 5
CELL = 10


def identicon_digest(user_pk: int) -> str:
    return salted_hmac(
        "linernotes.users.identicon", str(user_pk), algorithm="sha256"
    ).hexdigest()[:20]


def identicon_svg(digest: str) -> str:
    """The pattern for a digest; the same digest always gives the same bytes.

    Raises ValueError for anything that is not a digest this module made.
    """
    if not DIGEST_PATTERN.fullmatch(digest):
        raise ValueError("not an identicon digest")
    bits = int(hashlib.sha256(digest.encode()).hexdigest(), 16)
    hue = bits % 360
    colour = f"hsl({hue} 55% 45%)"
    size = GRID * CELL
    cells = [
        f'<rect x="{col * CELL}" y="{row * CELL}" width="{CELL}" height="{CELL}"/>'
        for row in range(GRID)
        for col in range(GRID)
        if _filled(bits, row, min(col, GRID - 1 - col))
    ]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'width="{size}" height="{size}">'
        f'<rect width="{size}" height="{size}" fill="hsl({hue} 40% 94%)"/>'
        f'<g fill="{colour}">{"".join(cells)}</g></svg>'
    )


def _filled(bits: int, row: int, half_col: int) -> bool:
    # Mirrored columns share a bit, so the pattern is symmetric like a face.
    return bool(bits >> (9 + row * 3 + half_col) & 1)
