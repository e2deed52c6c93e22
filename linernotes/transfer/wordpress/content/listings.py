"""Track listings in a body (issue 10, item 4), offered to the writer."""

import re
from html import unescape

from linernotes.catalogue.tracklist import TracklistError, parse_tracklist

_LISTING_CANDIDATE = re.compile(
    r"<(p|ol|ul|pre)\b[^>]*>(.*?)</\1\s*>", re.DOTALL | re.IGNORECASE
)
_LINE_BREAK = re.compile(r"<br\s*/?>|</li\s*>|</p\s*>", re.IGNORECASE)


def _listings(html: str) -> list[str]:
    """Blocks the catalogue's parser reads as a track listing.

    A candidate is a paragraph with line breaks, a list or a ``<pre>``. It
    counts when the parser finds three or more tracks, at most one line in four
    is not a track, and at least half the tracks carry a position, an artist or
    a duration: a plain bulleted list reads as titles only and is not offered.
    """
    found = []
    for match in _LISTING_CANDIDATE.finditer(html):
        tag, inner = match[1].lower(), match[2]
        if tag == "p" and inner.lower().count("<br") < 2:
            continue
        lines = _LINE_BREAK.sub("\n", inner) if tag != "pre" else inner
        text = "\n".join(
            line.strip() for line in _text_keep_lines(lines).split("\n") if line.strip()
        )
        if text.count("\n") < 2:
            continue
        try:
            parsed = parse_tracklist(text)
        except TracklistError:
            continue
        tracks = parsed.tracks
        evidence = sum(
            1 for t in tracks if t.position or t.artists or t.duration_seconds
        )
        if (
            len(tracks) >= 3
            and len(parsed.unparsed) * 4 <= len(tracks) + len(parsed.unparsed)
            and evidence * 2 >= len(tracks)
        ):
            found.append(text)
    return found


def _text_keep_lines(html: str) -> str:
    return unescape(re.sub(r"<[^>]*>", "", html)).replace("\u00a0", " ")
