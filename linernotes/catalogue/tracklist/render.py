"""``render_tracklist``: tracks written back out in a chosen listing shape.

Titles are quoted using the same patterns the parser splits and numbers by,
so whatever is written parses back as the same tracks.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from .lines import _POSITION
from .model import ARTIST_TITLE, TITLE_ARTIST, Track
from .order import _BY_SEPARATOR, _SPACED_SEPARATOR, _TIGHT_SEPARATOR


@dataclass(frozen=True)
class RenderStyle:
    """A listing shape for ``render_tracklist``.

    numbering: none, dot ("1. "), paren ("1) "), space ("01 "), dash ("1 - "),
    disc-dash ("1-01 ") or disc-dot ("2.05 "); separator: " - ", " – ", " — ",
    "–", "—", "-", "\\t" or " by " (title-artist only); duration: none, paren,
    bracket, bare or dash; headings: none, sides (a new side whenever the
    numbering restarts) or discs (from each track's disc).
    """

    numbering: str = "dot"
    separator: str = " - "
    duration: str = "paren"
    bullet: str = ""
    headings: str = "none"
    blank_lines: bool = False


DEFAULT_STYLE = RenderStyle()
_NUMBERING = {
    "none": "",
    "dot": "{position}. ",
    "paren": "{position}) ",
    "space": "{position} ",
    "dash": "{position} - ",
    "disc-dash": "{disc}-{position} ",
    "disc-dot": "{disc}.{position} ",
}
_DURATION_FORMATS = {
    "none": "",
    "paren": " ({})",
    "bracket": " [{}]",
    "bare": " {}",
    "dash": " - {}",
}


def format_duration(seconds: int) -> str:
    """3:52, or 1:02:03 from an hour up."""
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes}:{seconds:02}"


def render_tracklist(
    tracks: Sequence[Track],
    *,
    order: str = ARTIST_TITLE,
    style: RenderStyle = DEFAULT_STYLE,
) -> str:
    """A listing ``parse_tracklist`` reads back as the same tracks.

    Titles are quoted only where the shape would otherwise be ambiguous: a
    title containing a dash in a listing separated by something weaker, or a
    title that would open an unnumbered line looking like a position.
    """
    if style.separator.strip() == "by" and order != TITLE_ARTIST:
        raise ValueError("'Title by Artist' is title-artist by definition.")
    lines: list[str] = []
    for index, track in enumerate(tracks):
        heading = _heading(tracks, index, style)
        if heading:
            lines += ["", heading] if style.blank_lines and lines else [heading]
        elif style.blank_lines and lines:
            lines.append("")
        lines.append(_render_line(track, order, style))
    return "\n".join(lines) + "\n"


def _heading(tracks: Sequence[Track], index: int, style: RenderStyle) -> str:
    track, previous = tracks[index], tracks[index - 1] if index else None
    if style.headings == "discs" and (previous is None or previous.disc != track.disc):
        return f"Disc {track.disc}"
    if style.headings == "sides":
        sides = sum(1 for i in range(1, index + 1) if _restarts(tracks, i))
        if previous is None or _restarts(tracks, index):
            return f"Side {'ABCDEFGH'[sides]}"
    return ""


def _restarts(tracks: Sequence[Track], index: int) -> bool:
    return int(tracks[index].position) <= int(tracks[index - 1].position)


def _render_line(track: Track, order: str, style: RenderStyle) -> str:
    credit = "".join(artist.name + artist.join for artist in track.artists)
    number = _NUMBERING[style.numbering].format(
        position=track.position, disc=track.disc
    )
    leads = not number and (order == TITLE_ARTIST or not credit)
    title = _quoted_if_needed(track.title, style.separator, bool(credit), leads)
    if not credit:
        body = title
    elif order == ARTIST_TITLE:
        body = credit + style.separator + title
    else:
        body = title + style.separator + credit
    duration = ""
    if track.duration_seconds is not None:
        duration = _DURATION_FORMATS[style.duration].format(
            format_duration(track.duration_seconds)
        )
    return style.bullet + number + body + duration


def _quoted_if_needed(title: str, separator: str, credited: bool, leads: bool) -> str:
    spaced = bool(_SPACED_SEPARATOR.search(title))
    tight = spaced or bool(_TIGHT_SEPARATOR.search(title))
    if not credited:
        ambiguous = tight or "-" in title or bool(_BY_SEPARATOR.search(title))
    elif separator in ("–", "—"):
        ambiguous = spaced
    elif separator == "-":
        ambiguous = tight or bool(_BY_SEPARATOR.search(title))
    elif separator.strip() == "by":
        ambiguous = tight
    else:
        ambiguous = False
    if leads and _POSITION.match(title):
        ambiguous = True
    return f'"{title}"' if ambiguous else title
