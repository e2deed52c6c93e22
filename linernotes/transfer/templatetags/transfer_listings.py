"""Where the admin points writers to imported track listings waiting for them."""

from django import template

from linernotes.catalogue.templatetags import catalogue_desk
from linernotes.transfer import listings

register = template.Library()


@register.simple_tag
def waiting_listing_count(user, post_id: int | None = None) -> int:
    """How many imported listings ``user`` could decide (on one post, if given)."""
    return len(listings.waiting_listings(user=user, post_id=post_id))


# A listing waiting for the writer reads as the catalogue desk shows any parsed
# listing: its filters, lent here for templates that load only this library.
register.filter("duration", catalogue_desk.duration)
register.filter("credits", catalogue_desk.credits)
register.filter("reason_words", catalogue_desk.reason_words)
