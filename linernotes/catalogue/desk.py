"""What the writer's desk shows about music before anything is saved.

A pasted listing's preview (each line with the parser's warnings beside it and
the alternatives it offers), the artists saving it would create (with the
catalogue's near spellings to choose from instead), and the name check of
prose against every name the catalogue knows. Reads only: saving goes through
``services``. The release page's paste form, the imported listings' pages and
the post editor all show a listing through this one module and the partial
``admin/catalogue/listing/preview.html``.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from linernotes.core.markup import plain_text, render_markdown

from . import names, services
from .models import Artist, Release, Track
from .tracklist import (
    Alternative,
    ListingOptions,
    ListingWarning,
    Option,
    ParsedListing,
    Reason,
    TracklistError,
    UnparsedLine,
)
from .tracklist import Track as ParsedTrack

# The parser's reason codes in words, for a writer (the code is shown too).
REASON_WORDS = {
    Reason.HEADING: "a heading, not a track",
    Reason.SIDE_HEADING: "names a side of the record",
    Reason.DISC_HEADING: "names a disc",
    Reason.ARTIST_ONLY: "an artist with no title",
    Reason.LABEL_LINE: "label or catalogue details",
    Reason.NOTE: "a note, not a track",
    Reason.EMPTY_TITLE: "no title after the position or artist",
    Reason.EMPTY_ARTIST: "no artist where one was expected",
    Reason.TOO_LONG: "too long to be a track",
}


@dataclass(frozen=True)
class ArtistChoice:
    """A name saving would add to the catalogue, and the artists it may mean."""

    name: str
    near: tuple[str, ...] = ()


@dataclass(frozen=True)
class PreviewLine:
    """One line of the listing as read: a track or a line that is not one,
    with the warnings that concern it first."""

    line_no: int
    track: ParsedTrack | None = None
    unparsed: UnparsedLine | None = None
    warnings: tuple[ListingWarning, ...] = ()
    # New names on this line that look like an artist the catalogue has.
    near: tuple[ArtistChoice, ...] = ()


@dataclass(frozen=True)
class ListingPreview:
    """Everything the preview partial shows; ``refusal`` when nothing was read."""

    text: str
    options: ListingOptions
    reading: ParsedListing | None = None
    refusal: str = ""
    lines: tuple[PreviewLine, ...] = ()
    general: tuple[ListingWarning, ...] = ()
    new_artists: tuple[ArtistChoice, ...] = field(default=())

    @property
    def track_count(self) -> int:
        return len(self.reading.tracks) if self.reading else 0


def preview_listing(
    text: str,
    options: ListingOptions | None = None,
    *,
    extra_artists: Iterable[str] = (),
    known: Sequence[str] | None = None,
) -> ListingPreview:
    """The catalogue's one reading of ``text`` (``services.read_listing``),
    arranged for the desk, with the artists saving it (and ``extra_artists``,
    the release's own) would add; the parser's refusal (too many lines, not
    text) is kept as the reason instead of raised.

    ``known`` is the catalogue's names (``services.known_artist_names``) when
    the caller has read them already for the same request.
    """
    options = options or ListingOptions()
    if known is None:
        known = services.known_artist_names()
    try:
        reading = services.read_listing(text=text, options=options, known=known)
    except TracklistError as error:
        return ListingPreview(text=text, options=options, refusal=str(error))
    preview = arrange(reading, text=text, options=options)
    new_names = [*services.listing_artist_names(reading), *extra_artists]
    choices = artist_choices(new_names, known=known)
    return replace(preview, new_artists=choices, lines=_with_near(preview, choices))


def _with_near(
    preview: ListingPreview, choices: tuple[ArtistChoice, ...]
) -> tuple[PreviewLine, ...]:
    """Each line that credits a new name looking like a known artist, marked
    so: the writer sees the likely misspelling by its line, not only in the
    list of new artists under the table."""
    near = {choice.name: choice for choice in choices if choice.near}
    if not near:
        return preview.lines
    return tuple(
        replace(
            line,
            near=tuple(near[a.name] for a in line.track.artists if a.name in near),
        )
        if line.track is not None
        else line
        for line in preview.lines
    )


def releases_like(title: str, year: int | None) -> list[Release]:
    """Releases the catalogue already has under this title (any case) and, when
    given, this year: the same listing pasted for a second review should link
    the release the first one made, not make its twin."""
    found = Release.objects.filter(title__iexact=title.strip())
    if year is not None:
        found = found.filter(year=year)
    return list(found.order_by("pk")[:5])


def arrange(
    reading: ParsedListing | None,
    *,
    text: str = "",
    options: ListingOptions | None = None,
    refusal: str = "",
) -> ListingPreview:
    """Lines in listing order, each with the warnings about it (a warning about
    several lines sits by the first); warnings about no line stay apart.

    Reads nothing from the catalogue: the names saving would add are the
    paste form's to ask for (``preview_listing``), as only it confirms them.
    """
    options = options or ListingOptions()
    if reading is None:
        return ListingPreview(text=text, options=options, refusal=refusal)
    by_line: dict[int, list[ListingWarning]] = {}
    general = []
    for warning in reading.warnings:
        first = (
            (warning.lines or (warning.line_no,))[0]
            if (warning.lines or warning.line_no)
            else 0
        )
        if first:
            by_line.setdefault(first, []).append(warning)
        else:
            general.append(warning)
    lines = [
        PreviewLine(t.line_no, track=t, warnings=tuple(by_line.pop(t.line_no, ())))
        for t in reading.tracks
    ] + [
        PreviewLine(u.line_no, unparsed=u, warnings=tuple(by_line.pop(u.line_no, ())))
        for u in reading.unparsed
    ]
    general += [w for rest in by_line.values() for w in rest]
    return ListingPreview(
        text=text,
        options=options,
        reading=reading,
        lines=tuple(sorted(lines, key=lambda line: line.line_no)),
        general=tuple(general),
    )


def artist_choices(
    names_: Iterable[str], *, known: Iterable[str] | None = None
) -> tuple[ArtistChoice, ...]:
    """Each name no artist answers to (``known`` names and aliases, read from
    the catalogue if not given), with the near spellings among the artists."""
    new = services.new_artist_names(names_, known=known)
    if not new:
        return ()
    artists = list(Artist.objects.values_list("name", flat=True))
    return tuple(
        ArtistChoice(name, tuple(m.name for m in names.near_misses(name, artists)[:3]))
        for name in new
    )


def alternative_key(alternative: Alternative) -> str:
    """An alternative as a form value ("order:title-artist", "as_headings:1,4"),
    so a plain submit button can choose it without JavaScript."""
    value = alternative.value
    text = value if isinstance(value, str) else ",".join(map(str, value))
    return f"{alternative.option}:{text}"


def choose_alternative(options: ListingOptions, key: str) -> ListingOptions:
    """``options`` with the alternative ``key`` names added; a malformed key
    changes nothing (it came from a form, so anything may arrive)."""
    option, _, value = key.partition(":")
    data = options.to_json_dict()
    if option == Option.ORDER:
        return ListingOptions.from_json(data, value)
    if option in (Option.AS_HEADINGS, Option.AS_TRACKS, Option.WHOLE_LINES):
        numbers = [int(v) for v in value.split(",") if v.isascii() and v.isdecimal()]
        data[option] = sorted({*data[option], *numbers})
    return ListingOptions.from_json(data)


def parsed_credit_line(track: ParsedTrack) -> str:
    """A parsed track's artists with their join phrases ("Kenny Loggins & Ann
    Wilson"): the desk's filter and the imported listings' artist guess."""
    return "".join(f"{a.name}{a.join}" for a in track.artists).strip()


# --- Name check ------------------------------------------------------------


@dataclass(frozen=True)
class NameWarning:
    """Words in the text that nearly spell a name the catalogue knows."""

    text: str
    start: int
    end: int
    suggestion: str

    @property
    def message(self) -> str:
        return (
            f"Name check: “{self.text}” in the text looks like “{self.suggestion}”. "
            "The text was left as you wrote it."
        )

    def to_json_dict(self) -> dict:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "suggestion": self.suggestion,
            "message": self.message,
        }


def name_check(markdown: str, *, release_ids: Iterable[int] = ()) -> list[NameWarning]:
    """Near misses in a post's Markdown against every artist and alias in the
    catalogue, and the track titles of ``release_ids`` (the releases the post
    reviews), in text order.

    The text is checked as readers will read it (Markdown rendered, then plain
    text, as the post's saved name check sees ``body_text``), so a link's
    address or an image's file name is never flagged; offsets are into that
    plain text.
    """
    text = plain_text(render_markdown(markdown))
    known = services.known_artist_names()
    ids = [int(pk) for pk in release_ids]
    if ids:
        known += list(
            Track.objects.filter(release_id__in=ids).values_list("title", flat=True)
        )
    if not known or not text.strip():
        return []
    return [
        NameWarning(m.text, m.start, m.end, m.suggestion)
        for m in names.find_near_mentions(text, known)
    ]
