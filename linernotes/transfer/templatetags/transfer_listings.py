"""Where the admin points writers to imported track listings waiting for them."""

from django import template

from linernotes.catalogue.tracklist import Track, format_duration
from linernotes.transfer import listings

register = template.Library()


@register.simple_tag
def waiting_listing_count(user, post_id: int | None = None) -> int:
    """How many imported listings ``user`` could decide (on one post, if given)."""
    return len(listings.waiting_listings(user=user, post_id=post_id))


@register.filter
def duration(seconds: int | None) -> str:
    """3:52 as the catalogue writes it; "" when the line gave none."""
    return format_duration(seconds) if seconds is not None else ""


@register.filter
def credits(track: Track) -> str:
    """A track's artists as the listing credits them."""
    return listings.credit_line(track)


@register.filter
def reason_words(reason: str) -> str:
    """The parser's reason code in a few words."""
    return listings.REASONS.get(reason, "")
