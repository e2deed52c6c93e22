"""Where the admin points writers to imported track listings waiting for them."""

from django import template

from linernotes.transfer import listings

register = template.Library()


@register.simple_tag
def waiting_listing_count(user, post_id: int | None = None) -> int:
    """How many imported listings ``user`` could decide (on one post, if given)."""
    return len(listings.waiting_listings(user=user, post_id=post_id))
