"""Filters the desk's music partials use to show a parsed listing."""

from django import template

from linernotes.catalogue import desk
from linernotes.catalogue.tracklist import Alternative, format_duration
from linernotes.catalogue.tracklist import Track as ParsedTrack

register = template.Library()


@register.filter
def duration(seconds: int | None) -> str:
    """3:52 as the catalogue writes it; "" when the line gave none."""
    return format_duration(seconds) if seconds is not None else ""


@register.filter
def credits(track: ParsedTrack) -> str:
    """A parsed track's artists with their join phrases."""
    return desk.parsed_credit_line(track)


@register.filter
def reason_words(reason: str) -> str:
    """The parser's reason code in a few words."""
    return desk.REASON_WORDS.get(reason, "")


@register.filter
def alternative_key(alternative: Alternative) -> str:
    """The form value that chooses ``alternative`` (a plain submit button)."""
    return desk.alternative_key(alternative)


@register.filter
def listing_preview(item) -> desk.ListingPreview:
    """The preview of anything holding a listing's ``text``, ``reading`` and
    ``refusal`` (an imported listing waiting for the writer)."""
    return desk.arrange(item.reading, text=item.text, refusal=item.refusal)
